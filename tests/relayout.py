"""Re-layout a bulletin that has a gold file: the same articles printed in another layout family.

A layout-independent segmenter must cut every variant the same way, so each family returns the new text
*and* its gold (``tests/data/*.gold.json`` schema, line numbers recomputed). Used by
``tests/test_segment_layouts.py`` and ``bench/segmentation.py``; also a command line tool::

    python tests/relayout.py tests/data/bulletin_D.txt tests/data/bulletin_D.gold.json --family hardwrap
    python tests/relayout.py docs/bulletins/2026-03.txt tests/data/2026-03.gold.json --out /tmp/variants

How a source is read (:func:`parse`): each gold article's span gives, in order, the kicker line(s), the title
line(s) and the subtitle line(s) (consumed until their stripped, joined text equals the gold field), then
*extra header lines* (bylines: flush-left, short, not sentence-final lines directly under the header, in no
gold field), then body paragraphs (every other non-blank line; those equal to the next gold heading are
headings). Non-blank lines outside every span must be group source lines (``（以上均来源于…）``).

Line text is never changed: lines are stripped and re-indented, paragraphs are hard-wrapped at points
where no whitespace is lost (never next to a space), and a title split in two lines only loses the spaces
at the split (the gold joins two-line titles with no separator, see :func:`kicker_twoline`).

Page footers (``— 3 —``, hardwrap families only) belong to no article field. A footer between an
article's first and last line is inside its span; ``last_line`` is still the last body line, so a
footer after it (between two articles) belongs to neither. The gold lists them under ``page_footers``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

SENTENCE_FINAL = tuple("。！？!?；;：:，,、…")
# Characters a Chinese line never starts with: they hang at the end of the previous line instead.
NO_LINE_START = set("，。、；：？！）》」』】〕”’…,.;:?!)]%")
U3000 = "\u3000\u3000"
LOOSE_KINDS = {"footer", "note"}  # block kinds the lossless check lets stand out of order
WORD = set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.%")


# --------------------------------------------------------------------------------------------- model


@dataclass(slots=True)
class Paragraph:
    text: str  # stripped
    heading: bool = False


@dataclass(slots=True)
class Story:
    """One gold article, as header parts and body paragraphs (stripped texts)."""

    kicker: list[str]  # usually one line
    title: list[str]  # one or two lines as printed
    subtitle: list[str]
    extra: list[str]  # bylines: in the header, in no gold field
    body: list[Paragraph]
    gold: dict  # the original gold entry (origin and any other keys are copied through)


@dataclass(slots=True)
class SourceLine:
    text: str


@dataclass(slots=True)
class Doc:
    name: str  # stem, e.g. "bulletin_D"
    items: list[Story | SourceLine]

    @property
    def stories(self) -> list[Story]:
        return [item for item in self.items if isinstance(item, Story)]


@dataclass(slots=True)
class Variant:
    """A re-laid-out bulletin: ``text`` (with its line ends) and its gold."""

    name: str  # e.g. "bulletin_D.hardwrap"
    family: str
    text: str
    gold: dict


class GoldError(ValueError):
    """The gold does not describe the text (a field that is not on the lines of its span)."""


def source_lines(text: str) -> list[str]:
    """Lines as the gold counts them: BOM removed, CRLF → LF, 1-based index = list index + 1."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")


def is_byline(raw: str) -> bool:
    text = raw.strip()
    return bool(text) and not raw[0].isspace() and len(text) <= 30 and not text.endswith(SENTENCE_FINAL)


@dataclass(slots=True)
class Cursor:
    """Header fields are consumed line by line until their joined text equals the gold field."""

    content: list[tuple[int, str]]  # (line number, raw line) of the non-blank lines of a span
    label: str
    position: int = 0

    def take(self, target: str | None, what: str) -> list[str]:
        if not target:
            return []
        taken: list[str] = []
        while self.position < len(self.content) and len("".join(taken)) < len(target):
            taken.append(self.content[self.position][1].strip())
            self.position += 1
        if "".join(taken) != target:
            raise GoldError(f"{self.label}: {what} {target!r} is not on lines {taken!r}")
        return taken


