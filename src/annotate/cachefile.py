"""Files of the build cache (``.cache/annotate/``): memos read leniently, written atomically.

A cache file is only ever an optimisation: one that is missing or unreadable (a build cut off, an older
format) reads as empty, and a write goes to a temporary file first, so a reader never sees half of one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType


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
