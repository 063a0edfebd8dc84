"""The whole site as data: every generated page's Markdown and the navigation, from the docs folder.

This is the pipeline the MkDocs hook runs (text files → bulletins → annotations → Markdown). It imports
no MkDocs, so it can be tested, benchmarked and reused by other front ends.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from . import glossary as glossary_module
from . import render
from .cachefile import mark_used, write_atomic
from .glossary import Glossary, load_glossary
from .glossary_page import glossary_markdown
from .metadata import load_meta
from .model import Article, Block, Bulletin
from .pipeline import Pipeline
from .reader import InputError, read_path
from .search_data import TermCard, term_cards
from .search_pagefind import SearchRecord, search_records
from .segment import segment_source
from .settings import Settings
from .termlinks import GLOSSARY_PAGE, TermIndex, index_terms, scan_terms
from .termpages import term_pages
from .xref import XrefIndex, XrefSettings, build_xref, check_ignore_pairs, load_ignore_file
from .xreflinks import XrefDecorations, bulletin_titles


@dataclass(slots=True)
class SiteContent:
    bulletins: list[Bulletin]  # newest first
    pages: dict[str, str]  # src_uri → Markdown
    nav: list[object]
    site_name: str = ""  # HTML (render.nav_text), as MkDocs templates print it
    glossary: Glossary | None = None
    terms: TermIndex = field(default_factory=TermIndex)
    xref: XrefIndex | None = None
    search_records: list[SearchRecord] = field(default_factory=list)  # the search index's input
    search_cards: list[TermCard] = field(default_factory=list)  # glossary entries as search results show them


def _cache_key(path: Path) -> tuple[str, str]:
    digest = hashlib.sha256(path.read_bytes())
    side = path.with_suffix(".yml")
    if side.exists():
        digest.update(b"\0" + side.read_bytes())
    return str(path.name), digest.hexdigest()


def load_bulletin(path: Path, pipeline: Pipeline | None = None) -> Bulletin:
    """A segmented bulletin; with a ``pipeline``, segmented again only when its file or sidecar changed."""
    if pipeline is None:
        return segment_source(read_path(path), load_meta(path))
    try:
        key = _cache_key(path)
    except OSError as err:
        raise InputError(str(path), f"无法读取文件 ({err.strerror})") from None
    cached = pipeline.bulletins.get(key)
    pipeline.timings.count("segment cache hits" if cached is not None else "segment cache misses")
    if cached is None:
        cached = pipeline.bulletins[key] = segment_source(read_path(path), load_meta(path))
    return cached


def bulletin_files(docs_dir: Path, settings: Settings) -> list[Path]:
    folder = docs_dir / settings.bulletins
    if not folder.is_dir():
        raise InputError(str(folder), "找不到期刊文件夹 (bulletins folder missing)")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
    if not files:
        raise InputError(str(folder), "文件夹中没有 .txt 期刊 (no bulletin .txt files)")
    return files


def load_bulletins(docs_dir: Path, settings: Settings, pipeline: Pipeline | None = None) -> list[Bulletin]:
    bulletins = [load_bulletin(p, pipeline) for p in bulletin_files(docs_dir, settings)]
    seen: dict[str, str] = {}
    for bulletin in bulletins:
        if bulletin.slug in seen:
            raise InputError(
                bulletin.source, f"与 {seen[bulletin.slug]} 的网址名 “{bulletin.slug}” 重复 (duplicate slug)"
            )
        seen[bulletin.slug] = bulletin.source
    return render.sort_newest_first(bulletins)


def timed(transform: Callable[[str], str], pipeline: Pipeline) -> Callable[[str], str]:
    """Count the time spent converting text as its own stage (it runs inside Markdown rendering)."""

    def convert(text: str) -> str:
        with pipeline.timings.stage("conversion"):
            return transform(text)

    return convert


def load_xref_settings(docs_dir: Path, settings: Settings) -> XrefSettings:
    """Cross-reference settings from ``mkdocs.yml`` plus the editors' ignore list."""
    ignore = docs_dir / settings.xref_ignore
    return settings.xref.with_ignore(load_ignore_file(ignore)) if ignore.exists() else settings.xref


