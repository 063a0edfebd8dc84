"""The online search index: Pagefind, fed from the structured bulletins, one character per word.

A whole index per edition, downloaded before the first result, was 0.3 MB for one bulletin and 18.7 MB
at a hundred (Material's). Pagefind splits its index into chunks and a query downloads only the chunks of
its own words and the fragments of the results it shows. Pagefind cannot work from ``file://``, so the
offline copy searches the articles' text (``search_index.js``, :mod:`annotate.search_data`); online,
``annotate-search-worker.js`` answers Material's search box from Pagefind (see ``overrides/main.html``).

Chinese has no spaces, and Pagefind's own word segmentation disagrees between the index (jieba, in
Rust) and the query (the browser's ``Intl.Segmenter``): on the March bulletin 习近平 found 2 of the 15
articles that contain it. So the records are built here, not scraped from HTML, with a word break around
every Han character: every character is a word, and the worker sends each typed run of Han
characters as a quoted phrase, which Pagefind matches as consecutive words — an exact substring match,
the same pages as a reader's Ctrl+F.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import render
from .errors import SearchIndexError as SearchIndexError  # re-exported (explicitly, for the type checker)
from .htmltext import as_html
from .model import Block, BlockKind, Bulletin
from .pageurls import page_output

INDEX_FOLDER = "pagefind"
WORKER = "assets/javascripts/annotate-search-worker.js"
# What the browser needs of Pagefind's bundle; its own search interfaces are not used.
KEPT_FILES = ("pagefind.js", "pagefind-entry.json")
KEPT_PREFIXES = ("pagefind.", "wasm.", "index", "fragment")
# Han ideographs (with the extension blocks) and the iteration mark 々: what the worker spaces in a query.
HAN = r"\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Every Han character stands alone: HAIR SPACE (whitespace to Pagefind, absent from bulletins in practice)
# goes between it and any neighbour that is not a space, so the worker can remove exactly what was added.
WORD_BREAK = "\u200a"
_AROUND_HAN = re.compile(f"(?<=[{HAN}])(?=\\S)|(?<=\\S)(?=[{HAN}])")


@dataclass(frozen=True, slots=True)
class Line:
    """A line of a record: a paragraph (level 0), the title (1) or a section heading (2) with its anchor."""

    text: str
    level: int = 0
    anchor: str = ""
    zone: str = ""  # what ranks a hit: "title" (the title and kicker), "heading", or "" (the body)


@dataclass(frozen=True, slots=True)
class SearchRecord:
    """One search result: a page with the text a reader sees on it. Headings with an anchor become the
    result's sections (Pagefind's sub-results), as Material shows the sections of a page."""

    url: str  # relative to the edition's root: ``2026-03/04.html``
    title: str
    lines: tuple[Line, ...]
    order: int = 0  # position in the archive, newest bulletin first (ties of the ranking)

    @property
    def content(self) -> str:
        return "\n".join(line.text for line in self.lines)


def spaced(text: str) -> str:
    """A word break on each side of every Han character (the worker removes them again for display)."""
    return _AROUND_HAN.sub(WORD_BREAK, text)


def search_records(
    bulletins: Iterable[Bulletin],
    spans: render.SpanSource | None = None,
    edition: render.EditionText = render.PLAIN,
) -> list[SearchRecord]:
    """Every article, in this edition's script. The glossary is not a result that competes with the
    articles: a query naming a term gets the term's card (:mod:`annotate.search_data`).

    ``spans`` are the annotations of each block: the page converts the text between them piece by piece,
    so the record does too (:func:`render.visible_inline`).
    """
    visible = edition.visible
    records: list[SearchRecord] = []
    for bulletin in bulletins:  # newest first (site.load_bulletins)
        for article in bulletin.articles:
            lines = tuple(
                Line(render.visible_inline(block.text, spans(bulletin, article, block) if spans else (), edition),
                     *_level(block), _ZONES.get(block.kind, ""))
                for block in article.all_blocks
            )
            records.append(SearchRecord(page_output(render.article_path(bulletin, article)),
                                        visible(article.title), lines, len(records)))
    return records


_ZONES = {BlockKind.TITLE: "title", BlockKind.KICKER: "title", BlockKind.HEADING: "heading"}


def _level(block: Block) -> tuple[int, str]:
    """Title lines weigh as an ``h1`` in Pagefind's ranking, section headings as an ``h2``."""
    if block.kind is BlockKind.TITLE:
        return 1, ""
    if block.kind is BlockKind.HEADING:
        return 2, block.anchor
    return 0, ""