def parse(text: str, gold: dict, name: str = "bulletin") -> Doc:
    """Read ``text`` into stories with the help of its gold."""
    lines = source_lines(text)
    articles = sorted(gold["articles"], key=lambda a: a["first_line"])
    items: list[Story | SourceLine] = []
    covered: set[int] = set()
    for number, article in enumerate(articles, start=1):
        first, last = article["first_line"], article["last_line"]
        content = [(n, lines[n - 1]) for n in range(first, last + 1) if lines[n - 1].strip()]
        covered.update(range(first, last + 1))
        cursor = Cursor(content, f"{name} article {number}")
        kicker = cursor.take(article.get("kicker"), "kicker")
        title = cursor.take(article["title"], "title")
        subtitle = cursor.take(article.get("subtitle"), "subtitle")
        position = cursor.position
        headings = list(article.get("headings") or [])
        extra: list[str] = []
        while (
            position < len(content) - 1
            and content[position][0] == content[position - 1][0] + 1
            and is_byline(content[position][1])
            and (not headings or content[position][1].strip() != headings[0])
        ):
            extra.append(content[position][1].strip())
            position += 1
        body: list[Paragraph] = []
        for _, raw in content[position:]:
            stripped = raw.strip()
            is_heading = bool(headings) and stripped == headings[0]
            if is_heading:
                headings.pop(0)
            body.append(Paragraph(stripped, is_heading))
        if headings:
            raise GoldError(f"{name} article {number}: headings not found in order: {headings!r}")
        items.append(Story(kicker, title, subtitle, extra, body, article))
        source = article.get("source_line")
        if source:
            after = next((n for n in range(last + 1, len(lines) + 1) if lines[n - 1].strip()), None)
            if after is None or lines[after - 1].strip() != source:
                raise GoldError(f"{name} article {number}: source line {source!r} does not follow line {last}")
            covered.add(after)
            items.append(SourceLine(source))
    stray = [n for n, line in enumerate(lines, start=1) if line.strip() and n not in covered]
    if stray:
        raise GoldError(f"{name}: lines {stray[:5]} are in no article span and are no source line")
    return Doc(name, items)


def load(txt: Path, gold: Path) -> Doc:
    data = json.loads(gold.read_text(encoding="utf-8"))
    return parse(txt.read_text(encoding="utf-8-sig"), data, txt.stem)


# -------------------------------------------------------------------------------------------- layout


@dataclass(frozen=True, slots=True)
class Style:
    """How one article is printed."""

    body_indent: str = ""  # before every body line (or only the first line of a paragraph when wrapped)
    para_gap: int = 1  # blank lines between body paragraphs
    header_gap: int = 1  # blank lines between the header and the body
    article_gap: int = 2  # blank lines before the article (none before the first line of the file)
    source_gap: tuple[int, int] = (1, 2)  # blank lines before / after a group source line
    width: int | None = None  # hard-wrap body paragraphs and title lines at this many characters
    split_titles: bool = False  # kicker_twoline: long one-line titles printed on two lines


@dataclass(slots=True)
class Out:
    text: str
    role: str  # kicker title subtitle extra body heading source footer blank
    story: int | None = None  # index of the story (0-based) for article lines


def wrap(text: str, width: int) -> list[str]:
    """Hard-wrap at ``width`` characters without losing a character: ``"".join(parts) == text``.

    A break is never next to whitespace (which stripping would lose), never inside a number or a Latin
    word, and punctuation that may not start a line hangs at the end of the previous one, as in Chinese
    typesetting.
    """
    parts: list[str] = []
    rest = text
    while len(rest) > width:
        cut = width
        while cut < len(rest) and cut < width + 2 and rest[cut] in NO_LINE_START:
            cut += 1
        while cut > 1 and cut < len(rest) and (rest[cut - 1].isspace() or rest[cut].isspace()):
            cut -= 1
        if cut <= 1 or cut >= len(rest):
            break
        word = cut  # a number or a Latin word stays on one line
        while word > 1 and rest[word - 1] in WORD and rest[word] in WORD:
            word -= 1
        if word > width // 2 and not (rest[word - 1].isspace() or rest[word].isspace()):
            cut = word
        parts.append(rest[:cut])
        rest = rest[cut:]
    parts.append(rest)
    return parts


