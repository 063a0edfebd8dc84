"""Build a copy of the project's site in a temporary folder, with chosen bulletins."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent


def make_project(tmp: Path, bulletins: dict[str, bytes] | None = None, keep_real: bool = False) -> Path:
    """A project folder: the real mkdocs.yml, hooks and docs, with ``bulletins`` as its bulletins."""
    project = tmp / "project"
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("hooks", "overrides"):
        shutil.copytree(ROOT / folder, project / folder, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", project / "docs", dirs_exist_ok=True,
                    ignore=None if keep_real else shutil.ignore_patterns("bulletins"))
    if not (project / "node_modules").exists():
        (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    folder = project / "docs" / "bulletins"
    folder.mkdir(exist_ok=True)
    for name, data in (bulletins or {}).items():
        (folder / name).write_bytes(data)
    return project


def run_build(project: Path, site: Path | None = None, extra_env: dict[str, str] | None = None,
              command: str = "build") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    args = [sys.executable, "-m", "mkdocs", command, "--strict", "-f", str(project / "mkdocs.yml")]
    if site is not None:
        args += ["-d", str(site)]
    return subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=600)


def block_texts(html_path: Path) -> list[str]:
    """The bulletin text shown on one article page: every ``.annotate-block``, permalinks removed."""
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    assert article is not None, html_path
    for link in article.select(".headerlink"):
        link.decompose()
    return [element.get_text() for element in article.select(".annotate-block")]


def article_pages(site: Path, slug: str) -> list[Path]:
    return sorted(p for p in (site / slug).glob("*.html") if p.stem.isdigit())
