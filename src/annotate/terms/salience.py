"""Candidate terms by statistics: phrases that recur across articles and are rare in general Chinese.

Quotes and 《》 only catch the vocabulary a writer chose to mark; institutions, campaigns and formulas are
mostly written bare. Here every run of 2–8 Han characters outside glossary matches is counted, and a
phrase is proposed when it is

* **recurrent**: it occurs in at least two articles (``articles``, its document frequency);
* **whole**: no function character at either end (的…, …了) or inside (…的…), and not a word cut short:
  a phrase whose occurrences mostly continue into a dictionary word across its edge is a fragment
  (中央纪委国家监 of 中央纪委国家监委, 中华人民 of 中华人民共和国: *nested suppression*);
* **rare in general Chinese**: jieba's dictionary frequencies give each word a general probability; the
  phrase's *rarity* is ``log10(1 / probability)`` of its most probable segmentation, the words taken as
  independent (a sum over its words). A common word (发展, 工作) costs about 3, an uncommon one (述职,
  擘画) 5.5 to 7; a character jieba does not know as a word counts as a word seen once. A candidate has
  at most three words, one of them rarer than 1 in 100,000, none more common than about 1 in 30,000
  (so 述职 rather than 述职报告, and no 经济社会发展); it ends in a noun, not in a verb, adverb,
  adjective or numeral by jieba's part-of-speech tag (a term names something).

The **salience** an editor sees is ``articles × rarity × log2(1 + occurrences)``: how widely the phrase
recurs, how unusual it is, and (damped) how often it is used. The factors are printed with every
candidate, so a ranking can be checked by hand. Of two candidates one inside the other (瀛台 in 中南海瀛台)
the shorter is dropped when it nearly always occurs inside the longer.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..glossary import Glossary
from .matching import TermMatcher

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
MIN_LENGTH, MAX_LENGTH = 2, 8
# Characters that begin or end no term: particles, conjunctions, prepositions, copulas, measure and
# pronoun characters. Inside a phrase they mark a clause, not a name (政府工作情况的汇报).
EDGE_STOP = frozenset(
    "的地得了着过和与及或并而且也都就还又再很更最是为在于从对把被将以向由给让使等之其此该各每这那个们吗呢吧啊要"
)
INNER_STOP = frozenset("的地得了着过是在")
# A fragment that occurs inside one longer phrase this often (as a share of its own occurrences) is
# that phrase cut short.
NESTED_SHARE = 0.75
MIN_ARTICLES = 2
MAX_WORDS = 3  # more words than this make a clause (坚定维护国家主权的决心)
RARE_WORD = 5.0  # log10: a term has at least one word rarer than 1 in 100,000 …
COMMON_WORD = 4.5  # … and no word more common than about 1 in 30,000 (报告, 建设, 会见)
MIN_RARITY = 5.5  # log10: the whole rarer than about 1 in 300,000 words of general Chinese
# Parts of speech (jieba's tags) no term ends in: verbs, adverbs, adjectives, numerals, measure words,
# pronouns, prepositions, conjunctions, particles. Verbal and adjectival nouns (vn, an) may.
NO_HEAD = frozenset({"v", "vd", "vg", "d", "a", "ad", "ag", "m", "mq", "q", "r", "p", "c", "u"})

ArticleTexts = Sequence[tuple[str, int, str]]  # one article: (source, line, text) of each block


@dataclass(frozen=True, slots=True)
class Salience:
    """Why a phrase is proposed: its statistics and the score made of them."""

    articles: int  # articles it occurs in
    count: int  # occurrences outside glossary matches
    rarity: float  # log10(1 / probability in general Chinese), its words taken as independent
    words: tuple[str, ...]  # its most probable segmentation in general Chinese

    @property
    def weight(self) -> float:
        """log2(1 + occurrences): a phrase used 30 times weighs about three times one used twice."""
        return math.log2(1 + self.count)

    @property
    def score(self) -> float:
        return round(self.articles * self.rarity * self.weight, 1)

    def explain(self) -> str:
        """One line for the terminal and the report: the three factors of the score."""
        return (
            f"{self.articles} 篇文章 × 罕见度 {self.rarity:.1f}（{'|'.join(self.words)}）"
            f" × 频次权重 {self.weight:.1f}（{self.count} 次）"
        )


class GeneralLexicon:
    """Word frequencies of general Chinese: jieba's dictionary (jieba is a dependency already).

    Loaded by the caller once per run and passed on: it takes about a second, and the package keeps no
    module-level state.
    """

    def __init__(self, frequencies: dict[str, int], tags: dict[str, str] | None = None) -> None:
        self.frequencies = frequencies
        self.tags = tags or {}  # part of speech, jieba's (ICTCLAS) tag set: n, v, vn, a, m …
        self.total = sum(frequencies.values()) or 1
        self.longest = max((len(w) for w in frequencies), default=1)

    @classmethod
    def from_file(cls, path: Path) -> GeneralLexicon:
        """A jieba-format dictionary: ``word frequency [tag]`` per line."""
        frequencies: dict[str, int] = {}
        tags: dict[str, str] = {}
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                parts = line.split()
                if len(parts) >= 2 and parts[1].isdigit():
                    frequencies[parts[0]] = int(parts[1])
                    if len(parts) >= 3:
                        tags[parts[0]] = parts[2]
        return cls(frequencies, tags)

    @classmethod
    def jieba(cls) -> GeneralLexicon:
        """jieba's own dictionary (``dict.txt`` inside the installed package)."""
        import jieba

        return cls.from_file(Path(jieba.__file__).with_name("dict.txt"))

    def cost(self, word: str) -> float:
        """log10(1 / probability) of a word; a string that is no word counts as seen once."""
        return math.log10(self.total / max(self.frequencies.get(word, 0), 1))

    def segment(self, phrase: str) -> tuple[str, ...]:
        """The most probable cut of ``phrase`` into dictionary words (unknown characters alone)."""
        size = len(phrase)
        best: list[tuple[float, int]] = [(0.0, 0)] + [(math.inf, 0)] * size  # (cost up to i, start of last word)
        for end in range(1, size + 1):
            for start in range(max(0, end - self.longest), end):
                word = phrase[start:end]
                if end - start > 1 and word not in self.frequencies:
                    continue
                cost = best[start][0] + self.cost(word)
                if cost < best[end][0]:
                    best[end] = (cost, start)
        words: list[str] = []
        end = size
        while end > 0:
            start = best[end][1]
            words.append(phrase[start:end])
            end = start
        return tuple(reversed(words))

    def rarity(self, phrase: str) -> tuple[float, tuple[str, ...]]:
        """log10(1 / probability) of the phrase in general Chinese (its words taken as independent, along
        its most probable cut), and the cut."""
        words = self.segment(phrase)
        return sum(self.cost(w) for w in words), words


