"""The ``annotate`` command: the same core the site build uses, for editors, CI and tests.

Every subcommand turns an :class:`~annotate.reader.InputError` (or any other project error) into one
line on stderr and exit status 1 — editors should never see a traceback for a bad file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .model import BlockKind, Bulletin
from .reader import InputError
from .segment import DIRECTIVES, segment_path

OUTLINE_KINDS = {BlockKind.HEADING, BlockKind.SALUTATION, BlockKind.SIGNATURE, BlockKind.DATE, BlockKind.SOURCE}


def format_outline(bulletin: Bulletin) -> str:
    """Readable outline: one line per article, indented headings and other structural lines."""
    out = [f"{bulletin.source} — {bulletin.title} — {len(bulletin.articles)} 篇文章"]
    for article in bulletin.articles:
        paragraphs = sum(1 for b in article.blocks if b.kind not in OUTLINE_KINDS)
        out.append(f"{article.slug}  L{article.first_line}–{article.last_line}  {article.title}  ({paragraphs} 段)")
        if article.kicker:
            out.append(f"      引题  {article.kicker}")
        if article.subtitle:
            out.append(f"      副题  {article.subtitle}")
        if article.source:
            out.append(f"      来源  {article.source}")
        for block in article.blocks:
            if block.kind in OUTLINE_KINDS:
                indent = "  " * max(block.level - 2, 0)
                label = {"heading": "§"}.get(block.kind.value, block.kind.value)
                out.append(f"      {indent}{label} L{block.line}  {block.text}")
    return "\n".join(out)


def cmd_segment(args: argparse.Namespace) -> int:
    bulletin = segment_path(Path(args.file))
    if args.json:
        print(json.dumps(bulletin.to_json(), ensure_ascii=False, indent=2))
    else:
        print(format_outline(bulletin))
    return 0


def cmd_directives(_args: argparse.Namespace) -> int:
    for name, meaning in DIRECTIVES.items():
        print(f"%% {name:<10} {meaning}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="annotate", description="Chinese bulletin → annotated site tools")
    sub = parser.add_subparsers(dest="command", required=True)
    seg = sub.add_parser("segment", help="cut a bulletin into articles and print the outline")
    seg.add_argument("file")
    seg.add_argument("--json", action="store_true", help="machine-readable output")
    seg.set_defaults(func=cmd_segment)
    dirs = sub.add_parser("directives", help="list the %%-directives editors can write in a bulletin")
    dirs.set_defaults(func=cmd_directives)
    for name, register in EXTRA_COMMANDS.items():
        register(sub.add_parser(name, help=EXTRA_HELP[name]))
    return parser


# Subcommands contributed by other modules (glossary terms, conversion, cross-references, report).
EXTRA_COMMANDS: dict[str, Callable[[argparse.ArgumentParser], None]] = {}
EXTRA_HELP: dict[str, str] = {}


def main(argv: Sequence[str] | None = None) -> int:
    from . import commands  # noqa: F401  (registers the other subcommands)

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except InputError as err:
        print(f"错误 error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
