"""Cross-references against the hand-made gold (tests/data/xref_gold/, built with candidates.py there and
judged by reading both paragraphs): distinctive repeats link, formulas do not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotate.segment import segment_path
from annotate.xref import XrefSettings, build_xref

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "xref_gold"

Pair = frozenset[tuple[str, int]]


def _score(name: str) -> tuple[set[Pair], set[Pair], set[Pair]]:
    """(must-link pairs, formula pairs, pairs the build linked) of one gold bulletin, default settings."""
    doc = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    verdicts = {
        frozenset({(p["a"]["article"], p["a"]["line"]), (p["b"]["article"], p["b"]["line"])}): p["verdict"]
        for p in doc["pairs"]
    }
    index = build_xref([segment_path(ROOT / doc["source"])], XrefSettings())
    made = {frozenset({(ln.a.article, ln.a.line), (ln.b.article, ln.b.line)}) for ln in index.links}
    wanted = {p for p, v in verdicts.items() if v == "link"}
    formulas = {p for p, v in verdicts.items() if v == "no-link"}
    assert made <= set(verdicts), "a link the gold does not list: its run is under 20 characters"
    return wanted, formulas, made


def test_gold_lists_only_real_verdicts() -> None:
    for path in GOLD.glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["pairs"], path
        for pair in doc["pairs"]:
            assert pair["verdict"] in {"link", "no-link", "either"}
            assert len(pair["run"]) >= 20 and pair["a"]["article"] != pair["b"]["article"]


def test_march_repeats_link_and_no_formula_does() -> None:
    wanted, formulas, made = _score("2026-03")
    assert len(wanted) == 17
    assert not made & formulas
    # Every one, including the report's 蔡达峰强调，学习贯彻全国两会精神是民进全会当前和今后一个时期的重大政治任务:
    # set phrases joined by four rare characters, linked because the report quotes the speech.
    assert wanted <= made


def test_a_paragraph_echoed_five_times_links_to_all_five() -> None:
    """The signed article's one paragraph that sums up six paragraphs of the speech: no cap hides any."""
    _, _, made = _score("2026-03")
    echoes = {pair for pair in made if ("12", 490) in pair}
    assert {("13", line) for line in (503, 504, 505, 506, 507, 508)} <= {p for pair in echoes for p in pair}


@pytest.mark.parametrize(("name", "formula_links"), [("bulletin_D", 2), ("bulletin_F", 0)])
def test_unseen_bulletins(name: str, formula_links: int) -> None:
    """Bulletins the rules were not tuned on: every must-link links. A single bulletin of 14 articles
    cannot tell a formula found in only two of them (中共中央总书记、国家主席、中央军委主席习近平) from a
    passage: bulletin_D keeps its two such links (an archive of more bulletins, or xref-ignore.yml, drops
    them), and no more."""
    wanted, formulas, made = _score(name)
    assert wanted <= made
    assert len(made & formulas) <= formula_links