def _runs(text: str, matcher: TermMatcher) -> Iterator[tuple[int, str]]:
    """(offset, run) of the Han runs of ``text`` with glossary matches cut out: what the glossary already
    explains is no candidate, and no candidate straddles a glossary term."""
    cursor = 0
    for start, end in [*((m.start, m.end) for m in matcher.find(text)), (len(text), len(text))]:
        for run in _HAN_RUN.finditer(text, cursor, start):
            yield run.start(), run.group()
        cursor = end


def whole(phrase: str) -> bool:
    """No function character at either end or inside (a clause, not a name), not one repeated character."""
    return (
        phrase[0] not in EDGE_STOP
        and phrase[-1] not in EDGE_STOP
        and not any(c in INNER_STOP for c in phrase[1:-1])
        and len(set(phrase)) > 1
    )


@dataclass(slots=True)
class PhraseCounts:
    """Every 2–8 character n-gram of the Han runs: occurrences, articles, first place."""

    count: Counter[str] = field(default_factory=Counter)
    articles: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    first: dict[str, tuple[str, int]] = field(default_factory=dict)  # (source, line)
    left: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # characters seen before
    right: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # characters seen after

    def add(self, article: int, source: str, line: int, text: str, matcher: TermMatcher) -> None:
        for offset, run in _runs(text, matcher):
            here = (source, line + text.count("\n", 0, offset))
            # One longer than MAX_LENGTH: a MAX_LENGTH window of a longer repeat is suppressed by it.
            for size in range(MIN_LENGTH, min(MAX_LENGTH + 1, len(run)) + 1):
                for start in range(len(run) - size + 1):
                    phrase = run[start : start + size]
                    self.count[phrase] += 1
                    self.articles[phrase].add(article)
                    self.first.setdefault(phrase, here)
                    if start:
                        self.left[phrase].add(run[start - 1])
                    if start + size < len(run):
                        self.right[phrase].add(run[start + size])

    def recurrent(self, min_articles: int) -> list[str]:
        """Phrases in at least ``min_articles`` articles, in first-seen order."""
        return [p for p, seen in self.articles.items() if len(seen) >= min_articles]


def _crosses(lexicon: GeneralLexicon, longer: str, boundary: int) -> bool:
    """Whether the most probable cut of ``longer`` puts a word across position ``boundary``."""
    position = 0
    for word in lexicon.segment(longer):
        if position < boundary < position + len(word):
            return True
        position += len(word)
    return False


def _extend(phrase: str, char: str, right: bool) -> str:
    return phrase + char if right else char + phrase