def article_terms(bulletins: list[Bulletin], glossary: Glossary | None) -> dict[tuple[str, str], set[str]] | None:
    """Glossary terms per article, for the “shared terms” reason of related articles (outside a build)."""
    return scan_terms(bulletins, glossary).article_terms(bulletins) if glossary is not None else None


def load_site_glossary(
    docs_dir: Path, settings: Settings, cache: Path | None = None, pipeline: Pipeline | None = None
) -> Glossary | None:
    """The glossary, or None when the project has none (the site then has no glossary page).

    Cached by content in the ``pipeline``: both editions and every ``mkdocs serve`` rebuild read the same
    file. With a
    ``cache`` folder the checked glossary is also kept on disk, so a build whose glossary did not change
    skips the YAML parse, the schema check and the pinyin sort (0.4 s of a 2 s build).
    """
    path = docs_dir / settings.glossary
    if not path.exists():
        return None
    files = sorted(path.rglob("*.yml")) if path.is_dir() else [path]
    digest = hashlib.sha256(b"".join(f.name.encode() + b"\0" + f.read_bytes() for f in files)).hexdigest()
    if pipeline is None:
        return _load_glossary_with_disk_cache(path, digest, cache)
    key = (str(path), digest)
    if key not in pipeline.glossaries:
        pipeline.glossaries[key] = _load_glossary_with_disk_cache(path, digest, cache)
    return pipeline.glossaries[key]


def _load_glossary_with_disk_cache(path: Path, digest: str, cache: Path | None) -> Glossary:
    if cache is None:
        return load_glossary(path)
    code = glossary_module.code_digest()  # the source of every module that decides a loaded glossary
    identity = hashlib.sha256(f"{path}\0{digest}\0{code}\0{metadata.version('pypinyin')}".encode()).hexdigest()
    stored = cache / f"glossary-{identity[:16]}.pickle"
    try:
        loaded = pickle.loads(stored.read_bytes())
        if isinstance(loaded, Glossary):
            mark_used(stored)
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    glossary = load_glossary(path)  # a bad glossary raises here and is never stored
    write_atomic(stored, pickle.dumps(glossary, protocol=pickle.HIGHEST_PROTOCOL))
    return glossary


@dataclass(frozen=True, slots=True)
class _AnalysisInputs:
    """What the cross-references and glossary matches of a build depend on. Bulletins compare by identity:
    unchanged files come back as the same objects from the pipeline's cache."""

    bulletins: list[Bulletin]
    entries: tuple[object, ...] | None
    xref: XrefSettings
    policy: str

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _AnalysisInputs)
            and len(self.bulletins) == len(other.bulletins)
            and all(a is b for a, b in zip(self.bulletins, other.bulletins, strict=True))
            and (self.entries, self.xref, self.policy) == (other.entries, other.xref, other.policy)
        )

    __hash__ = None  # type: ignore[assignment]


# A build's analysis: both editions are annotated from the Simplified text, so the Traditional build (run
# right after the Simplified one, same bulletins) reuses it from the pipeline instead of computing it again.
Analysis = tuple[_AnalysisInputs, XrefIndex, TermIndex]


