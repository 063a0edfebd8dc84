"""``annotate terms``: the report of :mod:`.report` for bulletin files, as text or JSON."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from ..glossary import load_glossary
from ..segment import segment_path
from .report import format_terms_report, terms_report


def terms_main(argv: Sequence[str]) -> int:
    """``annotate terms FILE… [--glossary docs/glossary.yml] [--json]``."""
    parser = argparse.ArgumentParser(prog="annotate terms", description=terms_main.__doc__)
    parser.add_argument("files", nargs="+", type=Path, help="bulletin .txt files")
    parser.add_argument("--glossary", type=Path, default=Path("docs/glossary.yml"))
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(list(argv))
    glossary = load_glossary(args.glossary)
    bulletin_texts = []
    for path in args.files:
        bulletin = segment_path(path)
        lines = [(block.line, block.text) for article in bulletin.articles for block in article.all_blocks]
        bulletin_texts.append((bulletin.source, lines))
    report = terms_report(bulletin_texts, glossary)
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else format_terms_report(report))
    return 0
