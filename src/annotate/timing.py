"""Stage timings and event counts of one build, for the benchmark and the editorial report.

Each stage adds its wall time under a name; the hook writes the totals to
``.cache/annotate/build-stats.json`` so that ``bench/`` and ``annotate report`` can read them. A
:class:`Timings` belongs to the build's :class:`~annotate.pipeline.Pipeline`; nothing here is global.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(slots=True)
class Timings:
    """Wall time per named stage and counts of events (cache hits and misses) of the current build."""

    stages: dict[str, float] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)
    _open: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start

    def start(self, name: str) -> None:
        """Open a stage that ends in another callback (MkDocs events); close it with :meth:`stop`."""
        self._open[name] = time.perf_counter()

    def stop(self, name: str) -> None:
        if name in self._open:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - self._open.pop(name)

    def count(self, name: str, amount: int = 1) -> None:
        """Count an event of this build: the benchmark checks that ``mkdocs serve`` re-segments only the
        bulletin that changed, and that glossary terms are matched once per build."""
        self.counters[name] = self.counters.get(name, 0) + amount

    def counts(self) -> dict[str, int]:
        return dict(self.counters)

    def reset(self) -> None:
        self._open.clear()
        self.stages.clear()
        self.counters.clear()

    def snapshot(self) -> dict[str, float]:
        return {name: round(seconds, 4) for name, seconds in self.stages.items()}

    def write(self, path: Path, extra: dict[str, object]) -> None:
        data = {"stages": self.snapshot(), "counters": self.counts(), **extra}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
