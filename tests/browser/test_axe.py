"""axe-core on the key pages of both editions: no serious or critical violations. Also saves the
reviewers' screenshots of those pages (test-output/screenshots/) and the axe counts (test-output/axe-*.json).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from browserkit import EDITIONS, record, type_query

pytestmark = pytest.mark.browser

PAGES = {"landing": "index.html", "article": "2026-03/04.html", "glossary": "glossary.html", "search": "index.html"}
SEARCH = {"zh-Hans": "十五五", "zh-Hant": "兩個確立"}
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def summary(violations: list[dict[str, Any]]) -> list[str]:
    return [f"{v['impact']} {v['id']}: {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in violations]


@pytest.mark.parametrize("view", PAGES)
@pytest.mark.parametrize("edition", EDITIONS)
def test_no_serious_accessibility_violations(
    page: Any, base_url: str, axe: Axe, screenshot: Any, edition: str, view: str
) -> None:
    page.goto(f"{base_url}{EDITIONS[edition]}{PAGES[view]}")
    if view == "search":
        type_query(page, SEARCH[edition])
    results = axe.run(page)
    violations = results.response["violations"]
    impacts = Counter(v["impact"] for v in violations)
    record(f"axe-{edition}-{view}", {
        "url": PAGES[view], "violations_by_impact": dict(impacts),
        "nodes_by_impact": dict(sum((Counter({v["impact"]: len(v["nodes"])}) for v in violations), Counter())),
        "rules": sorted(v["id"] for v in violations),
        "passes": len(results.response["passes"]),
    })
    screenshot(page, f"{view}-{edition}")
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], "\n".join(summary(blocking))
