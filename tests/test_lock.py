"""The Python lock file: every package pinned with hashes, in step with pyproject.toml, used by every install.

A dependency's new release must not change how fast the site builds or what it contains (Markdown 3.11
made a paragraph of n links cost n²): installs come from ``requirements.lock`` only, and the scheduled
workflow ``newest.yml`` tries the newest releases apart. ``make lock`` rewrites the file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"
MAKEFILE = ROOT / "Makefile"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)\s*(?:;(?P<marker>[^\\]+?))?\s*$")


@dataclass(frozen=True, slots=True)
class Pin:
    name: str
    version: Version
    marker: Marker | None
    hashes: tuple[str, ...]

    def applies(self) -> bool:
        return self.marker is None or self.marker.evaluate()


def parse_lock(text: str) -> list[Pin]:
    """Requirements in pip's hash-checking format: ``name==version [; marker] \\`` then ``--hash=…`` lines."""
    logical: list[str] = []
    current = ""
    for line in text.splitlines():
        stripped = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not stripped:
            continue
        current += " " + stripped.removesuffix("\\").strip()
        if not stripped.endswith("\\"):
            logical.append(current.strip())
            current = ""
    assert not current, "the lock ends inside a continued line"
    pins = []
    for entry in logical:
        head, *options = entry.split(" --")
        match = PIN.match(head.strip())
        assert match, f"not an exact pin: {entry[:80]}"
        hashes = tuple(o.removeprefix("hash=") for o in options if o.startswith("hash="))
        assert len(hashes) == len(options), f"options other than --hash in the lock: {entry[:80]}"
        marker = Marker(match["marker"]) if match["marker"] else None
        pins.append(Pin(canonicalize_name(match["name"]), Version(match["version"]), marker, hashes))
    return pins


@pytest.fixture(scope="module")
def pins() -> list[Pin]:
    return parse_lock(LOCK.read_text(encoding="utf-8"))


def pyproject_requirements() -> list[Requirement]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = [*data["project"]["dependencies"], *data["project"]["optional-dependencies"]["test"]]
    return [Requirement(r) for r in [*declared, *data["build-system"]["requires"]]]


def test_every_locked_package_is_pinned_with_sha256_hashes(pins: list[Pin]) -> None:
    assert len(pins) > 40
    assert all(p.hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in p.hashes) for p in pins)


def test_every_declared_dependency_is_locked_at_a_version_it_accepts(pins: list[Pin]) -> None:
    """Fails when pyproject.toml gains or tightens a dependency and ``make lock`` was not run."""
    locked: dict[str, list[Version]] = {}
    for pin in pins:
        locked.setdefault(pin.name, []).append(pin.version)
    problems = []
    for requirement in pyproject_requirements():
        versions = locked.get(canonicalize_name(requirement.name), [])
        if not any(requirement.specifier.contains(v, prereleases=True) for v in versions):
            problems.append(f"{requirement}: locked {[str(v) for v in versions] or 'nothing'}")
        for extra in requirement.extras:  # pagefind[extended] brings pagefind-bin-extended
            if extra == "extended" and canonicalize_name(f"{requirement.name}-bin-extended") not in locked:
                problems.append(f"{requirement}: its extra's package is not locked")
    assert problems == [], "run `make lock`:\n" + "\n".join(problems)


def test_pip_and_setuptools_are_locked_too(pins: list[Pin]) -> None:
    """The project is installed with --no-build-isolation, so its build backend comes from the lock."""
    assert {"pip", "setuptools"} <= {p.name for p in pins}


def test_one_version_per_package_and_environment(pins: list[Pin]) -> None:
    applying: dict[str, list[Version]] = {}
    for pin in pins:
        if pin.applies():
            applying.setdefault(pin.name, []).append(pin.version)
    assert {name: v for name, v in applying.items() if len(v) > 1} == {}


