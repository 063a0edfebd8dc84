"""Shared fixtures: one build of the site from the repository's March bulletin for every test that reads it."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitebuild import make_project, run_build  # noqa: E402


@pytest.fixture(scope="session")
def march_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both editions and the offline zip, built once per test session from docs/ with the March bulletin."""
    tmp = tmp_path_factory.mktemp("march-site")
    project = make_project(tmp, {"2026-03.txt": (ROOT / "docs/bulletins/2026-03.txt").read_bytes()})
    result = run_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return tmp / "site"