def split_title(title: str, at_spaces: bool = False) -> tuple[list[str], str] | None:
    """Two lines for a one-line title longer than 20 characters, at the natural break nearest the middle
    where the first line plainly does not end a phrase: after ``，``, ``、`` or ``的``. Returns (lines, gold
    title), or None when there is no such break (both lines at least 4 characters).

    ``at_spaces`` also breaks at a run of spaces, which the gold then drops (a two-line title joins with no
    separator). Off by default: "A B" printed as "A" over "B" is two complete phrases, exactly the title +
    subtitle pattern of the real gold files (bulletin_F articles 1, 2 and 6; the last one was made by
    splitting such a headline at its space), so no segmenter could be right on both.
    """
    if len(title) <= 20:
        return None
    candidates: list[tuple[int, int]] = []  # (end of first line, start of second line)
    for i, char in enumerate(title):
        if char in "，、的" and i + 1 < len(title) and title[i + 1] not in NO_LINE_START:
            candidates.append((i + 1, i + 1))
        elif at_spaces and char == " " and (i == 0 or title[i - 1] != " "):
            j = i
            while j < len(title) and title[j] == " ":
                j += 1
            candidates.append((i, j))
    candidates = [(a, b) for a, b in candidates if a >= 4 and len(title) - b >= 4]
    if not candidates:
        return None
    a, b = min(candidates, key=lambda c: abs(c[0] - len(title) / 2))
    first, second = title[:a], title[b:]
    if first != first.rstrip() or second != second.lstrip():
        return None
    return [first, second], first + second


def render_story(story: Story, index: int, style: Style) -> tuple[list[Out], dict]:
    """The article's lines (no leading gap) and its gold fields (before line numbers are known)."""
    out: list[Out] = [Out(line, "kicker", index) for line in story.kicker]
    gold_title = "".join(story.title)
    title_lines = list(story.title)
    if style.split_titles and len(title_lines) == 1 and (split := split_title(title_lines[0])):
        title_lines, gold_title = split
    if style.width:
        title_lines = [part for line in title_lines for part in wrap(line, style.width)]
    out += [Out(line, "title", index) for line in title_lines]
    out += [Out(line, "subtitle", index) for line in story.subtitle]
    out += [Out(line, "extra", index) for line in story.extra]
    for number, paragraph in enumerate(story.body):
        gap = style.header_gap if number == 0 else style.para_gap
        out += [Out("", "blank")] * gap
        role = "heading" if paragraph.heading else "body"
        if style.width:
            parts = wrap(paragraph.text, style.width)
            out.append(Out(style.body_indent + parts[0], role, index))
            out += [Out(part, role, index) for part in parts[1:]]
        else:
            out.append(Out(style.body_indent + paragraph.text, role, index))
    fields = {
        "kicker": "".join(story.kicker) or None,
        "title": gold_title,
        "subtitle": "".join(story.subtitle) or None,
        "headings": [p.text for p in story.body if p.heading],
    }
    return out, fields


def render(doc: Doc, styles: list[Style]) -> tuple[list[Out], list[dict]]:
    """Lay out every story with its own style (``styles[i]`` for story ``i``)."""
    out: list[Out] = []
    golds: list[dict] = []
    index = 0
    for item in doc.items:
        if isinstance(item, SourceLine):
            style = styles[index - 1]
            before, after = style.source_gap
            out += [Out("", "blank")] * before + [Out(item.text, "source")] + [Out("", "blank")] * after
            continue
        style = styles[index]
        if out:
            trailing = 0  # after a source line: the larger of its own gap and the article's
            while out and out[-1].role == "blank":
                out.pop()
                trailing += 1
            out += [Out("", "blank")] * max(trailing, style.article_gap)
        lines, fields = render_story(item, index, style)
        out += lines
        golds.append(fields)
        index += 1
    while out and out[-1].role == "blank":
        out.pop()
    return out, golds


def add_footers(out: list[Out], rng: random.Random) -> list[Out]:
    """Page footers on their own line every 38–42 lines (anywhere, even inside a wrapped paragraph or a
    header) and after the last line, as text copied from a PDF has them."""
    dash = rng.choice(["— {} —", "- {} -", "—{}—"])
    pad = rng.choice(["", "", " " * rng.randint(8, 20)])
    page = rng.randint(1, 5)
    result: list[Out] = []
    left = rng.randint(38, 42)
    for line in out:
        result.append(line)
        left -= 1
        if left == 0:
            result.append(Out(pad + dash.format(page), "footer"))
            page += 1
            left = rng.randint(38, 42)
    result.append(Out(pad + dash.format(page), "footer"))
    return result


def finish(doc: Doc, family: str, out: list[Out], golds: list[dict], eol: str = "\n",
           layout: dict | None = None) -> Variant:
    """Number the lines and write the gold."""
    spans: dict[int, list[int]] = {}
    sources: dict[int, str] = {}
    footers: list[int] = []
    last_story = -1
    for number, line in enumerate(out, start=1):
        if line.story is not None:
            spans.setdefault(line.story, []).append(number)
            last_story = line.story
        elif line.role == "source":
            sources[last_story] = line.text
        elif line.role == "footer":
            footers.append(number)
    articles = []
    for index, (story, fields) in enumerate(zip(doc.stories, golds, strict=True)):
        numbers = spans[index]
        entry = {"first_line": numbers[0], "last_line": numbers[-1], **fields,
                 "source_line": sources.get(index)}
        articles.append({**entry, **{k: v for k, v in story.gold.items() if k not in entry}})
    name = f"{doc.name}.{family}"
    gold = {"source": f"{name}.txt", "layout": {"family": family, **(layout or {})},
            "page_footers": footers, "articles": articles}
    text = eol.join(line.text for line in out) + eol
    return Variant(name, family, text, gold)


