"""One edition of the project as the MkDocs hook sees it: settings, converter, site content, search setup.

Keeps the hook a list of one-line event handlers: everything that decides something lives here, testable
without MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import edition as editions
from .convert import Converter, build_traditional_jieba_dict, glossary_words, jieba_dict_path, load_overrides
from .edition import ConversionSettings, Edition
from .search import write_cached
from .settings import Settings
from .site import SiteContent, build_site, load_site_glossary

# Converters keyed by everything they are built from: ``mkdocs serve`` rebuilds on every save and a
# converter (jieba tokenizer + OpenCC config) costs about a second to make.
_CONVERTERS: dict[tuple[str, str, str], Converter] = {}


@dataclass(slots=True)
class Project:
    settings: Settings
    conversion: ConversionSettings
    root: Path
    docs_dir: Path
    edition: Edition
    site: SiteContent | None = None
    converter: Converter | None = field(default=None, repr=False)

    @classmethod
    def load(cls, extra: Any, root: Path, docs_dir: Path, edition: Edition) -> Project:
        settings = Settings.from_mapping(extra, "mkdocs.yml")
        conversion = ConversionSettings.from_mapping(settings.conversion)
        overrides = docs_dir / conversion.overrides
        if conversion.enabled and overrides.exists():
            load_overrides(overrides)  # fail before the first edition is written, not between the two
        return cls(settings, conversion, root, docs_dir, edition)

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
        glossary = load_site_glossary(self.docs_dir, self.settings)
        overrides = self.docs_dir / self.conversion.overrides
        words = glossary_words(glossary) if glossary is not None else []
        key = (
            self.conversion.profile,
            overrides.read_text(encoding="utf-8") if overrides.exists() else "",
            repr(sorted(words)),
        )
        if key not in _CONVERTERS:
            _CONVERTERS[key] = editions.make_converter(self.docs_dir, self.conversion, glossary, self.cache)
        return _CONVERTERS[key]

    def build(self, site_name: str) -> SiteContent:
        transform = None
        if self.edition.is_traditional:
            self.converter = self.make_converter()
            transform = self.converter.convert
        self.site = build_site(self.docs_dir, self.settings, site_name, transform)
        return self.site

    def convert_markdown_settings(self, mdx_configs: dict[str, Any]) -> None:
        """Visible strings set in ``markdown_extensions`` (the toc permalink title) for this edition."""
        if self.converter is None:
            return
        toc = mdx_configs.get("toc", {})
        for key in ("permalink_title", "title"):
            if isinstance(toc.get(key), str):
                toc[key] = self.converter.convert(toc[key])

    def configure_search(self, search_config: Any) -> None:
        """Glossary forms as jieba user words; the Traditional edition also gets a Traditional dictionary.

        Material uses the global jieba, whose dictionary outlives one build under ``mkdocs serve``, so
        the Simplified edition sets jieba's own dictionary back explicitly.
        """
        assert self.site is not None
        if self.site.jieba_user_dict:
            user = write_cached(self.cache, "jieba-user", self.site.jieba_user_dict)
            search_config["jieba_dict_user"] = str(user.resolve())
        if self.converter is not None:
            path = build_traditional_jieba_dict(self.cache, self.converter)
            search_config["jieba_dict"] = str(Path(path).resolve())
        else:
            search_config["jieba_dict"] = str(jieba_dict_path().resolve())
