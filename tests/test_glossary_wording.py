"""Glossary texts are written for an archive: no wording that points at “this issue” (本期), which is wrong
as soon as a second bulletin is on the site. A note that depends on one bulletin names it (2026年3月简报)."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from annotate.glossary import load_glossary

ROOT = Path(__file__).resolve().parent.parent
ISSUE_BOUND = re.compile(r"本期|本简报|本次简报|这期|这一期|该期|此期|当期")


def test_no_entry_speaks_of_this_issue() -> None:
    glossary = load_glossary(ROOT / "docs" / "glossary.yml")
    found = [f"{entry.term}: {text}" for entry in glossary
             for text in (entry.definition, entry.note or "", *entry.aliases) if ISSUE_BOUND.search(text)]
    assert found == []


def test_the_glossary_and_term_pages_do_not_either(march_site: Path) -> None:
    pages = [march_site / "glossary.html", march_site / "zh-Hant" / "glossary.html",
             *sorted((march_site / "terms").glob("*.html"))[:50]]
    found = []
    for page in pages:
        main = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
        assert main is not None, page
        if match := ISSUE_BOUND.search(main.get_text()):
            found.append(f"{page.relative_to(march_site)}: {match.group()}")
    assert found == []


def test_the_check_recognises_issue_bound_wording() -> None:
    assert ISSUE_BOUND.search("据本期简报：") and ISSUE_BOUND.search("本期簡報")
    assert not ISSUE_BOUND.search("据2026年3月简报：") and not ISSUE_BOUND.search("定期")
