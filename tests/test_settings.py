"""The settings in mkdocs.yml: one schema (annotate.config), validated once into the core's typed Settings,
with one-line messages naming the key; the old key extra.annotate still read for one release."""

from __future__ import annotations

import ast
import itertools
import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from sitebuild import ROOT, make_project, run_build

from annotate import convert
from annotate.config import DEPRECATED_KEY, DEPRECATION, SETTINGS_KEY, load_settings, schema, settings_key, validate
from annotate.errors import InputError
from annotate.settings import ConfigFile, ConversionSettings, Settings
from annotate.xref import IgnorePair, XrefSettings

SMALL = "标题甲\n\n正文一段，提到新征程。\n\n标题乙\n\n正文又一段。\n".encode()


class _IgnoreTags(yaml.SafeLoader):
    pass


_IgnoreTags.add_multi_constructor("!", lambda _loader, _suffix, _node: None)


def repository_settings() -> dict[str, object]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    return config["extra"][SETTINGS_KEY]


def test_defaults_are_the_core_dataclasses() -> None:
    assert validate(None) == validate({}) == Settings()
    assert Settings().conversion == ConversionSettings() and Settings().xref == XrefSettings()
    assert ConversionSettings().profile == convert.DEFAULT_PROFILE


def test_the_repository_settings_are_valid_and_typed() -> None:
    raw = repository_settings()
    settings = validate(raw)
    assert settings.term_policy == raw["term_policy"] and settings.search_engine == raw["search_engine"]
    assert settings.xref.min_run == raw["xref"]["min_run"] and settings.xref_ignore == raw["xref"]["ignore"]
    assert settings.conversion == ConversionSettings(**raw["conversion"])
    assert ConfigFile.read(ROOT / "mkdocs.yml").settings == settings
    assert "annotate" not in yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)["extra"]


def test_values_reach_the_typed_settings() -> None:
    settings = validate({
        "term_policy": "all",
        "xref": {"max_df": 4, "related_min_score": 1, "ignore": "x.yml",
                 "ignore_pairs": [["2026-03/01", "2026-03/02"]]},
        "conversion": {"enabled": False, "profile": "s2hk", "prefix": "/hk/"},
    })
    assert settings.term_policy == "all" and settings.xref_ignore == "x.yml"
    assert settings.xref.max_df == 4 and settings.xref.df_cutoff(1000) == 4
    assert settings.xref.ignore_pairs == (IgnorePair("2026-03/01", "2026-03/02"),)
    assert settings.conversion == ConversionSettings(enabled=False, profile="s2hk", prefix="/hk/")
    assert settings.conversion.edition.prefix == "hk/"


KEY = f"extra.{SETTINGS_KEY}"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("all", f"{KEY} 必须是键值对 (must be a mapping)"),
        ({"term_polcy": "all"}, f"{KEY} 中有未知的设置 ['term_polcy'] (known: ['bulletins', 'conversion', "
                                "'glossary', 'search_engine', 'term_policy', 'xref'])"),
        ({"term_policy": "every"}, f"{KEY}.term_policy 必须是 first 或 all，而不是 “every”"),
        ({"search_engine": "lunr"}, f"{KEY}.search_engine 必须是 pagefind 或 material，而不是 “lunr”"),
        ({"bulletins": ["a"]}, f"{KEY}.bulletins 必须是路径字符串 (must be a path)"),
        ({"glossary": 3}, f"{KEY}.glossary 必须是路径字符串 (must be a path)"),
        ({"xref": ["min_run"]}, f"{KEY}.xref 必须是键值对 (must be a mapping)"),
        ({"xref": {"min_runs": 10}}, f"{KEY}.xref 中有未知的设置 ['min_runs'] (known: "),
        ({"xref": {"min_run": "20"}}, f"{KEY}.xref.min_run 必须是整数，而不是 “20” (must be an integer)"),
        ({"xref": {"shingle": True}}, f"{KEY}.xref.shingle 必须是整数，而不是 “True” (must be an integer)"),
        ({"xref": {"max_df": "1%"}}, f"{KEY}.xref.max_df 必须是数，而不是 “1%” (must be a number)"),
        ({"xref": {"min_run": 4}}, f"{KEY}.xref: invalid xref settings: min_run (4) must be at least shingle (8)"),
        ({"xref": {"max_df": 1.5}}, f"{KEY}.xref: invalid xref settings: max_df as a fraction must be between 0"),
        ({"xref": {"ignore_pairs": [["2026-03/01"]]}},
         f"{KEY}.xref.ignore_pairs 的每一项必须是由 2 个字符串组成的列表，而不是 “['2026-03/01']”"),
        ({"xref": {"ignore_phrases": "套话"}}, f"{KEY}.xref.ignore_phrases 必须是列表 (must be a list)"),
        ({"xref": {"ignore": 1}}, f"{KEY}.xref.ignore 必须是路径字符串 (must be a path)"),
        ({"conversion": "s2tw"}, f"{KEY}.conversion 必须是键值对 (must be a mapping)"),
        ({"conversion": {"profil": "s2tw"}}, f"{KEY}.conversion 中有未知的设置 ['profil'] (known: "
                                             "['enabled', 'overrides', 'prefix', 'profile'])"),
        ({"conversion": {"enabled": "yes"}}, f"{KEY}.conversion.enabled 必须是 true 或 false，而不是 “yes”"),
        ({"conversion": {"profile": "s2twp"}}, f"{KEY}.conversion.profile: profile s2twp is refused"),
        ({"conversion": {"profile": "s2t"}}, f"{KEY}.conversion.profile: unknown conversion profile 's2t'"),
        ({"conversion": {"prefix": "繁體"}}, f"{KEY}.conversion.prefix 必须是 ASCII 路径名：“繁體”"),
        ({"conversion": {"prefix": "/"}}, f"{KEY}.conversion.prefix 必须是 ASCII 路径名：“/”"),
    ],
)
def test_each_mistake_is_one_line_naming_the_key(raw: object, message: str) -> None:
    with pytest.raises(InputError) as caught:
        validate(raw)
    text = str(caught.value)
    assert text.startswith(f"mkdocs.yml: {message}"), text
    assert "\n" not in text and "Expected" not in text and "Sub-option" not in text


