"""The search index, written once per edition in its final form, and the data the search worker ranks by.

One search worker (``docs/assets/javascripts/annotate-search-worker.js``) answers Material's search box
everywhere, with one ranking and one term card:

- online, from Pagefind's chunked index (recall: every article containing the words) and a small table of
  what ranks a page (:func:`rank_table`: its title and kicker, its headings, its length and its place in
  the archive), keyed by Pagefind's page ids;
- from ``file://`` (the offline copy) and under ``mkdocs serve``, from the articles' text itself, handed to
  the worker by Material's bundle (``search/search_index.js`` offline, ``search/search_index.json`` when
  served without Pagefind).

Material's own search plugin indexes nothing (:func:`disable_material_indexing`): it would segment every
page with jieba for an index no reader uses. Its offline plugin is not used either: it only copied the
JSON index into a script, which :func:`write_search_index` writes directly.

A query that is a glossary term (any of its forms, in either script) shows that entry first: the cards
(:func:`term_cards`) come from the entry's term and definition (:func:`annotate.termpages.one_line`), as its
page shows them.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any, TypedDict

from .glossary import Glossary
from .render import PLAIN, EditionText
from .search_pagefind import INDEX_FOLDER, SearchRecord
from .termlinks import TermIndex, entry_url
from .termpages import one_line

SEARCH_FOLDER = "search"
JSON_NAME = "search_index.json"  # what Material's bundle fetches over http(s)
SCRIPT_NAME = "search_index.js"  # what it loads from file:// (a script: file:// cannot be fetched)
RANK_NAME = "annotate-rank.json"  # in the Pagefind folder, next to the chunks it ranks
# What Material's bundle reads of its index besides the documents (its in-page highlighting of ?h=).
MATERIAL_CONFIG = {"lang": ["zh"], "separator": "[\\s\\u200b\\u3000\\-、。，．？！；]+", "pipeline": [],
                   "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}}
FRAGMENT_SIGNATURE = b"pagefind_dcd"


class TermCard(TypedDict):
    """A glossary entry as the search shows it above the articles."""

    forms: list[str]  # every form in both scripts: a query equal to one of them names the entry
    term: str
    line: str
    url: str


class PageData(TypedDict):
    """An article as the worker searches it without Pagefind: its lines and what ranks it."""

    url: str
    title: str
    zone: str  # the title and kicker, one per line
    headings: str
    lines: list[str]
    order: int


def term_cards(glossary: Glossary | None, index: TermIndex, edition: EditionText = PLAIN) -> list[TermCard]:
    """Every entry as the search shows it first, linking where the entry is read (:func:`entry_url`)."""
    cards: list[TermCard] = []
    for entry in glossary or ():
        forms = [*entry.forms, *(edition.visible(f) for f in entry.forms)]
        if entry.traditional:
            forms.append(entry.traditional)
        url = entry_url(entry, index)
        cards.append({"forms": sorted(set(forms)), "term": edition.visible(entry.term),
                      "line": edition.visible(one_line(entry)), "url": url})
    return cards


def _zone(record: SearchRecord, zone: str) -> str:
    return "\n".join(line.text for line in record.lines if line.zone == zone)


def page_data(record: SearchRecord) -> PageData:
    return {"url": record.url, "title": record.title, "zone": _zone(record, "title"),
            "headings": _zone(record, "heading"), "lines": [line.text for line in record.lines],
            "order": record.order}


def search_data(records: list[SearchRecord], cards: list[TermCard], with_pages: bool) -> dict[str, Any]:
    """The index Material's bundle hands to the worker. The bundle passes on its ``config`` and ``docs``
    only: the articles and cards go in ``config.annotate``; ``docs`` stays empty (Material's own worker is
    never started)."""
    config: dict[str, Any] = dict(MATERIAL_CONFIG)
    if with_pages:
        config["annotate"] = {"terms": cards, "pages": [page_data(r) for r in records]}
    return {"config": config, "docs": []}


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_search_index(edition_root: Path, records: list[SearchRecord], cards: list[TermCard],
                       pages_online: bool) -> int:
    """Write ``search/search_index.js`` (the offline copy: every article) and ``search/search_index.json``
    (online: every article only when no Pagefind index answers, else the settings alone, since Material's
    bundle fetches it on every page). Each file once; returns the script's size in bytes."""
    folder = edition_root / SEARCH_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    full = _dumps(search_data(records, cards, with_pages=True))
    script = f"var __index = {full}"
    (folder / SCRIPT_NAME).write_text(script, encoding="utf-8")
    online = full if pages_online else _dumps(search_data(records, cards, with_pages=False))
    (folder / JSON_NAME).write_text(online, encoding="utf-8")
    return len(script.encode("utf-8"))


def _fragment_locations(bundle: Path) -> dict[str, str]:
    """Pagefind page id → the page it stands for (``meta.location``), read from the fragments it wrote."""
    found = {}
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data.removeprefix(FRAGMENT_SIGNATURE))
        found[path.stem] = fragment["meta"]["location"]
    return found


def rank_table(bundle: Path, records: list[SearchRecord], cards: list[TermCard]) -> dict[str, Any]:
    """What the worker ranks Pagefind's results by, without downloading a fragment per result: per page id,
    [place in the archive, title and kicker, headings, length in characters]; and the term cards."""
    by_url = {r.url: r for r in records}
    pages = {}
    for page_id, location in _fragment_locations(bundle).items():
        record = by_url[location]
        pages[page_id] = [record.order, _zone(record, "title"), _zone(record, "heading"),
                          sum(len(line.text) for line in record.lines)]
    return {"terms": cards, "pages": dict(sorted(pages.items()))}


def write_rank_table(edition_root: Path, records: list[SearchRecord], cards: list[TermCard]) -> Path:
    bundle = edition_root / INDEX_FOLDER
    path = bundle / RANK_NAME
    path.write_text(_dumps(rank_table(bundle, records, cards)), encoding="utf-8")
    return path


def disable_material_indexing(search_config: Any) -> None:
    """Material's search plugin stays for its search box (the header override shows it); it indexes
    nothing and writes no index: :func:`write_search_index` writes the one the worker reads."""
    search_config["enabled"] = False


__all__ = ["TermCard", "disable_material_indexing", "rank_table", "search_data", "term_cards",
           "write_rank_table", "write_search_index"]
