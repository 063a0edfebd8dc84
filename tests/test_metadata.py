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
