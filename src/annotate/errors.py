"""The errors that mean “an editor's input is wrong” or the set-up is incomplete (shown as one line), as
opposed to bugs.

Every one of them is defined here, and this module imports nothing else of the package (nor jieba, OpenCC,
YAML or MkDocs): the CLI imports it for ``annotate --help`` and the hook before anything is built. The
modules that raise them re-export them under their old names (``annotate.reader.InputError`` …). The hook
and the CLI catch exactly :data:`USER_ERRORS` and print their one-line message naming file and place.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "USER_ERRORS",
    "ConversionError",
    "GlossaryError",
    "InputError",
    "SearchIndexError",
    "XrefIgnoreError",
]


class InputError(Exception):
    """A bulletin (or other input) that cannot be used; ``str()`` is the one line shown to the editor."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        place = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{place}: {self.message}"


class GlossaryError(ValueError):
    """A problem in a glossary file, printed as ``path:line: message`` (``path: message`` without line)."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class ConversionError(Exception):
    """A conversion setting or table that cannot be used; ``str()`` is the one line shown to the editor."""


class XrefIgnoreError(ValueError):
    """A malformed cross-reference ignore list; the message starts with ``file:line:``."""


class SearchIndexError(RuntimeError):
    """Pagefind is missing or failed: the build stops with its message instead of a traceback."""


USER_ERRORS: tuple[type[Exception], ...] = (
    InputError, GlossaryError, ConversionError, XrefIgnoreError, SearchIndexError
)
