"""The comparison form of paragraph text, the way back to the original characters, and shingle hashes.

Paragraph text is compared with whitespace, punctuation (Unicode categories P*), separators and control
characters removed, full-width Latin letters and digits folded to ASCII and lower-cased (see the package
docstring for why). Every offset in the comparison form maps back to ``Block.text`` through
:func:`normalize_with_map` and :func:`span`.
"""

from __future__ import annotations

import unicodedata
from array import array
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

__all__ = ["normalize", "normalize_with_map", "shingle_keys", "span"]

_HASH_PRIME = 2305843009213692937  # a 61-bit prime (not a Mersenne prime: keeps the hash well mixed)


def _build_table() -> dict[int, int | None]:
    """str.translate table: drop punctuation/separators/controls, fold full-width and case (65,536 Unicode
    look-ups, once, when the cross-reference package is first imported; ``annotate --help`` never is)."""
    table: dict[int, int | None] = {}
    for cp in range(0x10000):
        cat = unicodedata.category(chr(cp))
        if cat[0] in "PZC" and cat != "Co":
            table[cp] = None
    for cp in range(0xFF10, 0xFF5F):  # full-width digits and letters → ASCII
        if chr(cp).isalnum():
            table[cp] = ord(chr(cp - 0xFEE0).lower())
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = cp + 32
    return table


TABLE: Final[Mapping[int, int | None]] = MappingProxyType(_build_table())  # a constant: read-only


def normalize(text: str) -> str:
    """The comparison form of ``text`` (see the package docstring for what is removed and why)."""
    return text.translate(TABLE)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """``normalize(text)`` plus, for each of its characters, the index of its source in ``text``."""
    table = TABLE
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        mapped = table.get(ord(ch), ord(ch))
        if mapped is None:
            continue
        out.append(chr(mapped))
        index.append(i)
    return "".join(out), index


def span(index: list[int], start: int, end: int) -> tuple[int, int]:
    """Normalised span [start, end) → span in the original text (``index`` from :func:`normalize_with_map`)."""
    return index[start], index[end - 1] + 1


def shingle_keys(norm: str, k: int) -> array[int]:
    """Deterministic 61-bit hash of every k-character shingle of ``norm``, in order.

    Why this hash: the shingle's UTF-32 bytes read as one integer, modulo a 61-bit prime, is a
    polynomial hash with pseudo-random coefficients — computed in C by ``int.from_bytes``, identical in
    every process, and collisions only ever add a candidate that exact alignment then rejects.
    """
    count = len(norm) - k + 1
    if count <= 0:
        return array("q")
    data = norm.encode("utf-32-le")
    width = 4 * k
    from_bytes = int.from_bytes
    prime = _HASH_PRIME
    return array("q", [from_bytes(data[i : i + width], "little") % prime for i in range(0, 4 * count, 4)])
