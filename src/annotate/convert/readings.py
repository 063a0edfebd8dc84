"""The converter's class rules as data: the PRC-news readings of sense-dependent words (``readings.yml``)
and the dictionary pairs (``dictionary_pairs.txt``), both beside this module.

OpenCC gives a Simplified word the Traditional form of its most common general sense; Party and state news
uses some words almost only in another sense (不准 "not permitted", 总台 the broadcaster, 岳 in names). The
table holds those readings as data, one reason per entry, and the converter hands it to OpenCC as a user
dictionary behind the editor's override table (:mod:`.converter`). They are rules of the converter for every
bulletin; the override table stays for editorial choices.

The dictionary pairs are two-character nouns of jieba's dictionary that OpenCC has a phrase for; generated
by ``bench/make_dictionary_pairs.py``, which says why each kind is in or out.
"""

from __future__ import annotations

from pathlib import Path

from .overrides import load_overrides

READINGS_PATH = Path(__file__).resolve().parent / "readings.yml"
PAIRS_PATH = Path(__file__).resolve().parent / "dictionary_pairs.txt"


def load_readings(path: Path = READINGS_PATH) -> dict[str, str]:
    """The readings table (same format and checks as ``conversion.yml``); read afresh on each call, as a
    converter is made once per build."""
    return load_overrides(path)


def load_pairs(path: Path = PAIRS_PATH) -> frozenset[str]:
    """The dictionary pairs: one word a line, ``#`` comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
