"""Loading and validating the glossary: the happy path, and one exact ``file:line: message`` per problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotate.glossary import (
    CATEGORIES,
    Entry,
    Glossary,
    GlossaryError,
    check_glossary,
    load_glossary,
    make_anchor,
)

REPO = Path(__file__).resolve().parents[1]

GOOD = """\
entries:
  - term: 中国民主促进会
    category: organisation
    aliases: [民进]
    definition: 中国的民主党派之一。
  - term: 两个确立
    category: formulation
    definition: 确立习近平同志党中央的核心、全党的核心地位……
    note: 党的十九届六中全会提出。
  - term: 中央八项规定精神
    category: formulation
    aliases: [八项规定精神]
    definition: 关于改进工作作风、密切联系群众的规定。
    traditional: 中央八項規定精神
  - term: “1571”
    category: programme
    aliases: ["1571"]
    definition: 一个以数字为代号的工作部署。
"""


def write(tmp_path: Path, text: str, name: str = "glossary.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    return str(info.value)


# --- happy path --------------------------------------------------------------------------------


def test_loads_entries_with_all_fields(tmp_path: Path) -> None:
    glossary = load_glossary(write(tmp_path, GOOD))
    assert len(glossary) == 4
    entry = glossary.lookup("民进")
    assert entry is not None
    assert entry.term == "中国民主促进会"
    assert entry.forms == ("中国民主促进会", "民进")
    assert entry.category_label == "组织机构"
    assert entry.line == 2
    assert entry.source.endswith("glossary.yml")
    eight = glossary["八项规定精神"]
    assert eight.traditional == "中央八項規定精神"
    assert glossary["两个确立"].note == "党的十九届六中全会提出。"
    assert glossary.lookup("不存在") is None
    assert "民进" in glossary


def test_entries_are_in_pinyin_order(tmp_path: Path) -> None:
    glossary = load_glossary(write(tmp_path, GOOD))
    # Non-Han text (the quoted code) sorts before letters; then liang < zhong-guo < zhong-yang.
    assert [e.term for e in glossary.entries] == ["“1571”", "两个确立", "中国民主促进会", "中央八项规定精神"]


def test_pinyin_order_uses_tone_then_code_point() -> None:
    entries = [Entry(t, "formulation", "x") for t in ["马", "妈", "麻", "骂", "吗", "码"]]
    # ma1 妈, ma2 麻, ma3 码/马 (same reading: code point order, U+7801 < U+9A6C), ma4 骂, ma5 吗
    assert [e.term for e in Glossary(entries)] == ["妈", "麻", "码", "马", "骂", "吗"]


def test_categories_in_fixed_order_with_chinese_labels(tmp_path: Path) -> None:
    glossary = load_glossary(write(tmp_path, GOOD))
    sections = glossary.categories()
    assert [(c.key, c.label) for c in sections] == [
        ("formulation", "提法"),
        ("programme", "规划与工程"),
        ("organisation", "组织机构"),
    ]
    assert [e.term for e in sections[0].entries] == ["两个确立", "中央八项规定精神"]
    assert [c.key for c in glossary.categories(include_empty=True)] == list(CATEGORIES)


def test_anchor_is_ascii_stable_and_independent_of_other_entries(tmp_path: Path) -> None:
    small = load_glossary(write(tmp_path, GOOD))
    bigger = load_glossary(
        write(
            tmp_path,
            GOOD + "  - term: 两个维护\n    category: formulation\n    definition: 定义。\n",
            "b.yml",
        )
    )
    for entry in small:
        assert bigger[entry.term].anchor == entry.anchor
        assert re.fullmatch(r"t-[a-z0-9-]+", entry.anchor)
    assert small["两个确立"].anchor.startswith("t-liang-ge-que-li-")
    assert make_anchor("两个确立") == small["两个确立"].anchor
    assert make_anchor("“1571”") != make_anchor("1571")
    assert len({e.anchor for e in bigger}) == len(bigger)


def test_directory_of_files_is_one_glossary(tmp_path: Path) -> None:
    folder = tmp_path / "glossary"
    folder.mkdir()
    write(folder, GOOD, "a.yml")
    write(folder, "entries:\n  - term: 两个维护\n    category: formulation\n    definition: 定义。\n", "b.yml")
    write(folder, "not: a glossary file\n", "ignored.txt")
    glossary = load_glossary(folder)
    assert len(glossary) == 5
    assert glossary["两个维护"].source.endswith("b.yml")


def test_glossary_rejects_duplicate_forms_when_built_directly() -> None:
    with pytest.raises(ValueError, match="民进"):
        Glossary(
            [
                Entry("中国民主促进会", "organisation", "x", aliases=("民进",)),
                Entry("民进", "abbreviation", "y"),
            ]
        )


def test_check_glossary_lists_every_problem_in_file_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "entries:\n"
        "  - term: 甲乙\n    category: bogus\n    definition: x\n"
        "  - term: 丙丁\n    category: formulation\n    definition: ''\n",
    )
    problems, glossary = check_glossary(path)
    assert glossary is None
    assert [(p.line, p.message.split(" ")[0]) for p in problems] == [(3, "bad"), (7, "empty")]


# --- one test per problem, each with the exact file:line ---------------------------------------


def test_duplicate_term(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "  - term: 两个确立\n    category: formulation\n    definition: 又一个。\n")
    assert error_of(path) == f"{path}:19: duplicate term “两个确立” (already defined at line 6)"


def test_duplicate_alias_across_entries(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        GOOD + "  - term: 民主促进会\n    category: organisation\n    aliases: [民进]\n    definition: 重复。\n",
    )
    assert error_of(path) == f"{path}:21: duplicate alias “民进” (already used by “中国民主促进会” at line 4)"


def test_alias_equal_to_another_term(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        GOOD + "  - term: 确立\n    category: formulation\n    aliases: [两个确立]\n    definition: 别名撞了。\n",
    )
    assert error_of(path) == f"{path}:21: alias “两个确立” is already the term of an entry (at line 6)"


def test_term_equal_to_an_earlier_alias(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "  - term: 民进\n    category: abbreviation\n    definition: 简称。\n")
    assert error_of(path) == f"{path}:19: term “民进” is already an alias of “中国民主促进会” (at line 4)"


def test_alias_repeating_its_own_term(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "entries:\n  - term: 民进\n    category: abbreviation\n    aliases: [民进]\n    definition: x\n",
    )
    assert error_of(path) == f"{path}:4: alias “民进” repeats the term"


def test_duplicate_alias_across_files_names_the_other_file(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "a.yml")
    write(
        tmp_path,
        "entries:\n  - term: 民主促进会\n    category: organisation\n    aliases: [民进]\n    definition: x\n",
        "b.yml",
    )
    first = tmp_path / "a.yml"
    assert error_of(tmp_path) == (
        f"{tmp_path / 'b.yml'}:4: duplicate alias “民进” (already used by “中国民主促进会” at {first}:4)"
    )


def test_empty_definition(tmp_path: Path) -> None:
    path = write(tmp_path, "entries:\n  - term: 两个确立\n    category: formulation\n    definition: '   '\n")
    assert error_of(path) == f"{path}:4: empty definition"


def test_missing_definition(tmp_path: Path) -> None:
    path = write(tmp_path, "entries:\n  - term: 两个确立\n    category: formulation\n")
    assert error_of(path) == f"{path}:2: entry is missing required key “definition”"


def test_unknown_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "entries:\n  - term: 两个确立\n    category: formulation\n    definiton: 拼错了\n    definition: x\n",
    )
    assert error_of(path) == (
        f"{path}:4: unknown key “definiton” (allowed: term, category, aliases, definition, note, traditional)"
    )


def test_bad_category(tmp_path: Path) -> None:
    path = write(tmp_path, "entries:\n  - term: 两个确立\n    category: slogan\n    definition: x\n")
    assert error_of(path).startswith(f"{path}:3: bad category “slogan” (expected one of: formulation, programme,")


def test_wrong_type_suggests_quoting(tmp_path: Path) -> None:
    path = write(tmp_path, "entries:\n  - term: 1571\n    category: programme\n    definition: x\n")
    assert error_of(path) == f"{path}:2: “term” must be a string, not int 1571 (quote it in YAML)"


def test_aliases_must_be_a_list(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "entries:\n  - term: 中国民主促进会\n    category: organisation\n    aliases: 民进\n    definition: x\n",
    )
    assert error_of(path) == f"{path}:4: “aliases” must be a list, not a string"


def test_one_character_form_is_rejected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "entries:\n  - term: 中国共产党\n    category: organisation\n    aliases: [党]\n    definition: x\n",
    )
    assert error_of(path) == (f"{path}:4: alias “党” is shorter than 2 characters and would match almost everywhere")


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "entries:\n  - term: 两个确立\n    category: formulation\n    definition: a\n    definition: b\n",
    )
    assert error_of(path) == f"{path}:5: duplicate key “definition” (first at line 4)"


def test_bad_yaml_syntax_reports_the_parser_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "entries:\n  - term: 两个确立\n    category: formulation\n    definition: [未闭合\n  - term: 两个维护\n",
    )
    message = error_of(path)
    assert message.startswith(f"{path}:5: YAML syntax error:")


def test_bad_indentation_reports_the_parser_line(tmp_path: Path) -> None:
    path = write(tmp_path, "entries:\n  - term: 两个确立\n   category: formulation\n")
    assert error_of(path).startswith(f"{path}:3: YAML syntax error:")


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "# only a comment\n")
    assert error_of(path) == f"{path}:1: empty file (expected a mapping with a list of “entries”)"


def test_missing_entries(tmp_path: Path) -> None:
    path = write(tmp_path, "terms:\n  - term: 两个确立\n")
    message = error_of(path)
    assert message.startswith(f"{path}:1: ")
    assert "“entries”" in message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_bytes("entries:\n  - term: 两个确立\n".encode("gb18030"))
    assert error_of(path) == f"{path}:2: not valid UTF-8"


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    assert error_of(tmp_path / "nope.yml") == f"{tmp_path / 'nope.yml'}: no such file or directory"
    assert error_of(tmp_path) == f"{tmp_path}: directory contains no *.yml glossary files"


def test_real_glossary_loads() -> None:
    path = REPO / "docs" / "glossary.yml"
    glossary = load_glossary(path)
    assert len(glossary) > 0
    assert all(e.definition for e in glossary)


def test_checked_glossary_is_kept_on_disk_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build whose glossary did not change skips the YAML parse, schema check and pinyin sort."""
    from annotate import site
    from annotate.settings import Settings

    docs, cache = tmp_path / "docs", tmp_path / "cache"
    docs.mkdir()
    write(docs, GOOD)
    fresh = site.load_site_glossary(docs, Settings(), cache)
    assert fresh is not None and len(list(cache.glob("glossary-*.pickle"))) == 1

    monkeypatch.setattr(site, "load_glossary", lambda path: pytest.fail("parsed again"))
    stored = site.load_site_glossary(docs, Settings(), cache)
    assert stored is not None and stored.entries == fresh.entries
    assert [e.anchor for e in stored] == [e.anchor for e in fresh]
    monkeypatch.undo()

    write(docs, GOOD.replace("中国的民主党派之一。", "中国的参政党之一。"))
    changed = site.load_site_glossary(docs, Settings(), cache)
    assert changed is not None and changed["民进"].definition == "中国的参政党之一。"

    write(docs, GOOD + "  - term: 两个确立\n    category: formulation\n    definition: 重复。\n")
    with pytest.raises(GlossaryError):
        site.load_site_glossary(docs, Settings(), cache)
    assert len(list(cache.glob("glossary-*.pickle"))) == 2  # a bad glossary is never stored


def test_a_pipeline_reads_an_unchanged_glossary_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each call without a pipeline is a new process; with one, both editions and every rebuild share it."""
    from annotate import site
    from annotate.pipeline import Pipeline
    from annotate.settings import Settings

    docs = tmp_path / "docs"
    docs.mkdir()
    write(docs, GOOD)
    pipeline = Pipeline()
    first = site.load_site_glossary(docs, Settings(), None, pipeline)
    monkeypatch.setattr(site, "load_glossary", lambda path: pytest.fail("parsed again"))
    assert site.load_site_glossary(docs, Settings(), None, pipeline) is first
    with pytest.raises(pytest.fail.Exception):
        site.load_site_glossary(docs, Settings(), None, Pipeline())


def test_the_stored_glossary_is_keyed_by_every_module_that_loads_it() -> None:
    """A glossary kept on disk is named by the source of ``GLOSSARY_MODULES`` (annotate.site): all of the
    package's modules decide what a loaded glossary holds."""
    import pkgutil

    import annotate.glossary as package

    modules = {info.name for info in pkgutil.iter_modules(package.__path__)}
    assert {module.__name__.rpartition(".")[2] for module in package.GLOSSARY_MODULES} == modules
    assert len(package.code_digest()) == 64
