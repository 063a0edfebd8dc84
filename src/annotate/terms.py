"""Finding glossary terms in running Chinese text, and finding terms the glossary still lacks.

Chinese has no spaces, so a term is found wherever its characters occur (“两个确立” and 坚持两个确立
alike). One Aho–Corasick automaton holds every form of every entry, so a text is scanned once
whatever the size of the glossary.

Callers pass plain text (never markup) and get character spans back; wrapping the spans in links
or tooltips is the renderer's job.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypedDict

import ahocorasick

from annotate.glossary import Entry, EntryJson, Glossary

Policy = Literal["first", "all"]


@dataclass(frozen=True, slots=True)
class Match:
    """``text[start:end] == form``, a term or alias of ``entry``."""

    start: int
    end: int
    entry: Entry
    form: str

    def to_json(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "form": self.form,
            "term": self.entry.term,
            "anchor": self.entry.anchor,
        }


def _is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _merge_spans(spans: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Sorted starts and ends of the allowed spans; overlapping spans merge, touching ones do not
    (two touching spans are two separate text runs, and a term must not straddle them)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [s for s, _ in merged], [e for _, e in merged]


class TermMatcher:
    """Every form of a glossary in one automaton, built once and reused for every text."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._automaton: ahocorasick.Automaton[tuple[str, Entry]] = ahocorasick.Automaton()
        for entry in glossary.entries:
            for form in entry.forms:
                self._automaton.add_word(form, (form, entry))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def occurrences(self, text: str) -> Iterator[Match]:
        """Every occurrence of every form, overlapping ones included, in order of their end.

        A form that begins or ends with an ASCII letter or digit must not continue a longer ASCII
        word or number: “1571” is a code, but 15710 and 21571 are other numbers.
        """
        if self._empty:
            return
        for last, (form, entry) in self._automaton.iter(text):
            end = last + 1
            start = end - len(form)
            if start > 0 and _is_word_char(form[0]) and _is_word_char(text[start - 1]):
                continue
            if end < len(text) and _is_word_char(form[-1]) and _is_word_char(text[end]):
                continue
            yield Match(start, end, entry, form)

    def find(self, text: str, spans: Iterable[tuple[int, int]] | None = None) -> list[Match]:
        """Non-overlapping matches in ``text``, sorted by position.

        Overlaps are resolved longest first, then leftmost: in 中央八项规定精神 the whole phrase wins
        over 八项规定; with forms AB and BCD in ABCD, BCD wins; with AB and BC in ABC, AB wins. The
        longer form is the more specific term, and the rule gives the same answer whatever order
        the entries were loaded in.

        ``spans`` (``[(start, end), …]`` offsets into ``text``) restricts matches to those lying
        entirely inside one span — e.g. the parts of a paragraph outside links or code. A form cut
        by a span boundary does not hide a shorter form inside the span.
        """
        return self.resolve(len(text), list(self.occurrences(text)), spans)

    def resolve(
        self, length: int, occurrences: Iterable[Match], spans: Iterable[tuple[int, int]] | None = None
    ) -> list[Match]:
        """:meth:`find` on occurrences already collected from a text of ``length`` characters: a text is
        scanned once, then resolved once for every purpose (the related articles' terms, the page's
        tooltips outside links)."""
        candidates: Iterable[Match] = occurrences
        if spans is not None:
            starts, ends = _merge_spans(spans)

            def allowed(match: Match) -> bool:
                i = bisect.bisect_right(starts, match.start) - 1
                return i >= 0 and match.end <= ends[i]

            candidates = filter(allowed, candidates)
        # Bucket by length: the automaton reports in order of end, so within one length the matches
        # are already leftmost first, and no comparison sort is needed.
        by_length: dict[int, list[Match]] = {}
        for match in candidates:
            by_length.setdefault(match.end - match.start, []).append(match)
        taken = bytearray(length)
        chosen: list[Match] = []
        for size in sorted(by_length, reverse=True):
            for match in by_length[size]:
                if taken.find(1, match.start, match.end) == -1:
                    taken[match.start : match.end] = b"\x01" * size
                    chosen.append(match)
        chosen.sort(key=lambda m: m.start)
        return chosen


