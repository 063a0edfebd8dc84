"""``annotate report``: the command line (CI's job summary, ``make report``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import USER_ERRORS
from .gather import build_report
from .markdown import BUDGET, render_markdown
from .scope import Layout, ReportError, resolve_base


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotate report", description="the editorial report for bulletins changed since a git ref"
    )
    parser.add_argument("--base", metavar="REF", help="compare with this git ref (default: report every bulletin)")
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown")
    parser.add_argument("--docs", type=Path, help="docs folder (default: docs_dir of mkdocs.yml, or docs)")
    parser.add_argument("--site", type=Path, help="built site folder (default: site_dir of mkdocs.yml, or site)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="settings (extra.annotate_settings)")
    parser.add_argument("--max-bytes", type=int, default=BUDGET,
                        help=f"size limit of the Markdown output in bytes (default {BUDGET}; GitHub allows 1 MiB)")
    return parser


def report_main(argv: list[str]) -> int:
    """``annotate report [--base REF] [--format markdown|json] [--docs docs] [--site site]``.

    Input errors (a bad bulletin or glossary, an unknown ref) are one line on stderr and exit status 1.
    """
    args = _parser().parse_args(argv)
    base_ref: str | None = args.base
    expected: tuple[type[Exception], ...] = (ReportError, *USER_ERRORS)
    try:
        layout = Layout.load(args.docs, args.site, args.config)
        base = resolve_base(base_ref, layout.root) if base_ref else None  # fails before any heavy work
        report = build_report(layout, base)
    except expected as err:
        print(f"错误 error: {err}", file=sys.stderr)
        return 1
    if args.format == "json":
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_markdown(report, args.max_bytes))
    return 0