def _cut_short(phrase: str, counts: PhraseCounts, lexicon: GeneralLexicon, right: bool) -> bool:
    """Whether most occurrences of ``phrase`` continue, on one side, into a word across its edge."""
    own = counts.count[phrase]
    neighbours = counts.right if right else counts.left

    def crosses(longer: str) -> bool:
        return _crosses(lexicon, longer, len(phrase) if right else len(longer) - len(phrase))

    # One character on, all continuations together: 扎实推 + 动 or + 进.
    glued = 0
    for char in neighbours.get(phrase, ()):
        longer = _extend(phrase, char, right)
        if crosses(longer):
            glued += counts.count[longer]
    if glued >= NESTED_SHARE * own:
        return True
    # Along the usual continuation, a character at a time: 中华人民 + 共 + 和 + 国.
    longer = phrase
    while len(longer) <= MAX_LENGTH and neighbours.get(longer):
        here = longer
        best = max(sorted(neighbours[here]), key=lambda char: counts.count[_extend(here, char, right)])
        if counts.count[_extend(here, best, right)] < NESTED_SHARE * own:
            return False
        longer = _extend(here, best, right)
        if crosses(longer):
            return True
    return False


def _fragment(phrase: str, counts: PhraseCounts, lexicon: GeneralLexicon) -> bool:
    """Nested suppression: ``phrase`` is a word cut short (中央纪委国家监 of …监委, 中华人民 of
    中华人民共和国) when most of its occurrences continue into a word across its left or right edge."""
    return _cut_short(phrase, counts, lexicon, right=True) or _cut_short(phrase, counts, lexicon, right=False)


def accept(
    phrase: str, lexicon: GeneralLexicon, min_rarity: float = MIN_RARITY
) -> tuple[float, tuple[str, ...]] | None:
    """(rarity, words) of a phrase that may be a term, else None.

    None of its words is a common word (a term is not 述职报告 but 述职; not 经济社会发展), it has at
    most :data:`MAX_WORDS` words, one of them rarer than :data:`RARE_WORD`, and the whole is rarer than
    ``min_rarity``.
    """
    if not whole(phrase):
        return None
    rarity, words = lexicon.rarity(phrase)
    if len(words) > MAX_WORDS or rarity < min_rarity:
        return None
    costs = [lexicon.cost(w) for w in words]
    if max(costs) < RARE_WORD:
        return None
    if min(costs) < COMMON_WORD:
        return None
    if lexicon.tags.get(words[-1]) in NO_HEAD:
        return None  # a term names something: it ends in a noun, not in a verb (擘画, 述职) or a number
    return rarity, words


def _drop_nested(
    found: list[tuple[str, Salience, tuple[str, int]]],
) -> list[tuple[str, Salience, tuple[str, int]]]:
    """Drop a candidate that nearly always occurs inside a longer candidate (掌舵 in 领航掌舵)."""
    counts = {phrase: why.count for phrase, why, _ in found}
    return [
        item for item in found
        if not any(item[0] in other and other != item[0] and n >= NESTED_SHARE * item[1].count
                   for other, n in counts.items())
    ]


def statistical_candidates(
    articles: Iterable[ArticleTexts],
    glossary: Glossary,
    lexicon: GeneralLexicon,
    matcher: TermMatcher | None = None,
    min_articles: int = MIN_ARTICLES,
    min_rarity: float = MIN_RARITY,
) -> list[tuple[str, Salience, tuple[str, int]]]:
    """Unmarked phrases worth an entry, most salient first: (phrase, why, first place).

    ``articles`` is one sequence of ``(source, line, text)`` per article. See the module docstring for
    the filters and the score; ties are broken by more occurrences, then longer phrase, then first seen.
    """
    matcher = matcher or TermMatcher(glossary)
    counts = PhraseCounts()
    for index, blocks in enumerate(articles):
        for source, line, text in blocks:
            counts.add(index, source, line, text, matcher)
    found: list[tuple[str, Salience, tuple[str, int]]] = []
    for phrase in counts.recurrent(min_articles):
        if len(phrase) > MAX_LENGTH or phrase in glossary:
            continue
        accepted = accept(phrase, lexicon, min_rarity)
        if accepted is None or _fragment(phrase, counts, lexicon):
            continue
        rarity, words = accepted
        why = Salience(len(counts.articles[phrase]), counts.count[phrase], round(rarity, 2), words)
        found.append((phrase, why, counts.first[phrase]))
    found = _drop_nested(found)
    order = {p: i for i, p in enumerate(counts.first)}
    found.sort(key=lambda item: (-item[1].score, -item[1].count, -len(item[0]), order[item[0]]))
    return found
