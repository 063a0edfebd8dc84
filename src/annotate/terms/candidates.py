"""Finding terms the glossary still lacks (quoted phrases, numbered formulations, 《…》 titles, and — with
:func:`ranked_candidates` — unmarked phrases that recur across articles, see :mod:`.salience`), and the
entries no text uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NotRequired, TypedDict

from ..glossary import Entry, Glossary
from .matching import Match, TermMatcher
from .salience import ArticleTexts, GeneralLexicon, Salience, statistical_candidates

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
# "frequent": an unmarked phrase found by statistics (:mod:`.salience`), in ranked lists only.
KINDS = ("title", "quoted", "code", "numbered", "frequent")


class CandidateJson(TypedDict):
    """:meth:`Candidate.to_json`. ``score``, ``articles`` and ``why`` are set in ranked lists only."""

    text: str
    kinds: list[str]
    count: int
    source: str
    line: int
    related: list[str]
    score: NotRequired[float]  # salience: articles × rarity × log2(1 + count)
    articles: NotRequired[int]  # articles the phrase occurs in
    why: NotRequired[str]  # the factors of the score, in words


@dataclass(frozen=True, slots=True)
class Candidate:
    """A phrase that looks like a term but has no entry: how often, and where first."""

    text: str
    kinds: tuple[str, ...]
    count: int
    source: str
    line: int
    related: tuple[str, ...] = ()  # entry terms that contain it or that it contains
    salience: Salience | None = None  # ranked lists only: why it is ranked where it is

    def to_json(self) -> CandidateJson:
        data: CandidateJson = {
            "text": self.text,
            "kinds": list(self.kinds),
            "count": self.count,
            "source": self.source,
            "line": self.line,
            "related": list(self.related),
        }
        if self.salience is not None:
            data["score"] = self.salience.score
            data["articles"] = self.salience.articles
            data["why"] = self.salience.explain()
        return data


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


def ranked_candidates(
    articles: Sequence[ArticleTexts],
    glossary: Glossary,
    lexicon: GeneralLexicon,
    matcher: TermMatcher | None = None,
) -> list[Candidate]:
    """Every candidate — quoted, numbered and 《》-titled ones (:func:`find_candidates`) and unmarked
    phrases that recur across articles (:func:`.salience.statistical_candidates`) — most salient first.

    ``articles`` holds one sequence of ``(source, line, text)`` per article. Every candidate gets a
    :class:`~.salience.Salience` (articles it occurs in × its rarity in general Chinese × a weight of its
    occurrences); a marked phrase needs no statistics to be listed (the marks show it is a unit), but is
    ranked by the same score. A phrase found both ways is one candidate with both kinds.
    """
    matcher = matcher or TermMatcher(glossary)
    texts = [item for blocks in articles for item in blocks]
    marked = find_candidates(texts, glossary, matcher)
    statistics = statistical_candidates(articles, glossary, lexicon, matcher)
    found = {phrase: (why, where) for phrase, why, where in statistics}
    # Each article's text as one string (blocks apart: no phrase spans two), built once for every lookup.
    whole_articles = ["\n".join(text for _, _, text in blocks) for blocks in articles]
    ranked: list[Candidate] = []
    for candidate in marked:
        statistic = found.pop(candidate.text, None)
        if statistic is not None:
            why = statistic[0]
            kinds = (*candidate.kinds, "frequent")
        else:
            seen_in = sum(1 for whole in whole_articles if candidate.text in whole)
            rarity, words = lexicon.rarity(candidate.text)
            why = Salience(max(seen_in, 1), candidate.count, round(min(rarity, MAX_MARKED_RARITY), 2), words)
            kinds = candidate.kinds
        ranked.append(
            Candidate(candidate.text, kinds, max(candidate.count, why.count), candidate.source, candidate.line,
                      candidate.related, why)
        )
    for phrase, (why, (source, line)) in found.items():
        related = _related(phrase, glossary, matcher)
        ranked.append(Candidate(phrase, ("frequent",), why.count, source, line, related, why))
    order = {c.text: i for i, c in enumerate(ranked)}
    ranked.sort(key=lambda c: (-(c.salience.score if c.salience else 0.0), -c.count, order[c.text]))
    return ranked


# A long 《》 title is rare as a whole only because it is long: capped so that titles do not crowd out
# everything else (about three rare words).
MAX_MARKED_RARITY = 20.0


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
