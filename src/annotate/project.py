"""One edition of the project as the MkDocs hook sees it: settings, converter, site content, search setup.

Keeps the hook a list of one-line event handlers: everything that decides something lives here, testable
without MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from . import convert as convert_module
from . import edition as editions
from . import offline
from .cachefile import mark_used, prune, read_json_dict, write_json_dict
from .convert import (
    Converter,
    glossary_words,
    load_overrides,
)
from .convert.consistency import FormLedger
from .edition import ConversionSettings, Edition
from .htmltext import tooltip_html
from .metadata import slug_origin
from .pipeline import Pipeline
from .reader import InputError
from .search_data import disable_material_indexing, write_rank_table, write_search_index
from .search_pagefind import INDEX_FOLDER, WORKER, BackgroundIndex, index_sizes
from .settings import Settings
from .site import SiteContent, build_site, load_site_glossary
from .sitepaths import Reserved, check_slugs, reserved_names
from .timing import Timings

LOG = logging.getLogger("mkdocs.plugins.annotate")


class ConversionMemo:
    """Converted strings remembered across builds, on disk, keyed by everything that decides them.

    Conversion (jieba + OpenCC per text fragment) is the largest cost of the Traditional edition; most
    fragments are unchanged from one build to the next, so a build converts only new text. The file
    name is a hash of the profile, the override table, the glossary words and the versions of the
    converter's code and data, so a change to any of them starts a fresh memo.
    """

    def __init__(self, converter: Converter, cache: Path, timings: Timings | None = None) -> None:
        self.converter = converter
        self.timings = timings  # where conversions not found in the memo are counted (build stats)
        identity = json.dumps(
            [converter.profile, sorted(converter.overrides.items()), converter._user_words, converter.hmm,
             converter.word_by_word, converter.phrase_run, metadata.version("opencc"), metadata.version("jieba"),
             convert_module.code_digest()],
            ensure_ascii=False,
        )
        digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]
        self.path = cache / f"converted-{digest}.json"
        self.known = read_json_dict(self.path)
        mark_used(self.path)
        self.added = 0
        # The words of each converted text and their forms (one word, one form: convert.consistency), kept
        # beside the conversions: decided by the same converter, so under the same digest.
        self.forms_path = cache / f"word-forms-{digest}.json"
        self.word_forms = read_json_dict(self.forms_path)
        mark_used(self.forms_path)
        self.forms_seen = len(self.word_forms)

    def __call__(self, text: str) -> str:
        converted = self.known.get(text)
        if converted is None:
            converted = self.known[text] = self.converter.convert(text)
            self.added += 1
            if self.timings is not None:
                self.timings.count("conversion memo misses")
        return converted

    def save(self) -> None:
        if self.added:
            write_json_dict(self.path, self.known)
            self.added = 0
        if len(self.word_forms) != self.forms_seen:
            write_json_dict(self.forms_path, self.word_forms)
            self.forms_seen = len(self.word_forms)


def memoised(converter: Converter, cache: Path, pipeline: Pipeline) -> ConversionMemo:
    """One memo per converter for the life of the pipeline (``mkdocs serve`` rebuilds reuse it)."""
    key = id(converter)
    if key not in pipeline.memos:
        pipeline.memos[key] = ConversionMemo(converter, cache, pipeline.timings)
    return pipeline.memos[key]


@dataclass(slots=True)
class Project:
    settings: Settings
    conversion: ConversionSettings
    root: Path
    docs_dir: Path
    edition: Edition
    site: SiteContent | None = None
    converter: Converter | None = field(default=None, repr=False)
    shim: bytes = field(default=b"", repr=False)
    online_search: BackgroundIndex | None = field(default=None, repr=False)
    pipeline: Pipeline = field(default_factory=Pipeline, repr=False)  # shared by the editions of a build
    # Words the last Traditional build converted more than one way (word → forms); reported as warnings.
    conversion_conflicts: dict[str, list[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(
        cls, settings: Settings, root: Path, docs_dir: Path, edition: Edition, pipeline: Pipeline | None = None
    ) -> Project:
        """One edition's project, from settings validated by :func:`annotate.config.load_settings`; editions
        of one build (and rebuilds under ``mkdocs serve``) pass the same ``pipeline`` so that they share its
        caches and timings."""
        conversion = settings.conversion
        overrides = docs_dir / conversion.overrides
        if conversion.enabled and overrides.exists():
            load_overrides(overrides)  # fail before the first edition is written, not between the two
        return cls(settings, conversion, root, docs_dir, edition, pipeline=pipeline or Pipeline())

    @property
    def cache(self) -> Path:
        return self.root / ".cache" / "annotate"

    def editions(self) -> list[Edition]:
        return [editions.SIMPLIFIED, *([self.conversion.edition] if self.conversion.enabled else [])]

    def other_editions(self) -> list[Edition]:
        """Editions built after this one: only the Simplified build starts the others."""
        return self.editions()[1:] if self.edition == editions.SIMPLIFIED else []

    def alternates(self) -> list[dict[str, str]]:
        found = self.editions()
        return editions.alternates(self.edition, found) if len(found) > 1 else []

    def make_converter(self) -> Converter:
        glossary = load_site_glossary(self.docs_dir, self.settings, self.cache, self.pipeline)
        overrides = self.docs_dir / self.conversion.overrides
        words = glossary_words(glossary) if glossary is not None else []
        key = (
            self.conversion.profile,
            overrides.read_text(encoding="utf-8") if overrides.exists() else "",
            repr(sorted(words)),
        )
        converters = self.pipeline.converters
        if key not in converters:
            converters[key] = editions.make_converter(self.docs_dir, self.conversion, glossary, self.cache)
        return converters[key]

    def build(self, site_name: str) -> SiteContent:
        transform: Callable[[str], str] | None = None
        if self.edition.is_traditional:
            self.converter = self.make_converter()
            memo = memoised(self.converter, self.cache, self.pipeline)
            # this build's words and their forms (one word, one form), cut once per text across builds
            ledger = FormLedger(self.converter, memo.word_forms)

            def convert_and_record(text: str) -> str:
                return ledger.record(text, memo(text))

            transform = convert_and_record

        self.site = build_site(self.docs_dir, self.settings, site_name, transform, self.cache, self.pipeline)
        folder = self.docs_dir / self.settings.bulletins
        check_slugs(self.site.bulletins, self.reserved_names(), lambda bulletin: slug_origin(folder / bulletin.source))
        if transform is not None:
            memo.save()
            self.conversion_conflicts = ledger.conflicts()
            if ledger.added:  # texts cut with jieba for the ledger (a warm build cuts none)
                self.pipeline.timings.count("conversion word cuts", ledger.added)
            self.pipeline.timings.count("words converted two ways", len(self.conversion_conflicts))
            for word, forms in self.conversion_conflicts.items():
                LOG.warning("Traditional edition: %s converted two ways (%s); add the right form to the "
                            "conversion table", word, " / ".join(forms))
        self.shim = self.polyfill()
        return self.site

    def reserved_names(self) -> dict[str, Reserved]:
        """Names at each edition's root that belong to the site, not to a bulletin (see :mod:`.sitepaths`)."""
        assert self.site is not None
        return reserved_names(self.site.pages, (b.slug for b in self.site.bulletins), self.docs_dir,
                              self.settings.bulletins, (e.prefix for e in self.editions()))

    def start_online_search(self, serving: bool) -> dict[str, str]:
        """Start writing this edition's Pagefind index; returns what the page template needs to use it.

        ``mkdocs serve`` keeps Material's search: the preview rebuilds on every save and must stay fast.
        """
        if self.settings.search_engine != "pagefind" or serving or self.site is None:
            self.online_search = None
            return {"worker": WORKER}
        staging = self.cache / f"pagefind-{self.edition.key}"
        self.online_search = BackgroundIndex(self.site.search_records, self.edition.key.lower(), staging)
        return {"worker": WORKER}

    @property
    def searches_with_pagefind(self) -> bool:
        """Online readers search Pagefind's index; the whole index (search_index.js) serves the offline copy."""
        return self.online_search is not None

    def finish_online_search(self, edition_root: Path) -> None:
        """Put the Pagefind index in the site once Pagefind has written it."""
        if self.online_search is None:
            return
        with self.pipeline.timings.stage(f"pagefind wait {self.edition.key}"):
            self.online_search.place(edition_root)
        assert self.site is not None
        write_rank_table(edition_root, self.site.search_records, self.site.search_cards)

    def write_search_index(self, edition_root: Path) -> None:
        """The search index of this edition, once, in its final form (:mod:`annotate.search_data`)."""
        assert self.site is not None
        write_search_index(edition_root, self.site.search_records, self.site.search_cards,
                           pages_online=not self.searches_with_pagefind)

    def offline_exclusions(self) -> list[str]:
        """What the offline zip leaves out: Pagefind's folders (it cannot run from ``file://``) and the 404
        pages (only a web server shows them; their links are root-relative, which from ``file://`` leads to
        the disk's root and fails to load)."""
        pages = [f"{e.prefix}404.html" for e in self.editions()]
        if self.settings.search_engine != "pagefind":
            return pages
        return [*pages, *(f"{e.prefix}{INDEX_FOLDER}" for e in self.editions())]

    def query_table_script(self) -> str:
        """JavaScript defining the character table that converts a typed search query into this edition's
        script (Traditional → Simplified on the Simplified edition, the reverse on the Traditional one)."""
        direction = "s2t" if self.edition.is_traditional else "t2s"
        table = self.pipeline.opencc.char_table(direction, self.conversion.profile)
        # A character this edition's own text uses is a word of its script (征 in 新征程 stays 征 in the
        # Traditional text): converting it would miss the text. So would a chain (麼→么 but also 么→幺).
        present = set().union(*map(set, self.site.pages.values())) if self.site else set()
        targets = set(table.values())
        table = {k: v for k, v in table.items() if k not in present and k not in targets}
        pairs = "".join(f"{k}{v}" for k, v in table.items())  # one string: half the size of a JSON object
        return (
            "// Generated by annotate from OpenCC's character tables; do not edit.\n"
            f"self.annotateQueryTable = {json.dumps({'direction': direction, 'pairs': pairs}, ensure_ascii=False)};\n"
        )

    def write_build_stats(self, site_dir: Path, started: float) -> Path:
        """Stage timings and output sizes of this build, beside the cache (not in the site: it varies)."""
        indexes = [(e, index_sizes(site_dir / e.prefix)) for e in self.editions()]
        sizes = {
            "pages": {e.key: sum(1 for p in (site_dir / e.prefix).rglob("*.html")
                                 if e.prefix or "zh-Hant" not in p.relative_to(site_dir).parts)
                      for e in self.editions()},
            **{  # the whole index (the offline copy's search) and the Pagefind bundle (online)
                f"{name}_bytes": {e.key: sizes[name] for e, sizes in indexes if sizes[name] is not None}
                for name in ("search_index", "pagefind")
            },
            "zip_bytes": (site_dir / offline.DOWNLOADS / offline.ZIP_NAME).stat().st_size
            if (site_dir / offline.DOWNLOADS / offline.ZIP_NAME).exists() else None,
        }
        path = self.cache / "build-stats.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.pipeline.timings.write(path, {"total_seconds": round(time.perf_counter() - started, 3), **sizes})
        return path

    def prune_cache(self) -> None:
        """Drop memo files no recent build uses (:func:`annotate.cachefile.prune`); counted in the stats."""
        removed = prune(self.cache)
        if removed:
            self.pipeline.timings.count("cache files pruned", len(removed))

    def polyfill(self) -> bytes:
        """The iframe-worker shim from the npm package installed at build time (never from a CDN)."""
        path = self.root / "node_modules" / "iframe-worker" / "shim" / "index.js"
        if not path.is_file():
            raise InputError(
                "node_modules/iframe-worker/shim/index.js",
                "找不到离线检索所需的 iframe-worker：请先运行 make install（npm ci）",
            )
        return path.read_bytes()

    def download_link(self) -> dict[str, str]:
        """Footer link to the offline zip, relative to this edition's root."""
        back = "../" * self.edition.prefix.count("/")
        label = "离线下载" if not self.edition.is_traditional else "離線下載"
        return {"href": f"{back}{offline.DOWNLOADS}/{offline.ZIP_NAME}", "label": label}

    def convert_markdown_settings(self, mdx_configs: dict[str, Any]) -> None:
        """Visible strings set in ``markdown_extensions`` (the toc permalink title) for this edition.

        The permalink title becomes a ``title=`` attribute that Material shows as a tooltip, so it is
        written as :func:`~annotate.htmltext.tooltip_html` (Python-Markdown keeps its character references).
        """
        memo = memoised(self.converter, self.cache, self.pipeline) if self.converter is not None else None
        toc = mdx_configs.get("toc", {})
        for key in ("permalink_title", "title"):
            if isinstance(toc.get(key), str):
                text = memo(toc[key]) if memo is not None else toc[key]
                toc[key] = tooltip_html(text) if key == "permalink_title" else text
        if memo is not None:
            memo.save()

    def configure_search(self, search_config: Any) -> None:
        """Material's search plugin keeps its search box but indexes nothing: it would cut every page with
        jieba for an index no reader uses (:mod:`annotate.search_data` writes the one the worker reads)."""
        disable_material_indexing(search_config)  # annotate writes the one index its worker reads

