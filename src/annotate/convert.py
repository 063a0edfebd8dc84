"""Simplified → Traditional conversion that is right on PRC bulletin text.

Plain OpenCC converts by longest match over its phrase dictionary, and on bulletin text that match often
straddles a word boundary: 新征 in 新|征程 gives 新徵程, 加注 in 更加|注重 gives 更加註重, 明了 in 阐明|了
gives 闡明瞭. So we segment each line with jieba first and convert every word on its own: no phrase entry
can reach across two words. What remains wrong is fixed by an editor-maintained override table
(``docs/conversion.yml``) plus the glossary's explicit Traditional forms. The overrides are handed to
OpenCC itself, as a user phrase dictionary placed before the profile's dictionaries in a generated config,
so they win by OpenCC's own matching rules; their keys are jieba user words, so jieba keeps them whole.

Only character profiles are offered (s2tw, s2hk). The ``…p`` profiles substitute vocabulary (支持→支援,
程序→程式) and change the meaning of a PRC document; they are refused.

This module never imports mkdocs: the CLI and the MkDocs hook both call it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NotRequired, Protocol, TypeAlias, TypedDict, Unpack, cast

import jieba
import opencc
import yaml

from .errors import ConversionError as ConversionError  # re-exported (explicitly, for the type checker)

PROFILES: dict[str, str] = {
    "s2tw": "Taiwan standard glyphs, characters only",
    "s2hk": "Hong Kong standard glyphs, characters only",
}
# Vocabulary profiles: their phrase substitutions rewrite PRC terms into Taiwan/Hong Kong usage.
REFUSED_PROFILES: dict[str, str] = {
    "s2twp": "支持→支援, 程序→程式, 循环→迴圈, 人工智能→人工智慧, 高级人民法院→高階人民法院",
    "s2hkp": "the Hong Kong vocabulary table rewrites PRC terms the same way",
}
DEFAULT_PROFILE = "s2tw"
# OpenCC configurations back to Simplified: the Traditional search index is cut where the Simplified
# text would be (see annotate.search.SegmentationMemo).
REVERSE_CONFIGS: dict[str, str] = {"s2tw": "tw2s.json", "s2hk": "hk2s.json"}
DEFAULT_OVERRIDES = Path("docs/conversion.yml")
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
_LONGEST_PHRASE = 16
# Lines never contain "\n", and no OpenCC dictionary entry does, so it separates words in one OpenCC call
# exactly as separate calls would.
_SEP = "\n"
_CONTEXT = 10  # characters of context on each side in the review queue


# --------------------------------------------------------------------------------------------------------
# OpenCC's own data


def opencc_data_dir() -> Path:
    """The directory with the installed package's bundled configs and ``.ocd2`` dictionaries."""
    share = Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc"
    if not (share / "STCharacters.ocd2").is_file():
        raise ConversionError(f"OpenCC data not found in {share}: the opencc package looks incomplete")
    return share


def _opencc_dict_tool() -> str:
    """``opencc_dict`` converts the binary dictionaries to text; the wheel ships it next to the data."""
    bundled = Path(opencc.__file__).resolve().parent / "clib" / "bin" / "opencc_dict"
    if bundled.is_file() and os.access(bundled, os.X_OK):
        return str(bundled)
    found = shutil.which("opencc_dict")
    if found is None:
        raise ConversionError("opencc_dict not found: it is needed to read OpenCC's character tables")
    return found


