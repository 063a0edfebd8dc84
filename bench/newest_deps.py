"""Build the site with the locked dependencies and with the newest releases; report time and output differences.

The project installs from ``requirements.lock`` (``make install``), so a dependency's new release changes
nothing until ``make lock`` moves the pin. This script shows what moving the pins would change: it makes a
second virtual environment with the newest releases that ``pyproject.toml`` allows, builds the same project
(a synthetic archive of ``--bulletins`` bulletins made from the repository's own, like
``bench_archive.py``) with both environments, and reports

- the packages whose version differs between the two environments,
- build times (cold first build, median of ``--repeat`` warm builds, the hook's stage times),
- the files that differ between the two sites, with the first lines of their diffs.

Usage (``.github/workflows/newest.yml`` runs it weekly)::

    .venv/bin/python bench/newest_deps.py [--bulletins 10] [--repeat 2] [--summary FILE] [--out DIR]

The report is Markdown, printed and appended to ``--summary`` (the job summary on GitHub Actions);
``--out`` receives the full diff and the report. Exit status 1 when a build fails or the newest
releases build more than ``--max-slowdown`` times slower; differing output is reported, not fatal.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from sitebuild import make_project  # noqa: E402
from synth_archive import archive  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
SIDES = ("locked", "newest")
EXCERPT_FILES = 3  # diffs shown in the report (all of them go to --out)
EXCERPT_LINES = 30
LINE_CHARS = 240


@dataclass
class Side:
    name: str
    python: Path
    project: Path
    versions: dict[str, str] = field(default_factory=dict)
    cold: float = 0.0
    warm: list[float] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)
    error: str = ""

    @property
    def site(self) -> Path:
        return self.project / "site"


def run(args: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]


def newest_environment(venv: Path) -> Path:
    """A fresh venv with the newest releases of everything the project needs to build (not its test tools)."""
    shutil.rmtree(venv, ignore_errors=True)
    run([sys.executable, "-m", "venv", venv], check=True)
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip", "setuptools"], check=True)
    done = run([python, "-m", "pip", "install", "--quiet", "--upgrade", "--upgrade-strategy", "eager", ROOT])
    if done.returncode != 0:
        raise SystemExit(f"installing the newest releases failed:\n{done.stderr[-3000:]}")
    return python


def installed(python: Path) -> dict[str, str]:
    listing = run([python, "-m", "pip", "list", "--format", "json"], check=True).stdout
    return {item["name"].lower().replace("_", "-"): item["version"] for item in json.loads(listing)}


def build(side: Side) -> float | None:
    """One ``mkdocs build --strict``; its wall time, or None (and ``side.error``) when it fails."""
    shutil.rmtree(side.site, ignore_errors=True)
    start = time.perf_counter()
    done = run([side.python, "-m", "mkdocs", "build", "--strict", "-q", "-f", side.project / "mkdocs.yml",
                "-d", side.site], cwd=side.project, env=ENV)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        side.error = done.stderr[-3000:] or f"exit status {done.returncode}"
        return None
    stats = side.project / ".cache/annotate/build-stats.json"
    if stats.exists():
        side.stages = {k: float(v) for k, v in json.loads(stats.read_text(encoding="utf-8"))["stages"].items()}
    return wall


def compare_sites(a: Path, b: Path) -> tuple[list[str], list[str], list[str]]:
    """Paths only in ``a``, only in ``b``, and in both with different bytes (sorted, relative)."""
    only_a, only_b, differ = [], [], []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        only_a.extend(prefix + n for n in cmp.left_only)
        only_b.extend(prefix + n for n in cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        differ.extend(prefix + n for n in [*mismatch, *errors])
        for name, sub in sorted(cmp.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return sorted(only_a), sorted(only_b), sorted(differ)


def text_diff(a: Path, b: Path, path: str) -> list[str]:
    try:
        left = a.joinpath(path).read_text(encoding="utf-8").splitlines()
        right = b.joinpath(path).read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        return [f"Binary files locked/{path} and newest/{path} differ"]
    return list(difflib.unified_diff(left, right, f"locked/{path}", f"newest/{path}", lineterm="", n=1))


def shown_first(paths: list[str]) -> list[str]:
    """Pages before assets: an article page and the glossary say most about what changed."""
    return sorted(paths, key=lambda p: (not p.endswith(".html"), "/assets/" in f"/{p}", p))


def seconds(value: float | None) -> str:
    return "failed" if value is None else f"{value:.2f}"


def ratio(new: float | None, old: float | None) -> str:
    return "" if not new or not old else f"{new / old:.2f}×"


def report(sides: dict[str, Side], bulletins: int, repeat: int, out: Path | None, max_slowdown: float) -> tuple[
        list[str], bool]:
    locked, newest = sides["locked"], sides["newest"]
    lines = [f"## Locked dependencies against the newest releases ({bulletins} bulletins)", ""]
    changed = sorted(set(locked.versions) | set(newest.versions))
    rows = [(n, locked.versions.get(n, "—"), newest.versions.get(n, "—")) for n in changed
            if locked.versions.get(n) != newest.versions.get(n) and n in newest.versions]
    if rows:
        lines += ["| package | locked | newest |", "| --- | --- | --- |"]
        lines += [f"| {n} | {a} | {b} |" for n, a, b in rows]
    else:
        lines.append("The lock already pins the newest release of every package the build uses.")
    lines += ["", f"### Build time (seconds; warm: median of {repeat})", "",
              "| build | locked | newest | newest/locked |", "| --- | --- | --- | --- |"]
    warm = {s.name: statistics.median(s.warm) if s.warm and not s.error else None for s in sides.values()}
    cold = {s.name: s.cold if s.cold and not s.error else None for s in sides.values()}
    lines.append(f"| cold | {seconds(cold['locked'])} | {seconds(cold['newest'])} | "
                 f"{ratio(cold['newest'], cold['locked'])} |")
    lines.append(f"| warm | {seconds(warm['locked'])} | {seconds(warm['newest'])} | "
                 f"{ratio(warm['newest'], warm['locked'])} |")
    for stage in sorted(set(locked.stages) | set(newest.stages)):
        a, b = locked.stages.get(stage), newest.stages.get(stage)
        if max(a or 0, b or 0) >= 0.05:
            lines.append(f"| {stage} | {seconds(a)} | {seconds(b)} | {ratio(b, a)} |")
    failed = [s for s in sides.values() if s.error]
    for side in failed:
        lines += ["", f"**The build with the {side.name} dependencies failed:**", "", "```",
                  side.error.strip(), "```"]
    slow = warm["locked"] and warm["newest"] and warm["newest"] > max_slowdown * warm["locked"]
    if slow:
        lines += ["", f"**The newest releases build {ratio(warm['newest'], warm['locked'])} as slowly "
                      f"(limit {max_slowdown}×).**"]
    if not failed:
        lines += output_report(locked.site, newest.site, out)
    return lines, bool(failed or slow)


def output_report(a: Path, b: Path, out: Path | None) -> list[str]:
    only_a, only_b, differ = compare_sites(a, b)
    total = sum(1 for p in a.rglob("*") if p.is_file())
    lines = ["", "### Output", ""]
    if not (only_a or only_b or differ):
        return [*lines, f"The two sites are identical ({total} files)."]
    lines.append(f"Of {total} files: {len(differ)} differ, {len(only_a)} only with the locked releases, "
                 f"{len(only_b)} only with the newest.")
    for label, paths in (("differ", differ), ("only locked", only_a), ("only newest", only_b)):
        if paths:
            listed = ", ".join(f"`{p}`" for p in shown_first(paths)[:20])
            lines.append(f"- {label}: {listed}{' …' if len(paths) > 20 else ''}")
    full: list[str] = []
    excerpts: list[str] = []
    for index, path in enumerate(shown_first(differ)):
        diff = text_diff(a, b, path)
        full.extend(diff)
        if index < EXCERPT_FILES:
            excerpts += [line[:LINE_CHARS] + ("…" if len(line) > LINE_CHARS else "")
                         for line in diff[:EXCERPT_LINES]]
    if excerpts:
        lines += ["", "```diff", *excerpts, "```"]
    if out is not None:
        (out / "site.diff").write_text("\n".join(full) + "\n", encoding="utf-8")
        lines.append("\nThe full diff is `site.diff` in the job's artifact.")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bulletins", type=int, default=10, help="size of the synthetic archive")
    parser.add_argument("--repeat", type=int, default=2, help="warm builds per environment")
    parser.add_argument("--locked-python", type=Path, default=Path(sys.executable),
                        help="interpreter of the locked environment (default: this one)")
    parser.add_argument("--newest-venv", type=Path, help="where to make the newest environment (default: temp)")
    parser.add_argument("--max-slowdown", type=float, default=1.5)
    parser.add_argument("--summary", type=Path, help="append the Markdown report to this file")
    parser.add_argument("--out", type=Path, help="folder for the report and the full diff")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="newest-deps-"))
    try:
        files = archive(sorted((ROOT / "docs/bulletins").glob("*.txt")), args.bulletins, args.seed)
        newest_python = newest_environment(args.newest_venv or tmp / "venv")
        sides = {name: Side(name, python, make_project(tmp / name, files))
                 for name, python in zip(SIDES, (args.locked_python, newest_python), strict=True)}
        for side in sides.values():
            side.versions = installed(side.python)
            side.cold = build(side) or 0.0
            print(f"{side.name}: cold build {seconds(side.cold or None)} s", file=sys.stderr, flush=True)
        for _ in range(args.repeat):  # alternate, so a slow minute of the machine hits both sides
            for side in sides.values():
                if not side.error:
                    wall = build(side)
                    if wall is not None:
                        side.warm.append(wall)
                    print(f"{side.name}: warm build {seconds(wall)} s", file=sys.stderr, flush=True)
        if args.out is not None:
            args.out.mkdir(parents=True, exist_ok=True)
        lines, failed = report(sides, args.bulletins, args.repeat, args.out, args.max_slowdown)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.summary is not None:
        with args.summary.open("a", encoding="utf-8") as summary:
            summary.write(text)
    if args.out is not None:
        (args.out / "report.md").write_text(text, encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
