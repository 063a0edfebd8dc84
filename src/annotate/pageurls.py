"""Where MkDocs writes a generated page, the one rule every link to a page is built with.

The site is built with ``use_directory_urls: false``: the page ``2026-03/04.md`` is written to
``2026-03/04.html`` and linked as such. Links written as HTML (tooltips, cross-reference lists, term
pages, the search index) bypass MkDocs' own Markdown link rewriting, so they need the written name; they
all take it from :func:`page_output` rather than each replacing ``.md`` in its own way.
"""

from __future__ import annotations

from pathlib import PurePosixPath

__all__ = ["page_output"]


def page_output(src_uri: str) -> str:
    """Where MkDocs writes a page (``use_directory_urls: false``): ``glossary.md`` → ``glossary.html``.
    Anything that is not a Markdown page (an asset) is written under its own name."""
    path = PurePosixPath(src_uri)
    return str(path.with_suffix(".html")) if path.suffix == ".md" else src_uri
