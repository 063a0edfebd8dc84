"""Block ids: the anchors of an article page (``#p-kxqzmtw``, ``#h-bdrwfts``, ``#art-6``, ``#title``).

An anchor is a promise to readers (saved links, links in other sites) and to editors (``xref-ignore.yml``
names paragraphs by anchor), so it must not move when the source file is edited elsewhere. Ids are
therefore derived from what a block *is*, never from where it sits in the file:

* **Paragraphs and headings** (``p-`` / ``h-`` + 7 characters): a digest of the block's text with every
  whitespace character removed. Adding or removing ``%% …`` directive lines or blank lines, editing or
  deleting another paragraph, re-indenting, or re-joining a hard-wrapped paragraph (its text is the joined
  text) leaves the id alone. Only an edit of the block's own text gives it a new id — and then the old one
  is gone rather than pointing at some other paragraph, so an editor's rule naming it fails the build
  (see :func:`annotate.xref.check_ignore_pairs`) instead of silently applying elsewhere.
* **Clauses** keep ``art-N`` (第N条): already derived from content, and readable.
* **Header blocks** (the list holding the article's title: kicker, title, subtitle, byline …) are named
  after their kind: ``title``, ``kicker``, ``subtitle``, ``subtitle-2``. A page has one header, its
  structure is fixed, and the names cannot collide with the body's ``p-``/``h-``/``art-`` ids, so the
  header and the body can be given ids in separate calls (as the segmenter does).
* **Duplicates** within one list (the same sentence twice on a page) get ``-2``, ``-3`` … in reading order.

The digest is BLAKE2b of the UTF-8 text, written in base 19 over the consonants ``bcdfghjkmnpqrstvwxz``:
7 characters hold 29.7 bits (a chance collision on a 300-paragraph page is about 5 in 100,000, and
is then just a ``-2`` suffix), contain no vowels (no accidental words), no ``l``/``1`` or ``o``/``0`` to
confuse when an id is read out or retyped, and never digits only — so a new id can never equal an old
line-number id ``p-43``, which stays free as an alias (below).

Alternatives considered: per-article ordinals (``p-12``) are readable but move when a directive turns a
false title into a paragraph or a paragraph is added above; pinyin of the first characters (as glossary
anchors do, ``t-liang-ge-que-li-…``) is readable but long, and opening formulas (要坚持…, 各级党组织…)
would need long prefixes or suffixes to be unique; an id of the first N characters survives edits to the
tail but then also survives a change of meaning that an editor's rule should be re-checked against.

TRANSITIONAL (one release): until now ids were source line numbers (``p-<first line>``, ``h-<first
line>``). :func:`legacy_anchor` recomputes that id so the page can carry it as an alias element (a reader's
saved ``page.html#p-43`` still lands on its paragraph) and so a line-number id left in an editor's file is
answered with the id to write instead. Remove :data:`LEGACY_ALIASES`, :func:`legacy_anchor`,
:func:`legacy_target` and their uses in the next release.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from . import patterns as pat
from .model import Article, Block, BlockKind

# Consonants only (no vowels, no l): ids never spell words and are never all digits.
ALPHABET = "bcdfghjkmnpqrstvwxz"
DIGEST_LENGTH = 7

# TRANSITIONAL: emit the old line-number ids as aliases on article pages (remove next release).
LEGACY_ALIASES = True


def content_key(text: str) -> str:
    """What an id is computed from: the text with all whitespace (incl. U+3000) removed."""
    return "".join(text.split())


def digest(text: str) -> str:
    """Seven characters of :data:`ALPHABET` that depend on the text only (see the module docstring)."""
    value = int.from_bytes(hashlib.blake2b(content_key(text).encode("utf-8"), digest_size=8).digest(), "big")
    chars = []
    for _ in range(DIGEST_LENGTH):
        value, rest = divmod(value, len(ALPHABET))
        chars.append(ALPHABET[rest])
    return "".join(chars)


def is_header(blocks: Sequence[Block]) -> bool:
    """An article's header is the list that holds its title (body titles are turned into headings)."""
    return any(b.kind is BlockKind.TITLE for b in blocks)


def base_anchor(block: Block, header: bool = False) -> str:
    """The id of ``block`` before duplicates within its list are numbered."""
    if header:
        return str(block.kind.value)
    if block.kind is BlockKind.CLAUSE:
        numeral = pat.clause_number(block.text) or str(block.line)
        return f"art-{pat.number_value(numeral)}"
    prefix = "h" if block.kind is BlockKind.HEADING else "p"
    return f"{prefix}-{digest(block.text)}"


def assign_anchors(blocks: Sequence[Block]) -> list[Block]:
    """``blocks`` (an article's header or its body) with their ids set; see the module docstring."""
    header = is_header(blocks)
    used: dict[str, int] = {}
    result = []
    for block in blocks:
        anchor = base_anchor(block, header)
        count = used.get(anchor, 0) + 1
        used[anchor] = count
        if count > 1:
            anchor = f"{anchor}-{count}"
        result.append(Block(block.kind, block.lines, block.text, block.level, anchor))
    return result


def find(article: Article, anchor: str) -> Block | None:
    """The block of ``article`` whose id is ``anchor``."""
    return next((b for b in article.all_blocks if b.anchor == anchor), None)


# ---------------------------------------------------------------- TRANSITIONAL (remove next release)


def legacy_anchor(block: Block) -> str | None:
    """TRANSITIONAL: the id this block had when ids were line numbers, or None when it is unchanged.

    It is recomputed from the current file: it is the id readers saved only while the lines above the
    block have not changed since. Clause ids (``art-N``) were already content-derived.
    """
    if block.kind is BlockKind.CLAUSE:
        return None
    old = f"{'h' if block.kind is BlockKind.HEADING else 'p'}-{block.line}"
    return old if old != block.anchor else None


def legacy_target(blocks: Iterable[Block], anchor: str) -> Block | None:
    """TRANSITIONAL: the block whose old line-number id is ``anchor``."""
    return next((b for b in blocks if legacy_anchor(b) == anchor), None)
