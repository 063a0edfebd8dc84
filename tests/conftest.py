"""Shared fixtures: one build of the site from the repository's March bulletin for every test that reads it."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitebuild import make_project, run_build  # noqa: E402


@pytest.fixture(scope="session")
def march_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both editions and the offline zip, built once per test session from the repository's docs/ (the March
    bulletin), shared by tests/ and tests/browser/."""
    tmp = tmp_path_factory.mktemp("march-site")
    project = make_project(tmp, keep_real=True)
    assert sorted(p.name for p in (project / "docs/bulletins").iterdir()) == ["2026-03.txt"]
    result = run_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return tmp / "site"
