"""Simplified → Traditional conversion: the March bulletin's errors, the class rules (readings, dictionary
pairs), overrides as editorial choices, profiles, review queue, the one-word-one-form ledger and the character
tables. The reviewed references are compared in full by tests/test_conversion_golden.py."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from annotate.convert import (
    ConversionError,
    Converter,
    char_table,
    convert_main,
    format_review,
    glossary_words,
    load_overrides,
    one_to_many_chars,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
MARCH = ROOT / "docs" / "bulletins" / "2026-03.txt"
OVERRIDES = ROOT / "docs" / "conversion.yml"


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("convert-cache")


@pytest.fixture(scope="module")
def converter(cache_dir: Path) -> Converter:
    """The project setting: s2tw, word by word, docs/conversion.yml."""
    return Converter.from_files("s2tw", OVERRIDES, cache_dir=cache_dir)


@pytest.fixture(scope="module")
def no_table(cache_dir: Path) -> Converter:
    """The converter's own rules, without the editor's table: it must fix the converter's mistakes itself."""
    return Converter(overrides={}, cache_dir=cache_dir)


@pytest.fixture(scope="module")
def march() -> str:
    return MARCH.read_text(encoding="utf-8-sig")


# Errors plain OpenCC s2tw makes on the March bulletin: (text as in the bulletin, right form, what plain
# OpenCC gives). The third column proves each case is a real OpenCC error. They were once fixed by entries
# of docs/conversion.yml; now the converter's class rules fix them, with no table at all.
MARCH_ERRORS = [
    ("增强内生发展动力", "增強內生發展動力", "增強內生髮展動力"),
    ("新征程上，不可能", "新征程上，不可能", "新徵程上，不可能"),
    ("负起新时代新征程党赋予", "負起新時代新征程黨賦予", "負起新時代新徵程黨賦予"),
    ("奋进新征程提供了", "奮進新征程提供了", "奮進新徵程提供了"),
    ("要更加注重创新驱动", "要更加注重創新驅動", "要更加註重創新驅動"),
    ("深刻阐明了树立", "深刻闡明了樹立", "深刻闡明瞭樹立"),
    ("正确政绩观指明了方向", "正確政績觀指明了方向", "正確政績觀指明瞭方向"),
    ("多想想我们干的事情", "多想想我們幹的事情", "多想想我們乾的事情"),
    ("人民需要我们干的？", "人民需要我們幹的？", "人民需要我們乾的？"),
    ("不是只对经济发达地区", "不是只對經濟發達地區", "不是隻對經濟發達地區"),
    ("干与不干一个样甚至不干比干更得利", "幹與不幹一個樣甚至不幹比幹更得利", "干與不幹一個樣甚至不幹比干更得利"),
    ("担当尽责的好干部用起来", "擔當盡責的好幹部用起來", "擔當盡責的好乾部用起來"),
    ("从业规定》，并发出通知", "從業規定》，並發出通知", "從業規定》，併發出通知"),
    ("依据本规定制定规章制度", "依據本規定制定規章制度", "依據本規定製定規章制度"),
    ("根据本规定制定实施办法", "根據本規定制定實施辦法", "根據本規定製定實施辦法"),
    ("部署，对标对表“十五五”", "部署，對標對表“十五五”", "部署，對標對錶“十五五”"),
    ("在河北省委书记倪岳峰、省长", "在河北省委書記倪岳峰、省長", "在河北省委書記倪嶽峰、省長"),
    ("干了多少事、干的事组织和群众", "幹了多少事、幹的事組織和群眾", "幹了多少事、乾的事組織和群眾"),
    ("国有资产权益。不准有下列行为：", "國有資產權益。不准有下列行為：", "國有資產權益。不準有下列行為："),
]


@pytest.mark.parametrize(("simplified", "traditional", "opencc"), MARCH_ERRORS, ids=[e[0] for e in MARCH_ERRORS])
def test_march_error_fixed(
    converter: Converter, no_table: Converter, march: str, simplified: str, traditional: str, opencc: str
) -> None:
    assert simplified in march
    assert converter.convert_plain(simplified) == opencc  # the error is real
    assert converter.convert(simplified) == traditional
    assert no_table.convert(simplified) == traditional  # a class rule fixes it, not an override


def test_march_bulletin_matches_reviewed_reference(converter: Converter, march: str) -> None:
    reference = (DATA / "2026-03.s2tw.txt").read_text(encoding="utf-8")
    assert converter.convert(march) == reference


