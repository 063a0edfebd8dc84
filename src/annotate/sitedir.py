"""Build the site in a fresh folder beside ``site_dir`` and put it in place only once the build succeeded.

MkDocs empties ``site_dir`` and then writes it page by page, so an error after that (a page MkDocs cannot
write, the Traditional edition, the offline zip, a warning in strict mode, Ctrl-C) used to leave half a
site where the previous one was. The hook points MkDocs at a staging folder (a hidden sibling of
``site_dir``, same file system) and, when both editions and the zip are written, swaps it in; on any error
the staging folder is removed and the previous site is left as it was, byte for byte.

The swap keeps what ``mkdocs build`` keeps (MkDocs' clean never removes hidden entries such as a
``.git`` in ``site/``) and the folder's permissions.
"""

from __future__ import annotations

import atexit
import logging
import os
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

# The staging folder and the previous site while it is swapped out: ``.site.building-…``, ``.site.previous-…``.
BUILDING = "building"
PREVIOUS = "previous"


def sibling(target: Path, role: str) -> Path:
    """A new hidden folder name beside ``target`` for ``role`` (unique per process and call)."""
    return target.with_name(f".{target.name}.{role}-{os.getpid()}-{secrets.token_hex(4)}")


class WarningCount(logging.Handler):
    """Counts warnings and errors logged while the site is built: in strict mode MkDocs aborts after the
    last event if there were any, and the staged site must not have replaced the previous one then."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass(slots=True)
class StagedSite:
    requested: str  # site_dir as configured (restored once the site is in place)
    target: Path  # the folder replaced (a symbolic link's target, not the link)
    staging: Path
    strict: bool = False
    warnings: WarningCount = field(default_factory=WarningCount)
    logger: logging.Logger = field(default_factory=lambda: logging.getLogger("mkdocs"))

    @classmethod
    def begin(cls, site_dir: str, strict: bool = False, logger: str = "mkdocs") -> StagedSite:
        target = Path(site_dir).absolute()
        if target.is_symlink():
            target = target.resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = sibling(target, BUILDING)
        staging.mkdir()  # the umask's permissions, as MkDocs' own folder would have
        staged = cls(site_dir, target, staging, strict, logger=logging.getLogger(logger))
        staged.logger.addHandler(staged.warnings)
        atexit.register(staged.discard)  # Ctrl-C and other exits that skip the build-error event
        return staged

    def commit(self) -> bool:
        """Put the staged site in place of the target. In strict mode, after a warning, discard it
        instead (MkDocs is about to abort the build) and return False."""
        self.logger.removeHandler(self.warnings)
        if self.strict and self.warnings.count:
            self.discard()
            return False
        replace_directory(self.target, self.staging)
        atexit.unregister(self.discard)
        return True

    def discard(self) -> None:
        """Remove the staging folder; the target is not touched."""
        self.logger.removeHandler(self.warnings)
        shutil.rmtree(self.staging, ignore_errors=True)
        atexit.unregister(self.discard)


def replace_directory(target: Path, new: Path) -> None:
    """Put folder ``new`` where ``target`` is, keeping ``target``'s hidden entries and permissions.

    Two renames on one file system; a target that cannot be renamed (a mount point, a folder in use on
    Windows) has its contents replaced instead.
    """
    if not target.exists():
        os.replace(new, target)
        return
    kept = [e.name for e in target.iterdir() if e.name.startswith(".") and not (new / e.name).exists()]
    shutil.copymode(target, new)
    old = sibling(target, PREVIOUS)
    try:
        os.replace(target, old)
    except OSError:
        _replace_contents(target, new)
        return
    try:
        for name in kept:
            os.replace(old / name, new / name)
        os.replace(new, target)
    except OSError:
        for name in kept:
            if (new / name).exists():
                os.replace(new / name, old / name)
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def _replace_contents(target: Path, new: Path) -> None:
    for entry in target.iterdir():
        if not entry.name.startswith(".") or (new / entry.name).exists():
            _remove(entry)
    for entry in new.iterdir():
        os.replace(entry, target / entry.name)
    new.rmdir()
