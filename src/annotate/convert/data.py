"""OpenCC's own data, read from the installed package: its dictionaries as Python tables, the characters
and phrases the converter and the review queue need from them, and the single-character tables the browser
converts search queries with; and where jieba's dictionary is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

import jieba
import opencc

from ..errors import ConversionError
from .profiles import DEFAULT_PROFILE, check_profile


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


class OpenCCData:
    """OpenCC's bundled dictionaries, read on first use and kept by whoever holds this object (a converter,
    a build's pipeline, a review): the ``.ocd2`` files are a binary trie format the Python binding cannot
    read, so the bundled ``opencc_dict`` tool writes each out as text once."""

    def __init__(self) -> None:
        self._dictionaries: dict[str, dict[str, tuple[str, ...]]] = {}
        self._phrases: frozenset[str] | None = None
        self._prefixes: frozenset[str] | None = None
        self._one_to_many: frozenset[str] | None = None

    def dictionary(self, name: str) -> dict[str, tuple[str, ...]]:
        """One of OpenCC's dictionaries (``STCharacters``, ``TSCharacters``…) as key → candidates."""
        if name not in self._dictionaries:
            self._dictionaries[name] = _read_dictionary(name)
        return self._dictionaries[name]

    def one_to_many_chars(self) -> frozenset[str]:
        """Simplified characters with more than one Traditional candidate in OpenCC's STCharacters.

        These (干 乾/幹/干, 后 后/後, 发 發/髮, 了 了/瞭, 岳 嶽/岳 …) are exactly where a conversion can be wrong,
        so the review queue lists every occurrence not already decided by an override.
        """
        if self._one_to_many is None:
            chars = self.dictionary("STCharacters")
            self._one_to_many = frozenset(k for k, v in chars.items() if len(k) == 1 and len(v) > 1)
        return self._one_to_many

    def phrases(self) -> frozenset[str]:
        """The Simplified keys of OpenCC's phrase dictionaries (both files s2tw and s2hk segment with)."""
        if self._phrases is None:
            keys = set(self.dictionary("STPhrases")) | set(self.dictionary("STPhrases_GeneratedFromRegionalPhrases"))
            self._phrases = frozenset(keys)
        return self._phrases

    def phrase_prefixes(self) -> frozenset[str]:
        """Every prefix of every OpenCC phrase: joining words stops as soon as the run cannot become a
        phrase (most words start none), instead of trying every run up to the longest phrase."""
        if self._prefixes is None:
            self._prefixes = frozenset(p[:end] for p in self.phrases() for end in range(1, len(p) + 1))
        return self._prefixes

    def char_table(self, direction: str = "s2t", profile: str = DEFAULT_PROFILE) -> dict[str, str]:
        """Single-character mappings from OpenCC's data, sorted by code point, identical entries left out.

        ``s2t``: STCharacters' first candidate followed by the profile's regional variants (what OpenCC
        picks for a character alone). ``t2s``: regional variants back to OpenCC-standard Traditional, then
        TSCharacters. The browser uses these compact tables to convert a search query across scripts; a
        query needs no phrase context to be found, only the same characters as the index.
        """
        check_profile(profile)
        forward, backward = _VARIANTS[profile]
        if direction == "s2t":
            chars, variants = self.dictionary("STCharacters"), self.dictionary(forward)
            traditional = self.dictionary("TSCharacters")  # variant keys like 僞 are not Simplified input
            keys = {k for k in chars if len(k) == 1} | {k for k in variants if len(k) == 1 and k not in traditional}
            table = {s: _first(variants, _first(chars, s)) for s in keys}
        elif direction == "t2s":
            chars, variants = self.dictionary("TSCharacters"), self.dictionary(backward)
            keys = {k for k in chars if len(k) == 1} | {k for k in variants if len(k) == 1}
            table = {t: _first(chars, _first(variants, t)) for t in keys}
        else:
            raise ConversionError(f"unknown char table direction {direction!r}: use s2t or t2s")
        return {k: table[k] for k in sorted(table) if table[k] != k and len(table[k]) == 1}


def _read_dictionary(name: str) -> dict[str, tuple[str, ...]]:
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


# One-off conveniences (tools, tests): each reads what it needs afresh; a build keeps one OpenCCData.
def opencc_dictionary(name: str) -> dict[str, tuple[str, ...]]:
    return OpenCCData().dictionary(name)


def one_to_many_chars() -> frozenset[str]:
    return OpenCCData().one_to_many_chars()


def char_table(direction: str = "s2t", profile: str = DEFAULT_PROFILE) -> dict[str, str]:
    return OpenCCData().char_table(direction, profile)


_VARIANTS = {"s2tw": ("TWVariants", "TWVariantsRev"), "s2hk": ("HKVariants", "HKVariantsRev")}


def _first(table: Mapping[str, tuple[str, ...]], key: str) -> str:
    values = table.get(key)
    return values[0] if values else key


# --------------------------------------------------------------------------------------------------------
# A Traditional dictionary for jieba (search in the Traditional edition)


def jieba_dict_path() -> Path:
    return Path(jieba.__file__).resolve().parent / "dict.txt"
