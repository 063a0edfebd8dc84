"""The two editions of the site: Simplified at the root, Traditional under its own prefix.

One ``mkdocs build`` makes both: the hook builds the Simplified site, then builds the same configuration
again for the Traditional edition into ``site/<prefix>/`` with :func:`building` set. Page paths, ids and
anchors are identical in both editions (nothing but visible text is converted), so the language switcher
can always lead to the same page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .convert import Converter, check_profile, glossary_words
from .glossary import Glossary
from .settings import ConversionSettings as ConversionSettings  # defined with the other settings; re-exported


@dataclass(frozen=True, slots=True)
class Edition:
    key: str  # BCP 47 tag used in <html lang> and hreflang
    name: str  # switcher label, in the edition's own script
    prefix: str  # path of the edition's root below the site root ("" or "zh-Hant/")

    @property
    def is_traditional(self) -> bool:
        return self.key == "zh-Hant"


SIMPLIFIED = Edition("zh-Hans", "简体中文", "")


def alternates(here: Edition, editions: list[Edition]) -> list[dict[str, str]]:
    """Switcher entries for ``config.extra.alternate``: ``root`` is each edition's root seen from ``here``."""
    back = "../" * here.prefix.count("/")
    return [
        {"name": e.name, "lang": e.key, "root": back + e.prefix, "link": (back + e.prefix) or "./"}
        for e in editions
    ]


def make_converter(docs_dir: Path, settings: ConversionSettings, glossary: Glossary | None, cache: Path) -> Converter:
    """The converter for the Traditional edition: profile, override table, glossary Traditional forms."""
    check_profile(settings.profile)
    overrides = docs_dir / settings.overrides
    words = glossary_words(glossary) if glossary is not None else []
    return Converter.from_files(
        settings.profile, overrides_path=overrides if overrides.exists() else None, words=words, cache_dir=cache
    )
