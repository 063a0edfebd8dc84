"""What ``annotate terms`` reports: how often each entry is annotated, the entries never annotated or
never found, and the candidate terms; as JSON-ready data and as text for the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypedDict

from ..glossary import Entry, EntryJson, Glossary
from ..model import Bulletin
from .candidates import Candidate, CandidateJson, entry_usage, find_candidates, ranked_candidates
from .matching import TermMatcher
from .salience import ArticleTexts, GeneralLexicon

_MARKS = {"title": "《{}》", "quoted": "“{}”", "code": "“{}”", "numbered": "{}", "frequent": "{}"}


def format_candidates(candidates: Iterable[Candidate | CandidateJson]) -> str:
    """One candidate a line: [salience,] count, phrase as it appears (with its 《》 or “” marks), kinds,
    first place, related entries, [why it ranks there]. Accepts objects or their ``to_json()`` dicts (a
    saved JSON report)."""
    lines = []
    for candidate in candidates:
        data = candidate.to_json() if isinstance(candidate, Candidate) else candidate
        shown = _MARKS[data["kinds"][0] if data["kinds"] else "numbered"].format(data["text"])
        score = f"{data['score']:>7.1f}" if "score" in data else ""
        line = f"{score}{data['count']:>5}  {shown}  [{','.join(data['kinds'])}]  {data['source']}:{data['line']}"
        if data["related"]:
            line += "  (see " + "、".join(f"“{t}”" for t in data["related"]) + ")"
        if "why" in data:
            line += f"  — {data['why']}"
        lines.append(line)
    return "\n".join(lines)


def format_unused(entries: Iterable[Entry | EntryJson]) -> str:
    """One unused entry a line, as ``file:line: term``, so an editor can jump to it."""
    lines = []
    for entry in entries:
        data = entry.to_json() if isinstance(entry, Entry) else entry
        where = f"{data['source']}:{data['line']}: " if data.get("source") else ""
        lines.append(f"{where}“{data['term']}” ({data['category']})")
    return "\n".join(lines)


class GlossaryFigures(TypedDict):
    entries: int
    forms: int


class BulletinFigures(TypedDict):
    source: str
    texts: int  # header and body blocks
    matches: int  # annotated matches (policy ``all``)
    entries: int  # entries among them


class TermCount(TypedDict):
    term: str
    anchor: str
    count: int


class TermsReport(TypedDict):
    """:func:`terms_report`: what ``annotate terms --json`` prints."""

    glossary: GlossaryFigures
    bulletins: list[BulletinFigures]
    usage: list[TermCount]
    shadowed: list[EntryJson]
    unused: list[EntryJson]
    candidates: list[CandidateJson]


def terms_report(
    bulletin_texts: list[tuple[str, list[tuple[int, str]]]],
    glossary: Glossary,
    articles: Sequence[ArticleTexts] | None = None,
    lexicon: GeneralLexicon | None = None,
) -> TermsReport:
    """Everything ``annotate terms`` prints, as JSON-ready data.

    ``bulletin_texts`` is ``[(source name, [(line, text), …]), …]`` — one item per bulletin, its
    texts in reading order (header and body blocks alike).

    Candidates: with ``articles`` (one ``[(source, line, text), …]`` per article, see
    :func:`article_texts`) they are ranked by salience and include unmarked phrases that recur across
    articles (:func:`.candidates.ranked_candidates`; ``lexicon`` defaults to jieba's dictionary); without,
    only quoted, numbered and 《》 candidates, most frequent first (:func:`.candidates.find_candidates`).

    ``usage`` counts the matches that would be annotated (policy ``all``, overlaps resolved);
    ``shadowed`` lists entries that occur only inside a longer form (八项规定 inside 中央八项规定精神),
    so they are never annotated although they are not unused; ``unused`` lists entries that occur
    nowhere at all.
    """
    matcher = TermMatcher(glossary)
    return {
        **glossary_usage(bulletin_texts, glossary, matcher),
        "candidates": term_candidates(bulletin_texts, glossary, matcher, articles, lexicon),
    }


class GlossaryUsage(TypedDict):
    """:func:`glossary_usage`: the part of :class:`TermsReport` about the glossary's own entries."""

    glossary: GlossaryFigures
    bulletins: list[BulletinFigures]
    usage: list[TermCount]
    shadowed: list[EntryJson]
    unused: list[EntryJson]


def glossary_usage(
    bulletin_texts: list[tuple[str, list[tuple[int, str]]]], glossary: Glossary, matcher: TermMatcher
) -> GlossaryUsage:
    """How the glossary's entries occur in the bulletins (see :func:`terms_report`), without looking for
    candidates: the editorial report asks this of the whole archive and candidates of the change only."""
    texts = [(source, line, text) for source, lines in bulletin_texts for line, text in lines]
    annotated = dict.fromkeys((e.term for e in glossary.entries), 0)
    bulletins: list[BulletinFigures] = []
    for source, lines in bulletin_texts:
        found = [m for _, text in lines for m in matcher.find(text)]
        for match in found:
            annotated[match.entry.term] += 1
        terms = {m.entry.term for m in found}
        bulletins.append({"source": source, "texts": len(lines), "matches": len(found), "entries": len(terms)})
    raw = entry_usage(texts, glossary, matcher)
    used = sorted((t for t, n in annotated.items() if n), key=lambda t: -annotated[t])
    return {
        "glossary": {"entries": len(glossary), "forms": len(glossary.forms)},
        "bulletins": bulletins,
        "usage": [{"term": t, "anchor": glossary[t].anchor, "count": annotated[t]} for t in used],
        "shadowed": [e.to_json() for e in glossary.entries if raw[e.term] and not annotated[e.term]],
        "unused": [e.to_json() for e in glossary.entries if not raw[e.term]],
    }


def term_candidates(
    bulletin_texts: list[tuple[str, list[tuple[int, str]]]],
    glossary: Glossary,
    matcher: TermMatcher,
    articles: Sequence[ArticleTexts] | None = None,
    lexicon: GeneralLexicon | None = None,
) -> list[CandidateJson]:
    """Phrases that look like terms and have no entry (see :func:`terms_report` for the two rankings)."""
    if articles is None:
        texts = [(source, line, text) for source, lines in bulletin_texts for line, text in lines]
        return [c.to_json() for c in find_candidates(texts, glossary, matcher)]
    return [c.to_json() for c in ranked_candidates(articles, glossary, lexicon or GeneralLexicon.jieba(), matcher)]


def article_texts(bulletins: Iterable[Bulletin]) -> list[list[tuple[str, int, str]]]:
    """``articles`` for :func:`terms_report`: each article's header and body blocks as
    ``(source, line, text)``."""
    return [
        [(bulletin.source, block.line, block.text) for block in article.all_blocks]
        for bulletin in bulletins
        for article in bulletin.articles
    ]


def format_terms_report(report: TermsReport) -> str:
    """Plain-text rendering of :func:`terms_report` for the terminal."""
    info = report["glossary"]
    out = [f"glossary: {info['entries']} entries, {info['forms']} forms"]
    for b in report["bulletins"]:
        out.append(f"{b['source']}: {b['matches']} matches of {b['entries']} entries in {b['texts']} texts")
    usage, candidates = report["usage"], report["candidates"]
    shadowed, unused = report["shadowed"], report["unused"]
    # (title, number of items, their lines when there are any)
    sections: Sequence[tuple[str, int, list[str]]] = (
        ("entries found", len(usage), [f"{u['count']:>5}  {u['term']}" for u in usage]),
        ("candidate terms without an entry", len(candidates), [format_candidates(candidates)]),
        ("entries found only inside longer terms (never annotated)", len(shadowed),
         ["  " + line for line in format_unused(shadowed).splitlines()]),
        ("entries found in no bulletin", len(unused), ["  " + line for line in format_unused(unused).splitlines()]),
    )
    for title, count, lines in sections:
        out += ["", f"{title} ({count}):"]
        out += lines if count else ["  (none)"]
    return "\n".join(out)
