"""Gathering the report: everything it shows, as one JSON-ready :class:`~annotate.report.model.Report`.

The report reads the project with the site build's own loaders — bulletin files and cross-reference settings
(:mod:`annotate.site`), the glossary (:func:`annotate.site.load_site_glossary`, loaded once per report and
shared by every section) and the Traditional converter (:func:`annotate.edition.make_converter`, built once).
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import jieba

from .. import offline
from ..convert import default_cache_dir
from ..edition import make_converter
from ..errors import USER_ERRORS
from ..glossary import Glossary, load_glossary
from ..metadata import load_meta
from ..model import Bulletin
from ..reader import read_path
from ..search_pagefind import index_sizes
from ..segment import segment_source
from ..site import article_terms, load_site_glossary
from ..terms import GeneralLexicon, TermMatcher, article_texts, glossary_usage, term_candidates
from ..xref import build_xref
from .bulletins import Loaded, bulletin_section, content_lines, load_scope
from .conversion_risk import Occurrence, RiskGroup, RiskRanker
from .model import (
    BuildSection,
    CharCount,
    ConversionItem,
    ConversionRisk,
    ConversionSection,
    EditionFigures,
    GlossarySection,
    NewlyMatched,
    PassageJson,
    ReferenceJson,
    RelatedJson,
    Report,
    TermCount,
    XrefSection,
)
from .scope import Base, Layout, find_scope, under

# Figures the build may leave (stage timings, sizes): in the site folder, or else in the build cache.
BUILD_INFO = (".annotate-build.json", "../.cache/annotate/build-stats.json")


@dataclass(slots=True)
class Inputs:
    """What every section reads, loaded once: the bulletins under review, the whole archive, the glossary."""

    layout: Layout
    base: Base | None
    items: list[Loaded]  # the bulletins under review
    everything: list[Bulletin]  # the whole archive, in file order
    glossary: Glossary | None  # None when the project has none
    archive_lines: list[str]  # every source line of the archive, for words converted two ways
    new_lines: dict[str, set[int]]  # bulletin slug -> its lines with new text (every line of a new bulletin)
    _lexicon: GeneralLexicon | None = None

    def lexicon(self) -> GeneralLexicon:
        """jieba's dictionary, read once for the term candidates and the conversion risks (about a second)."""
        if self._lexicon is None:
            self._lexicon = GeneralLexicon.jieba()
        return self._lexicon


# -------------------------------------------------------------------------------------------- glossary


def block_texts(bulletin: Bulletin) -> list[tuple[int, str]]:
    return [(block.line, block.text) for article in bulletin.articles for block in article.all_blocks]


def matched_terms(bulletin: Bulletin, matcher: TermMatcher) -> Counter[str]:
    return Counter(m.entry.term for _, text in block_texts(bulletin) for m in matcher.find(text))


def base_glossary(layout: Layout, base: Base) -> Glossary | None:
    """The glossary as it was at the base (a file or a folder of files), or None if it had none or it
    did not load then: every term is then new."""
    rel = layout.rel(layout.glossary)
    files = base.files_under(rel)
    if not files:
        return None
    with tempfile.TemporaryDirectory(prefix="annotate-report-") as tmp:
        for name in files:
            target = Path(tmp, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base.show(name) or b"")
        try:
            return load_glossary(Path(tmp, rel))
        except USER_ERRORS:
            return None


def newly_matched(inputs: Inputs, glossary: Glossary, base: Base) -> list[NewlyMatched]:
    """Terms the bulletins under review match now but did not match at the base."""
    matcher = TermMatcher(glossary)
    old_glossary = base_glossary(inputs.layout, base)
    old_matcher = TermMatcher(old_glossary) if old_glossary is not None else None
    newly: list[NewlyMatched] = []
    for item in inputs.items:
        if item.current is None:
            continue
        # An unchanged bulletin (in scope because the glossary changed) had the same text at the base.
        was = item.current if item.status == "unchanged" else item.base
        now = matched_terms(item.current, matcher)
        before = matched_terms(was, old_matcher) if was is not None and old_matcher else Counter[str]()
        terms: list[TermCount] = [
            {"term": t, "anchor": glossary[t].anchor, "count": n} for t, n in now.most_common() if t not in before
        ]
        if terms:
            newly.append({"source": item.current.source, "terms": terms})
    return newly


