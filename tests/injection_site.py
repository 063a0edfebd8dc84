"""A small project whose every text field carries markup, for the injection tests.

The bulletin (kicker, title, subtitle, heading, directive argument), its sidecar (title, note), the
glossary (term, definition, note), the conversion overrides and the site name each hold
``<img src=x onerror=alert(11)>``, ``<script>alert(12)</script>`` or ``<a href="javascript:alert(13)">x</a>``.
Every field's text is a Chinese label, an ASCII tag (``F01``…) and the markup: the tag and the markup are
ASCII, which the Traditional conversion leaves alone, so ``tag + markup`` is what a reader must see in
either edition. Used by tests/test_injection.py (the HTML as written) and tests/browser/test_injection_in_browser.py
(the pages in Chromium).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitebuild import make_project, run_build

IMG = "<img src=x onerror=alert(11)>"
SCRIPT = "<script>alert(12)</script>"
LINK = '<a href="javascript:alert(13)">x</a>'
ALERTS = ("11", "12", "13")  # what the payloads would pass to alert()

# Conversion overrides cannot hold whitespace and keep the length of their key: the same markup
# written without spaces, each the Traditional form of a Simplified key of its length.
OVERRIDES = {
    "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄": SCRIPT,
    "金木水火土东南西北中春夏秋冬日月星辰山川河海风雨雷电云雾霜": "<img/src=x/onerror=alert(11)>",
    "宇宙洪荒寒来暑往秋收冬藏闰余成岁律吕调阳腾致雨露结为霜剑号巨阙珠称夜光果": '<a/href="javascript:alert(13)">x</a>',
}
assert all(len(key) == len(value) for key, value in OVERRIDES.items())


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str  # Chinese, converted in the Traditional edition
    tag: str  # ASCII: finds the field in either edition
    markup: str  # what follows the tag in the Simplified text

    @property
    def text(self) -> str:
        """The field as written (Simplified)."""
        return f"{self.label}{self.tag}{self.markup}"

    def shown(self, edition: str) -> str:
        """What a reader of ``edition`` must see literally: the whole text in the Simplified edition, the
        ASCII part in the Traditional one (the override field: the override's markup)."""
        if edition == "zh-Hans":
            return self.text
        return self.tag + "".join(OVERRIDES.get(key, key) for key in _keys(self.markup))


def _keys(markup: str) -> list[str]:
    """``markup`` cut into override keys where it is made of them (else one piece)."""
    pieces, rest = [], markup
    while rest:
        key = next((k for k in OVERRIDES if rest.startswith(k)), None)
        if key is None:
            return [*pieces, rest]
        pieces.append(key)
        rest = rest[len(key):]
    return pieces


FIELDS = {
    field.name: field
    for field in (
        Field("title", "注入测试标题", "F01", IMG + SCRIPT + LINK),
        Field("kicker", "引题", "F02", IMG),
        Field("subtitle", "副题", "F03", SCRIPT),
        Field("heading", "一、小标题", "F04", LINK),
        Field("directive-argument", "二、指令后的文字", "F05", IMG),
        Field("sidecar-title", "期名", "F06", IMG),
        Field("sidecar-note", "编者按", "F07", SCRIPT + LINK),
        Field("glossary-term", "术语", "F08", IMG),
        Field("glossary-definition", "定义", "F09", IMG + SCRIPT + LINK),
        Field("glossary-note", "说明", "F10", SCRIPT),
        Field("conversion-override", "覆盖", "F11", "".join(OVERRIDES)),
        Field("site-name", "站名", "F12", IMG),
    )
}
F = {name: field.text for name, field in FIELDS.items()}

def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


BULLETIN = "2026-05"
SHARED = "这是一段在两篇文章里都出现的相当长的共同文字，用来生成相关段落之间的链接。"

# Article 01 carries the header fields; article 02 mentions article 01's title and headings in 《…》,
# which become links whose title= Material shows as a tooltip, and has the overridden title.
TEXT = f"""%% kicker
{F["kicker"]}
%% title
{F["title"]}
%% subtitle
{F["subtitle"]}
第一段正文，讲的是发展新质生产力。

%% heading
{F["heading"]}

{SHARED}

%% heading {F["directive-argument"]}
第三段正文，在指令后面。

%% title
{F["conversion-override"]}
本文提到《{F["title"]}》这篇文章。

也提到《{F["heading"]}》这一节。

还提到《{F["directive-argument"]}》这一节。

{SHARED}

讲到发展新质生产力，也讲到{F["glossary-term"]}。
"""

SIDECAR = f"title: {_yaml(F['sidecar-title'])}\ndate: 2026-05-01\nnote: {_yaml(F['sidecar-note'])}\n"

GLOSSARY = f"""entries:
  - term: 新质生产力
    category: formulation
    definition: {_yaml(F["glossary-definition"])}
    note: {_yaml(F["glossary-note"])}
  - term: {_yaml(F["glossary-term"])}
    category: formulation
    definition: 一个术语。
"""


def make_injection_project(tmp: Path) -> Path:
    project = make_project(tmp, {f"{BULLETIN}.txt": TEXT.encode("utf-8")})
    (project / "docs" / "bulletins" / f"{BULLETIN}.yml").write_text(SIDECAR, encoding="utf-8")
    (project / "docs" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    (project / "docs" / "conversion.yml").write_text(
        "".join(f"{key}: {_yaml(value)}\n" for key, value in OVERRIDES.items()), encoding="utf-8"
    )
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [f"site_name: {_yaml(F['site-name'])}\n" if line.startswith("site_name:") else line for line in lines]
    config.write_text("".join(lines), encoding="utf-8")
    return project


def build_injection_site(tmp: Path) -> Path:
    """Both editions and the offline zip of the project above; fails with MkDocs' message."""
    project = make_injection_project(tmp)
    result = run_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr[-4000:]
    return tmp / "site"


def kept_directive_argument(site: Path) -> bool:
    """Whether the segmenter keeps text written after a directive on its line (issue 12, item 6: it may
    show that text or refuse the file; otherwise the text reaches no page at all)."""
    return FIELDS["directive-argument"].tag in (site / BULLETIN / "01.html").read_text(encoding="utf-8")
