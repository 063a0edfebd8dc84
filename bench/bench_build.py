"""Build time of the full annotate site against a plain Material build of the same article pages.

Prints a table; not a test. Usage: ``.venv/bin/python bench/bench_build.py [--repeat N] [--no-cold]``.
The plain build gets one Markdown file per article (title + paragraphs, no hook, one edition), which is
what a site without annotate would publish.

Warm builds reuse the caches of the previous build (``.cache/annotate/`` and jieba's model cache in the
temp folder), as an editor's machine or a CI with a cache does. Cold builds start from a fresh copy of the
project and an empty temp folder, for both sides: what a CI run without any cache pays.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from annotate.settings import Settings  # noqa: E402
from annotate.site import load_bulletins  # noqa: E402

PLAIN_CONFIG = """site_name: plain
site_url: https://example.org/
theme:
  name: material
  language: zh
  font: false
plugins:
  - search:
      lang: zh
"""


def timed_build(config: Path, site: Path, tmpdir: Path | None = None) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    if tmpdir is not None:  # jieba keeps its model cache in the temp folder
        tmpdir.mkdir(parents=True, exist_ok=True)
        env["TMPDIR"] = str(tmpdir)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   check=True, env=env, cwd=config.parent, capture_output=True)
    return time.perf_counter() - start


def plain_project(tmp: Path) -> Path:
    project = tmp / "plain"
    docs = project / "docs"
    docs.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# plain\n", encoding="utf-8")
    for bulletin in load_bulletins(ROOT / "docs", Settings()):
        folder = docs / bulletin.slug
        folder.mkdir()
        for article in bulletin.articles:
            body = "\n\n".join(b.text for b in article.blocks)
            (folder / f"{article.slug}.md").write_text(f"# {article.title}\n\n{body}\n", encoding="utf-8")
    return project


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-cold", action="store_true", help="skip the builds without caches")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        plain = plain_project(tmp)
        ours, theirs = [], []
        for _ in range(args.repeat):
            theirs.append(timed_build(plain / "mkdocs.yml", tmp / "plain-site"))
            ours.append(timed_build(ROOT / "mkdocs.yml", tmp / "annotate-site"))
        cold_ours, cold_theirs = [], []
        for run in range(0 if args.no_cold else args.repeat):
            fresh = tmp / f"cold-{run}"
            skip = shutil.ignore_patterns(".git", ".venv", "site", ".cache", "test-output", "node_modules")
            shutil.copytree(ROOT, fresh / "project", symlinks=True, ignore=skip)
            (fresh / "project" / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
            cold_theirs.append(timed_build(plain / "mkdocs.yml", fresh / "plain-site", fresh / "tmp-plain"))
            cold_ours.append(timed_build(fresh / "project" / "mkdocs.yml", fresh / "site", fresh / "tmp-ours"))
            shutil.rmtree(fresh)
        size = sum(f.stat().st_size for f in (tmp / "annotate-site").rglob("*") if f.is_file())
        plain_size = sum(f.stat().st_size for f in (tmp / "plain-site").rglob("*") if f.is_file())
        shutil.rmtree(tmp / "plain-site")
    t_ours, t_plain = statistics.median(ours), statistics.median(theirs)
    print(f"{'build':<28}{'median s':>10}{'runs':>6}{'output MB':>11}")
    print(f"{'plain Material (same pages)':<28}{t_plain:>10.2f}{len(theirs):>6}{plain_size / 1e6:>11.2f}")
    print(f"{'annotate (full site)':<28}{t_ours:>10.2f}{len(ours):>6}{size / 1e6:>11.2f}")
    print(f"ratio annotate / plain: {t_ours / t_plain:.2f} (target <= 2.5)")
    if cold_ours:
        c_ours, c_plain = statistics.median(cold_ours), statistics.median(cold_theirs)
        print(f"{'plain Material, cold':<28}{c_plain:>10.2f}{len(cold_theirs):>6}")
        print(f"{'annotate, cold':<28}{c_ours:>10.2f}{len(cold_ours):>6}")
        print(f"cold ratio annotate / plain: {c_ours / c_plain:.2f}")


if __name__ == "__main__":
    main()
