"""The glossary page: the index of the term pages, by category and by pinyin, with counts.

Order: categories in the fixed order of :data:`annotate.glossary.CATEGORIES`, entries by the Hanyu
Pinyin of the term (tone-numbered syllables, then the characters), which is how readers of a Chinese
reference work look things up; then every term once more under the initial of its pinyin. An entry found
in the archive links to its own page (:mod:`annotate.termpages`), which holds its description and its
occurrences; here it has its term, the count of its occurrences and articles, and its one-line definition.
An entry no bulletin uses yet has no page: its item here carries its whole description. The lists are
HTML blocks (one link per entry: Markdown would parse a long list's links in quadratic time), and the page
is left out of the search index: a query that names a term gets the term's card instead.
"""

from __future__ import annotations

from .glossary import Entry, Glossary
from .htmltext import as_html
from .render import PLAIN, EditionText, escape_text
from .termlinks import GLOSSARY_OUTPUT, GLOSSARY_PAGE, TermIndex, entry_url
from .termpages import NO_SEARCH, PART_CLASSES, one_line


def _counts(entry: Entry, index: TermIndex) -> tuple[int, int]:
    places = index.places(entry)
    return sum(p.count for p in places), len({(p.bulletin.slug, p.article.slug) for p in places})


def _link(entry: Entry, index: TermIndex, edition: EditionText) -> str:
    """The entry's page, or (an entry not yet in the archive) its own item on this page."""
    url = entry_url(entry, index)
    href = url.removeprefix(GLOSSARY_OUTPUT)  # this page: the fragment alone
    return f'<a href="{as_html(href)}">{as_html(edition.visible(entry.term))}</a>'


def _description(entry: Entry, edition: EditionText) -> str:
    """The whole description (definition, note, other forms) as :meth:`Entry.shown` gives it."""
    return " ".join(f'<span class="{PART_CLASSES[part]}">{as_html(edition.visible(text))}</span>'
                    for part, text in entry.shown() if part in PART_CLASSES)


def entry_item(entry: Entry, index: TermIndex, edition: EditionText = PLAIN) -> str:
    """One line of the index: the term (its id is the entry's anchor: old links to the glossary page still
    land on it), its counts, its one-line definition."""
    total, articles = _counts(entry, index)
    if not total:  # no page of its own: the term, and its whole description here
        return (f'<li id="{as_html(entry.anchor)}" class="annotate-entry annotate-entry-unused">'
                f'<strong>{as_html(edition.visible(entry.term))}</strong>'
                f'<span class="annotate-entry-count">{as_html(edition.visible("（本站文章中尚未出现）"))}</span>'
                f" {_description(entry, edition)}</li>")
    count = f"（{total} 次，{articles} 篇）"
    return (f'<li id="{as_html(entry.anchor)}" class="annotate-entry">{_link(entry, index, edition)}'
            f'<span class="annotate-entry-count">{as_html(edition.visible(count))}</span>'
            f' <span class="annotate-definition">{as_html(edition.visible(one_line(entry)))}</span></li>')


def glossary_markdown(glossary: Glossary, index: TermIndex, edition: EditionText = PLAIN) -> str:
    used = sum(1 for entry in glossary if index.places(entry))
    parts = [
        NO_SEARCH,
        f"# {escape_text('术语表', edition)} {{: #title }}",
        escape_text(
            f"共 {len(glossary)} 条，其中 {used} 条见于本站文章。先按类别分组，再按拼音首字母排列；"
            "见于本站文章的词条链接到它的专页：释义、历期出现次数和出现的句子；尚未出现的词条在这里给出完整释义。",
            edition,
        ),
    ]
    for category in glossary.categories():
        parts.append(f"## {escape_text(category.label, edition)} {{: #cat-{category.key} }}")
        parts.append('<ul class="annotate-glossary-index">'
                     + "".join(entry_item(e, index, edition) for e in category.entries) + "</ul>")
    parts.append(f"## {escape_text('按拼音', edition)} {{: #by-pinyin }}")
    letters: dict[str, list[Entry]] = {}
    for entry in glossary:  # already in pinyin order
        letters.setdefault(glossary.initials[entry.anchor], []).append(entry)
    for letter, entries in letters.items():
        parts.append(f'<p class="annotate-glossary-letter"><strong>{as_html(letter)}</strong> '
                     + as_html(edition.visible("　")).join(_link(e, index, edition) for e in entries) + "</p>")
    return "\n\n".join(parts) + "\n"


__all__ = ["GLOSSARY_PAGE", "entry_item", "glossary_markdown"]