def build_site(
    docs_dir: Path,
    settings: Settings,
    site_name: str,
    transform: Callable[[str], str] | None = None,
    cache: Path | None = None,
    pipeline: Pipeline | None = None,
) -> SiteContent:
    """All pages of one edition. ``transform`` converts visible text (the Traditional edition); ``cache``
    is a folder for what outlives the process (see :func:`load_site_glossary`); ``pipeline`` holds what
    outlives this build (a fresh one when not given)."""
    pipeline = pipeline or Pipeline()
    timing = pipeline.timings
    label = "zh-Hant" if transform else "zh-Hans"
    with timing.stage("read and segment"):
        bulletins = load_bulletins(docs_dir, settings, pipeline)
    with timing.stage("glossary load"):
        glossary = load_site_glossary(docs_dir, settings, cache, pipeline)
    xref_settings = load_xref_settings(docs_dir, settings)
    check_ignore_pairs(bulletins, xref_settings.ignore_pairs)  # a stale entry stops the build
    inputs = _AnalysisInputs(bulletins, glossary.entries if glossary else None, xref_settings, settings.term_policy)
    reused = pipeline.analysis if pipeline.analysis is not None and pipeline.analysis[0] == inputs else None
    timing.count("analysis reused" if reused else "analysis computed")
    scan = None
    if glossary is not None and not reused:
        with timing.stage("glossary matching"):
            scan = scan_terms(bulletins, glossary)  # once per build: xref and the pages resolve the same scan
        timing.count("glossary blocks scanned", sum(len(a.all_blocks) for b in bulletins for a in b.articles))
    with timing.stage("cross-references"):
        xref = reused[1] if reused else build_xref(
            bulletins, xref_settings, scan.article_terms(bulletins) if scan is not None else None
        )
    links = XrefDecorations(xref, bulletin_titles(bulletins), bulletins=bulletins)
    with timing.stage("glossary matching"):
        if reused:
            terms = reused[2]
        elif scan is not None:
            terms = index_terms(bulletins, scan, settings.term_policy, links.link_spans)
        else:
            terms = TermIndex()
    pipeline.analysis = (inputs, xref, terms)
    edition = render.EditionText(timed(transform, pipeline) if transform else str)
    links.edition, links.titles = edition, bulletin_titles(bulletins, edition)
    decorations = render.Decorations(
        spans=[terms.spans_for, links.spans], after_block=[links.after_block], page_end=[links.page_end],
        edition=edition,
    )

    def shown(bulletin: Bulletin, article: Article, block: Block) -> str:
        """A block's text as its page shows it: the term pages quote it."""
        return render.visible_inline(block.text, decorations.spans_for(bulletin, article, block), edition)

    extra_nav: list[dict[str, str]] = []
    pages: dict[str, str] = {}
    landing_links = []
    with timing.stage(f"markdown {label}"):
        if glossary is not None:
            pages[GLOSSARY_PAGE] = glossary_markdown(glossary, terms, edition)
            with timing.stage(f"term pages {label}"):
                pages.update(term_pages(glossary, terms, bulletins, edition, shown))
            extra_nav.append({"术语表": GLOSSARY_PAGE})
            landing_links.append(f"[{render.escape_text('术语表', edition)}]({GLOSSARY_PAGE})"
                                 + render.escape_text(f"：{len(glossary)} 条术语的解释和出处。", edition))
        pages["index.md"] = render.landing_markdown(bulletins, site_name, landing_links, edition)
        for bulletin in bulletins:
            pages[render.bulletin_path(bulletin)] = render.bulletin_markdown(bulletin, edition)
            pages[render.print_path(bulletin)] = render.print_markdown(bulletin, edition)
            for article in bulletin.articles:
                pages[render.article_path(bulletin, article)] = render.article_markdown(bulletin, article, decorations)
        nav = render.navigation(bulletins, extra_nav, edition)
        name = render.nav_text(site_name, edition)  # HTML: Material prints the site name unescaped
        # The page's spans, resolved once per block (Decorations remembers them), give the records their text.
        records = search_records(bulletins, decorations.spans_for, edition)
    return SiteContent(
        bulletins=bulletins,
        pages=pages,
        nav=nav,
        site_name=name,
        glossary=glossary,
        terms=terms,
        xref=xref,
        search_records=records,
        search_cards=term_cards(glossary, terms, edition),
    )