def test_word_by_word_blocks_straddling_phrases(cache_dir: Path) -> None:
    bare = Converter(overrides={}, cache_dir=cache_dir)
    assert bare.convert("更加注重质量，阐明了道理") == "更加注重質量，闡明了道理"
    assert bare.convert_plain("更加注重质量，阐明了道理") == "更加註重質量，闡明瞭道理"


def test_long_opencc_phrase_across_jieba_words_is_kept(cache_dir: Path) -> None:
    # jieba cuts 弗里|曼; converted apart, 里 would become 裡.
    assert Converter(overrides={}, cache_dir=cache_dir).convert("弗里曼") == "弗里曼"
    assert Converter(overrides={}, phrase_run=0, cache_dir=cache_dir).convert("弗里曼") == "弗裡曼"


def test_override_wins_over_opencc_phrase(cache_dir: Path) -> None:
    # Deliberately contrary to OpenCC's own phrase 干部→幹部: the table must still win, in both modes.
    for word_by_word in (True, False):
        conv = Converter(overrides={"干部": "乾部"}, word_by_word=word_by_word, cache_dir=cache_dir)
        assert conv.convert("好干部") == "好乾部"
    assert Converter(overrides={}, cache_dir=cache_dir).convert("好干部") == "好幹部"


def test_override_key_is_kept_whole_by_jieba(cache_dir: Path) -> None:
    conv = Converter(overrides={"倪岳峰": "倪岳峰"}, cache_dir=cache_dir)
    assert "倪岳峰" in conv.words("河北省委书记倪岳峰、省长")
    assert conv.convert("倪岳峰说") == "倪岳峰說"


def test_glossary_traditional_forms_feed_the_table(cache_dir: Path) -> None:
    conv = Converter(overrides={}, words=[("王岳峰", "王嶽峰"), ("两个确立", None)], cache_dir=cache_dir)
    assert conv.convert("王岳峰") == "王嶽峰"  # contrary to the 岳 reading: the glossary's form wins
    assert "王岳峰" in conv.words("省长王岳峰说")
    # The editor's table wins over the glossary.
    conv = Converter(overrides={"王岳峰": "王岳峰"}, words=[("王岳峰", "王嶽峰")], cache_dir=cache_dir)
    assert conv.convert("王岳峰") == "王岳峰"


def test_glossary_term_without_form_is_cut_by_jieba(cache_dir: Path) -> None:
    # Kept whole, the term would be converted as one string and OpenCC's 一个中 (一箇中) would win inside it.
    conv = Converter(overrides={}, words=[("一个中国原则", None)], cache_dir=cache_dir)
    assert "一个中国原则" not in conv.words("坚持一个中国原则和")
    assert conv.convert("坚持一个中国原则和") == "堅持一個中國原則和"
    assert conv.convert_plain("一个中国原则") == "一箇中國原則"  # the straddling phrase is real


def test_glossary_words_reads_entries() -> None:
    class Entry:
        def __init__(self, term: str, aliases: list[str], traditional: str | None) -> None:
            self.term, self.aliases, self.traditional = term, aliases, traditional

    class Glossary:
        def __init__(self) -> None:
            self.entries = [Entry("两个确立", ["两确立"], "兩個確立"), Entry("十五五", [], None)]

    assert glossary_words(Glossary()) == [("两个确立", "兩個確立"), ("两确立", None), ("十五五", None)]


@pytest.mark.parametrize("profile", ["s2twp", "s2hkp"])
def test_vocabulary_profiles_refused(profile: str) -> None:
    with pytest.raises(ConversionError, match="changes meaning in PRC documents"):
        Converter(profile)


def test_unknown_profile_refused() -> None:
    with pytest.raises(ConversionError, match="unknown conversion profile"):
        Converter("t2s")


def test_s2hk_uses_hong_kong_glyphs(cache_dir: Path) -> None:
    hk = Converter("s2hk", overrides={"新征程": "新征程"}, cache_dir=cache_dir)
    tw = Converter("s2tw", overrides={"新征程": "新征程"}, cache_dir=cache_dir)
    assert tw.convert("教学楼里") == "教學樓裡"
    assert hk.convert("教学楼里") == "教學樓裏"
    assert hk.convert("踏上新征程") == "踏上新征程"


