"""Project settings, read from ``extra.annotate`` in ``mkdocs.yml``.

A hook cannot declare a config schema the way a plugin does, so the settings live under ``extra`` and are
validated here, with messages that name ``mkdocs.yml`` and the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from .reader import InputError

TERM_POLICIES = ("first", "all")
SEARCH_ENGINES = ("pagefind", "material")  # online search; the offline copy always uses Material's


@dataclass(frozen=True, slots=True)
class Settings:
    """Every option, with the default used when ``mkdocs.yml`` does not set it."""

    bulletins: str = "bulletins"  # folder of *.txt bulletins, relative to docs_dir
    glossary: str = "glossary.yml"  # glossary file or folder, relative to docs_dir
    term_policy: str = "first"  # annotate the first occurrence per page, or "all"
    xref: dict[str, Any] = field(default_factory=dict)  # cross-reference settings (see annotate.xref)
    conversion: dict[str, Any] = field(default_factory=dict)  # Traditional edition settings
    search_engine: str = "pagefind"  # online search: Pagefind's chunked index, or Material's single index

    @classmethod
    def from_mapping(cls, data: object, origin: str = "mkdocs.yml") -> Settings:
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise InputError(origin, "extra.annotate 必须是键值对 (must be a mapping)")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise InputError(origin, f"extra.annotate 中有未知的设置 {unknown} (known: {sorted(known)})")
        settings = cls(**data)
        if settings.term_policy not in TERM_POLICIES:
            allowed = " 或 ".join(TERM_POLICIES)
            raise InputError(origin, f"extra.annotate.term_policy 必须是 {allowed}，而不是 “{settings.term_policy}”")
        if settings.search_engine not in SEARCH_ENGINES:
            allowed = " 或 ".join(SEARCH_ENGINES)
            engine = settings.search_engine
            raise InputError(origin, f"extra.annotate.search_engine 必须是 {allowed}，而不是 “{engine}”")
        for name in ("bulletins", "glossary"):
            if not isinstance(getattr(settings, name), str):
                raise InputError(origin, f"extra.annotate.{name} 必须是路径字符串")
        for name in ("xref", "conversion"):
            if not isinstance(getattr(settings, name), dict):
                raise InputError(origin, f"extra.annotate.{name} 必须是键值对")
        return settings


class _LenientLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` without MkDocs: custom tags (``!ENV``, ``!!python/name:``) become None."""


_LenientLoader.add_multi_constructor("!", lambda _loader, _suffix, _node: None)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda _loader, _suffix, _node: None)


@dataclass(frozen=True, slots=True)
class ConfigFile:
    """What the command-line tools need from ``mkdocs.yml``, read without MkDocs (which would load the theme,
    every plugin and the hook): the annotate settings, as :meth:`Settings.from_mapping` checks them, and the
    docs and site folders. A missing file means every default."""

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
        settings = Settings.from_mapping(extra.get("annotate"), str(path))
        docs_dir = path.parent / str(data.get("docs_dir") or "docs")
        site_dir = path.parent / str(data.get("site_dir") or "site")
        return cls(path, settings, docs_dir, site_dir)