def glossary_section(inputs: Inputs) -> GlossarySection | None:
    """Candidates in the bulletins under review, most salient first; unused entries over the whole archive
    (an entry unused in the changed bulletin may be used elsewhere); with a base, terms the changed
    bulletins match now but did not match at the base."""
    glossary, everything = inputs.glossary, inputs.everything
    if glossary is None:
        return None
    matcher = TermMatcher(glossary)
    whole = glossary_usage([(b.source, block_texts(b)) for b in everything], glossary, matcher)
    focus = [i.current for i in inputs.items if i.current is not None]
    # The candidates ranked by salience over the articles under review (the term finder's own ranking).
    candidates = term_candidates(
        [(b.source, block_texts(b)) for b in focus], glossary, matcher, article_texts(focus), inputs.lexicon()
    )
    return {
        "path": inputs.layout.rel(inputs.layout.glossary),
        "entries": whole["glossary"]["entries"],
        "forms": whole["glossary"]["forms"],
        "candidates": candidates,
        "unused": whole["unused"],
        "shadowed": whole["shadowed"],
        "newly_matched": newly_matched(inputs, glossary, inputs.base) if inputs.base is not None else None,
    }


# ---------------------------------------------------------------------------------------- conversion


def review_lines(item: Loaded, base_text: Iterable[str] | None) -> list[tuple[int, str]]:
    """Source lines to review: all of them, or (with a base version) those whose text is new."""
    assert item.source is not None
    lines = content_lines(item.source)
    if base_text is None:
        return lines
    old = {line.strip() for line in base_text}
    return [(n, raw) for n, raw in lines if raw.strip() not in old]


def risk_json(group: RiskGroup) -> ConversionRisk:
    first = group.places[0]
    return {
        "word": group.word,
        "char": group.char,
        "chosen": group.chosen,
        "word_converted": group.word_converted,
        "count": group.count,
        "score": round(group.score, 3),
        "reasons": list(group.reasons),
        "alternatives": list(group.alternatives),
        "fix": f"{group.fix_key}: {group.fix_value}" if group.fix_key else "",
        "first": {
            "source": first.source,
            "line": first.line,
            "column": first.column,
            "context": first.context,
            "context_converted": first.context_converted,
        },
    }


def conversion_section(inputs: Inputs, whole: bool) -> ConversionSection | None:
    """The ``annotate convert --review`` queue for new text, with the converter the Traditional edition
    uses (same profile, override table and glossary words), and the same queue grouped by word and ranked
    by risk (:mod:`.conversion_risk`). ``whole``: review every line, not only the new ones — when the
    override table or the glossary changed, any line may now convert differently."""
    layout = inputs.layout
    if not layout.conversion.enabled:
        return None
    jieba.setLogLevel(40)  # jieba announces its dictionary loading on stderr, which CI shows as noise
    converter = make_converter(layout.docs, layout.conversion, inputs.glossary, default_cache_dir())
    ranker = RiskRanker(converter, inputs.lexicon().frequencies)
    queue: list[ConversionItem] = []
    seen: list[Occurrence] = []
    reviewed = 0
    for item in inputs.items:
        if item.current is None or item.source is None:
            continue
        old = item.base_source.lines if not whole and item.base_source is not None else None
        lines = review_lines(item, old)
        reviewed += len(lines)
        for review in converter.review(lines):
            queue.append(cast(ConversionItem, {"source": item.path, **review.to_json()}))
        seen += ranker.occurrences(item.path, lines)
    by_char = Counter((q["char"], q["chosen"]) for q in queue)
    counts: list[CharCount] = [{"char": c, "chosen": t, "count": n} for (c, t), n in by_char.most_common()]
    return {
        "profile": layout.conversion.profile,
        "overrides": layout.rel(layout.overrides) if layout.overrides.exists() else None,
        "lines": reviewed,
        "items": queue,
        "by_char": counts,
        "risks": [risk_json(g) for g in ranker.rank(seen, inputs.archive_lines)],
    }


# --------------------------------------------------------------------------------------------- xref