def test_line_structure_ascii_and_ids_kept(converter: Converter) -> None:
    text = "\ufeff第一条 发展\r\n\n  ID a-01_b, https://example.org/x?y=1#z 2026年3月\n\t干部\n\n"
    out = converter.convert(text)
    assert out.split("\n")[2:3] == ["  ID a-01_b, https://example.org/x?y=1#z 2026年3月"]
    assert out == "\ufeff第一條 發展\r\n\n  ID a-01_b, https://example.org/x?y=1#z 2026年3月\n\t幹部\n\n"
    assert list(converter.convert_lines(["后来", "", "abc"])) == ["後來", "", "abc"]


def test_whole_bulletin_keeps_line_count_and_ascii(converter: Converter) -> None:
    source = (DATA / "bulletin_D.txt").read_text(encoding="utf-8-sig")
    out = converter.convert(source)
    assert out.count("\n") == source.count("\n")
    for src, dst in zip(source.split("\n"), out.split("\n"), strict=True):
        assert len(src) == len(dst)
        assert [c for c in src if c.isascii()] == [c for c in dst if c.isascii()]


def test_one_to_many_set_comes_from_opencc() -> None:
    chars = one_to_many_chars()
    assert set("干后发里台复系面范制准征注只了岳松冲尽历汇余谷借朴曲卷御于斗") <= chars
    assert not set("们国学说") & chars
    assert 200 < len(chars) < 400


def test_review_queue(cache_dir: Path) -> None:
    conv = Converter(overrides={"倪岳峰": "倪岳峰"}, cache_dir=cache_dir)
    items = conv.review([(7, "倪岳峰说，好干部要干实事。"), (9, "abc")])
    assert [(i.line, i.column, i.char, i.chosen) for i in items] == [
        (7, 7, "干", "幹"),
        (7, 10, "干", "幹"),
    ]
    assert items[0].word == "干部" and items[0].word_converted == "幹部"
    assert items[0].context == "倪岳峰说，好干部要干实事。"
    assert items[0].context_converted == "倪岳峰說，好幹部要幹實事。"
    text = format_review(items, "a.txt")
    assert text.splitlines()[0].startswith("a.txt:7:7: 干→幹  干部→幹部  …")
    assert json.loads(json.dumps([i.to_json() for i in items]))[1]["column"] == 10


def test_review_queue_skips_override_sites(cache_dir: Path, march: str) -> None:
    conv = Converter(overrides={"干的事": "幹的事"}, cache_dir=cache_dir)
    items = conv.review(enumerate(march.split("\n"), start=1))
    words = {i.word for i in items}
    assert "干的事" not in words  # decided by the table
    assert "倪岳峰" in words  # decided by a reading: the converter's rule, still listed for review
    assert any(i.char == "干" and i.chosen == "幹" for i in items)
    assert len(items) > 1000


def test_char_table_round_trip(march: str) -> None:
    s2t, t2s = char_table("s2t"), char_table("t2s")
    assert list(s2t) == sorted(s2t) and list(t2s) == sorted(t2s)
    assert s2t["两"] == "兩" and s2t["着"] == "著" and s2t["台"] == "臺"
    assert t2s["兩"] == "两" and t2s["確"] == "确" and t2s["裡"] == "里"
    converted = [c for c in sorted(set(march)) if c in s2t]
    assert len(converted) > 500
    assert [c for c in converted if t2s.get(s2t[c], s2t[c]) != c] == []
    assert "两个确立".translate(str.maketrans(s2t)) == "兩個確立"
    assert "兩個確立".translate(str.maketrans(t2s)) == "两个确立"
    with pytest.raises(ConversionError):
        char_table("x2y")


