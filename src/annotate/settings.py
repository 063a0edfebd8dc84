"""The project's settings, typed: what ``extra.annotate_settings`` in ``mkdocs.yml`` sets, with its defaults.

These dataclasses are all the core needs (``Settings()`` is every default) and hold no checks of their own:
the settings in ``mkdocs.yml`` are validated once, by the schema in :mod:`annotate.config`, which gives
one of these. :class:`ConfigFile` reads them from the file for the command-line tools.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import yaml

from .errors import InputError
from .xref.settings import XrefSettings

if TYPE_CHECKING:
    from .edition import Edition

TERM_POLICIES = ("first", "all")
SEARCH_ENGINES = ("pagefind", "material")  # online search; the offline copy always uses Material's


@dataclass(frozen=True, slots=True)
class ConversionSettings:
    """The Traditional edition (``conversion``)."""

    enabled: bool = True
    profile: str = "s2tw"  # an OpenCC character profile (annotate.convert.PROFILES); the default is its default
    overrides: str = "conversion.yml"  # the editors' override table, relative to docs_dir
    prefix: str = "zh-Hant"  # folder of the edition below the site root

    @property
    def edition(self) -> Edition:
        from .edition import Edition  # the module that makes converters; these settings need none

        return Edition("zh-Hant", "繁體中文", self.prefix.strip("/") + "/")


@dataclass(frozen=True, slots=True)
class Settings:
    """Every option, with the default used when ``mkdocs.yml`` does not set it."""

    bulletins: str = "bulletins"  # folder of *.txt bulletins, relative to docs_dir
    glossary: str = "glossary.yml"  # glossary file or folder, relative to docs_dir
    term_policy: Literal["first", "all"] = "first"  # annotate the first occurrence per page, or "all"
    xref: XrefSettings = field(default_factory=XrefSettings)  # cross-reference tuning (xref in mkdocs.yml)
    xref_ignore: str = "xref-ignore.yml"  # the editors' ignore list, relative to docs_dir (xref.ignore)
    conversion: ConversionSettings = field(default_factory=ConversionSettings)  # the Traditional edition
    search_engine: str = "pagefind"  # online search: Pagefind's chunked index, or Material's single index


class _LenientLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` without MkDocs: custom tags (``!ENV``, ``!!python/name:``) become None."""


_LenientLoader.add_multi_constructor("!", lambda _loader, _suffix, _node: None)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda _loader, _suffix, _node: None)


@dataclass(frozen=True, slots=True)
class ConfigFile:
    """What the command-line tools need from ``mkdocs.yml``, read without loading MkDocs' configuration (which
    would load the theme, every plugin and the hook): the annotate settings, validated by
    :func:`annotate.config.load_settings` as the build does (a deprecation line on stderr for the old key),
    and the docs and site folders. A missing file means every default."""

    path: Path
    settings: Settings
    docs_dir: Path
    site_dir: Path

    @classmethod
    def read(cls, path: Path) -> ConfigFile:
        data: object = {}
        if path.is_file():
            try:
                data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}
            except yaml.YAMLError as err:
                raise InputError(str(path), f"YAML 格式错误 ({getattr(err, 'problem', err)})") from None
        if not isinstance(data, dict):
            raise InputError(str(path), "mkdocs.yml 必须是键值对 (must be a mapping)")
        extra = data.get("extra") or {}
        if not isinstance(extra, dict):
            raise InputError(str(path), "extra 必须是键值对 (must be a mapping)")
        from .config import load_settings  # the schema: it imports MkDocs' config options when it validates

        settings = load_settings(extra, str(path), warn=lambda line: print(f"{path}: {line}", file=sys.stderr))
        docs_dir = path.parent / str(data.get("docs_dir") or "docs")
        site_dir = path.parent / str(data.get("site_dir") or "site")
        return cls(path, settings, docs_dir, site_dir)
