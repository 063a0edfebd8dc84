"""``annotate terms``: the report of :mod:`.report` for bulletin files, as text or JSON."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from ..glossary import load_glossary
from ..segment import segment_path
from .report import article_texts, format_terms_report, terms_report


def terms_main(argv: Sequence[str]) -> int:
    """``annotate terms FILE… [--glossary docs/glossary.yml] [--json] [--marked-only]``.

    Candidates are ranked by salience (see :mod:`annotate.terms.salience`): quoted and 《》 phrases and
    unmarked phrases that recur across articles and are rare in general Chinese, each with its score and
    the factors of it."""
    parser = argparse.ArgumentParser(
        prog="annotate terms",
        description="Glossary usage and candidate terms of bulletins. Candidates are ranked by salience: quoted "
        "and 《》 phrases, and unmarked phrases that recur across articles and are rare in general Chinese, each "
        "with its score and the factors of it.",
    )
    parser.add_argument("files", nargs="+", type=Path, help="bulletin .txt files")
    parser.add_argument("--glossary", type=Path, default=Path("docs/glossary.yml"))
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "--marked-only", action="store_true",
        help="only quoted, numbered and 《》 candidates, by frequency (no statistics, no jieba dictionary)",
    )
    args = parser.parse_args(list(argv))
    glossary = load_glossary(args.glossary)
    bulletins = [segment_path(path) for path in args.files]
    bulletin_texts = []
    for bulletin in bulletins:
        lines = [(block.line, block.text) for article in bulletin.articles for block in article.all_blocks]
        bulletin_texts.append((bulletin.source, lines))
    articles = None if args.marked_only else article_texts(bulletins)
    report = terms_report(bulletin_texts, glossary, articles)
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else format_terms_report(report))
    return 0
