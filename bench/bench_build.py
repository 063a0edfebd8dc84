"""Build time of the full annotate site against a plain Material build of the same article pages.

Prints a table; not a test. Usage: ``.venv/bin/python bench/bench_build.py [--repeat N] [--no-cold]``.
The plain build gets the same pages as the Simplified edition (articles, bulletin indexes, print pages,
the glossary and its term pages) as plain Markdown: each page's title and its visible text as
paragraphs, no hook, no annotations, one edition, which is what a site without annotate would publish.

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

import yaml  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402
from markdown import markdown as markdown_to_html  # noqa: E402

from annotate.config import load_settings  # noqa: E402
from annotate.site import build_site  # noqa: E402

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


def plain_text(markdown: str) -> list[str]:
    """The visible text of one of our pages, paragraph by paragraph: markup, attributes and links dropped."""
    html = markdown_to_html(markdown, extensions=["attr_list", "md_in_html", "tables", "meta"])
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.select("[hidden], .annotate-alias, script, style"):
        hidden.decompose()
    lines = (line.strip() for line in soup.get_text("\n").splitlines())
    return [escape(line) for line in lines if line]


def escape(text: str) -> str:
    """Plain text as Markdown text (the plain site must not read a bulletin's 1. or * as markup either)."""
    return "".join(f"\\{c}" if c in "\\`*_{}[]<>()#+-.!|~" else c for c in text)


def plain_project(tmp: Path) -> tuple[Path, int]:
    """The plain site: every page of our Simplified edition, as its title and text. Returns the page count."""
    project = tmp / "plain"
    docs = project / "docs"
    docs.mkdir(parents=True)
    site = build_site(ROOT / "docs", load_settings(read_extra(ROOT / "mkdocs.yml")), "plain")
    # Our navigation (the term pages are reached from the glossary, not listed in every page's sidebar)
    nav = yaml.safe_dump({"nav": plain_nav(site.nav)}, allow_unicode=True)
    (project / "mkdocs.yml").write_text(PLAIN_CONFIG + nav, encoding="utf-8")
    for src_uri, markdown in site.pages.items():
        path = docs / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        paragraphs = plain_text(markdown)
        title, body = (paragraphs[0], paragraphs[1:]) if paragraphs else ("plain", [])
        path.write_text("# " + title + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
    return project, len(site.pages)


def plain_nav(item: object) -> object:
    """Our nav with its titles as plain strings (they are HTML-safe string objects YAML cannot write)."""
    if isinstance(item, dict):
        return {str(key): plain_nav(value) for key, value in item.items()}
    if isinstance(item, list):
        return [plain_nav(value) for value in item]
    return str(item)


def read_extra(config: Path) -> dict[str, object]:
    """``extra`` of mkdocs.yml (its ``!!python/name`` tags and the like ignored: only the settings matter)."""

    class Lenient(yaml.SafeLoader):
        pass

    Lenient.add_multi_constructor("!", lambda _loader, _suffix, _node: None)
    extra = yaml.load(config.read_text(encoding="utf-8"), Loader=Lenient).get("extra") or {}
    return dict(extra)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-cold", action="store_true", help="skip the builds without caches")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        plain, pages = plain_project(tmp)
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
    print(f"pages per edition: {pages} (the plain site has the same pages, one edition)")
    print(f"{'build':<28}{'median s':>10}{'runs':>6}{'output MB':>11}")
    print(f"{'plain Material (same pages)':<28}{t_plain:>10.2f}{len(theirs):>6}{plain_size / 1e6:>11.2f}")
    print(f"{'annotate (full site)':<28}{t_ours:>10.2f}{len(ours):>6}{size / 1e6:>11.2f}")
    print(f"ratio annotate / plain: {t_ours / t_plain:.2f} (target <= 2.0)")
    if cold_ours:
        c_ours, c_plain = statistics.median(cold_ours), statistics.median(cold_theirs)
        print(f"{'plain Material, cold':<28}{c_plain:>10.2f}{len(cold_theirs):>6}")
        print(f"{'annotate, cold':<28}{c_ours:>10.2f}{len(cold_ours):>6}")
        print(f"cold ratio annotate / plain: {c_ours / c_plain:.2f} (target <= 2.5)")


if __name__ == "__main__":
    main()
