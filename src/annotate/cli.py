"""The ``annotate`` command: the same core the site build uses, for editors, CI and tests.

Every subcommand turns an input error (:data:`annotate.errors.USER_ERRORS`) into one line on stderr and a
non-zero exit status — editors should never see a traceback for a bad file.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import USER_ERRORS
from .model import BlockKind, Bulletin
from .segment import DIRECTIVES, segment_path
from .signals import DOUBT_BELOW

OUTLINE_KINDS = {BlockKind.HEADING, BlockKind.SALUTATION, BlockKind.SIGNATURE, BlockKind.DATE, BlockKind.SOURCE}


def format_outline(bulletin: Bulletin) -> str:
    """Readable outline: one line per article, indented headings and other structural lines."""
    out = [f"{bulletin.source} — {bulletin.title} — {len(bulletin.articles)} 篇文章"]
    if bulletin.layout:
        out.append(f"版式：{describe_layout(bulletin.layout)}")
    if bulletin.front_matter:
        first, last = bulletin.front_matter[0].line, bulletin.front_matter[-1].lines[-1]
        out.append(f"刊头和目录  L{first}–{last}（{len(bulletin.front_matter)} 行，不属于任何文章，"
                   "显示在本期目录页；目录中的各条标题用来确定文章的开头）")
    for article in bulletin.articles:
        paragraphs = sum(1 for b in article.blocks if b.kind not in OUTLINE_KINDS)
        sure = "" if article.confidence >= DOUBT_BELOW else f"  [把握 {article.confidence:.2f}]"
        span = f"L{article.first_line}–{article.last_line}"
        out.append(f"{article.slug}  {span}  {article.title}  ({paragraphs} 段){sure}")
        if article.section:
            out.append(f"      栏目  {article.section}")
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
    out += format_warnings(bulletin)
    return "\n".join(out)


def describe_layout(layout: dict[str, object]) -> str:
    marker = {"blank-line": "空行分段", "indent": "首行缩进分段", "hard-wrapped": "固定宽度折行（已重新接行）",
              "none": "无空行、无缩进"}.get(str(layout.get("paragraph_marker")), str(layout.get("paragraph_marker")))
    parts = [marker]
    if layout.get("wrap_width"):
        parts.append(f"折行宽度 {layout['wrap_width']}")
    if layout.get("footers"):
        parts.append(f"页脚 {layout['footers']} 行（作为注记保留）")
    return "，".join(parts)


def format_warnings(bulletin: Bulletin) -> list[str]:
    """Each doubt on its own line: where, why, and the directive line that would change the cut."""
    if not bulletin.warnings:
        return ["", "分段提示：无 (no segmentation warnings)"]
    out = ["", f"分段提示 ({len(bulletin.warnings)})："]
    for warning in bulletin.warnings:
        out.append(f"  {bulletin.source}:{warning.line}: {warning.message}")
        if warning.directive:
            out.append(f"      在第 {warning.line} 行上面加一行：{warning.directive}")
    return out


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
    dirs = sub.add_parser("directives", help="list the %%%%-directives editors can write in a bulletin")
    dirs.set_defaults(func=cmd_directives)
    for name, (_, help_text) in DELEGATED.items():
        sub.add_parser(name, help=help_text, add_help=False)
    return parser


# Subcommands whose module owns its own argument parser; imported only when used, so that
# ``annotate segment`` does not pay for loading jieba and OpenCC.
DELEGATED: dict[str, tuple[str, str]] = {
    "terms": ("annotate.terms:terms_main", "candidate terms without a glossary entry, unused entries"),
    "convert": ("annotate.convert:convert_main", "Simplified → Traditional, stdin → stdout; --review FILE"),
    "xref": ("annotate.xref:xref_main", "parallel passages, document references, related articles"),
    "report": ("annotate.report:report_main", "the editorial report for changed bulletins"),
}


def run_delegated(name: str, argv: list[str]) -> int:
    module_name, _, function = DELEGATED[name][0].partition(":")
    module = importlib.import_module(module_name)
    return int(getattr(module, function)(argv))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in DELEGATED:
            return run_delegated(argv[0], argv[1:])
    except USER_ERRORS as err:
        print(f"错误 error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except USER_ERRORS as err:
        print(f"错误 error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
