"""Files of the build cache (``.cache/annotate/``): memos read leniently, written atomically, pruned.

A cache file is only ever an optimisation: one that is missing or unreadable (a build cut off, an older
format) reads as empty, and a write goes to a temporary file first, so a reader never sees half of one.

Memo files are named ``<family>-<16 hex digits>.<ext>``: the digest covers everything that decides the
contents (code, glossary, overrides), so every such change starts a new file and the old one is never read
again unless that state comes back (switching branches). :func:`prune` keeps the cache from growing with
every edit: the newest few of each family stay, and a file no build has used for a month goes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

MEMO_NAME = re.compile(r"^(?P<family>[a-z0-9]+(?:-[a-z0-9]+)*?)-[0-9a-f]{16}\.(?:json|pickle|txt)$")
KEEP_PER_FAMILY = 3  # this build's file and two earlier states (the branch an editor switches back to)
UNUSED_DAYS = 30  # a memo no build has used for this long goes, whatever its family (retired kinds too)


def source_digest(modules: Iterable[ModuleType]) -> str:
    """SHA-256 (hex) of the modules' source, in order: part of a cache file's name, so that a change to the
    code that decides its contents starts a fresh file."""
    digest = hashlib.sha256()
    for module in modules:
        assert module.__file__ is not None  # source modules of this package
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def read_json_dict(path: Path) -> dict[str, str]:
    """A memo of strings, or an empty one when the file is missing or not a JSON object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json_dict(path: Path, data: dict[str, str]) -> None:
    """Sorted keys: the same memo is the same file."""
    write_atomic(path, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def mark_used(path: Path) -> None:
    """Note that a build read ``path`` (its modification time): :func:`prune` keeps what builds use."""
    with contextlib.suppress(OSError):  # missing or read-only: it is only a cache
        os.utime(path)


def prune(cache: Path, now: float | None = None) -> list[Path]:
    """Delete memo files beyond the newest :data:`KEEP_PER_FAMILY` of each family, any memo unused for
    :data:`UNUSED_DAYS` days, and temporary files a cut-off write left behind a day ago; return them.

    Only names of the memo pattern are touched: other files (``build-stats.json``) and folders stay.
    Files are compared by modification time, which a build sets by writing a memo or by
    :func:`mark_used` when it reads one, so the files of the build that just ran are the newest.
    """
    now = time.time() if now is None else now
    families: dict[str, list[tuple[float, Path]]] = defaultdict(list)
    removed: list[Path] = []
    try:
        entries = sorted(cache.iterdir())
    except OSError:
        return removed
    for path in entries:
        try:
            if not path.is_file():
                continue
            modified = path.stat().st_mtime
        except OSError:
            continue
        if path.name.endswith(".tmp"):
            if now - modified > 86_400:
                removed.append(path)
            continue
        match = MEMO_NAME.match(path.name)
        if match is None:
            continue
        if now - modified > UNUSED_DAYS * 86_400:
            removed.append(path)
        else:
            families[match["family"] + path.suffix].append((modified, path))
    for files in families.values():
        files.sort(key=lambda item: (-item[0], item[1].name))
        removed.extend(path for _, path in files[KEEP_PER_FAMILY:])
    for path in removed:
        with contextlib.suppress(OSError):
            path.unlink()
    return sorted(removed)
