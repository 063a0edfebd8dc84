"""Run one call in a forked child process while this process goes on: a second edition on a second core.

The Traditional edition is a whole second MkDocs build of the same bulletins. Built after the Simplified
one, it doubles the build time; built beside it, the two share the machine's cores. A forked child starts
with everything this process has already computed (segmented bulletins, glossary, term matches,
cross-references), so it repeats none of it and its output is byte for byte what the same call would
write in this process. What the child learns that the parent needs back is small: whether it succeeded
(and the one-line error if not) and its timings and counters, merged into the build's statistics. Files it
writes (the pages, the conversion and segmentation memos) are on disk for the parent to use.

Where ``os.fork`` does not exist (Windows), on one core, or with ``ANNOTATE_JOBS=1``, the caller runs the call
in this process, as it always did.
The child leaves with ``os._exit``: no ``atexit`` handler, buffered file or object finaliser of the
parent's runs twice.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from .timing import Timings

log = logging.getLogger("mkdocs.plugins.annotate")


# ``ANNOTATE_JOBS=1`` keeps every edition in this process (to profile a build, or on a one-core machine).
JOBS_VARIABLE = "ANNOTATE_JOBS"


def allowed() -> bool:
    """Whether to fork: the platform can, and the machine has a second core to give (or was told so)."""
    if not hasattr(os, "fork"):
        return False
    jobs = os.environ.get(JOBS_VARIABLE, "").strip()
    if jobs.isdigit():
        return int(jobs) > 1
    return (os.cpu_count() or 1) > 1


@dataclass(slots=True)
class ChildOutcome:
    """What the child sends back: its timings and, if it failed, what went wrong."""

    stages: dict[str, float] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)
    error_type: str | None = None  # the exception's class name, e.g. "PluginError"
    error: str = ""


class ChildFailed(Exception):
    """The call failed in the child; ``error_type`` and the message are the child's exception's."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(message)
        self.error_type = error_type


@dataclass(slots=True)
class ForkedCall:
    """One call started in a child process; :meth:`wait` joins it and merges its timings into ours."""

    pid: int
    reader: int
    timings: Timings
    done: bool = False

    @classmethod
    def start(cls, call: Callable[[], None], timings: Timings,
              expected: tuple[type[BaseException], ...] = (KeyboardInterrupt,)) -> ForkedCall:
        """Fork and run ``call`` in the child, with the timings reset so that it reports only its own work.

        ``expected`` errors already carry their message for the reader: the child logs no traceback for them.
        If this process ends before :meth:`wait` (an error, Ctrl-C), the child is stopped at exit.
        """
        reader, writer = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(reader)
            _run_child(call, timings, writer, expected)
        os.close(writer)
        started = cls(pid, reader, timings)
        atexit.register(started.stop)
        return started

    def wait(self) -> None:
        """Wait for the child; raise :class:`ChildFailed` if the call failed there."""
        chunks = []
        with os.fdopen(self.reader, "rb") as pipe:
            while chunk := pipe.read(1 << 16):
                chunks.append(chunk)
        _, status = os.waitpid(self.pid, 0)
        self.done = True  # reaped: the pid may now belong to another process
        atexit.unregister(self.stop)
        outcome = _outcome(b"".join(chunks), status)
        for name, seconds in outcome.stages.items():
            self.timings.stages[name] = self.timings.stages.get(name, 0.0) + seconds
        self.timings.count("editions built in parallel")
        for name, amount in outcome.counters.items():
            self.timings.count(name, amount)
        if outcome.error_type is not None:
            raise ChildFailed(outcome.error_type, outcome.error)

    def stop(self) -> None:
        """The parent is giving up (an error, Ctrl-C): end the child and reap it."""
        if self.done:
            return
        self.done = True
        atexit.unregister(self.stop)
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        with contextlib.suppress(OSError):
            os.close(self.reader)


def _run_child(call: Callable[[], None], timings: Timings, writer: int,
               expected: tuple[type[BaseException], ...]) -> None:
    code = 0
    outcome = ChildOutcome()
    try:
        timings.reset()
        call()
    except BaseException as exc:  # everything goes back to the parent, which decides
        code = 1
        outcome.error_type, outcome.error = type(exc).__name__, str(exc)
        if not isinstance(exc, expected):
            log.error("".join(traceback.format_exception(exc)).rstrip())
    finally:
        outcome.stages, outcome.counters = dict(timings.stages), timings.counts()
        try:
            sys.stdout.flush()
            sys.stderr.flush()
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(pickle.dumps(outcome))
        finally:
            os._exit(code)


def _outcome(data: bytes, status: int) -> ChildOutcome:
    try:
        outcome = pickle.loads(data)
    except Exception:  # the child died before it could answer
        outcome = None
    if not isinstance(outcome, ChildOutcome):
        return ChildOutcome(error_type="ChildProcessError",
                            error=f"the process building the other edition ended abnormally ({_describe(status)})")
    return outcome


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
