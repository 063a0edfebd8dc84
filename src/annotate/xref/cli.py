"""``annotate xref FILE… [--json]``: cross-reference bulletins from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from .build import build_xref
from .ignore import load_ignore_file
from .results import BASIS_LABELS, XrefIndex
from .settings import XrefSettings

__all__ = ["xref_main"]


def _max_df(value: str) -> float | int:
    number = float(value)
    return int(number) if number >= 1 and number.is_integer() and "." not in value else number


def _format_text(index: XrefIndex) -> str:
    out = [f"{len(index.links)} 处相关段落，{len(index.references)} 处引用，{len(index.related)} 条相关文章"]
    for link in index.links:
        shared = link.shared if len(link.shared) <= 40 else link.shared[:40] + "……"
        out.append(
            f"段落 {link.a.source}:{link.a.line} ↔ {link.b.source}:{link.b.line}  {link.score:.2f}  "
            f"{BASIS_LABELS[link.basis]}  {shared}"
        )
    for ref in index.references:
        where = ref.target.heading or ref.target.title
        anchor = f"#{ref.target.anchor}" if ref.target.anchor else ""
        out.append(
            f"引用 {ref.place.source}:{ref.place.line} “{ref.mention}” → "
            f"{ref.target.bulletin}/{ref.target.article}{anchor}  {where}"
        )
    for rel in index.related:
        out.append(f"相关 {rel.a} → {rel.b}  {rel.score:.2f}  {rel.reason}")
    out.extend(f"warning: {w}" for w in index.warnings)
    return "\n".join(out)


def xref_main(argv: Sequence[str] | None = None) -> int:
    """``annotate xref FILE… [--json]``: cross-reference the given bulletins."""
    from ..segment import segment_path  # lazy: the segmenter is not needed to use this library

    defaults = XrefSettings()
    parser = argparse.ArgumentParser(
        prog="annotate xref", description="parallel passages, references, related articles"
    )
    parser.add_argument("files", nargs="+", type=Path, help="bulletin text files (the whole archive)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--ignore", type=Path, help="editor ignore list (YAML), e.g. docs/xref-ignore.yml")
    parser.add_argument("--min-run", type=int, default=defaults.min_run)
    parser.add_argument("--shingle", type=int, default=defaults.shingle)
    parser.add_argument("--max-df", type=_max_df, default=defaults.max_df, help="articles (int) or fraction")
    parser.add_argument("--max-links", type=int, default=defaults.max_links_per_paragraph)
    args = parser.parse_args(argv)
    try:
        settings = XrefSettings(
            min_run=args.min_run,
            shingle=args.shingle,
            max_df=args.max_df,
            max_links_per_paragraph=args.max_links,
        )
        if args.ignore:
            if not args.ignore.exists():
                raise FileNotFoundError(f"{args.ignore}: no such file")
            settings = settings.with_ignore(load_ignore_file(args.ignore))
        bulletins = [segment_path(path) for path in args.files]
    except (OSError, ValueError, InputError) as exc:
        print(f"annotate xref: {exc}", file=sys.stderr)
        return 1
    index = build_xref(bulletins, settings)
    if args.json:
        print(json.dumps(index.to_json(), ensure_ascii=False, indent=2))
    else:
        print(_format_text(index))
    return 0