# ------------------------------------------------------------------------------------------ families


BLANK = Style()
INDENT_U3000 = Style(body_indent=U3000, para_gap=0, header_gap=0, article_gap=0, source_gap=(0, 0))
INDENT_SPACES = replace(INDENT_U3000, body_indent="    ")
INDENT_TAB = replace(INDENT_U3000, body_indent="\t")


def seed_of(doc: Doc, family: str, seed: int = 0) -> random.Random:
    return random.Random(zlib.crc32(f"{doc.name}/{family}/{seed}".encode()))


def blank(doc: Doc) -> Variant:
    """One blank line between paragraphs (and under the header), two between articles, flush left."""
    return finish(doc, "blank", *render(doc, [BLANK] * len(doc.stories)))


def indent_u3000(doc: Doc) -> Variant:
    """Newspaper print: no blank lines; body lines (headings too) indented with two U+3000, header and
    source lines flush left."""
    return finish(doc, "indent_u3000", *render(doc, [INDENT_U3000] * len(doc.stories)))


def indent_spaces(doc: Doc) -> Variant:
    """As ``indent_u3000`` with four ASCII spaces."""
    return finish(doc, "indent_spaces", *render(doc, [INDENT_SPACES] * len(doc.stories)))


def indent_tab(doc: Doc) -> Variant:
    """As ``indent_u3000`` with one tab."""
    return finish(doc, "indent_tab", *render(doc, [INDENT_TAB] * len(doc.stories)))


def hardwrap_style(rng: random.Random, blank_lines: bool, width: int | None = None) -> Style:
    width = width or rng.randint(28, 40)
    if blank_lines:
        return Style(width=width)
    return Style(body_indent=U3000, para_gap=0, header_gap=0, article_gap=1, source_gap=(1, 1), width=width)


def hardwrap(doc: Doc, *, blank_lines: bool = True, width: int | None = None, seed: int = 0) -> Variant:
    """Copied from a PDF: body paragraphs (headings too) and title lines hard-wrapped at one width in
    28–40 (seeded by the bulletin's name), page footers every ~40 lines. ``blank_lines``: a blank line
    between paragraphs and two between articles, flush left; otherwise no blank line inside an article,
    one between articles, and each paragraph's first line indented with two U+3000. Kicker, subtitle and
    byline lines are not wrapped."""
    family = "hardwrap" if blank_lines else "hardwrap_indent"
    rng = seed_of(doc, family, seed)
    style = hardwrap_style(rng, blank_lines, width)
    out, golds = render(doc, [style] * len(doc.stories))
    return finish(doc, family, add_footers(out, rng), golds, layout={"width": style.width})


def hardwrap_indent(doc: Doc) -> Variant:
    return hardwrap(doc, blank_lines=False)


def crlf(doc: Doc) -> Variant:
    """The ``blank`` layout with CRLF line ends."""
    return finish(doc, "crlf", *render(doc, [BLANK] * len(doc.stories)), eol="\r\n")


def mixed(doc: Doc, seed: int = 0) -> Variant:
    """Habits change from article to article (CRLF line ends): each article in a family different from
    the previous one's, among blank, the three indent families and both hardwrap styles (no page footers);
    the gap before an article is its own family's."""
    rng = seed_of(doc, "mixed", seed)
    pool = [BLANK, INDENT_U3000, INDENT_SPACES, INDENT_TAB, hardwrap_style(rng, True), hardwrap_style(rng, False)]
    styles: list[Style] = []
    for _ in doc.stories:
        choices = [s for s in pool if not styles or s != styles[-1]]
        styles.append(rng.choice(choices))
    return finish(doc, "mixed", *render(doc, styles), eol="\r\n")


def kicker_twoline(doc: Doc) -> Variant:
    """The ``blank`` layout with every one-line title longer than 20 characters printed on two lines at a
    natural break where the first line does not end a phrase (see :func:`split_title`); kickers (and
    subtitles) are never split. The gold title is unchanged."""
    style = replace(BLANK, split_titles=True)
    return finish(doc, "kicker_twoline", *render(doc, [style] * len(doc.stories)))


