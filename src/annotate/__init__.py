"""annotate: plain-text Chinese bulletins to an annotated static site.

The public API is the core the MkDocs hook and the ``annotate`` command use, usable without MkDocs::

    import annotate

    bulletin = annotate.segment_file(Path("docs/bulletins/2026-03.txt"))  # articles, blocks, anchors
    annotate.convert_text("新征程")                                       # Simplified → Traditional
    site = annotate.build_site(Path("docs"), annotate.Settings(), "站名")  # every page's Markdown and the nav

Names are imported on first use (module ``__getattr__``), so ``import annotate`` loads nothing else: jieba,
OpenCC and the rest come only with the function that needs them. The functions are not called ``segment``
and ``convert``: those are the submodules :mod:`annotate.segment` and :mod:`annotate.convert`, and Python
sets a package's attribute to its submodule as soon as anything imports it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# Public name → (module, name in that module).
_EXPORTS: dict[str, tuple[str, str]] = {
    # Reading and segmenting bulletins
    "segment_file": ("annotate.segment", "segment_path"),
    "segment_text": ("annotate.segment", "segment_text"),
    "Bulletin": ("annotate.model", "Bulletin"),
    "Article": ("annotate.model", "Article"),
    "Block": ("annotate.model", "Block"),
    "BlockKind": ("annotate.model", "BlockKind"),
    "SegmentationWarning": ("annotate.model", "SegmentationWarning"),
    # Simplified → Traditional
    "Converter": ("annotate.convert", "Converter"),
    # Glossary and cross-references
    "Glossary": ("annotate.glossary", "Glossary"),
    "load_glossary": ("annotate.glossary", "load_glossary"),
    "XrefSettings": ("annotate.xref", "XrefSettings"),
    "build_xref": ("annotate.xref", "build_xref"),
    # The site
    "Settings": ("annotate.settings", "Settings"),
    "ConversionSettings": ("annotate.settings", "ConversionSettings"),
    "SiteContent": ("annotate.site", "SiteContent"),
    "build_site": ("annotate.site", "build_site"),
    "load_bulletins": ("annotate.site", "load_bulletins"),
    # Errors that mean the input is wrong (one line naming file and place), as opposed to bugs
    "USER_ERRORS": ("annotate.errors", "USER_ERRORS"),
    "InputError": ("annotate.errors", "InputError"),
    "GlossaryError": ("annotate.errors", "GlossaryError"),
    "ConversionError": ("annotate.errors", "ConversionError"),
    "XrefIgnoreError": ("annotate.errors", "XrefIgnoreError"),
    "SearchIndexError": ("annotate.errors", "SearchIndexError"),
}

__all__ = [
    "USER_ERRORS",
    "Article",
    "Block",
    "BlockKind",
    "Bulletin",
    "ConversionError",
    "ConversionSettings",
    "Converter",
    "Glossary",
    "GlossaryError",
    "InputError",
    "SearchIndexError",
    "SegmentationWarning",
    "Settings",
    "SiteContent",
    "XrefIgnoreError",
    "XrefSettings",
    "build_site",
    "build_xref",
    "convert_text",
    "load_bulletins",
    "load_glossary",
    "segment_file",
    "segment_text",
]


def convert_text(text: str, profile: str = "s2tw") -> str:
    """``text`` in Traditional characters, converted as the site's Traditional edition is (jieba words,
    OpenCC character profile ``s2tw`` or ``s2hk``; no override table). Each call makes a converter (about
    a second): for many texts make one :class:`Converter` and call its ``convert``."""
    from .convert import Converter

    return Converter(profile).convert(text)


def __getattr__(name: str) -> object:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'annotate' has no attribute {name!r}")
    module, attribute = _EXPORTS[name]
    return getattr(importlib.import_module(module), attribute)


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


if TYPE_CHECKING:  # what the names are, for type checkers and editors
    from .convert import Converter
    from .errors import (
        USER_ERRORS,
        ConversionError,
        GlossaryError,
        InputError,
        SearchIndexError,
        XrefIgnoreError,
    )
    from .glossary import Glossary, load_glossary
    from .model import Article, Block, BlockKind, Bulletin, SegmentationWarning
    from .segment import segment_path as segment_file
    from .segment import segment_text
    from .settings import ConversionSettings, Settings
    from .site import SiteContent, build_site, load_bulletins
    from .xref import XrefSettings, build_xref
