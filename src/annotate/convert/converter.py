"""The converter: jieba cuts each line into words, OpenCC converts every word on its own.

No phrase entry of OpenCC can then reach across two words (新|征程 stays 新征程, not 新徵程); the override
table and the glossary's Traditional forms are jieba user words, so jieba keeps them whole, and OpenCC
applies them inside the word (:mod:`.opencc_config`). Two class rules sit between OpenCC's data and the
editor's table: the PRC-news readings of sense-dependent words (:mod:`.readings`, ``readings.yml``), and
dictionary pairs (two one-character words that jieba's own dictionary knows as one word and OpenCC as one
phrase are converted together: 内|卷 → 內捲).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict, Unpack

import jieba
import opencc

from .data import OpenCCData
from .opencc_config import default_cache_dir, write_config
from .overrides import DEFAULT_OVERRIDES, load_overrides, merge_overrides
from .profiles import DEFAULT_PROFILE, check_profile
from .readings import load_pairs, load_readings
from .review import ReviewItem, review_queue

# jieba's HMM guesses words that are not in its dictionary. It is off: on the March bulletin it glues
# 比干 and 对表 into words, which OpenCC then reads as the historical figure 比干 and "set a watch" 對錶
# (13 errors before overrides instead of 11; bench/conversion_errors.py).
DEFAULT_HMM = False
# Word-by-word conversion loses OpenCC phrases jieba does not know as one word (弗里|曼 → 弗裡曼,
# 马里|布 → 馬裡布): consecutive words that together are exactly an OpenCC phrase of at least this many
# characters are converted together. Measured on OpenCC's own phrase list, this halves the phrases lost
# (4073 → 1939 of 48813 alone) without any new error on the bulletins. Two-character phrases stay
# excluded: 干|与, 比|干, 对|表 are exactly the wrong readings the cut avoids.
DEFAULT_PHRASE_RUN = 3
# Two one-character words are converted together when the pair is a noun of jieba's dictionary that OpenCC
# has a phrase for (内|卷 → 內捲, not 內卷): jieba knew the word and cut it only because its frequency is
# low. The list is generated data (readings.PAIRS_PATH). The traps that keep two-character phrase runs out
# (干|与, 比|干, 对|表) are no words of jieba's dictionary; verbs (扎|好针 "inject" vs 扎好 "tie") are left out.
DEFAULT_PAIR_WORDS = True
_LONGEST_PHRASE = 16
# Lines never contain "\n", and no OpenCC dictionary entry does, so it separates words in one OpenCC call
# exactly as separate calls would.
_SEP = "\n"


@dataclass(frozen=True, slots=True)
class Piece:
    """One jieba word of a line, converted on its own.

    ``covered`` lists the (start, end) offsets inside the word taken by an override key: there the
    editor has decided the Traditional form, so the review queue skips them.
    """

    start: int
    text: str
    converted: str
    covered: tuple[tuple[int, int], ...] = ()

    def is_covered(self, offset: int) -> bool:
        return any(lo <= offset < hi for lo, hi in self.covered)


class ConverterOptions(TypedDict, total=False):
    """The keyword arguments of :class:`Converter` that :meth:`Converter.from_files` passes on."""

    cache_dir: Path | None
    hmm: bool
    word_by_word: bool
    phrase_run: int
    pair_words: bool
    readings: Mapping[str, str] | None


class Converter:
    """Word-by-word Simplified → Traditional conversion with an override table.

    ``overrides`` maps Simplified phrases to their Traditional form; ``words`` are glossary terms as
    (simplified, traditional-or-None): all become jieba user words so they are never cut, and those with
    a Traditional form join the override table. ``readings`` are the PRC-news readings (None: the packaged
    ``readings.yml``; ``{}``: none); the override table wins over them.
    """

    def __init__(
        self,
        profile: str = DEFAULT_PROFILE,
        overrides: Mapping[str, str] | None = None,
        words: Iterable[tuple[str, str | None]] = (),
        *,
        cache_dir: Path | None = None,
        hmm: bool = DEFAULT_HMM,
        word_by_word: bool = True,
        phrase_run: int = DEFAULT_PHRASE_RUN,
        pair_words: bool = DEFAULT_PAIR_WORDS,
        readings: Mapping[str, str] | None = None,
    ) -> None:
        self.profile = check_profile(profile)
        self.data = OpenCCData()  # OpenCC's dictionaries, read when first needed, kept with the converter
        words = list(words)
        self.overrides = merge_overrides(overrides or {}, words)
        self.hmm = hmm
        self.word_by_word = word_by_word
        self.phrase_run = phrase_run
        self.pair_words = pair_words
        self._pairs = load_pairs() if pair_words else frozenset()
        self.readings = dict(load_readings() if readings is None else readings)
        self.cache_dir = cache_dir or default_cache_dir()
        self.config_path = write_config(self.profile, {**self.readings, **self.overrides}, self.cache_dir)
        self._opencc_instance: opencc.OpenCC | None = None
        self._plain_instance: opencc.OpenCC | None = None
        self._max_key = max((len(k) for k in self.overrides), default=0)
        # Override keys (the editor's table and the glossary's Traditional forms) are jieba user words, so the
        # segmenter keeps them whole and the override applies inside the word, by OpenCC's matching. A key
        # jieba still splits in some context (关注|重点 for a key 注重) is left split: that segmentation is the
        # better reading there. Glossary terms without a Traditional form are not: kept whole, a term is
        # converted as one string, and an OpenCC phrase straddling two of its words wins inside it (一个中 in
        # 一个中国原则 gave 一箇中國); cut by jieba, each of its words keeps its own form.
        self._user_words = sorted(self.overrides)
        self._tokenizer: jieba.Tokenizer | None = None

    @classmethod
    def from_files(
        cls,
        profile: str = DEFAULT_PROFILE,
        overrides_path: Path | None = DEFAULT_OVERRIDES,
        words: Iterable[tuple[str, str | None]] = (),
        **options: Unpack[ConverterOptions],
    ) -> Converter:
        table = load_overrides(overrides_path) if overrides_path is not None else {}
        return cls(profile, table, words, **options)

    @property
    def _opencc(self) -> opencc.OpenCC:
        """Made on first use: a warm build takes every conversion from the memo and never needs it."""
        if self._opencc_instance is None:
            self._opencc_instance = opencc.OpenCC(str(self.config_path))
        return self._opencc_instance

    @property
    def _plain(self) -> opencc.OpenCC:
        if self._plain_instance is None:
            self._plain_instance = opencc.OpenCC(f"{self.profile}.json")
        return self._plain_instance

    @property
    def tokenizer(self) -> jieba.Tokenizer:
        """Our own jieba instance: the global one belongs to Material's search, which may swap its
        dictionary for the Traditional one."""
        if self._tokenizer is None:
            jieba.setLogLevel(40)  # its dictionary loading notes on stderr are noise in build logs
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            for word in self._user_words:
                tokenizer.add_word(word)
            self._tokenizer = tokenizer
        return self._tokenizer

    # -- segmentation ----------------------------------------------------------------------------------

    def words(self, line: str) -> list[str]:
        """jieba's precise-mode cut of one line (the only mode that partitions the text)."""
        if not self.word_by_word:
            return [line] if line else []
        words = self.tokenizer.lcut(line, HMM=self.hmm)
        if "".join(words) != line:  # jieba never drops text; stay correct if it ever did
            return [line]
        return self._join_phrase_runs(words) if self.phrase_run or self.pair_words else words

    def _joins(self, run: str) -> bool:
        """Whether a run of consecutive words is converted as one OpenCC phrase (``run`` is a phrase)."""
        if self.phrase_run and len(run) >= self.phrase_run:
            return True
        return len(run) == 2 and run in self._pairs  # two one-character words that are a dictionary pair

    def _join_phrase_runs(self, words: list[str]) -> list[str]:
        """Rejoin consecutive words that together are exactly one long OpenCC phrase (弗里|曼 → 弗里曼), or
        two one-character words that are one word of jieba's dictionary and one OpenCC phrase (内|卷 → 内卷).

        Such a phrase starts and ends on word boundaries, so it cannot be a straddling match; it is the
        phrase OpenCC would have applied, and jieba merely lacked (or under-weighted) the word.
        """
        phrases, prefixes = self.data.phrases(), self.data.phrase_prefixes()
        out: list[str] = []
        i = 0
        while i < len(words):
            best, run = 0, words[i]
            if run in prefixes:
                for end in range(i + 2, len(words) + 1):
                    run += words[end - 1]
                    if len(run) > _LONGEST_PHRASE or run not in prefixes:
                        break
                    if run in phrases and self._joins(run):
                        best = end
            if best:
                out.append("".join(words[i:best]))
                i = best
            else:
                out.append(words[i])
                i += 1
        return out

    def _covered(self, word: str) -> tuple[tuple[int, int], ...]:
        """Leftmost-longest override matches inside a word, the way OpenCC's maximum matching takes them."""
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(word) and self._max_key:
            for size in range(min(self._max_key, len(word) - i), 0, -1):
                if word[i : i + size] in self.overrides:
                    spans.append((i, i + size))
                    i += size
                    break
            else:
                i += 1
        return tuple(spans)

    def covers(self, word: str) -> bool:
        """Whether an override key (editor's table or glossary form) decides part of ``word``."""
        return bool(self._covered(word))

    def _converted_words(self, line: str) -> tuple[list[str], list[str]]:
        """jieba's words of one line (no ``\\n``) and their conversions, all words in one OpenCC call."""
        if _SEP in line:
            raise ValueError("pieces() takes one line")
        words = self.words(line)
        if not words:
            return [], []
        parts = self._opencc.convert(_SEP.join(words)).split(_SEP)
        if len(parts) != len(words):  # cannot happen with OpenCC's data; stay correct if it does
            parts = [self._opencc.convert(word) for word in words]
        return words, parts

    def pieces(self, line: str) -> list[Piece]:
        """Convert one line (no ``\\n``) word by word, all words in one OpenCC call."""
        words, parts = self._converted_words(line)
        pieces, start = [], 0
        for word, part in zip(words, parts, strict=True):
            pieces.append(Piece(start, word, part, self._covered(word)))
            start += len(word)
        return pieces

    # -- conversion ------------------------------------------------------------------------------------

    def convert_line(self, line: str) -> str:
        # Not through pieces(): the override spans it computes for every word only serve the review queue.
        return "".join(self._converted_words(line)[1])

    def convert_lines(self, lines: Iterable[str]) -> Iterator[str]:
        """One output line per input line; each line may keep its own ``\\r`` or other trailing text."""
        for line in lines:
            yield self.convert_line(line)

    def convert(self, text: str) -> str:
        """Convert text keeping its line structure exactly: same number of lines, same line ends."""
        return _SEP.join(self.convert_lines(text.split(_SEP)))

    def convert_plain(self, text: str) -> str:
        """Plain OpenCC with the bundled profile, no segmentation, no overrides (for measurements)."""
        converted: str = self._plain.convert(text)  # the binding's convert() declares no return type
        return converted

    # -- review queue ----------------------------------------------------------------------------------

    def review(self, lines: Iterable[tuple[int, str]]) -> list[ReviewItem]:
        """Every one-to-many character outside an override match, with the form chosen in context."""
        return review_queue(self, lines)