def test_every_option_has_a_docstring() -> None:
    """One docstring per option, as Material's plugins and mkdocs-autorefs document theirs."""
    tree = ast.parse((ROOT / "src/annotate/config.py").read_text(encoding="utf-8"))
    function = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "schema")
    classes = {n.name: n for n in function.body if isinstance(n, ast.ClassDef)}
    documented: dict[str, set[str]] = {}
    for name in ("AnnotateConfig", "XrefConfig", "ConversionConfig"):
        body = classes[name].body
        documented[name] = {
            statement.targets[0].id
            for statement, following in itertools.pairwise(body)
            if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name)
            and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str) and following.value.value.strip()
        }
    config = schema()
    options = {
        "AnnotateConfig": {k for k, _ in config._schema},
        "XrefConfig": {k for k, _ in dict(config._schema)["xref"].config_class._schema},
        "ConversionConfig": {k for k, _ in dict(config._schema)["conversion"].config_class._schema},
    }
    for name, keys in options.items():
        assert keys == documented[name], (name, keys ^ documented[name])
    assert options["XrefConfig"] - {"ignore"} == set(XrefSettings.__dataclass_fields__)
    assert options["ConversionConfig"] == set(ConversionSettings.__dataclass_fields__)


def test_the_old_key_is_read_for_one_release_with_a_deprecation_line() -> None:
    lines: list[str] = []
    settings = load_settings({DEPRECATED_KEY: {"term_policy": "all"}}, warn=lines.append)
    assert settings.term_policy == "all" and lines == [DEPRECATION]
    assert "extra.annotate_settings" in DEPRECATION and "deprecated" in DEPRECATION
    with pytest.raises(InputError, match=r"^mkdocs\.yml: extra\.annotate\.term_policy 必须是"):
        load_settings({DEPRECATED_KEY: {"term_policy": "every"}})


def test_with_the_new_key_extra_annotate_is_materials() -> None:
    """Material's code-annotation selectors under extra.annotate are neither read nor a deprecation."""
    lines: list[str] = []
    extra = {DEPRECATED_KEY: {"json": [".s2"]}, SETTINGS_KEY: {"term_policy": "all"}}
    assert settings_key(extra) == SETTINGS_KEY
    assert load_settings(extra, warn=lines.append).term_policy == "all" and lines == []
    assert settings_key({}) is None and load_settings({}) == Settings() and load_settings(None) == Settings()


def test_config_file_reads_the_old_key_with_a_line_on_stderr(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_url: !ENV [SITE_URL, 'x']\nextra:\n  annotate:\n    search_engine: material\n",
                      encoding="utf-8")
    assert ConfigFile.read(config).settings.search_engine == "material"
    assert capsys.readouterr().err.strip() == f"{config}: {DEPRECATION}"
    config.write_text("extra:\n  annotate_settings:\n    search_engine: bing\n", encoding="utf-8")
    with pytest.raises(InputError, match="search_engine 必须是 pagefind 或 material"):
        ConfigFile.read(config)


def test_a_site_built_from_the_old_key(tmp_path: Path) -> None:
    """A project not yet moved to extra.annotate_settings builds (strict), says once that the key moved, and
    Material still gets nothing under extra.annotate."""
    project = make_project(tmp_path, {"2026-05.txt": SMALL})
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert f"  {SETTINGS_KEY}:" in text
    config.write_text(text.replace(f"  {SETTINGS_KEY}:", f"  {DEPRECATED_KEY}:")
                      .replace("search_engine: pagefind", "search_engine: material"), encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(DEPRECATION) == 1, result.stderr
    for page in (site / "index.html", site / "zh-Hant" / "index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert json.loads(soup.select_one("#__config").get_text())["annotate"] is None
