"""The glossary page: entries by category, in pinyin order, each with its backlinks “出现于”.

Order: categories in the fixed order of :data:`annotate.glossary.CATEGORIES`, entries by the Hanyu
Pinyin of the term (tone-numbered syllables, then the characters), which is how readers of a Chinese
reference work look things up.
"""

from __future__ import annotations

from .glossary import Entry, Glossary
from .htmltext import as_html
from .render import PLAIN, EditionText, article_path, escape_text
from .sitepaths import page_output
from .termlinks import GLOSSARY_PAGE, Occurrence, TermIndex

_SUMMARY_ATTRS = "{: .annotate-backlinks data-search-exclude }"


def _backlinks(entry: Entry, index: TermIndex, edition: EditionText) -> str:
    """“出现于”: a summary line, then a list with one item per article linking to its paragraphs.

    The list is HTML, not Markdown. Python-Markdown (3.11) parses the links of one paragraph or list
    item in time proportional to their number times the item's length, and MkDocs then resolves every
    link: on a 100-bulletin archive the glossary page holds 108,000 links, and as Markdown it took as
    long to render as all 1,409 article pages. As an HTML block it is passed through whole. Every text
    in it is escaped by :func:`~annotate.htmltext.as_html` (after the edition's
    :attr:`~annotate.render.EditionText.visible`, which converts it for the Traditional edition); the
    targets are the same blocks the article pages anchor, and URLs are the pages' output paths (the
    glossary page is at the root of its edition).
    The list is left out of the search index: the article text is indexed on its own pages.
    """
    places = index.places(entry)
    if not places:
        return escape_text("出现于：本站文章中尚未出现。", edition) + f"\n{_SUMMARY_ATTRS}"
    by_article: dict[tuple[str, str], list[Occurrence]] = {}
    for place in places:
        by_article.setdefault((place.bulletin.slug, place.article.slug), []).append(place)
    total = sum(p.count for p in places)
    summary = escape_text(f"出现于 {len(by_article)} 篇文章，共 {total} 次：", edition) + f"\n{_SUMMARY_ATTRS}"
    items = ['<ul class="annotate-backlink-list" data-search-exclude>']
    for group in by_article.values():
        first = group[0]
        page = as_html(page_output(article_path(first.bulletin, first.article)))
        count = sum(p.count for p in group)
        paragraphs = "、".join(
            f'<a href="{page}#{as_html(p.block.anchor)}">¶{p.block.line}</a>' for p in group
        )
        title = _text(f"{first.bulletin.title} · {first.article.title}", edition)
        items.append(f'<li class="annotate-backlink"><a href="{page}">{title}</a>'
                     f"{_text(f'（{count} 次：', edition)}{paragraphs}{_text('）', edition)}</li>")
    items.append("</ul>")
    return summary + "\n\n" + "\n".join(items)


def _text(text: str, edition: EditionText) -> str:
    """Visible text inside the HTML list: converted for the edition, then escaped."""
    return as_html(edition.visible(text))


_PART_CLASS = {"definition": "annotate-definition", "note": "annotate-entry-note", "aliases": "annotate-aliases"}


def entry_markdown(entry: Entry, index: TermIndex, edition: EditionText = PLAIN) -> str:
    parts = []
    for part, text in entry.shown():
        if part == "term":
            parts.append(f"### {escape_text(text, edition)} {{: #{entry.anchor} .annotate-entry }}")
        else:
            parts.append(escape_text(text, edition) + f"\n{{: .{_PART_CLASS[part]} }}")
    parts.append(_backlinks(entry, index, edition))
    return "\n\n".join(parts)


def glossary_markdown(glossary: Glossary, index: TermIndex, edition: EditionText = PLAIN) -> str:
    used = sum(1 for entry in glossary if index.places(entry))
    parts = [
        f"# {escape_text('术语表', edition)} {{: #title }}",
        escape_text(
            f"共 {len(glossary)} 条，其中 {used} 条见于本站文章。按类别分组，类别内按汉语拼音排序；"
            "每条列出出现的文章和段落。",
            edition,
        ),
    ]
    for category in glossary.categories():
        parts.append(f"## {escape_text(category.label, edition)} {{: #cat-{category.key} }}")
        parts.extend(entry_markdown(entry, index, edition) for entry in category.entries)
    return "\n\n".join(parts) + "\n"


__all__ = ["GLOSSARY_PAGE", "glossary_markdown"]