def test_the_tests_run_with_the_locked_versions(pins: list[Pin]) -> None:
    """``make install`` installs exactly the lock; a hand-installed release shows up here."""
    different = []
    for pin in pins:
        if not pin.applies() or pin.name == "pip":  # pip may be newer where a venv was made by hand
            continue
        try:
            installed = Version(metadata.version(pin.name))
        except metadata.PackageNotFoundError:
            different.append(f"{pin.name}: not installed (locked {pin.version})")
            continue
        if installed != pin.version:
            different.append(f"{pin.name}: {installed} installed, {pin.version} locked")
    assert different == [], "run `make install`:\n" + "\n".join(different)


def make_rule(target: str) -> tuple[str, list[str]]:
    """The prerequisites line and the recipe lines of one Makefile rule."""
    lines = MAKEFILE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return lines[start], recipe


def test_make_install_installs_from_the_lock_only() -> None:
    prerequisites, recipe = make_rule("$(STAMP)")
    assert "$(LOCK)" in prerequisites.split(":", 1)[1].split()  # a new lock reinstalls
    assert "LOCK := requirements.lock" in MAKEFILE.read_text(encoding="utf-8")
    pip_lines = [line for line in recipe if " -m pip install" in line]
    assert pip_lines == [
        "$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)",
        "$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .",
    ]


def test_make_lock_writes_the_lock_for_every_platform_with_hashes() -> None:
    _, recipe = make_rule("lock")
    command = " ".join(recipe)
    for option in ("--extra test", "--universal", "--python-version 3.11", "--generate-hashes", "$(LOCK)"):
        assert option in command
    assert LOCK.read_text(encoding="utf-8").startswith(
        "# This file was autogenerated by uv via the following command:\n#    make lock\n"
    )


def test_ci_caches_pip_downloads_by_the_lock() -> None:
    ci = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    setup = [s for job in ci["jobs"].values() for s in job["steps"] if s.get("uses", "").startswith(
        "actions/setup-python@")]
    assert setup and all("requirements.lock" in s["with"]["cache-dependency-path"].split() for s in setup)


def test_lock_parser_rejects_a_range_and_a_missing_hash() -> None:
    with pytest.raises(AssertionError, match="exact pin"):
        parse_lock("markdown>=3.10 \\\n    --hash=sha256:" + "0" * 64 + "\n")
    [pin] = parse_lock("markdown==3.10 ; python_version >= '3.11' \\\n    --hash=sha256:" + "0" * 64 + "\n")
    assert (pin.name, str(pin.version), pin.applies()) == ("markdown", "3.10", True)
    [bare] = parse_lock("markdown==3.10\n")
    assert bare.hashes == ()  # and test_every_locked_package_is_pinned_with_sha256_hashes rejects it


# --------------------------------------------------------------------------- the weekly newest-releases job

NEWEST = ROOT / ".github/workflows/newest.yml"


def test_newest_workflow_runs_on_a_schedule_and_reports_to_the_summary() -> None:
    workflow = yaml.safe_load(NEWEST.read_text(encoding="utf-8"))
    on = workflow.get("on", workflow.get(True))
    assert set(on) == {"schedule", "workflow_dispatch"} and on["schedule"][0]["cron"]
    scripts = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    joined = "\n".join(scripts)
    assert joined.index("make install") < joined.index("bench/newest_deps.py")
    assert '--summary "$GITHUB_STEP_SUMMARY"' in joined


