"""The conversion review ranked by risk: which Traditional forms are most likely wrong, one line per word.

The converter's review queue (:meth:`annotate.convert.Converter.review`) lists every occurrence of a
character with several Traditional forms — about one character in twelve of a bulletin, nearly all of them
right. A reviewer reads thirty lines, so the occurrences are grouped by word (the jieba word the character
was converted in, and the form chosen) and the groups are ordered by how likely the choice is wrong. The
signals, each a reason the report shows in Chinese:

- **ambiguity in context** — how often OpenCC's own phrase table writes this character another way in
  phrases containing the same word. A word no phrase contains was converted character by character
  (outside any known word): the share is then the character's, over every phrase that holds it (扎 is
  紮 in nearly half of them, 据 almost never 据), less for a word common in jieba's dictionary;
- **word and character disagree** — the word took a form other than the character's default: a phrase
  entry decided, and phrase entries carry one reading of a word that may have another (总台 總檯 the
  reception desk, not 總臺 the broadcaster);
- **two ways in the archive** — the same Simplified word is written two ways across the bulletins (an
  override or a different cut decided one place and not another);
- **proper noun** — jieba tags the word as a name, place or organisation: names keep unusual forms
  (倪岳峰 is not 倪嶽峰).

Every group carries the ``docs/conversion.yml`` line that reverses the choice, to paste.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import jieba.posseg
import opencc

from ..convert import Converter, jieba_dict_path

# Weights of the signals; the share of other forms (0..1) is the base. Chosen with
# bench/report_risk_recall.py on the three reviewed references (tests/data/*.s2tw.txt): few errors, so a
# new reference may move them.
TWO_WAYS_WEIGHT = 1.0
NAME_WEIGHT = 0.8
# The character's own share counts as this many phrases: a word in one phrase entry is not a certainty
# (总台 has one, 總檯 the reception desk), a word in twenty is (批准 批准).
PRIOR_PHRASES = 2
# The profile's regional forms of OpenCC-standard Traditional (s2tw: 裏 → 裡, 蔘 → 參): the phrase table is
# written in the standard forms, the converter's output in the regional ones.
REGIONAL = {"s2tw": "TWVariants", "s2hk": "HKVariants"}
# A word of jieba's dictionary at least this frequent that no OpenCC phrase contains is common enough that
# OpenCC's authors would have listed it, were the character's default form wrong in it (巨大, 机关干部): its
# share counts this much. Rare words (扎牢, 免签: jieba's minimum, 3 to 8) and single characters keep theirs.
COMMON_WORD = 100
COMMON_DISCOUNT = 0.25
COUNT_WEIGHT = 0.5  # per doubling of a word's occurrences
NAME_TAGS = ("nr", "ns", "nt", "nz")  # jieba's person, place, organisation and other proper-noun tags

REASON_LABELS = {
    "context": "OpenCC 词组里此字常写作别的繁体",
    "char": "不在已知词中，按单字转换",
    "disagree": "词的转换与单字默认写法不同",
    "two-ways": "同一词在档案里有两种写法",
    "name": "专名",
}


@dataclass(frozen=True, slots=True)
class Place:
    """One occurrence of a group: where, and its context before and after conversion."""

    source: str  # git path of the bulletin
    line: int
    column: int  # 1-based, in characters
    context: str
    context_converted: str


@dataclass(slots=True)
class RiskGroup:
    """The occurrences of one character converted one way inside one word."""

    word: str
    char: str
    offset: int  # of the character in the word
    chosen: str
    word_converted: str
    places: list[Place] = field(default_factory=list)
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)  # keys of REASON_LABELS
    alternatives: tuple[str, ...] = ()  # the character's other Traditional forms
    fix_key: str = ""  # the docs/conversion.yml line that writes the first alternative instead
    fix_value: str = ""

    @property
    def count(self) -> int:
        return len(self.places)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One review occurrence with the line's words around it, as the ranking needs them."""

    source: str
    line: int
    column: int
    word: str
    offset: int
    char: str
    chosen: str
    word_converted: str
    context: str
    context_converted: str
    before: str  # the previous word of the line
    after: str  # the next word of the line
    in_name: bool  # inside a span jieba tags as a proper noun


