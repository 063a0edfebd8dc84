"""The glossary page: entries by category, in pinyin order, each with its backlinks “出现于”.

Order: categories in the fixed order of :data:`annotate.glossary.CATEGORIES`, entries by the Hanyu
Pinyin of the term (tone-numbered syllables, then the characters), which is how readers of a Chinese
reference work look things up.
"""

from __future__ import annotations

from .glossary import Entry, Glossary
from .render import article_path, escape_text
from .termlinks import GLOSSARY_PAGE, TermIndex

_SUMMARY_ATTRS = "{: .annotate-backlinks data-search-exclude }"
_ITEM_ATTRS = "{: .annotate-backlink data-search-exclude }"


def _backlinks(entry: Entry, index: TermIndex) -> str:
    """“出现于”: a summary line, then one list item per article with links to its paragraphs.

    A list, not one paragraph: Python-Markdown parses the inline content of each list item on its own,
    while a paragraph's links cost time quadratic in their number (Markdown 3.11: 1,000 links in one
    paragraph take 4 s, and a common term's backlinks grow with the archive). An item's links are
    bounded by the paragraphs of one article. Left out of the search index: the article text is
    indexed on its own pages.
    """
    places = index.places(entry)
    if not places:
        return escape_text("出现于：本站文章中尚未出现。") + f"\n{_SUMMARY_ATTRS}"
    by_article: dict[tuple[str, str], list] = {}
    for place in places:
        by_article.setdefault((place.bulletin.slug, place.article.slug), []).append(place)
    total = sum(p.count for p in places)
    summary = escape_text(f"出现于 {len(by_article)} 篇文章，共 {total} 次：") + f"\n{_SUMMARY_ATTRS}"
    items = []
    for group in by_article.values():
        first = group[0]
        page = article_path(first.bulletin, first.article)
        count = sum(p.count for p in group)
        paragraphs = "、".join(f"[¶{p.block.line}]({page}#{p.block.anchor})" for p in group)
        title = escape_text(f"{first.bulletin.title} · {first.article.title}")
        items.append(f"- [{title}]({page}){escape_text(f'（{count} 次：')}{paragraphs}{escape_text('）')}"
                     f"\n{_ITEM_ATTRS}")
    return summary + "\n\n" + "\n".join(items)


def entry_markdown(entry: Entry, index: TermIndex) -> str:
    parts = [f"### {escape_text(entry.term)} {{: #{entry.anchor} .annotate-entry }}"]
    parts.append(escape_text(entry.definition) + "\n{: .annotate-definition }")
    if entry.note:
        parts.append(escape_text(entry.note) + "\n{: .annotate-entry-note }")
    if entry.aliases:
        aliases = escape_text("又作：" + "、".join(entry.aliases))
        parts.append(aliases + "\n{: .annotate-aliases }")
    parts.append(_backlinks(entry, index))
    return "\n\n".join(parts)


def glossary_markdown(glossary: Glossary, index: TermIndex) -> str:
    used = sum(1 for entry in glossary if index.places(entry))
    parts = [
        f"# {escape_text('术语表')} {{: #title }}",
        escape_text(
            f"共 {len(glossary)} 条，其中 {used} 条见于本站文章。按类别分组，类别内按汉语拼音排序；"
            "每条列出出现的文章和段落。"
        ),
    ]
    for category in glossary.categories():
        parts.append(f"## {escape_text(category.label)} {{: #cat-{category.key} }}")
        parts.extend(entry_markdown(entry, index) for entry in category.entries)
    return "\n\n".join(parts) + "\n"


__all__ = ["GLOSSARY_PAGE", "glossary_markdown"]
