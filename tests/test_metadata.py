"""Per-bulletin metadata: defaults from the file name, sidecar overrides, and newest-first navigation."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotate.metadata import BulletinMeta, load_meta
from annotate.reader import InputError
from annotate.render import navigation, sort_newest_first
from annotate.segment import segment_path

TEXT = "标题甲\n\n正文一段。\n"


@pytest.mark.parametrize(
    ("name", "slug", "title", "date"),
    [
        ("2026-03.txt", "2026-03", "2026年第3期", "2026-03"),
        ("2026_11.txt", "2026_11", "2026年第11期", "2026-11"),
        ("bulletin-202604.txt", "bulletin-202604", "2026年第4期", "2026-04"),
        ("2026年第4期 简报.txt", None, "2026年第4期", "2026-04"),
        ("special.txt", "special", "special", None),
    ],
)
def test_defaults_from_file_name(name: str, slug: str | None, title: str, date: str | None) -> None:
    meta = BulletinMeta.from_name(name)
    assert (meta.title, meta.date) == (title, date)
    assert meta.slug.isascii() and (slug is None or meta.slug == slug)


def test_non_ascii_slugs_are_stable_and_distinct() -> None:
    a, b = BulletinMeta.from_name("甲期.txt"), BulletinMeta.from_name("乙期.txt")
    assert a.slug == BulletinMeta.from_name("甲期.txt").slug and a.slug != b.slug


def test_sidecar_overrides_defaults(tmp_path: Path) -> None:
    path = tmp_path / "2026-03.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "2026-03.yml").write_text("title: 三月号\ndate: 2026-03-20\nnote: 编者按：本期为专题。\nslug: march\n",
                                          encoding="utf-8")
    bulletin = segment_path(path)
    assert (bulletin.title, bulletin.date, bulletin.note, bulletin.slug) == (
        "三月号", "2026-03-20", "编者按：本期为专题。", "march")


@pytest.mark.parametrize(
    ("sidecar", "fragment"),
    [("colour: red\n", "colour"), ("slug: 中文\n", "slug"), ("- a\n- b\n", "mapping"), ("title: [\n", "YAML")],
)
def test_bad_sidecar_is_one_clear_error(tmp_path: Path, sidecar: str, fragment: str) -> None:
    path = tmp_path / "2026-03.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "2026-03.yml").write_text(sidecar, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_meta(path)
    assert "2026-03.yml" in str(info.value) and fragment in str(info.value)


def test_navigation_is_newest_first_by_year(tmp_path: Path) -> None:
    bulletins = []
    for name in ("2025-12.txt", "2026-04.txt", "2026-03.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
        bulletins.append(segment_path(tmp_path / name))
    ordered = sort_newest_first(bulletins)
    assert [b.slug for b in ordered] == ["2026-04", "2026-03", "2025-12"]
    nav = navigation(ordered)
    years = [next(iter(item)) for item in nav[1:]]
    assert years == ["2026年", "2025年"]
    first_year = nav[1]["2026年"]
    assert [next(iter(entry)) for entry in first_year] == ["2026年第4期", "2026年第3期"]


@pytest.mark.parametrize(
    ("sidecar", "line", "fragment"),
    [
        ("title: 三月号\ndate: 2026-13-45\n", 2, "2026-13-45"),
        ("title: 三月号\ndate: 2026-02-30\n", 2, "2026-02-30"),
        ("date: 下个月\n", 1, "下个月"),
        ("note: 编者按\n\ndate: 2026-00\n", 3, "2026-00"),
        ("date: 20260320\n", 1, "20260320"),
        ("date: 1850-03-01\n", 1, "1850-03-01"),
        ("date: !!timestamp 2026-13-45\n", 1, "date"),
        ("date:\n", 1, "date"),
        ("date: [2026, 3]\n", 1, "date"),
        ("title: ''\n", 1, "title"),
        ("title:\n", 1, "title"),
        ("date: 2026-03-01\ntitle: |\n  三月号\n  第二行\n", 2, "title"),
        ("title: [三月号]\n", 1, "title"),
        ("title: {a: b}\n", 1, "title"),
        ("note: [a]\n", 1, "note"),
        ("slug: march\nslug: april\n", 2, "slug"),
        ("title: 三月号\ncolour: red\n", 2, "colour"),
        ("title: 三月号\nslug: March\n", 2, "slug"),
    ],
)
def test_bad_sidecar_values_name_the_sidecar_line(tmp_path: Path, sidecar: str, line: int, fragment: str) -> None:
    path = tmp_path / "2026-03.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "2026-03.yml").write_text(sidecar, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_meta(path)
    message = str(info.value)
    assert message.startswith(f"{tmp_path / '2026-03.yml'}:{line}: ") and fragment in message, message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("sidecar", "title", "date"),
    [
        ("date: 2026-03-20\n", "2026年第3期", "2026-03-20"),
        ("date: 2026-03\n", "2026年第3期", "2026-03"),
        ("date: 2026-3-5\n", "2026年第3期", "2026-03-05"),
        ("date: '2026-03-20'\ntitle: 2026\n", "2026", "2026-03-20"),
        ("title: '  三月号 '\n", "三月号", "2026-03"),
        ("title: true\n", "true", "2026-03"),
        ("title: >\n  三月号\n  特刊\n", "三月号 特刊", "2026-03"),
        ("note:\n", "2026年第3期", "2026-03"),
    ],
)
def test_good_sidecar_values(tmp_path: Path, sidecar: str, title: str, date: str) -> None:
    """Values are the text the editor wrote: dates are checked, not turned into YAML dates or numbers."""
    path = tmp_path / "2026-03.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "2026-03.yml").write_text(sidecar, encoding="utf-8")
    meta = load_meta(path)
    assert (meta.title, meta.date) == (title, date)


def test_slug_origin_names_the_sidecar_line(tmp_path: Path) -> None:
    from annotate.metadata import slug_origin

    path = tmp_path / "pagefind.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert slug_origin(path) == (str(path), None)
    (tmp_path / "pagefind.yml").write_text("title: 特刊\nslug: special\n", encoding="utf-8")
    assert slug_origin(path) == (str(tmp_path / "pagefind.yml"), 2)
