"""The names the site itself uses at the root of each edition, which no bulletin's URL name may take.

A bulletin's slug is the name of its folder at the root of every edition (``site/2026-03/``,
``site/zh-Hant/2026-03/``). A slug equal to something else the site writes there would overwrite it or
be overwritten: ``pagefind.txt`` lost its pages to the search bundle, ``downloads.txt`` was left out of
the offline zip, ``glossary.html.txt`` stopped MkDocs halfway. The names come from where each output
is decided (the generated pages, the docs folder, the offline and search modules, the editions); only
what MkDocs and Material write themselves is listed here, and a test checks the list against a built site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from .model import Bulletin
from .offline import DOWNLOADS
from .pageurls import page_output
from .reader import InputError
from .search_pagefind import INDEX_FOLDER

# Written at every edition's root by MkDocs and Material rather than by annotate: the theme's static
# templates (404 page, sitemap and MkDocs' gzip copy of it), the search plugin's index folder, and the
# theme's assets (the folder docs/assets and the hook's generated scripts also go to).
MKDOCS_OUTPUTS = {
    "404.html": ("404 页面", "404 page"),
    "sitemap.xml": ("站点地图", "sitemap"),
    "sitemap.xml.gz": ("站点地图", "sitemap"),
    "search": ("离线检索索引", "offline search index"),
    "assets": ("样式和脚本", "assets"),
}


class Reserved(NamedTuple):
    output: str  # the site's own file or folder
    label: str  # what it is, in Chinese
    gloss: str  # the same in English


def reserved_names(
    pages: Iterable[str], slugs: Iterable[str], docs_dir: Path, bulletins_folder: str, prefixes: Iterable[str]
) -> dict[str, Reserved]:
    """Every name a slug must not take (lower case) → the output that has it.

    ``pages`` are the generated pages' source paths; those inside a bulletin's folder (``slugs``) are
    the bulletins' own. An output file's stem is reserved with it (``glossary`` with ``glossary.html``):
    a folder beside a page of the same name is a confusing address even where it does not overwrite.
    Entries of ``docs_dir`` (other than the bulletins) are reserved by their own names only.
    Names are compared without case, as on the file systems of Windows and macOS.
    """
    own = set(slugs)
    names: dict[str, tuple[str, str]] = dict(MKDOCS_OUTPUTS)
    for uri in pages:
        top, _, rest = uri.partition("/")
        if not (rest and top in own):
            names.setdefault(page_output(uri).partition("/")[0], ("网站页面", "site page"))
    names[DOWNLOADS] = ("离线下载包", "offline download")
    names[INDEX_FOLDER] = ("站内检索索引", "search bundle")
    for prefix in prefixes:
        if prefix.strip("/"):
            names[prefix.strip("/")] = ("繁体版", "Traditional edition")
    reserved = {name.lower(): Reserved(name, *what) for name, what in names.items()}
    for name, taken in list(reserved.items()):
        reserved.setdefault(name.split(".")[0], taken)
    if docs_dir.is_dir():  # what MkDocs copies from docs/ (its data files too: a harmless over-reach)
        for entry in docs_dir.iterdir():
            if entry.name != bulletins_folder.strip("/"):
                output = page_output(entry.name)
                copied = f"docs/{entry.name}"
                reserved.setdefault(output.lower(), Reserved(output, copied, f"copy of {copied}"))
    return reserved


def check_slugs(
    bulletins: Iterable[Bulletin], reserved: dict[str, Reserved],
    origin: Callable[[Bulletin], tuple[str, int | None]],
) -> None:
    """Stop at the first bulletin whose slug is one of the site's own names, naming the file (and the
    sidecar line) the slug comes from; ``origin`` tells where that is."""
    for bulletin in bulletins:
        taken = reserved.get(bulletin.slug.lower())
        if taken is None:
            continue
        source, line = origin(bulletin)
        remedy = ("请改用另一个 slug" if line is not None
                  else f"请改文件名，或在 {Path(bulletin.source).with_suffix('.yml').name} 中写 slug: 另一个名字")
        raise InputError(
            source,
            f"网址名 “{bulletin.slug}” 与网站自身的 {taken.output}（{taken.label}）冲突，{remedy} "
            f"(slug “{bulletin.slug}” collides with the site's own {taken.output}, the {taken.gloss})",
            line,
        )