def select(matches: Iterable[Match], policy: Policy = "first", seen: set[str] | None = None) -> list[Match]:
    """The matches to annotate.

    ``"first"`` (the default) keeps only the first occurrence of each entry, so a page is not
    littered with the same tooltip; ``"all"`` keeps every match. ``seen`` holds the terms already
    annotated on the page and is updated in place, so a caller walking a page block by block passes
    the same set to every call and starts a new one for each page.
    """
    seen = set() if seen is None else seen
    kept: list[Match] = []
    for match in matches:
        term = match.entry.term
        if policy == "all" or term not in seen:
            kept.append(match)
        seen.add(term)
    return kept


# --- candidate discovery -----------------------------------------------------------------------

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_QUOTED = re.compile(r"“([^“”\n]{2,12})”|‘([^‘’\n]{2,12})’|「([^「」\n]{2,12})」")
_TITLE = re.compile(r"《([^《》\n]{2,60})》")
_CODE = re.compile(r"[0-9０-９]+")
# 两个…, 四个…, 五大…, 八项…: a counted list is how formulations are coined.
_NUMBERED = re.compile(r"[两三四五六七八九十][个大项]")
# A counter glued to a longer number is not a formulation: 二十大, 十五个五年规划, 第十大.
_NUMERAL_BEFORE = set("零〇一二三四五六七八九十百千万两几第数0123456789０１２３４５６７８９")
# Function words and quantity words end a numbered formulation: 两个确立的…, 两个多月.
_STOP = set("的地得了和与及是在等要为把以对同向从于也都就并而或之着过被将已多半余")
_NUMBERED_MAX = 4  # characters after the counter: 十大民生工程, 八项规定精神
# Generic names that refer back to a document named in full nearby: not terms in themselves.
_GENERIC_TITLES = frozenset(
    {
        "意见",
        "决定",
        "通知",
        "条例",
        "规定",
        "办法",
        "准则",
        "规则",
        "细则",
        "摘编",
        "规划",
        "纲要",
        "报告",
        "建议",
        "方案",
        "讲话",
        "决议",
        "公报",
        "批复",
        "实施意见",
    }
)
KINDS = ("title", "quoted", "code", "numbered")