@cache
def opencc_dictionary(name: str) -> dict[str, tuple[str, ...]]:
    """One of OpenCC's bundled dictionaries (``STCharacters``, ``TSCharacters``…) as key → candidates.

    The ``.ocd2`` files are a binary trie format the Python binding cannot read, so we let the bundled
    ``opencc_dict`` tool write them out as text once per process.
    """
    source = opencc_data_dir() / f"{name}.ocd2"
    if not source.is_file():
        raise ConversionError(f"OpenCC dictionary {name} not found in {source.parent}")
    with tempfile.TemporaryDirectory(prefix="annotate-ocd2-") as tmp:
        target = Path(tmp) / f"{name}.txt"
        cmd = [_opencc_dict_tool(), "-i", str(source), "-o", str(target), "-f", "ocd2", "-t", "text"]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise ConversionError(f"opencc_dict failed on {source.name}: {done.stderr.strip()}")
        text = target.read_text(encoding="utf-8")
    table: dict[str, tuple[str, ...]] = {}
    for row in text.splitlines():
        key, _, values = row.partition("\t")
        if key and values:
            table[key] = tuple(values.split(" "))
    return table


@cache
def one_to_many_chars() -> frozenset[str]:
    """Simplified characters with more than one Traditional candidate in OpenCC's STCharacters.

    These (干 乾/幹/干, 后 后/後, 发 發/髮, 了 了/瞭, 岳 嶽/岳 …) are exactly where a conversion can be wrong,
    so the review queue lists every occurrence not already decided by an override.
    """
    return frozenset(k for k, v in opencc_dictionary("STCharacters").items() if len(k) == 1 and len(v) > 1)


@cache
def opencc_phrases() -> frozenset[str]:
    """The Simplified keys of OpenCC's phrase dictionaries (both files s2tw and s2hk segment with)."""
    keys = set(opencc_dictionary("STPhrases")) | set(opencc_dictionary("STPhrases_GeneratedFromRegionalPhrases"))
    return frozenset(keys)


@cache
def opencc_phrase_prefixes() -> frozenset[str]:
    """Every prefix of every OpenCC phrase: joining words stops as soon as the run cannot become a phrase
    (most words start none), instead of trying every run up to the longest phrase."""
    return frozenset(phrase[:end] for phrase in opencc_phrases() for end in range(1, len(phrase) + 1))


_VARIANTS = {"s2tw": ("TWVariants", "TWVariantsRev"), "s2hk": ("HKVariants", "HKVariantsRev")}


def char_table(direction: str = "s2t", profile: str = DEFAULT_PROFILE) -> dict[str, str]:
    """Single-character mappings from OpenCC's data, sorted by code point, identical entries left out.

    ``s2t``: STCharacters' first candidate followed by the profile's regional variants (what OpenCC picks
    for a character alone). ``t2s``: regional variants back to OpenCC-standard Traditional, then
    TSCharacters. The browser uses these compact tables to convert a search query across scripts; a
    query needs no phrase context to be found, only the same characters as the index.
    """
    check_profile(profile)
    forward, backward = _VARIANTS[profile]
    if direction == "s2t":
        chars, variants = opencc_dictionary("STCharacters"), opencc_dictionary(forward)
        traditional = opencc_dictionary("TSCharacters")  # variant keys like 僞 are not Simplified input
        keys = {k for k in chars if len(k) == 1} | {k for k in variants if len(k) == 1 and k not in traditional}
        table = {s: _first(variants, _first(chars, s)) for s in keys}
    elif direction == "t2s":
        chars, variants = opencc_dictionary("TSCharacters"), opencc_dictionary(backward)
        keys = {k for k in chars if len(k) == 1} | {k for k in variants if len(k) == 1}
        table = {t: _first(chars, _first(variants, t)) for t in keys}
    else:
        raise ConversionError(f"unknown char table direction {direction!r}: use s2t or t2s")
    return {k: table[k] for k in sorted(table) if table[k] != k and len(table[k]) == 1}


def _first(table: Mapping[str, tuple[str, ...]], key: str) -> str:
    values = table.get(key)
    return values[0] if values else key


# --------------------------------------------------------------------------------------------------------
# Profiles and the override table


def check_profile(profile: str) -> str:
    """Return ``profile`` if it is a character-only profile we support, else raise with the reason."""
    if profile in PROFILES:
        return profile
    if profile in REFUSED_PROFILES:
        raise ConversionError(
            f"profile {profile} is refused: its vocabulary substitution changes meaning in PRC documents "
            f"({REFUSED_PROFILES[profile]}). Use s2tw or s2hk (characters only)."
        )
    raise ConversionError(f"unknown conversion profile {profile!r}: use one of {', '.join(PROFILES)}")