def test_project_table_holds_editorial_choices_only(no_table: Converter, cache_dir: Path) -> None:
    """Every entry of docs/conversion.yml changes what the converter writes by itself (an entry that changes
    nothing fixes no mistake and makes no choice), and says why in a comment."""
    table = load_overrides(OVERRIDES)
    with_table = Converter(overrides=table, cache_dir=cache_dir)
    for key, value in table.items():
        assert no_table.convert(key) != value, f"{key}: the converter already writes {value}"
        assert with_table.convert(key) == value
    entry_lines = [ln for ln in OVERRIDES.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    assert len(entry_lines) == len(table)
    assert all("#" in ln for ln in entry_lines), "each entry says why"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("新征程: 新征程\n坏: 甲: 乙\n", 2, "invalid YAML"),
        ("新征程: 新征程\n\n十五五: 123\n", 3, "must be a non-empty string"),
        ("a: 甲\n'': 空\n", 2, "non-empty Simplified phrase"),
        ("新征程: 新征程\n新征程: 新徵程\n", 2, "duplicate override"),
        ("新征程: 新征\n", 1, "differ in length"),
        ("新 征程: 新 征程\n", 1, "whitespace"),
        ("干部:\n  - 幹部\n", 1, "must be a non-empty string"),
        ("干部: ~\n", 1, "must be a non-empty string"),
        ("- 干部\n", 1, "expected a mapping"),
    ],
)
def test_conversion_yml_validation(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "conversion.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConversionError, match=message) as err:
        load_overrides(path)
    assert str(err.value).startswith(f"{path}:{line}:")


def test_missing_or_empty_table_is_empty(tmp_path: Path) -> None:
    assert load_overrides(tmp_path / "none.yml") == {}
    (tmp_path / "empty.yml").write_text("# nothing yet\n", encoding="utf-8")
    assert load_overrides(tmp_path / "empty.yml") == {}


def test_generated_config_is_cached_and_deterministic(tmp_path: Path) -> None:
    a = Converter(overrides={"新征程": "新征程", "倪岳峰": "倪岳峰"}, readings={}, cache_dir=tmp_path)
    b = Converter(overrides={"倪岳峰": "倪岳峰", "新征程": "新征程"}, readings={}, cache_dir=tmp_path)
    assert a.config_path == b.config_path
    config = json.loads(a.config_path.read_text("utf-8"))
    first_step = config["conversion_chain"][0]["dict"]
    assert first_step["dicts"][0]["type"] == "text"
    assert Path(first_step["dicts"][0]["file"]).read_text("utf-8") == "倪岳峰\t倪岳峰\n新征程\t新征程\n"
    # The readings join the same user dictionary; the editor's entry wins on the same key.
    c = Converter(overrides={"总台": "總檯"}, readings={"总台": "總臺", "不准": "不准"}, cache_dir=tmp_path)
    user = json.loads(c.config_path.read_text("utf-8"))["conversion_chain"][0]["dict"]["dicts"][0]["file"]
    assert Path(user).read_text("utf-8") == "不准\t不准\n总台\t總檯\n"
    assert c.convert("总台发布") == "總檯發佈"


class _Stdout(io.StringIO):
    pass


def test_cli_converts_stdin_line_by_line(monkeypatch: pytest.MonkeyPatch, cache_dir: Path) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("踏上新征程\n\nID-7 干部\n"))
    out = _Stdout()
    monkeypatch.setattr("sys.stdout", out)
    assert convert_main(["--overrides", str(OVERRIDES), "--cache-dir", str(cache_dir)]) == 0
    assert out.getvalue() == "踏上新征程\n\nID-7 幹部\n"


def test_cli_review(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cache_dir: Path) -> None:
    source = tmp_path / "new.txt"
    source.write_text("倪岳峰强调\n要干实事\n", encoding="utf-8")
    table = tmp_path / "conversion.yml"
    table.write_text("倪岳峰: 倪岳峰 # a name: the editor decided it\n", encoding="utf-8")
    out = _Stdout()
    monkeypatch.setattr("sys.stdout", out)
    args = ["--overrides", str(table), "--cache-dir", str(cache_dir), "--review", str(source)]
    assert convert_main(args) == 0
    assert out.getvalue() == f"{source}:2:2: 干→幹  干→幹  …要干实事… → …要幹實事…\n"
    out.truncate(0)
    out.seek(0)
    assert convert_main([*args, "--json"]) == 0
    assert json.loads(out.getvalue())[0]["chosen"] == "幹"


def test_cli_refuses_s2twp(capsys: pytest.CaptureFixture[str]) -> None:
    assert convert_main(["--profile", "s2twp"]) == 2
    assert "refused" in capsys.readouterr().err


def test_the_conversion_memo_is_keyed_by_every_module_that_converts() -> None:
    """A build's conversion memo is named by the source of ``CONVERTING_MODULES`` (annotate.project): each
    module of the package is there, or only presents conversions (the review queue, the CLI)."""
    import pkgutil

    import annotate.convert as package

    modules = {info.name for info in pkgutil.iter_modules(package.__path__)}
    converting = {module.__name__.rpartition(".")[2] for module in package.CONVERTING_MODULES}
    assert converting <= modules and modules - converting == {"review", "cli", "compare", "consistency"}
    assert len(package.code_digest()) == 64


def test_the_conversion_memo_is_keyed_by_the_rules_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import annotate.convert as package

    before = package.code_digest()
    copy = tmp_path / "readings.yml"
    copy.write_text(package.READINGS_PATH.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    monkeypatch.setattr(package, "CONVERTING_DATA", (copy, package.PAIRS_PATH))
    assert package.code_digest() != before