class CandidateJson(TypedDict):
    """:meth:`Candidate.to_json`."""

    text: str
    kinds: list[str]
    count: int
    source: str
    line: int
    related: list[str]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A phrase that looks like a term but has no entry: how often, and where first."""

    text: str
    kinds: tuple[str, ...]
    count: int
    source: str
    line: int
    related: tuple[str, ...] = ()  # entry terms that contain it or that it contains

    def to_json(self) -> CandidateJson:
        return {
            "text": self.text,
            "kinds": list(self.kinds),
            "count": self.count,
            "source": self.source,
            "line": self.line,
            "related": list(self.related),
        }


@dataclass(slots=True)
class _Occurrence:
    kind: str
    start: int
    end: int
    # Ends at punctuation, a non-Han character or the end of the text: surely the whole phrase. A
    # numbered formulation cut at the length limit or at a function word (四个意识作|为) may not be.
    firm: bool = True


@dataclass(slots=True)
class _Tally:
    kinds: set[str] = field(default_factory=set)
    count: int = 0
    first: tuple[int, str, int] = (0, "", 0)  # (input order, source, line)


def _quoted(text: str) -> list[_Occurrence]:
    found = []
    for m in _QUOTED.finditer(text):
        group = next(g for g in range(1, 4) if m.group(g) is not None)
        inner = m.group(group).rstrip("。，；：！？、")
        if len(inner) < 2 or not (_HAN.search(inner) or _CODE.search(inner)):
            continue
        kind = "code" if _CODE.fullmatch(inner) else "quoted"
        found.append(_Occurrence(kind, m.start(group), m.start(group) + len(inner)))
    return found


def _titles(text: str) -> list[_Occurrence]:
    return [
        _Occurrence("title", m.start(1), m.end(1)) for m in _TITLE.finditer(text) if m.group(1) not in _GENERIC_TITLES
    ]


def _continues(text: str, index: int) -> bool:
    """Whether a numbered formulation can extend over ``text[index]``."""
    return index < len(text) and bool(_HAN.match(text[index])) and text[index] not in _STOP


def _numbered(text: str, quoted: Sequence[_Occurrence]) -> list[_Occurrence]:
    """Unquoted 两个维护, 十大民生工程 …: counter + up to four Han characters, stopping early at a
    function word or punctuation. Inside quotes the quoted phrase already is the candidate."""
    found = []
    for m in _NUMBERED.finditer(text):
        start = m.start()
        if start > 0 and text[start - 1] in _NUMERAL_BEFORE:
            continue
        if any(q.start <= start < q.end for q in quoted):
            continue
        end = m.end()
        while end - m.end() < _NUMBERED_MAX and _continues(text, end):
            end += 1
        if end - m.end() < 2:
            continue
        firm = end == len(text) or not _HAN.match(text[end])
        found.append(_Occurrence("numbered", start, end, firm=firm))
    return found


def _extract(text: str) -> list[_Occurrence]:
    quoted = _quoted(text)
    return [*_titles(text), *quoted, *_numbered(text, quoted)]


def _settle(text: str, occ: _Occurrence, known: set[str]) -> _Occurrence:
    """A numbered formulation not firmly delimited (四个意识作 in 把四个意识作为重点) is shortened to
    the longest prefix seen elsewhere as a whole phrase (四个意识 quoted, or before punctuation, or a
    glossary form), so the variants of one formulation are counted together."""
    if occ.firm or text[occ.start : occ.end] in known:
        return occ
    for end in range(occ.end - 1, occ.start + 3, -1):
        if text[occ.start : end] in known:
            return _Occurrence(occ.kind, occ.start, end)
    return occ


def _covered(occ: _Occurrence, matches: Sequence[Match]) -> bool:
    """Whether the glossary already explains this occurrence.

    Inside a matched form (the phrase is a form, or part of one as 八项规定 in 中央八项规定精神):
    covered. A numbered formulation containing a form (两个确立 in 两个确立的…) only overshot the
    form: covered. Quoted phrases and titles that contain a form stay: they are units of their own
    (a document title names the document, not the term inside it).
    """
    for match in matches:
        if match.start <= occ.start and occ.end <= match.end:
            return True
        if occ.kind == "numbered" and occ.start <= match.start and match.end <= occ.end:
            return True
    return False


def _related(text: str, glossary: Glossary, matcher: TermMatcher) -> tuple[str, ...]:
    """Entries an editor should look at before adding a candidate: maybe it is a missing alias."""
    terms: list[str] = []
    for form in glossary.forms:
        if text in form and text != form:
            terms.append(glossary[form].term)
    terms.extend(m.entry.term for m in matcher.occurrences(text))
    return tuple(dict.fromkeys(terms))


def find_candidates(
    texts: Iterable[tuple[str, int, str]], glossary: Glossary, matcher: TermMatcher | None = None
) -> list[Candidate]:
    """Phrases that look like terms but have no entry, most frequent first.

    ``texts`` yields ``(source name, line number, text)``; a text may span lines (the line of a
    candidate then counts the newlines before it). Looked for: quoted phrases of 2–12 characters
    (“翻烧饼”, digit codes “1571”), numbered formulations (两个维护, 十大民生工程, 八项规定精神) and
    《…》 titles except generic back-references (《意见》). Occurrences the glossary already covers are
    not counted (see :func:`_covered`); a candidate with no remaining occurrence is not listed.
    """
    matcher = matcher or TermMatcher(glossary)
    items = list(texts)
    extracted = [_extract(text) for _, _, text in items]
    known = set(glossary.forms)
    for (_, _, text), occurrences in zip(items, extracted, strict=True):
        known.update(text[o.start : o.end] for o in occurrences if o.firm)
    tallies: dict[str, _Tally] = {}
    for order, ((source, line, text), occurrences) in enumerate(zip(items, extracted, strict=True)):
        matches = matcher.find(text)
        seen_spans: set[tuple[int, int]] = set()
        for raw in occurrences:
            occ = _settle(text, raw, known)
            if (occ.start, occ.end) in seen_spans or _covered(occ, matches):
                continue
            seen_spans.add((occ.start, occ.end))
            tally = tallies.setdefault(text[occ.start : occ.end], _Tally())
            if not tally.count:
                tally.first = (order, source, line + text.count("\n", 0, occ.start))
            tally.count += 1
            tally.kinds.add(occ.kind)
            if occ.kind == "quoted" and _NUMBERED.match(text, occ.start):
                tally.kinds.add("numbered")  # “两个维护”: a quoted numbered formulation is both
    candidates = [
        Candidate(
            phrase,
            tuple(k for k in KINDS if k in t.kinds),
            t.count,
            t.first[1],
            t.first[2],
            _related(phrase, glossary, matcher),
        )
        for phrase, t in tallies.items()
    ]
    order_of = {phrase: t.first for phrase, t in tallies.items()}
    candidates.sort(key=lambda c: (-c.count, order_of[c.text][0], c.line, c.text))
    return candidates


def entry_usage(
    texts: Iterable[tuple[str, int, str]], glossary: Glossary, matcher: TermMatcher | None = None
) -> dict[str, int]:
    """Raw occurrence count of every entry (keyed by term), whether or not a longer form wins there."""
    matcher = matcher or TermMatcher(glossary)
    counts = dict.fromkeys((e.term for e in glossary.entries), 0)
    for _, _, text in texts:
        for match in matcher.occurrences(text):
            counts[match.entry.term] += 1
    return counts


def unused_entries(
    texts: Iterable[tuple[str, int, str]], glossary: Glossary, matcher: TermMatcher | None = None
) -> list[Entry]:
    """Entries none of whose forms occur anywhere in ``texts`` (glossary order): dead weight, or a
    sign that the text spells the term in a way no alias covers."""
    counts = entry_usage(texts, glossary, matcher)
    return [e for e in glossary.entries if not counts[e.term]]


# --- reports ---------------------------------------------------------------------------------------

_MARKS = {"title": "《{}》", "quoted": "“{}”", "code": "“{}”", "numbered": "{}"}


def format_candidates(candidates: Iterable[Candidate | CandidateJson]) -> str:
    """One candidate a line: count, phrase as it appears (with its 《》 or “” marks), kinds, first
    place, related entries. Accepts objects or their ``to_json()`` dicts (a saved JSON report)."""
    lines = []
    for candidate in candidates:
        data = candidate.to_json() if isinstance(candidate, Candidate) else candidate
        shown = _MARKS[data["kinds"][0] if data["kinds"] else "numbered"].format(data["text"])
        line = f"{data['count']:>5}  {shown}  [{','.join(data['kinds'])}]  {data['source']}:{data['line']}"
        if data["related"]:
            line += "  (see " + "、".join(f"“{t}”" for t in data["related"]) + ")"
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


def terms_report(bulletin_texts: list[tuple[str, list[tuple[int, str]]]], glossary: Glossary) -> TermsReport:
    """Everything ``annotate terms`` prints, as JSON-ready data.

    ``bulletin_texts`` is ``[(source name, [(line, text), …]), …]`` — one item per bulletin, its
    texts in reading order (header and body blocks alike).

    ``usage`` counts the matches that would be annotated (policy ``all``, overlaps resolved);
    ``shadowed`` lists entries that occur only inside a longer form (八项规定 inside 中央八项规定精神),
    so they are never annotated although they are not unused; ``unused`` lists entries that occur
    nowhere at all.
    """
    matcher = TermMatcher(glossary)
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
        "candidates": [c.to_json() for c in find_candidates(texts, glossary, matcher)],
    }


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


def terms_main(argv: Sequence[str]) -> int:
    """``annotate terms FILE… [--glossary docs/glossary.yml] [--json]``."""
    import argparse
    import json
    from pathlib import Path

    from annotate.glossary import load_glossary
    from annotate.segment import segment_path

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
