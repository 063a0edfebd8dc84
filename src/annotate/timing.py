"""Stage timings of a build, for the benchmark and the editorial report.

Each stage adds its wall time under a name; the hook writes the totals to ``site/.annotate-build.json``
(not a page, never in the zip) so that ``bench/`` and ``annotate report`` can read them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_STAGES: dict[str, float] = {}


@contextmanager
def stage(name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        _STAGES[name] = _STAGES.get(name, 0.0) + time.perf_counter() - start


_OPEN: dict[str, float] = {}


def start(name: str) -> None:
    """Open a stage that ends in another callback (MkDocs events); close it with :func:`stop`."""
    _OPEN[name] = time.perf_counter()


def stop(name: str) -> None:
    if name in _OPEN:
        _STAGES[name] = _STAGES.get(name, 0.0) + time.perf_counter() - _OPEN.pop(name)


_COUNTS: dict[str, int] = {}


def count(name: str, amount: int = 1) -> None:
    """Count an event of this build (cache hits and misses): the benchmark checks that ``mkdocs serve``
    re-segments only the bulletin that changed."""
    _COUNTS[name] = _COUNTS.get(name, 0) + amount


def counts() -> dict[str, int]:
    return dict(_COUNTS)


def reset() -> None:
    _OPEN.clear()
    _STAGES.clear()
    _COUNTS.clear()


def snapshot() -> dict[str, float]:
    return {name: round(seconds, 4) for name, seconds in _STAGES.items()}


def write(path: Path, extra: dict[str, object]) -> None:
    data = {"stages": snapshot(), "counters": counts(), **extra}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
