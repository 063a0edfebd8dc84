"""``annotate convert``: stdin → stdout one line at a time, or the review queue of a file (``--review``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import jieba

from ..errors import ConversionError
from .converter import Converter
from .overrides import DEFAULT_OVERRIDES, glossary_words
from .profiles import DEFAULT_PROFILE
from .review import format_review


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotate convert",
        description="Convert Simplified to Traditional, stdin → stdout, one output line per input line.",
    )
    parser.add_argument("--profile", default=DEFAULT_PROFILE, help="s2tw (default) or s2hk")
    parser.add_argument(
        "--overrides", type=Path, help=f"override table (YAML); default {DEFAULT_OVERRIDES} if it exists"
    )
    parser.add_argument("--glossary", type=Path, help="glossary YAML: terms become words, with Traditional")
    parser.add_argument("--review", type=Path, metavar="FILE", help="list one-to-many characters to check")
    parser.add_argument("--json", action="store_true", help="with --review: JSON instead of text")
    parser.add_argument("--cache-dir", type=Path, help="where the generated OpenCC config is kept")
    return parser


def _load_glossary_words(path: Path) -> list[tuple[str, str | None]]:
    from annotate.glossary import load_glossary  # only when asked: conversion works without a glossary

    try:
        return glossary_words(load_glossary(path))
    except Exception as exc:
        if type(exc).__module__.startswith("annotate."):  # the project's own one-line input errors
            raise ConversionError(str(exc)) from exc
        raise


def convert_main(argv: list[str]) -> int:
    """``annotate convert``: 0 on success, 2 on a setting or input error (message on stderr)."""
    args = _parser().parse_args(argv)
    jieba.setLogLevel(40)  # jieba prints its dictionary loading to stderr at DEBUG
    try:
        if args.overrides is not None and not args.overrides.is_file():
            raise ConversionError(f"{args.overrides}: override table not found")
        words = _load_glossary_words(args.glossary) if args.glossary else []
        overrides = args.overrides or DEFAULT_OVERRIDES
        converter = Converter.from_files(args.profile, overrides, words, cache_dir=args.cache_dir)
        if args.review is not None:
            sys.stdout.write(_review_output(converter, args.review, as_json=args.json))
            return 0
        _convert_stream(converter)
        return 0
    except ConversionError as exc:
        print(f"annotate convert: {exc}", file=sys.stderr)
        return 2


def _review_output(converter: Converter, path: Path, *, as_json: bool) -> str:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConversionError(f"{path}: cannot read as UTF-8: {exc}") from exc
    items = converter.review(enumerate(text.replace("\r\n", "\n").split("\n"), start=1))
    if as_json:
        return json.dumps([i.to_json() for i in items], ensure_ascii=False, indent=1) + "\n"
    return format_review(items, str(path))


def _convert_stream(converter: Converter) -> None:
    """stdin → stdout, UTF-8, each line written as soon as it is read, its line end kept as it came."""
    for stream in (sys.stdin, sys.stdout):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", newline="")
    for line in sys.stdin:
        body = line.rstrip("\r\n")
        sys.stdout.write(converter.convert_line(body) + line[len(body) :])
        sys.stdout.flush()