def xref_section(inputs: Inputs) -> XrefSection:
    """Links computed over the whole archive (a new bulletin links to old ones), kept when they are new
    links between the change and the archive: one end on a new line of a bulletin under review, the other
    in another bulletin. The items are the cross-reference module's own JSON."""
    terms = article_terms(inputs.everything, inputs.glossary)
    index = build_xref(inputs.everything, inputs.layout.xref, terms)
    new_lines = inputs.new_lines
    spans = {(b.slug, a.slug): (a.first_line, a.last_line) for b in inputs.everything for a in b.articles}

    def new_place(bulletin: str, line: int) -> bool:
        return line in new_lines.get(bulletin, ())

    def new_article(name: str) -> bool:
        bulletin, _, article = name.partition("/")
        first, last = spans.get((bulletin, article), (0, -1))
        return any(first <= n <= last for n in new_lines.get(bulletin, ()))

    def touches(a: str, b: str) -> bool:
        return a in new_lines or b in new_lines

    links = [x for x in index.links if x.a.bulletin != x.b.bulletin
             and (new_place(x.a.bulletin, x.a.line) or new_place(x.b.bulletin, x.b.line))]
    references = [x for x in index.references if x.place.bulletin != x.target.bulletin
                  and new_place(x.place.bulletin, x.place.line)]
    related = [x for x in index.related if x.a.split("/")[0] != x.b.split("/")[0]
               and (new_article(x.a) or new_article(x.b))]
    touching = (
        sum(touches(x.a.bulletin, x.b.bulletin) for x in index.links)
        + sum(touches(x.place.bulletin, x.target.bulletin) for x in index.references)
        + sum(touches(x.a.split("/")[0], x.b.split("/")[0]) for x in index.related)
    )
    return {
        "links": [cast(PassageJson, x.to_json()) for x in links],
        "references": [cast(ReferenceJson, x.to_json()) for x in references],
        "related": [cast(RelatedJson, x.to_json()) for x in related],
        "left_out": touching - len(links) - len(references) - len(related),
        "warnings": list(index.warnings),
    }


# -------------------------------------------------------------------------------------------- build


def _size(path: Path) -> int | None:
    return path.stat().st_size if path.is_file() else None


def _edition(name: str, pages: int, root: Path) -> EditionFigures:
    sizes = index_sizes(root)
    return {"edition": name, "pages": pages, "search_index": sizes["search_index"], "pagefind": sizes["pagefind"]}


def build_section(layout: Layout) -> BuildSection | None:
    """Figures from the built site, if there is one: pages and search index per edition, zip size, and
    whatever the build recorded in ``site/.annotate-build.json`` (build time)."""
    site = layout.site
    if not (site / "index.html").is_file():
        return None
    prefix = layout.conversion.prefix.strip("/")
    traditional = site / prefix
    pages = [p for p in site.rglob("*.html") if not under(p.relative_to(site).as_posix(), prefix)]
    editions = [_edition("zh-Hans", len(pages), site)]
    if traditional.is_dir():
        editions.append(_edition("zh-Hant", sum(1 for _ in traditional.rglob("*.html")), traditional))
    info: dict[str, object] | None = None
    for name in BUILD_INFO:
        try:
            loaded: object = json.loads((site / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(loaded, dict):
            info = loaded
            break
    return {
        "site": layout.rel(site),
        "editions": editions,
        "offline_zip": _size(site / offline.DOWNLOADS / offline.ZIP_NAME),
        "build_info": info,
    }


# ------------------------------------------------------------------------------------------- report


def build_report(layout: Layout, base: Base | None) -> Report:
    """Everything the report shows, as JSON-ready data (the ``--format json`` document)."""
    if base is not None:
        layout.root = base.root
    scope = find_scope(layout, base)
    items = load_scope(layout, scope, base)
    by_path = {i.path: i.current for i in items if i.current is not None}
    sources = [(p, read_path(p)) for p in layout.current_files()]
    everything = [by_path.get(layout.rel(p)) or segment_source(source, load_meta(p)) for p, source in sources]
    build = build_section(layout)
    bulletins = [bulletin_section(i, base is not None) for i in items]
    new_lines = {
        i.current.slug: {n for n, _ in review_lines(i, i.base_source.lines if i.base_source is not None else None)}
        for i in items
        if i.current is not None and i.source is not None and i.status != "unchanged"
    }
    archive_lines = [line for _, source in sources for line in source.lines]
    glossary = load_site_glossary(layout.docs, layout.settings)
    inputs = Inputs(layout, base, items, everything, glossary, archive_lines, new_lines)
    return {
        "base": {"ref": base.ref, "tip": base.tip, "commit": base.commit} if base else None,
        "scope": {
            "all": scope.all,
            "reasons": scope.reasons,
            "config_changed": scope.config_changed,
            "bulletins": len(items),
            "archive": len(everything),
        },
        "build": build,
        "bulletins": bulletins,
        "glossary": glossary_section(inputs),
        "xref": xref_section(inputs),
        "conversion": conversion_section(inputs, whole=bool(scope.config_changed)),
    }
