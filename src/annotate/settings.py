"""Project settings, read from ``extra.annotate`` in ``mkdocs.yml``.

A hook cannot declare a config schema the way a plugin does, so the settings live under ``extra`` and are
validated here, with messages that name ``mkdocs.yml`` and the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

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