def _check_entry(key: object, value: object, where: str) -> tuple[str, str]:
    """Validate one override; the text-dictionary format allows no whitespace inside an entry."""
    if not isinstance(key, str) or not key.strip():
        raise ConversionError(f"{where}: an override key must be a non-empty Simplified phrase")
    if not isinstance(value, str) or not value.strip():
        raise ConversionError(f"{where}: the Traditional form of {key!r} must be a non-empty string")
    for text in (key, value):
        if any(ch.isspace() for ch in text):
            raise ConversionError(f"{where}: {text!r} contains whitespace, which an override cannot hold")
    if len(key) != len(value):
        # s2tw/s2hk change characters, never the number of them; a length change is a typo.
        raise ConversionError(
            f"{where}: {key!r} and {value!r} differ in length; an override maps character to character"
        )
    return key, value


def load_overrides(path: Path) -> dict[str, str]:
    """Read ``conversion.yml``: a flat mapping ``简体词语: 繁體詞語``. Missing file → empty table.

    Errors name the file and line, since an editor maintains the file by hand.
    """
    if not path.is_file():
        return {}
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ConversionError(f"{path}: not UTF-8 ({exc.reason})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConversionError(f"{path}{line}: invalid YAML: {problem}") from exc
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise ConversionError(f"{path}:{root.start_mark.line + 1}: expected a mapping 简体: 繁體")
    table: dict[str, str] = {}
    for key_node, value_node in root.value:
        where = f"{path}:{key_node.start_mark.line + 1}"
        key, value = _scalar(key_node), _scalar(value_node)
        key, value = _check_entry(key, value, where)
        if key in table:
            raise ConversionError(f"{where}: duplicate override {key!r}")
        table[key] = value
    return table


def _scalar(node: yaml.Node) -> object:
    """The Python value of a YAML scalar as the safe loader would see it (``123`` is an int, ``~`` None)."""
    if not isinstance(node, yaml.ScalarNode):
        return node  # a list or mapping: rejected by _check_entry as not a string
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    return yaml.safe_load(yaml.serialize(node))


def merge_overrides(table: Mapping[str, str], words: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """The override table plus the glossary's explicit Traditional forms (the table wins on conflict)."""
    merged = {}
    for simplified, traditional in words:
        if traditional:
            key, value = _check_entry(simplified, traditional, f"glossary term {simplified!r}")
            merged[key] = value
    merged.update(table)
    return merged


class GlossaryTerm(Protocol):
    """What :func:`glossary_words` needs of an entry (``.aliases`` and ``.traditional`` are read if present)."""

    @property
    def term(self) -> str: ...


def glossary_words(glossary: Iterable[GlossaryTerm] | Mapping[str, GlossaryTerm]) -> list[tuple[str, str | None]]:
    """(simplified, traditional-or-None) for every glossary term and alias.

    Duck-typed so this module does not depend on the glossary module: anything iterable (or with
    ``.entries``) whose items have ``.term``, ``.aliases`` and ``.traditional``.
    """
    found = getattr(glossary, "entries", glossary)
    entries: Iterable[GlossaryTerm] = found.values() if isinstance(found, Mapping) else found
    words: list[tuple[str, str | None]] = []
    for entry in entries:
        words.append((entry.term, getattr(entry, "traditional", None) or None))
        words.extend((alias, None) for alias in getattr(entry, "aliases", ()) or ())
    return words


# --------------------------------------------------------------------------------------------------------
# The generated OpenCC config


# A JSON document as json.loads returns it.
JsonValue: TypeAlias = "str | int | float | bool | list[JsonValue] | dict[str, JsonValue] | None"


class DictNode(TypedDict):
    """A dictionary in an OpenCC config: a file (``ocd2``, ``text``) or a ``group`` of them."""

    type: str
    file: NotRequired[str]
    match_policy: NotRequired[str]
    dicts: NotRequired[list[DictNode]]


class Segmentation(TypedDict):
    type: str
    dict: DictNode


class ConversionStep(TypedDict):
    dict: DictNode


class OpenCCConfig(TypedDict):
    """An OpenCC config (``s2tw.json``): the parts :func:`build_config` changes."""

    name: NotRequired[str]
    normalization: NotRequired[list[ConversionStep]]
    segmentation: Segmentation
    conversion_chain: list[ConversionStep]


def _absolute(node: JsonValue, share: Path) -> JsonValue:
    """Copy of a bundled config with every dictionary file made absolute (our config lives elsewhere)."""
    if isinstance(node, dict):
        return {k: (str(share / v) if k == "file" and isinstance(v, str) else _absolute(v, share))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_absolute(v, share) for v in node]
    return node


def _prepend(dict_node: DictNode, user: DictNode, policy: str) -> DictNode:
    """A dictionary node that consults ``user`` first."""
    if dict_node.get("type") == "group" and dict_node.get("match_policy", policy) == policy:
        return {**dict_node, "match_policy": policy, "dicts": [user, *dict_node["dicts"]]}
    return {"type": "group", "match_policy": policy, "dicts": [user, dict_node]}


def build_config(profile: str, user_dict: Path) -> OpenCCConfig:
    """The profile's bundled config with ``user_dict`` (text format) in front of its phrase dictionaries.

    The user dictionary joins the segmentation group, so OpenCC's maximum matching sees an override as one
    phrase even where a bundled phrase would start inside it, and it heads the first conversion step's
    short-circuit group, so its Traditional form is taken before the bundled phrases and characters.
    The later steps (regional variants) still apply, so one table serves both s2tw and s2hk.
    """
    share = opencc_data_dir()
    bundled = json.loads((share / f"{check_profile(profile)}.json").read_text("utf-8"))
    config = cast(OpenCCConfig, _absolute(bundled, share))  # OpenCC's own file: trusted to have its shape
    user: DictNode = {"type": "text", "file": str(user_dict)}
    config["name"] = f"{config.get('name', profile)} + annotate overrides"
    config["segmentation"]["dict"] = _prepend(config["segmentation"]["dict"], user, "union")
    first = config["conversion_chain"][0]
    first["dict"] = _prepend(first["dict"], user, "short_circuit")
    return config


def default_cache_dir() -> Path:
    return Path(tempfile.gettempdir()) / "annotate-convert"


def _write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a concurrent reader never sees half a file."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(tmp, path)


def write_config(profile: str, overrides: Mapping[str, str], cache_dir: Path) -> Path:
    """Write the user dictionary and config under a content-hash name; same inputs → same files."""
    dict_text = "".join(f"{k}\t{overrides[k]}\n" for k in sorted(overrides))
    digest = hashlib.sha256(f"{opencc.__version__}\0{profile}\0{dict_text}".encode()).hexdigest()[:16]
    user_dict = cache_dir / f"overrides-{digest}.txt"
    config_path = cache_dir / f"{profile}-{digest}.json"
    _write_atomic(user_dict, dict_text)
    config = build_config(profile, user_dict)
    _write_atomic(config_path, json.dumps(config, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return config_path


# --------------------------------------------------------------------------------------------------------
# The converter


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


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One occurrence of a one-to-many character that no override decides."""

    line: int
    column: int  # 1-based, in characters
    char: str
    chosen: str  # the Traditional form the converter chose here
    word: str  # the jieba word it was converted in
    word_converted: str
    context: str
    context_converted: str

    def to_json(self) -> dict[str, object]:
        return {
            "line": self.line,
            "column": self.column,
            "char": self.char,
            "chosen": self.chosen,
            "word": self.word,
            "word_converted": self.word_converted,
            "context": self.context,
            "context_converted": self.context_converted,
        }


class ConverterOptions(TypedDict, total=False):
    """The keyword arguments of :class:`Converter` that :meth:`Converter.from_files` passes on."""

    cache_dir: Path | None
    hmm: bool
    word_by_word: bool
    phrase_run: int


class Converter:
    """Word-by-word Simplified → Traditional conversion with an override table.

    ``overrides`` maps Simplified phrases to their Traditional form; ``words`` are glossary terms as
    (simplified, traditional-or-None): all become jieba user words so they are never cut, and those with
    a Traditional form join the override table.
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
    ) -> None:
        self.profile = check_profile(profile)
        words = list(words)
        self.overrides = merge_overrides(overrides or {}, words)
        self.hmm = hmm
        self.word_by_word = word_by_word
        self.phrase_run = phrase_run
        self.cache_dir = cache_dir or default_cache_dir()
        self.config_path = write_config(self.profile, self.overrides, self.cache_dir)
        self._opencc_instance: opencc.OpenCC | None = None
        self._plain_instance: opencc.OpenCC | None = None
        self._max_key = max((len(k) for k in self.overrides), default=0)
        # Glossary terms and override keys are jieba user words, so the segmenter keeps them whole and the
        # override applies inside the word, by OpenCC's matching. A key jieba still splits in some context
        # (关注|重点 for a key 注重) is left split: that segmentation is the better reading there.
        self._user_words = sorted({w for w, _ in words if w} | set(self.overrides))
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
        return self._join_phrase_runs(words) if self.phrase_run else words

    def _join_phrase_runs(self, words: list[str]) -> list[str]:
        """Rejoin consecutive words that together are exactly one long OpenCC phrase (弗里|曼 → 弗里曼).

        Such a phrase starts and ends on word boundaries, so it cannot be a straddling match; it is the
        phrase OpenCC would have applied, and jieba merely lacked the word.
        """
        phrases, prefixes = opencc_phrases(), opencc_phrase_prefixes()
        out: list[str] = []
        i = 0
        while i < len(words):
            best, run = 0, words[i]
            if run in prefixes:
                for end in range(i + 2, len(words) + 1):
                    run += words[end - 1]
                    if len(run) > _LONGEST_PHRASE or run not in prefixes:
                        break
                    if len(run) >= self.phrase_run and run in phrases:
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
        ambiguous = one_to_many_chars()
        items: list[ReviewItem] = []
        for number, line in lines:
            pieces = self.pieces(line)
            converted = "".join(p.converted for p in pieces)
            aligned = len(converted) == len(line)
            for piece in pieces:
                for offset, char in enumerate(piece.text):
                    if char not in ambiguous or piece.is_covered(offset):
                        continue
                    column = piece.start + offset
                    same = len(piece.converted) == len(piece.text)
                    lo, hi = max(0, column - _CONTEXT), column + 1 + _CONTEXT
                    items.append(
                        ReviewItem(
                            line=number,
                            column=column + 1,
                            char=char,
                            chosen=piece.converted[offset] if same else piece.converted,
                            word=piece.text,
                            word_converted=piece.converted,
                            context=line[lo:hi],
                            context_converted=converted[lo:hi] if aligned else piece.converted,
                        )
                    )
        return items


def format_review(items: Iterable[ReviewItem], source: str = "-") -> str:
    """The review queue as text, one occurrence per line, grep- and editor-friendly ``file:line:col``."""
    rows = [
        f"{source}:{it.line}:{it.column}: {it.char}→{it.chosen}  {it.word}→{it.word_converted}  "
        f"…{it.context}… → …{it.context_converted}…"
        for it in items
    ]
    return "\n".join(rows) + ("\n" if rows else "")


# --------------------------------------------------------------------------------------------------------
# A Traditional dictionary for jieba (search in the Traditional edition)


def jieba_dict_path() -> Path:
    return Path(jieba.__file__).resolve().parent / "dict.txt"


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
