"""tests/compare_sites.py, which ``make properdocs`` uses: only the generator tag may differ between two builds."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from compare_sites import compare_sites, main

PAGE = ('<html><head>\n<meta name="generator" content="{tool}, mkdocs-material-9.8.2">\n'
        "</head><body>{body}</body></html>\n")


def site(root: Path, tool: str, body: str = "<p>同</p>", extra: dict[str, bytes] | None = None) -> Path:
    (root / "2026-03").mkdir(parents=True)
    page = PAGE.format(tool=tool, body=body).encode()
    (root / "2026-03" / "01.html").write_bytes(page)
    (root / "sitemap.xml").write_bytes(b"<urlset/>")
    with zipfile.ZipFile(root / "offline.zip", "w") as archive:
        info = zipfile.ZipInfo("annotate/2026-03/01.html", date_time=(2026, 1, 1, 0, 0, 0))
        archive.writestr(info, page)
    for name, data in (extra or {}).items():
        (root / name).write_bytes(data)
    return root


def test_sites_that_differ_only_in_the_generator_tag_are_the_same(tmp_path: Path) -> None:
    a = site(tmp_path / "mkdocs", "mkdocs-1.6.1")
    b = site(tmp_path / "properdocs", "mkdocs-ProperDocs 1.6.7")
    result = compare_sites(a, b)
    assert result.ok and result.problems == []
    assert result.generator_only == ["2026-03/01.html", "offline.zip!annotate/2026-03/01.html", "offline.zip"]
    assert result.generators[1] == {"mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2": 2}


def test_any_other_difference_fails_and_is_shown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = site(tmp_path / "a", "mkdocs-1.6.1")
    b = site(tmp_path / "b", "mkdocs-ProperDocs 1.6.7", body="<p>异</p>")
    summary = tmp_path / "summary.md"
    assert main([str(a), str(b), "--summary", str(summary)]) == 1
    out = capsys.readouterr().out
    assert "**different**" in out
    assert "-</head><body><p>同</p></body></html>" in out and "+</head><body><p>异</p></body></html>" in out
    assert "offline.zip!annotate/2026-03/01.html" in out  # the zip's member is compared too
    assert summary.read_text(encoding="utf-8") == out + "\n"


def test_a_page_missing_on_one_side_fails(tmp_path: Path) -> None:
    a = site(tmp_path / "a", "x", extra={"glossary.html": b"<p></p>"})
    b = site(tmp_path / "b", "x")
    result = compare_sites(a, b)
    assert not result.ok and result.only == (["glossary.html"], [])


def test_a_difference_outside_html_fails_even_in_a_generator_tag(tmp_path: Path) -> None:
    tag = b'<meta name="generator" content="%s">'
    result = compare_sites(site(tmp_path / "a", "x", extra={"a.js": tag % b"1"}),
                           site(tmp_path / "b", "x", extra={"a.js": tag % b"2"}))
    assert not result.ok and len(result.problems) == 1


def test_nothing_to_compare_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert not compare_sites(tmp_path / "a", tmp_path / "b").ok