def _is_han(text: str) -> bool:
    """A word of Chinese characters only: an override key never holds punctuation or digits."""
    return bool(text) and all("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text)


class RiskRanker:
    """Groups a review queue by word and orders the groups by risk (see the module docstring).

    Holds the converter the Traditional edition uses and tables made once from OpenCC's data.
    """

    def __init__(self, converter: Converter, frequencies: Mapping[str, int] | None = None) -> None:
        """``frequencies``: jieba's word frequencies when the caller has read them already (the report
        reads them once for the term candidates too); else they are read on first use."""
        self.converter = converter
        data = converter.data
        self.ambiguous = data.one_to_many_chars()
        self.chars = data.dictionary("STCharacters")
        self._regional = data.dictionary(REGIONAL[converter.profile]) if converter.profile in REGIONAL else {}
        self._by_char: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._char_forms: dict[str, Counter[str]] = defaultdict(Counter)
        for key, values in data.dictionary("STPhrases").items():
            value = "".join(self.regional(c) for c in values[0])
            if len(value) != len(key):
                continue
            for char in set(key) & self.ambiguous:
                self._by_char[char].append((key, value))
            for simplified, traditional in zip(key, value, strict=True):
                if simplified in self.ambiguous:
                    self._char_forms[simplified][traditional] += 1
        self._frequency: Mapping[str, int] | None = frequencies
        self._standard: opencc.OpenCC | None = None
        self._tagger: jieba.posseg.POSTokenizer | None = None

    # -- the signals -------------------------------------------------------------------------------------

    def other_share(self, word: str, offset: int, chosen: str) -> tuple[float, int, bool]:
        """How likely another form is right: the share of OpenCC phrases containing ``word`` that write its
        character at ``offset`` otherwise than ``chosen``, with the character's own share over every phrase
        that holds it as the prior (worth :data:`PRIOR_PHRASES` phrases). Also the number of phrases that
        contain the word (0: converted outside any known word) and whether ``chosen`` is not the form the
        character mostly takes (the word decided against the character)."""
        char = word[offset]
        forms: Counter[str] = Counter()
        if len(word) > 1:
            for key, value in self._by_char.get(char, ()):
                start = key.find(word)
                while start >= 0:
                    forms[value[start + offset]] += 1
                    start = key.find(word, start + 1)
        known = sum(forms.values())
        alone = self._char_forms.get(char, Counter())
        total_alone = sum(alone.values())
        prior = (total_alone - alone[chosen] + 1) / (total_alone + 2)
        share = (known - forms[chosen] + PRIOR_PHRASES * prior) / (known + PRIOR_PHRASES)
        usual = alone.most_common(1)[0][0] if alone else self.default(char)
        return share, known, chosen != usual

    def frequency(self, word: str) -> int:
        """The word's frequency in jieba's own dictionary (0: not in it), read once."""
        if self._frequency is None:
            table: dict[str, int] = {}
            with jieba_dict_path().open(encoding="utf-8") as handle:
                for row in handle:
                    parts = row.split(" ")
                    if len(parts) >= 2 and parts[1].strip().isdigit():
                        table[parts[0]] = int(parts[1])
            self._frequency = table
        return self._frequency.get(word, 0)

    def regional(self, form: str) -> str:
        """An OpenCC-standard form as the profile writes it (s2tw: 裏 → 裡; forms it merges become one)."""
        found = self._regional.get(form)
        return found[0] if found else form

    def default(self, char: str) -> str:
        values = self.chars.get(char)
        return values[0] if values else char

    def names(self, line: str) -> list[tuple[int, int]]:
        """Spans of the line jieba tags as proper nouns (with its HMM, which finds unknown names)."""
        if self._tagger is None:
            self._tagger = jieba.posseg.POSTokenizer(self.converter.tokenizer)
        spans, start = [], 0
        for pair in self._tagger.lcut(line, HMM=True):
            word, flag = pair.word, pair.flag
            if len(word) > 1 and flag.startswith(NAME_TAGS):
                spans.append((start, start + len(word)))
            start += len(word)
        return spans

    def standard(self, text: str) -> str:
        """OpenCC-standard Traditional (臺, 裏), as ``docs/conversion.yml`` wants its values."""
        if self._standard is None:
            self._standard = opencc.OpenCC("s2t.json")
        converted: str = self._standard.convert(text)
        if len(converted) != len(text):
            converted = "".join(self.default(c) for c in text)
        return converted

    # -- ranking ------------------------------------------------------------------------------------------

    def occurrences(self, source: str, lines: Iterable[tuple[int, str]]) -> list[Occurrence]:
        """The review queue of some lines of one bulletin, with each occurrence's neighbouring words."""
        seen: list[Occurrence] = []
        for number, line in lines:
            pieces = self.converter.pieces(line)
            items = self.converter.review([(number, line)])
            if not items:
                continue
            names = self.names(line)
            by_start = {p.start: k for k, p in enumerate(pieces)}
            for item in items:
                column = item.column - 1
                index = max(k for s, k in by_start.items() if s <= column)
                piece = pieces[index]
                before = pieces[index - 1].text if index > 0 else ""
                after = pieces[index + 1].text if index + 1 < len(pieces) else ""
                in_name = any(lo <= column < hi for lo, hi in names)
                seen.append(
                    Occurrence(source, number, item.column, piece.text, column - piece.start, item.char, item.chosen,
                          piece.converted, item.context, item.context_converted, before, after, in_name)
                )
        return seen

    def rank(self, seen: Sequence[Occurrence], archive: Iterable[str] = ()) -> list[RiskGroup]:
        """Groups of ``seen`` (the review of the lines under review), riskiest first. ``archive``: every
        line of every bulletin, to find words written two ways."""
        groups: dict[tuple[str, int, str], RiskGroup] = {}
        named: set[tuple[str, int, str]] = set()
        neighbours: dict[tuple[str, int, str], tuple[str, str]] = {}
        for s in seen:
            key = (s.word, s.offset, s.chosen)
            group = groups.get(key)
            if group is None:
                group = groups[key] = RiskGroup(s.word, s.char, s.offset, s.chosen, s.word_converted)
                neighbours[key] = (s.before, s.after)
            if s.in_name:
                named.add(key)
            group.places.append(Place(s.source, s.line, s.column, s.context, s.context_converted))
        two_ways = self.two_ways({k[0] for k in groups if len(k[0]) > 1}, archive)
        for key, group in groups.items():
            share, known, disagrees = self.other_share(group.word, group.offset, group.chosen)
            if not known and len(group.word) > 1 and self.frequency(group.word) >= COMMON_WORD:
                share *= COMMON_DISCOUNT
            # One override line fixes every occurrence: a word met often is worth more of the reviewer's time,
            # by the logarithm of its count (risk, not count, still leads: 7 occurrences weigh 2.4 times one).
            group.score = share * (1 + COUNT_WEIGHT * math.log2(group.count))
            group.reasons.append("context" if known else "char")
            if disagrees:
                group.reasons.append("disagree")
            if group.word in two_ways:
                group.score += TWO_WAYS_WEIGHT
                group.reasons.append("two-ways")
            if key in named and not known:  # a name no phrase entry knows: converted character by character
                group.score += NAME_WEIGHT * share
                group.reasons.append("name")
            self._fix(group, *neighbours[key])
        return sorted(groups.values(), key=lambda g: (-round(g.score, 6), -g.count, g.word, g.chosen))

    def two_ways(self, words: set[str], archive: Iterable[str]) -> set[str]:
        """The words written with two different Traditional forms somewhere in ``archive``."""
        by_char: dict[str, list[str]] = defaultdict(list)
        for word in words:
            for char in set(word) & self.ambiguous:
                by_char[char].append(word)
        forms: dict[str, set[str]] = defaultdict(set)
        for line in archive:
            present = {w for char in set(line) & by_char.keys() for w in by_char[char] if w in line}
            if not present:
                continue
            converted = self.converter.convert_line(line)
            if len(converted) != len(line):
                continue
            for word in present:
                start = line.find(word)
                while start >= 0:
                    forms[word].add(converted[start : start + len(word)])
                    start = line.find(word, start + 1)
        return {word for word, written in forms.items() if len(written) > 1}

    def _fix(self, group: RiskGroup, before: str, after: str) -> None:
        """The override that writes the first other form: the word itself, or — an override is never a
        bare character — the character with the shorter neighbouring word; none when both neighbours are
        punctuation."""
        written = {group.chosen}
        alternatives = []
        for form in self.chars.get(group.char, ()):  # OpenCC-standard forms, as conversion.yml wants them
            if self.regional(form) not in written:
                written.add(self.regional(form))
                alternatives.append(form)
        group.alternatives = tuple(alternatives)
        if not group.alternatives:
            return
        key, offset = group.word, group.offset
        after = after if _is_han(after) else ""
        before = before if _is_han(before) else ""
        if len(key) == 1:
            if after and (not before or len(after) <= len(before)):
                key = group.word + after
            elif before:
                key, offset = before + group.word, len(before)
            else:
                return  # a character alone between punctuation: no override can hold it
        value = self.standard(key)
        group.fix_key = key
        group.fix_value = value[:offset] + group.alternatives[0] + value[offset + 1 :]
