"""The segmenter on the two real bulletins we have, scored against their gold segmentations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotate.model import BlockKind
from annotate.scoring import score
from annotate.segment import segment_path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CASES = [
    (ROOT / "docs/bulletins/2026-03.txt", DATA / "2026-03.gold.json"),
    (DATA / "bulletin_D.txt", DATA / "bulletin_D.gold.json"),
]


@pytest.mark.parametrize(("bulletin", "gold"), CASES, ids=["march", "bulletin_D"])
def test_matches_gold(bulletin: Path, gold: Path) -> None:
    result = score(segment_path(bulletin), json.loads(gold.read_text(encoding="utf-8")))
    print(f"\n{bulletin.name}: {result.summary()}")
    assert result.mismatches == []
    assert result.span_f1 == 1.0 and result.heading_f1 == 1.0


def test_march_outline() -> None:
    bulletin = segment_path(ROOT / "docs/bulletins/2026-03.txt")
    assert len(bulletin.articles) == 15
    two_line = bulletin.articles[3]
    assert two_line.title == "树立和践行正确政绩观，努力创造经得起实践、人民、历史检验的实绩"
    assert [b.lines for b in two_line.header if b.kind is BlockKind.TITLE] == [(60, 62)]
    assert two_line.subtitle == "——学习《习近平关于树立和践行正确政绩观论述摘编》"
    assert bulletin.articles[0].kicker.endswith("时强调")
    # The group source line credits articles 1–6 and is kept once, on article 6.
    assert [a.source for a in bulletin.articles[:6]] == ["人民网-人民日报"] * 6
    assert [a.source_line is not None for a in bulletin.articles] == [False] * 5 + [True] + [False] * 9
    notice = bulletin.articles[9]
    kinds = [b.kind for b in notice.blocks]
    assert kinds[0] is BlockKind.SALUTATION and kinds[-2:] == [BlockKind.SIGNATURE, BlockKind.DATE]
    regulation = bulletin.articles[5]
    clauses = [b for b in regulation.blocks if b.kind is BlockKind.CLAUSE]
    assert len(clauses) == 38 and clauses[5].anchor == "art-6" and clauses[-1].anchor == "art-38"
    items = [b for b in regulation.blocks if b.kind is BlockKind.ITEM]
    assert items and all(b.text.startswith("（") for b in items)


def test_bulletin_d_has_bom_and_structure() -> None:
    bulletin = segment_path(DATA / "bulletin_D.txt")
    assert bulletin.encoding == "utf-8-sig"
    letter = bulletin.articles[11]
    assert [b.kind for b in letter.blocks if b.kind in (BlockKind.SIGNATURE, BlockKind.DATE)] == [
        BlockKind.SIGNATURE, BlockKind.DATE]
    report = bulletin.articles[13]
    assert [b.text for b in report.header if b.kind is BlockKind.BYLINE] == ["财政部"]
    assert sum(b.kind is BlockKind.SALUTATION for b in report.blocks) == 2


def test_a_compilation_with_a_contents_list_and_numbered_titles() -> None:
    """bulletin_K: a masthead and a 目录 before nine articles whose titles are numbered 一、… like section
    headings. The masthead and contents are the bulletin's front matter; each title the list names opens an
    article, with the header line above it as its kicker."""
    gold = json.loads((DATA / "bulletin_K.gold.json").read_text(encoding="utf-8"))
    bulletin = segment_path(DATA / "bulletin_K.txt")
    result = score(bulletin, gold)
    assert result.mismatches == [] and result.span_f1 == 1.0 and result.heading_f1 == 1.0
    assert [n for b in bulletin.front_matter for n in b.lines] == gold["front_matter"]


@pytest.mark.parametrize("name", ["bulletin_L", "bulletin_M"])
def test_page_furniture_and_separators_as_delivered(name: str) -> None:
    """bulletin_L: a PDF copy with a running page head and “第 N 页 共 M 页” on every page; bulletin_M: rules
    and stars between articles, one above the first. Both cut as their gold says, every line kept."""
    gold = json.loads((DATA / f"{name}.gold.json").read_text(encoding="utf-8"))
    bulletin = segment_path(DATA / f"{name}.txt")
    result = score(bulletin, gold)
    assert result.mismatches == [] and result.span_f1 == 1.0 and result.heading_f1 == 1.0
    furniture = {n for a in bulletin.articles for b in a.blocks if b.kind is BlockKind.FOOTER for n in b.lines}
    assert furniture == {*gold.get("page_headers", []), *gold.get("page_footers", []), *gold.get("separators", [])}
