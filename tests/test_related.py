"""Related articles rest on distinctive evidence only: never on one term that many articles share."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from synth import make_bulletin

from annotate.glossary import load_glossary
from annotate.model import Bulletin
from annotate.segment import segment_text
from annotate.termlinks import scan_terms
from annotate.xref import build_xref
from annotate.xref.related import MIN_RARE_TERMS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def archive() -> list[Bulletin]:
    """Ten synthetic bulletins (tests/synth.py), each with its own slug."""
    bulletins = []
    for seed in range(10):
        text, _ = make_bulletin(seed)
        bulletin = segment_text(text, f"2025-{seed + 1:02d}.txt")
        bulletins.append(bulletin)
    assert len({b.slug for b in bulletins}) == 10
    return bulletins


def test_no_related_entry_rests_on_a_common_term(archive: list[Bulletin]) -> None:
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    terms = scan_terms(archive, glossary).article_terms(archive)
    index = build_xref(archive, terms_by_article=terms)
    articles = sum(len(b.articles) for b in archive)
    df = Counter(term for found in terms.values() for term in found)
    common = {term for term, count in df.items() if count > 0.05 * articles}
    assert common, "the archive has terms found in more than 5 % of its articles: the test would be empty"
    for rel in index.related:
        assert rel.reason
        if rel.passages or rel.references:
            continue
        assert len(rel.terms) >= MIN_RARE_TERMS, rel
        assert not set(rel.terms) & common, rel
    print(f"{articles} articles, {len(index.related)} related entries, {len(common)} common terms")
