"""What the report covers: where the project's files are, the git ref it compares with, the changed files.

Git is called through ``subprocess`` only to list changed paths and read old versions.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..edition import ConversionSettings
from ..settings import ConfigFile, Settings
from ..site import bulletin_files, load_xref_settings
from ..xref import XrefSettings
from .model import Status


class ReportError(Exception):
    """A report that cannot be made (unknown git ref, not a repository, bad settings): one line, no traceback."""


# ------------------------------------------------------------------------------------------------ git


def git(args: Sequence[str], cwd: Path) -> bytes:
    """Run git and return its stdout; any failure becomes a :class:`ReportError` with git's own message."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as err:
        raise ReportError(f"cannot run git: {err.strerror}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReportError(f"git {' '.join(args)}: {message[-1] if message else f'exit {done.returncode}'}")
    return done.stdout


def git_lines(args: Sequence[str], cwd: Path) -> list[str]:
    return [line for line in git(args, cwd).decode("utf-8", "surrogateescape").splitlines() if line]


@dataclass(frozen=True, slots=True)
class Base:
    """The ref the report compares with. ``commit`` is where the branch left it (the merge base), because
    ``REF...HEAD`` lists changes since then: comparing with REF's tip would show other people's later
    changes on REF as if this branch had undone them."""

    ref: str
    tip: str
    commit: str
    root: Path  # top level of the working tree; git paths are relative to it

    def show(self, path: str) -> bytes | None:
        """``path`` (relative to the top level) as it was at the base, or None if it did not exist."""
        spec = f"{self.commit}:{path}"
        exists = subprocess.run(["git", "cat-file", "-e", spec], cwd=self.root, capture_output=True, check=False)
        return git(["show", spec], self.root) if exists.returncode == 0 else None

    def files_under(self, path: str) -> list[str]:
        """Files at the base at ``path`` itself or below it (a glossary may be a folder)."""
        return git_lines(["ls-tree", "-r", "--name-only", self.commit, "--", path], self.root)


def resolve_base(ref: str, cwd: Path) -> Base:
    """Check the ref before any heavy work, so a typo fails at once with one clear line."""
    try:
        root = Path(git(["rev-parse", "--show-toplevel"], cwd).decode().strip())
    except ReportError:
        raise ReportError(f"{cwd}: not inside a git working tree (needed for --base)") from None
    try:
        tip = git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root).decode().strip()
    except ReportError:
        raise ReportError(f"unknown git ref “{ref}” (未知的 git 引用; fetch it or check the name)") from None
    try:
        commit = git(["merge-base", tip, "HEAD"], root).decode().strip()
    except ReportError:
        commit = tip  # no common history (e.g. a shallow clone): compare with the tip itself
    return Base(ref, tip, commit, root)


def changed_paths(base: Base) -> set[str]:
    """Paths changed on this branch since the base, plus uncommitted and untracked ones (a local run
    before committing should show the edit being made). Renames count as a deletion and an addition."""
    committed = git_lines(["diff", "--name-only", "--no-renames", f"{base.commit}...HEAD"], base.root)
    worktree = git_lines(["diff", "--name-only", "--no-renames", "HEAD"], base.root)
    untracked = git_lines(["ls-files", "--others", "--exclude-standard"], base.root)
    return {*committed, *worktree, *untracked}


# ----------------------------------------------------------------------------------------- the project


@dataclass(slots=True)
class Layout:
    """Where the report finds things: the same settings the site build reads from ``mkdocs.yml``."""

    root: Path  # git top level, or the working directory outside git
    docs: Path
    site: Path
    settings: Settings
    conversion: ConversionSettings
    xref: XrefSettings

    @classmethod
    def load(cls, docs: Path | None, site: Path | None, config: Path) -> Layout:
        found = ConfigFile.read(config)
        settings = found.settings
        conversion = settings.conversion  # validated with the other settings by ConfigFile.read
        docs = docs or found.docs_dir
        site = site or found.site_dir
        try:
            xref = load_xref_settings(docs, settings)  # exactly what the site build uses
        except ValueError as err:
            raise ReportError(str(err)) from None
        return cls(Path.cwd(), docs, site, settings, conversion, xref)

    @property
    def bulletins(self) -> Path:
        return self.docs / self.settings.bulletins

    @property
    def glossary(self) -> Path:
        return self.docs / self.settings.glossary

    @property
    def overrides(self) -> Path:
        return self.docs / self.conversion.overrides

    def rel(self, path: Path) -> str:
        """``path`` as git names it (relative to the top level, with forward slashes)."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def current_files(self) -> list[Path]:
        return bulletin_files(self.docs, self.settings)


def under(path: str, target: str) -> bool:
    """``path`` is ``target`` or lies below it (both with forward slashes)."""
    return path == target or path.startswith(target.rstrip("/") + "/")


# ----------------------------------------------------------------------------------------------- scope


@dataclass(slots=True)
class Scope:
    """The bulletins the report covers and why."""

    files: list[tuple[str, Status]]  # (git path of the .txt, status)
    all: bool
    reasons: list[str] = field(default_factory=list)
    config_changed: list[str] = field(default_factory=list)


def find_scope(layout: Layout, base: Base | None) -> Scope:
    """Without a base: every bulletin. With one: those whose text or sidecar changed — or every bulletin
    when the glossary or the conversion table changed, since either can change every page."""
    current = {layout.rel(p) for p in layout.current_files()}
    if base is None:
        return Scope([(p, "current") for p in sorted(current)], True, ["未指定 --base：报告全部期刊 (all bulletins)"])
    folder = layout.rel(layout.bulletins)
    changed = changed_paths(base)
    touched: set[str] = set()
    for path in changed:
        pure = PurePosixPath(path)
        if pure.parent.as_posix() == folder and pure.suffix.lower() in (".txt", ".yml"):
            touched.add(pure.with_suffix(".txt").as_posix() if pure.suffix.lower() == ".yml" else path)
    settings = (layout.rel(layout.glossary), layout.rel(layout.overrides))
    config = [p for p in settings if any(under(c, p) for c in changed)]
    chosen = touched | current if config else touched
    reasons = [f"{p} 有改动：报告全部期刊 (changed: all bulletins included)" for p in config]
    files: list[tuple[str, Status]] = []
    for path in sorted(chosen):
        status: Status
        if path not in current:
            if base.show(path) is None:
                continue  # an untracked-then-removed path existed nowhere: nothing to report
            status = "deleted"
        elif path not in touched:
            status = "unchanged"
        else:
            status = "modified" if base.show(path) is not None else "added"
        files.append((path, status))
    return Scope(files, bool(config), reasons, config)