def centred(doc: Doc) -> Variant:
    """Copied from a word processor: kicker, title and subtitle lines centred with spaces in a column of
    40 characters, body paragraphs indented with four spaces, blank lines as in ``blank``."""
    out, golds = render(doc, [replace(BLANK, body_indent="    ")] * len(doc.stories))
    for line in out:
        if line.role in ("kicker", "title", "subtitle"):
            line.text = " " * max(2, 40 - len(line.text)) + line.text
    return finish(doc, "centred", out, golds)


def hardwrap_narrow(doc: Doc) -> Variant:
    """``hardwrap_indent`` at 24 characters: most title lines wrap, kickers and bylines often fill a line."""
    return hardwrap(doc, blank_lines=False, width=24, seed=1)


FAMILIES: dict[str, Callable[[Doc], Variant]] = {
    "blank": blank,
    "indent_u3000": indent_u3000,
    "indent_spaces": indent_spaces,
    "indent_tab": indent_tab,
    "hardwrap": hardwrap,
    "hardwrap_indent": hardwrap_indent,
    "crlf": crlf,
    "mixed": mixed,
    "kicker_twoline": kicker_twoline,
    "centred": centred,
    "hardwrap_narrow": hardwrap_narrow,
}


# -------------------------------------------------------------------------------------------- checks


def non_space(text: str) -> str:
    return "".join(char for char in text if not char.isspace())


def lossless_problem(text: str, bulletin: object, directive_prefix: str = "%%") -> str | None:
    """``None`` when every non-whitespace character of ``text`` (directive lines left out) is in the
    segmented bulletin exactly once and in order (the bulletin's front matter, then header and body blocks
    of each article, in article order); else a short description of the first difference. Whitespace is
    ignored on both sides, so lines the segmenter joined (hard-wrapped paragraphs, two-line titles) compare
    equal.

    Footer and note blocks may stand out of order (a page footer that interrupted a wrapped paragraph is
    kept before or after it): each must hold exactly the text of its own source lines, and those lines
    are left out of the in-order comparison.
    """
    lines = source_lines(text)
    blocks = [*bulletin.front_matter, *(block for article in bulletin.articles  # type: ignore[attr-defined]
                                         for block in [*article.header, *article.blocks])]
    loose: set[int] = set()
    for block in blocks:
        if str(block.kind) in LOOSE_KINDS:
            own = non_space("".join(lines[n - 1] for n in block.lines if 0 < n <= len(lines)))
            if non_space(block.text) != own:
                return f"lossless: {block.kind} block at line {block.line} is {block.text!r}, its lines {own!r}"
            loose.update(block.lines)
    kept = [line for n, line in enumerate(lines, start=1)
            if n not in loose and not line.strip().startswith(directive_prefix)]
    want = non_space("\n".join(kept))
    got = non_space("".join(block.text for block in blocks if str(block.kind) not in LOOSE_KINDS))
    if got == want:
        return None
    at = next((i for i, (a, b) in enumerate(zip(want, got, strict=False)) if a != b), min(len(want), len(got)))
    return (f"lossless: input has {len(want)} characters, blocks {len(got)}; first difference at {at}: "
            f"input …{want[max(0, at - 12):at + 12]!r}… blocks …{got[max(0, at - 12):at + 12]!r}…")


def line_of(gold: dict, number: int) -> str:
    """Which article a line number falls in, for messages."""
    for i, article in enumerate(gold["articles"], start=1):
        if article["first_line"] <= number <= article["last_line"]:
            return f"article {i}"
    return "no article"


# ---------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("text", type=Path)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--family", choices=sorted(FAMILIES), help="print this variant's text to stdout")
    parser.add_argument("--gold-only", action="store_true", help="print the variant's gold instead")
    parser.add_argument("--out", type=Path, help="write every variant (NAME.FAMILY.txt + .gold.json) here")
    args = parser.parse_args(argv)
    doc = load(args.text, args.gold)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for function in FAMILIES.values():
            variant = function(doc)
            (args.out / f"{variant.name}.txt").write_bytes(variant.text.encode("utf-8"))
            (args.out / f"{variant.name}.gold.json").write_text(
                json.dumps(variant.gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(f"{variant.name}: {len(source_lines(variant.text)) - 1} lines, "
                  f"{len(variant.gold['articles'])} articles")
        return 0
    variant = FAMILIES[args.family or "blank"](doc)
    if args.gold_only:
        print(json.dumps(variant.gold, ensure_ascii=False, indent=1))
    else:
        sys.stdout.buffer.write(variant.text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
