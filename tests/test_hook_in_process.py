"""The MkDocs hook driven in this process, as ``mkdocs build`` and ``mkdocs serve`` drive it: one ``Run`` and one
pipeline for both editions and for every rebuild, and nothing of one build leaking into the next."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from sitebuild import make_project

from annotate import edition, forked

SMALL = "标题甲\n\n正文一段，提到新征程。\n\n标题乙\n\n正文又一段。\n".encode()


def build_in_process(project: Path, site: Path) -> ModuleType:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    build(config)
    hook = sys.modules["hooks/annotate_hook.py"]  # MkDocs loads a hook once per process, named as in mkdocs.yml
    return hook


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(forked.JOBS_VARIABLE, "1")  # the nested build in this process, where the test sees it
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return make_project(tmp_path, {"2026-05.txt": SMALL})


def test_both_editions_share_one_run_and_one_pipeline(project: Path, tmp_path: Path) -> None:
    hook = build_in_process(project, tmp_path / "site")
    run = hook.RUN
    assert run.building == edition.SIMPLIFIED  # the nested build handed the handlers back
    assert set(run.projects) == {"zh-Hans", "zh-Hant"}
    assert all(p.pipeline is run.pipeline for p in run.projects.values())
    assert run.others_building is None and run.staged is None
    counters = run.pipeline.timings.counts()
    assert counters["analysis computed"] == 1 and counters["analysis reused"] == 1  # terms matched once
    assert (tmp_path / "site/2026-05/01.html").exists() and (tmp_path / "site/zh-Hant/2026-05/01.html").exists()


def test_a_rebuild_reuses_the_pipeline_and_writes_the_same_site(project: Path, tmp_path: Path) -> None:
    """What ``mkdocs serve`` does on every save: the second build segments nothing again, matches the terms
    once more (new build, new analysis), and its output equals the first one's byte for byte."""
    build_in_process(project, tmp_path / "first")
    hook = build_in_process(project, tmp_path / "second")
    counters = hook.RUN.pipeline.timings.counts()
    assert counters.get("segment cache misses", 0) == 0 and counters["segment cache hits"] >= 1
    assert counters.get("conversion memo misses", 0) == 0
    assert tree(tmp_path / "first") == tree(tmp_path / "second")


def test_a_bad_bulletin_in_process_stops_with_one_message_and_no_site(
        project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (project / "docs/bulletins/2026-05.yml").write_text("date: 2026-02-30\n", encoding="utf-8")
    with pytest.raises(Abort):  # MkDocs logs a BuildError's message, then aborts
        build_in_process(project, tmp_path / "site")
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and errors[0].startswith("docs/bulletins/2026-05.yml:1: "), errors
    assert "Traceback" not in errors[0]
    assert not (tmp_path / "site").exists()
    assert sys.modules["hooks/annotate_hook.py"].RUN.building == edition.SIMPLIFIED


def test_a_build_prunes_memo_files_no_build_uses(project: Path, tmp_path: Path) -> None:
    """The cache does not grow with every edit: memos of earlier states beyond the newest three of a kind go,
    as does one unused for a month; this build's own memos, and files that are not memos, stay."""
    import os
    import time

    cache = project / ".cache" / "annotate"
    cache.mkdir(parents=True)
    now = time.time()
    planted = {}
    for n in range(5):  # five earlier conversion memos, from an hour to five hours old
        path = cache / f"converted-{n:016x}.json"
        path.write_text("{}", encoding="utf-8")
        os.utime(path, (now - 3600 * (n + 1), now - 3600 * (n + 1)))
        planted[n] = path
    retired = cache / "search-segments-0123456789abcdef.json"  # a kind of memo no longer written
    retired.write_text("{}", encoding="utf-8")
    os.utime(retired, (now - 40 * 86_400, now - 40 * 86_400))
    notes = cache / "notes.txt"
    notes.write_text("not a memo", encoding="utf-8")
    hook = build_in_process(project, tmp_path / "site")
    memos = sorted(p.name for p in cache.glob("converted-*.json"))
    assert len(memos) == 3, memos
    assert planted[0].exists() and planted[1].exists()  # with this build's own memo: the newest three
    assert not any(planted[n].exists() for n in (2, 3, 4))
    assert not retired.exists() and notes.exists()
    assert hook.RUN.pipeline.timings.counts()["cache files pruned"] == 4
