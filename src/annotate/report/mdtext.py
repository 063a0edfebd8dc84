"""Small Markdown writers shared by the report's sections: escaping, tables, collapsed blocks, caps."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from .. import offline

T = TypeVar("T")


def esc(text: object) -> str:
    """Text safe inside Markdown and a table cell: no HTML, no emphasis, no column breaks."""
    out = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "\\`*_[]|#~":
        out = out.replace(char, "\\" + char)
    return out.replace("\n", " ")


def code(text: str) -> str:
    """Inline code, to copy exactly: GitHub shows its content verbatim, so nothing is escaped but the
    backtick itself (a span delimited by two backticks holds one)."""
    text = text.replace("\n", " ")
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def clip(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[:size] + "……"


def human(size: int | None) -> str:
    return "—" if size is None else offline.human_size(size)


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def capped(items: list[T], cap: int | None) -> tuple[list[T], str]:
    """The first ``cap`` items and, when some are left out, the note that says so."""
    if cap is None or len(items) <= cap:
        return items, ""
    return items[:cap], f"\n\n…另有 {len(items) - cap} 项未列出（{len(items) - cap} more; see `--format json`）"


def details(summary: str, body: str, open_: bool = False) -> str:
    """A collapsible block; the blank lines let GitHub render the Markdown inside it."""
    return f"<details{' open' if open_ else ''}><summary>{summary}</summary>\n\n{body}\n\n</details>"