def test_newest_report_lists_versions_times_and_differing_files(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    import newest_deps

    sites = {}
    for name, title in (("locked", "甲"), ("newest", "乙")):
        site = tmp_path / name / "site"
        (site / "2026-03").mkdir(parents=True)
        (site / "2026-03" / "01.html").write_text(f"<h1>{title}</h1>\n<p>同</p>\n", encoding="utf-8")
        (site / "same.txt").write_text("同", encoding="utf-8")
        sites[name] = site.parent
    (sites["newest"] / "site" / "extra.js").write_text("", encoding="utf-8")
    sides = {
        "locked": newest_deps.Side("locked", Path("python"), sites["locked"], {"markdown": "3.10"}, 5.0, [2.0],
                                   {"mkdocs pages zh-Hans": 1.0}),
        "newest": newest_deps.Side("newest", Path("python"), sites["newest"], {"markdown": "3.11.4"}, 9.0, [4.0],
                                   {"mkdocs pages zh-Hans": 3.0}),
    }
    lines, failed = newest_deps.report(sides, 10, 1, tmp_path, max_slowdown=1.5)
    text = "\n".join(lines)
    assert failed  # twice as slow
    assert "| markdown | 3.10 | 3.11.4 |" in text
    assert "| warm | 2.00 | 4.00 | 2.00× |" in text and "| mkdocs pages zh-Hans | 1.00 | 3.00 | 3.00× |" in text
    assert "1 differ, 0 only with the locked releases, 1 only with the newest" in text
    assert "-<h1>甲</h1>" in text and "+<h1>乙</h1>" in text
    assert "+<h1>乙</h1>" in (tmp_path / "site.diff").read_text(encoding="utf-8")
    sides["newest"].warm = [2.1]
    assert not newest_deps.report(sides, 10, 1, None, max_slowdown=1.5)[1]


# --------------------------------------------------------------------------- the ProperDocs lock (make properdocs)

PROPERDOCS_LOCK = ROOT / "requirements-properdocs.lock"


def test_properdocs_lock_pins_the_main_lock_plus_properdocs_without_mkdocs(pins: list[Pin]) -> None:
    """``make properdocs`` builds with the same releases as ``make build``, ProperDocs instead of MkDocs.

    Fails when ``requirements.lock`` moved without ``make lock-properdocs`` (``make lock`` runs both).
    """
    properdocs_pins = parse_lock(PROPERDOCS_LOCK.read_text(encoding="utf-8"))
    assert PROPERDOCS_LOCK.read_text(encoding="utf-8").startswith(
        "# This file was autogenerated by uv via the following command:\n#    make lock-properdocs\n")
    assert all(p.hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in p.hashes) for p in properdocs_pins)
    version = re.search(r"^PROPERDOCS_VERSION := (\S+)$", MAKEFILE.read_text(encoding="utf-8"), re.M)
    assert version
    locked = {(p.name, p.version): p.hashes for p in pins}
    names = {p.name for p in properdocs_pins}
    assert [(p.name, str(p.version)) for p in properdocs_pins if p.name == "properdocs"] == [
        ("properdocs", version[1])]
    assert "mkdocs" not in names  # ProperDocs stands in for it; nothing can fall back on MkDocs' code
    drifted = [f"{p.name}=={p.version}" for p in properdocs_pins
               if p.name != "properdocs" and locked.get((p.name, p.version)) != p.hashes]
    assert drifted == [], "run `make lock-properdocs`: " + ", ".join(drifted)
    runtime = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    missing = {canonicalize_name(Requirement(r).name) for r in runtime} - names - {"mkdocs"}
    assert missing == set()


def test_make_properdocs_installs_its_own_lock_and_compares_two_builds() -> None:
    prerequisites, recipe = make_rule("$(PROPERDOCS_STAMP)")
    assert "$(PROPERDOCS_LOCK)" in prerequisites.split(":", 1)[1].split()
    assert [line for line in recipe if " -m pip install" in line] == [
        "$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --require-hashes --no-deps -r $(PROPERDOCS_LOCK)",
        "$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .",
    ]
    _, recipe = make_rule("properdocs")
    command = " ".join(recipe)
    assert "properdocs build --strict" in command and "$(BIN)/mkdocs build --strict" in command
    assert "tests/compare_sites.py" in command
    _, lock_recipe = make_rule("lock")
    assert "lock-properdocs" in lock_recipe[-1]
