"""Build time of the full annotate site against a plain Material build of the same article pages.

Prints a table; not a test. Usage: ``.venv/bin/python bench/bench_build.py [--repeat N]``.
The plain build gets one Markdown file per article (title + paragraphs, no hook, one edition), which is
what a site without annotate would publish.
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


def timed_build(config: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        plain = plain_project(tmp)
        ours, theirs = [], []
        for _ in range(args.repeat):
            theirs.append(timed_build(plain / "mkdocs.yml", tmp / "plain-site"))
            ours.append(timed_build(ROOT / "mkdocs.yml", tmp / "annotate-site"))
        size = sum(f.stat().st_size for f in (tmp / "annotate-site").rglob("*") if f.is_file())
        plain_size = sum(f.stat().st_size for f in (tmp / "plain-site").rglob("*") if f.is_file())
        shutil.rmtree(tmp / "plain-site")
    t_ours, t_plain = statistics.median(ours), statistics.median(theirs)
    print(f"{'build':<28}{'median s':>10}{'runs':>6}{'output MB':>11}")
    print(f"{'plain Material (same pages)':<28}{t_plain:>10.2f}{len(theirs):>6}{plain_size / 1e6:>11.2f}")
    print(f"{'annotate (full site)':<28}{t_ours:>10.2f}{len(ours):>6}{size / 1e6:>11.2f}")
    print(f"ratio annotate / plain: {t_ours / t_plain:.2f}")


if __name__ == "__main__":
    main()
