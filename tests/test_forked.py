"""The other editions built in a forked child: results, failures and timings come back to the parent."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sitebuild import make_project, run_build

from annotate import forked
from annotate.timing import Timings

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the platform cannot fork: editions are built in turn")


def test_the_childs_timings_and_counters_are_added_to_the_parents(tmp_path: Path) -> None:
    timings = Timings()
    timings.count("conversion memo misses", 2)
    marker = tmp_path / "written-by-the-child"

    def call() -> None:
        with timings.stage("mkdocs pages zh-Hant"):
            marker.write_text("pages", encoding="utf-8")
        timings.count("conversion memo misses", 5)

    forked.ForkedCall.start(call, timings).wait()
    assert marker.read_text(encoding="utf-8") == "pages"
    assert timings.counters == {"conversion memo misses": 7, "editions built in parallel": 1}
    assert "mkdocs pages zh-Hant" in timings.stages


def test_an_error_in_the_child_is_raised_in_the_parent_with_its_class_and_message() -> None:
    def call() -> None:
        raise ValueError("第 12 行：日期无效")

    child = forked.ForkedCall.start(call, Timings(), expected=(ValueError,))
    with pytest.raises(forked.ChildFailed) as failed:
        child.wait()
    assert failed.value.error_type == "ValueError" and str(failed.value) == "第 12 行：日期无效"


def test_a_child_that_dies_without_answering_is_a_failure_not_a_hang() -> None:
    child = forked.ForkedCall.start(lambda: os._exit(3), Timings())
    with pytest.raises(forked.ChildFailed) as failed:
        child.wait()
    assert failed.value.error_type == "ChildProcessError" and "exit status 3" in str(failed.value)


def test_stopping_ends_the_child_and_a_reaped_child_is_never_signalled_again() -> None:
    child = forked.ForkedCall.start(lambda: time.sleep(60), Timings())
    started = time.monotonic()
    child.stop()
    assert time.monotonic() - started < 30
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)  # already reaped by stop()
    child.stop()  # a second stop does nothing (the pid may belong to another process by now)


@pytest.mark.parametrize(("jobs", "fork"), [("1", False), ("2", True), ("", (os.cpu_count() or 1) > 1)])
def test_annotate_jobs_decides_whether_to_fork(monkeypatch: pytest.MonkeyPatch, jobs: str, fork: bool) -> None:
    monkeypatch.setenv(forked.JOBS_VARIABLE, jobs)
    assert forked.allowed() is fork


def test_editions_built_in_turn_and_side_by_side_are_byte_identical(march_site: Path, tmp_path: Path) -> None:
    """The shared March site is built with the editions side by side (where the machine can); the same
    project built with ``ANNOTATE_JOBS=1`` writes the same bytes, the offline zip included."""
    project = make_project(tmp_path, keep_real=True)
    result = run_build(project, tmp_path / "site", extra_env={forked.JOBS_VARIABLE: "1"})
    assert result.returncode == 0, result.stderr
    assert "editions built in parallel" not in json_stats(project)
    assert tree(tmp_path / "site") == tree(march_site)


def json_stats(project: Path) -> dict[str, int]:
    import json

    counters: dict[str, int] = json.loads((project / ".cache/annotate/build-stats.json").read_text())["counters"]
    return counters


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