def _input_page(record: SearchRecord, language: str) -> str:
    """The page Pagefind reads for one record: its text, spaced, and where the result leads.

    Metadata sits outside ``data-pagefind-body``: captured for the result, not indexed as words. The
    section headings go there too, as written (Pagefind's own section titles have the word breaks, and a
    space of the bulletin cannot be told from them). Pagefind escapes < and > in its excerpts but not &:
    escaped once more here, a literal “&lt;” in a bulletin is shown as written.
    """
    sections = {line.anchor: line.text for line in record.lines if line.anchor}
    meta = [("title", record.title), ("location", record.url)]
    if sections:
        meta.append(("sections", json.dumps(sections, ensure_ascii=False, separators=(",", ":"))))
    fields = "".join(f'<div data-pagefind-meta="{key}">{as_html(value)}</div>' for key, value in meta)
    body = []
    for line in record.lines:
        tag = f"h{line.level}" if line.level else "p"
        anchor = f' id="{as_html(line.anchor)}"' if line.anchor else ""
        body.append(f"<{tag}{anchor}>{as_html(spaced(line.text).replace('&', '&amp;'))}</{tag}>")
    return (f'<!DOCTYPE html><html lang="{language}"><body><main data-pagefind-body>{"".join(body)}</main>'
            f"{fields}</body></html>")


def write_input(records: list[SearchRecord], language: str, folder: Path) -> None:
    """One small HTML page per record (Pagefind's indexer reads pages; its Python API takes 0.1 s per
    record). Their names are only for Pagefind: results lead to ``meta.location``."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    width = len(str(len(records)))
    for number, record in enumerate(records):
        (folder / f"{number:0{width}d}.html").write_text(_input_page(record, language), encoding="utf-8")


def pagefind_command(site: Path, output: Path, language: str) -> list[str]:
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise SearchIndexError("找不到 Pagefind 程序（the pagefind binary is missing）：请先运行 make install")
    return [str(executable), "--site", str(site), "--output-path", str(output),
            "--force-language", language, "--silent"]


class BackgroundIndex:
    """Writes one edition's index in Pagefind's own process while MkDocs renders the pages.

    On a 2-core machine the index then costs almost no wall time. It is written to a staging folder
    (MkDocs cleans the site folder after ``on_config``) and moved into the site by :meth:`place`.
    """

    def __init__(self, records: list[SearchRecord], language: str, staging: Path) -> None:
        self.staging = staging
        source = staging.with_name(staging.name + "-input")
        write_input(records, language, source)
        if staging.exists():
            shutil.rmtree(staging)
        self._process = subprocess.Popen(pagefind_command(source, staging, language),
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def place(self, edition_root: Path) -> Path:
        """Wait for the index and move it to ``edition_root/pagefind``."""
        output, _ = self._process.communicate()
        if self._process.returncode != 0:
            raise SearchIndexError(f"Pagefind 建立检索索引失败（exit {self._process.returncode}）：{output.strip()}")
        target = edition_root / INDEX_FOLDER
        if target.exists():
            shutil.rmtree(target)
        for unused in self.staging.iterdir():
            if unused.name not in KEPT_FILES and not unused.name.startswith(KEPT_PREFIXES):
                unused.unlink()
        shutil.move(str(self.staging), str(target))
        return target


def index_sizes(edition_root: Path) -> dict[str, int | None]:
    """Bytes of an edition's two search indexes (None when absent): the whole index of the articles, the
    offline copy's search (``search/search_index.js``), and the Pagefind bundle, of which a query downloads
    a few chunks."""
    script = edition_root / "search" / "search_index.js"
    bundle = edition_root / INDEX_FOLDER
    return {
        "search_index": script.stat().st_size - len("var __index = ") if script.is_file() else None,
        "pagefind": sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()) if bundle.is_dir() else None,
    }
