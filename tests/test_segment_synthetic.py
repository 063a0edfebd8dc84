"""The segmenter on synthetic bulletins that vary every layout convention, alone and combined."""

from __future__ import annotations

import pytest
from synth import make_bulletin

from annotate.model import BlockKind
from annotate.reader import read_text
from annotate.segment import segment_source

SEEDS = range(400)


def segment_synthetic(seed: int):
    text, expected = make_bulletin(seed)
    bulletin = segment_source(read_text(text.encode("utf-8"), f"synthetic-{seed}.txt"))
    return bulletin, expected


@pytest.mark.parametrize("seed", SEEDS)
def test_synthetic_bulletin_is_cut_as_generated(seed: int) -> None:
    bulletin, expected = segment_synthetic(seed)
    got = [
        (a.kicker, a.title, a.subtitle, [h.text for h in a.headings], a.first_line, a.last_line, a.source_line)
        for a in bulletin.articles
    ]
    want = [(e.kicker, e.title, e.subtitle, e.headings, e.first_line, e.last_line, e.source_line) for e in expected]
    assert got == want


@pytest.mark.parametrize("seed", range(0, 400, 7))
def test_synthetic_bulletin_keeps_every_line(seed: int) -> None:
    """Every non-blank line lands in exactly one block, in order."""
    text, _ = make_bulletin(seed)
    source = read_text(text.encode("utf-8"), "s.txt")
    bulletin = segment_source(source)
    numbers = [n for a in bulletin.articles for b in a.all_blocks for n in b.lines]
    wanted = [i for i, line in enumerate(source.lines, start=1) if line.strip()]
    assert numbers == wanted
    texts = "".join(b.text for a in bulletin.articles for b in a.all_blocks).replace(" ", "").replace("\u3000", "")
    assert texts == "".join(line.strip() for line in source.lines).replace(" ", "").replace("\u3000", "")


def test_layout_variety_is_covered() -> None:
    """The seeds must really exercise every convention, or the tests above prove little."""
    import random

    from synth import random_layout

    layouts = [random_layout(random.Random(seed)) for seed in SEEDS]
    assert {layout.article_gap for layout in layouts} == {0, 1, 2, 3}
    assert {layout.paragraph_gap for layout in layouts} == {0, 1}
    assert {layout.line_end for layout in layouts} == {"\n", "\r\n", "\r"}
    assert {layout.indent for layout in layouts} >= {"", "    ", "\u3000\u3000", "\t"}
    assert any(layout.bom for layout in layouts)
    kinds = set()
    for seed in range(60):
        bulletin, _ = segment_synthetic(seed)
        kinds |= {b.kind for a in bulletin.articles for b in a.all_blocks}
    assert kinds >= {BlockKind.KICKER, BlockKind.TITLE, BlockKind.SUBTITLE, BlockKind.BYLINE, BlockKind.HEADING,
                     BlockKind.CLAUSE, BlockKind.ITEM, BlockKind.SALUTATION, BlockKind.SIGNATURE, BlockKind.DATE,
                     BlockKind.NOTE, BlockKind.SOURCE, BlockKind.PARAGRAPH}
