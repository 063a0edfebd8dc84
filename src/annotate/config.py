"""The settings editors write in ``mkdocs.yml`` under ``extra.annotate_settings``: one schema, built from
MkDocs' own config options the way Material's plugins and mkdocs-autorefs declare theirs (a ``Config``
class with one docstring per option, sub-configs for ``xref`` and ``conversion``), validated once into
the core's typed :class:`~annotate.settings.Settings`.

Every mistake is one :class:`~annotate.errors.InputError` naming ``mkdocs.yml`` and the key, in the words
editors have always seen (``extra.annotate_settings.term_policy 必须是 first 或 all，而不是 “every”``).

The key used to be ``extra.annotate``, which Material also reads (its code-annotation selectors, copied into
every page). For one release that key is still read when the new one is absent, with a deprecation line;
the hook then blanks it so Material gets nothing. With ``extra.annotate_settings`` present,
``extra.annotate`` belongs to Material and is left alone.

This module is the only one that touches MkDocs' config machinery, and only when settings are validated:
:func:`schema` builds the classes on first call. Importing it loads nothing of MkDocs, and the core
(segmenting, converting, :func:`~annotate.site.build_site` with a :class:`~annotate.settings.Settings`)
never calls it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, cast

from .errors import InputError
from .settings import SEARCH_ENGINES, TERM_POLICIES, ConversionSettings, Settings
from .xref import XrefSettings

if TYPE_CHECKING:
    from mkdocs.config.base import Config

SETTINGS_KEY = "annotate_settings"
DEPRECATED_KEY = "annotate"  # read until the next release when SETTINGS_KEY is absent
DEPRECATION = (
    f"extra.{DEPRECATED_KEY} 已改名为 extra.{SETTINGS_KEY}，下一版起不再读取 "
    f"(deprecated: move the settings to extra.{SETTINGS_KEY}; Material reads extra.{DEPRECATED_KEY})"
)


def settings_key(extra: Mapping[str, object] | None) -> str | None:
    """The key under ``extra`` that holds the settings: the new one, else the deprecated one, else None
    (every default)."""
    if not extra:
        return None
    if SETTINGS_KEY in extra:
        return SETTINGS_KEY
    return DEPRECATED_KEY if DEPRECATED_KEY in extra else None


def load_settings(
    extra: Mapping[str, object] | None, origin: str = "mkdocs.yml", warn: Callable[[str], None] | None = None
) -> Settings:
    """The settings in ``extra`` (``config.extra`` of MkDocs, or ``extra`` as read from the file), validated;
    ``warn`` gets the deprecation line when they are still under ``extra.annotate``."""
    key = settings_key(extra)
    if key is None or extra is None:
        return Settings()
    if key == DEPRECATED_KEY and warn is not None:
        warn(DEPRECATION)
    return validate(extra[key], f"extra.{key}", origin)


def validate(raw: object, where: str = f"extra.{SETTINGS_KEY}", origin: str = "mkdocs.yml") -> Settings:
    """``raw`` (the mapping under ``where``) checked against :func:`schema`; None means every default."""
    from mkdocs.config.base import ValidationError

    try:
        return cast(_Schema, schema()).parse(raw, origin).settings()
    except ValidationError as err:
        path = ".".join((where, *getattr(err, "path", ())))
        raise InputError(origin, f"{path}{err}") from None


class _Validated(Protocol):
    def settings(self) -> Settings: ...


class _Schema(Protocol):
    def parse(self, value: object, origin: str | None) -> _Validated: ...


def _default(cls: Any, name: str) -> Any:
    """A field's default in the core's dataclass: the schema never states a default of its own."""
    found = cls.__dataclass_fields__[name]
    return found.default_factory() if found.default is dataclasses.MISSING else found.default


def _shown(value: object) -> str:
    return f"“{value}”"


def schema() -> type[Config]:
    """The settings' ``Config`` class (:class:`AnnotateConfig`), made on each call: MkDocs is imported here,
    not when this module is."""
    from mkdocs.config import config_options as c
    from mkdocs.config.base import BaseConfigOption, Config, ValidationError

    class Problem(ValidationError):
        """A mistake at ``path`` (keys below the settings' own key); ``str()`` follows the key in the
        message, so it starts with its own separator."""

        def __init__(self, message: str, path: tuple[str, ...] = ()) -> None:
            super().__init__(message)
            self.path = path

        def under(self, key: str) -> Problem:
            return Problem(str(self), (key, *self.path))

    def problem_at(key: str, err: Exception) -> Problem:
        if isinstance(err, Problem):
            return err.under(key)
        return Problem(f": {err}", (key,))

    class Text(c.OptionallyRequired[str]):
        """A path or name: a string."""

        def run_validation(self, value: object) -> str:
            if not isinstance(value, str):
                raise Problem(" 必须是路径字符串 (must be a path)")
            return value

    class Flag(c.OptionallyRequired[bool]):
        def run_validation(self, value: object) -> bool:
            if not isinstance(value, bool):
                raise Problem(f" 必须是 true 或 false，而不是 {_shown(value)} (must be a boolean)")
            return value

    class Number(c.OptionallyRequired[float]):
        """An int, or also a float when ``fraction`` (YAML's ``true`` is no number)."""

        def __init__(self, default: float, fraction: bool = False) -> None:
            super().__init__(default=default)
            self.fraction = fraction

        def run_validation(self, value: object) -> float:
            kinds: tuple[type, ...] = (int, float) if self.fraction else (int,)
            if isinstance(value, bool) or not isinstance(value, kinds):
                kind = ("数", "a number") if self.fraction else ("整数", "an integer")
                raise Problem(f" 必须是{kind[0]}，而不是 {_shown(value)} (must be {kind[1]})")
            return cast(float, value)

    class OneOf(c.Choice[str]):
        def run_validation(self, value: object) -> str:
            if value not in self.choices:
                allowed = " 或 ".join(self.choices)
                raise Problem(f" 必须是 {allowed}，而不是 {_shown(value)}")
            return cast(str, value)

    class Texts(BaseConfigOption[tuple[tuple[str, ...], ...] | tuple[str, ...]]):
        """A list of strings, or with ``width`` a list of lists of that many strings (pairs)."""

        def __init__(self, width: int = 0) -> None:
            super().__init__()
            self.default = ()
            self.width = width

        def run_validation(self, value: object) -> Any:
            if value is None or value == ():  # not set: the default
                return ()
            if not isinstance(value, list):
                raise Problem(" 必须是列表 (must be a list)")
            for item in value:
                items = item if self.width else [item]
                if not isinstance(items, list) or len(items) != (self.width or 1) or not all(
                    isinstance(i, str) for i in items
                ):
                    shape = (f"由 {self.width} 个字符串组成的列表", f"a list of {self.width} strings") if self.width \
                        else ("字符串", "a string")
                    raise Problem(f" 的每一项必须是{shape[0]}，而不是 {_shown(item)} (each item must be {shape[1]})")
            return tuple(tuple(i) for i in value) if self.width else tuple(value)

    class Group(Config):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ is untyped
        """A mapping of settings: only the keys of its class, each valid, nested groups included."""

        def __init_subclass__(cls) -> None:
            super().__init_subclass__()  # type: ignore[no-untyped-call]  # collects the class's options

        @classmethod
        def parse(cls, value: object, origin: str | None) -> Any:
            if value is None:
                value = {}
            if not isinstance(value, dict):
                raise Problem(" 必须是键值对 (must be a mapping)")
            known = [key for key, _ in cls._schema]
            unknown = sorted(set(value) - set(known))
            if unknown:
                raise Problem(f" 中有未知的设置 {unknown} (known: {sorted(known)})")
            config = cls(config_file_path=origin)
            config.load_dict(value)
            failed, _warnings = config.validate()
            if failed:
                key, err = failed[0]
                raise problem_at(key, err)
            return config

    class Section(c.SubConfig[Group]):
        """A nested :class:`Group` (``xref``, ``conversion``); validates into that group's config."""

        def __init__(self, config_class: type[Group]) -> None:
            super().__init__(config_class)
            self.config_class = config_class  # SubConfig sets it only for itself, not for a subclass

        def run_validation(self, value: object) -> Group:
            return cast(Group, self.config_class.parse(value, self._config_file_path))

    class Profile(Text):
        def run_validation(self, value: object) -> str:
            from .convert import check_profile  # OpenCC's profiles: loaded only to check this one
            from .errors import ConversionError

            try:
                return check_profile(super().run_validation(value))
            except ConversionError as err:
                raise Problem(f": {err}") from None

    class Prefix(Text):
        def run_validation(self, value: object) -> str:
            name = super().run_validation(value).strip("/")
            if not name or not name.isascii() or not name.replace("-", "").isalnum():
                raise Problem(f" 必须是 ASCII 路径名：{_shown(value)}")
            return cast(str, value)

    X = XrefSettings
    C = ConversionSettings

    class XrefConfig(Group):
        """``xref``: parallel passages, document references and related articles (:mod:`annotate.xref`)."""

        min_run = Number(_default(X, "min_run"))
        """Shared characters, beyond boilerplate, before two paragraphs link (about one clause)."""
        shingle = Number(_default(X, "shingle"))
        """Width in characters of the n-grams that find candidate passages (at most ``min_run``)."""
        max_df = Number(_default(X, "max_df"), fraction=True)
        """Text in more articles than this is a formula, never a link: a count (int, at least 2) or a share
        of the archive's articles (a float below 1; at least 2 articles, at most ``max_df_ceiling``)."""
        max_df_ceiling = Number(_default(X, "max_df_ceiling"))
        """Upper bound of a fractional ``max_df``: keeps the computation linear in the archive."""
        max_links_per_paragraph = Number(_default(X, "max_links_per_paragraph"))
        """At most this many parallel-passage links per paragraph (the strongest are kept); 0: no limit."""
        related_max = Number(_default(X, "related_max"))
        """Related articles listed at the end of each article."""
        related_min_score = Number(_default(X, "related_min_score"), fraction=True)
        """Related articles need at least this score (0 to 1)."""
        title_min_chars = Number(_default(X, "title_min_chars"))
        """Titles shorter than this are not linked when mentioned: short names like 《意见》 are ambiguous."""
        title_fuzzy = Number(_default(X, "title_fuzzy"), fraction=True)
        """Share of a title's characters an unbracketed mention must match, in order (0 to 1)."""
        ignore_phrases = Texts()
        """Phrases never to link (the editors' list is better kept in the ``ignore`` file)."""
        ignore_pairs = Texts(width=2)
        """Pairs of places never to link, ``[2026-03/02#p-tjcvmpj, 2026-03/04]`` (better in ``ignore``)."""
        ignore = Text(default=_default(Settings, "xref_ignore"))
        """The editors' ignore list of phrases and pairs, relative to ``docs_dir``; used when it exists."""

        def settings(self) -> tuple[XrefSettings, str]:
            values = {key: self[key] for key, _ in self._schema if key != "ignore"}
            try:
                return XrefSettings(**values), self["ignore"]
            except ValueError as err:  # relations between the numbers, checked by XrefSettings itself
                raise Problem(f": {err}") from None

    class ConversionConfig(Group):
        """``conversion``: the Traditional edition, built by the same ``mkdocs build``."""

        enabled = Flag(default=_default(C, "enabled"))
        """Build the Traditional edition at all."""
        profile = Profile(default=_default(C, "profile"))
        """OpenCC character profile: ``s2tw`` (Taiwan glyphs) or ``s2hk``. The vocabulary profiles ``s2twp``
        and ``s2hkp`` are refused: they rewrite PRC terms (支持→支援)."""
        overrides = Text(default=_default(C, "overrides"))
        """The editors' override table (wrong conversions and their fix), relative to ``docs_dir``."""
        prefix = Prefix(default=_default(C, "prefix"))
        """Folder of the Traditional edition below the site root (ASCII)."""

        def settings(self) -> ConversionSettings:
            return ConversionSettings(self["enabled"], self["profile"], self["overrides"], self["prefix"])

    class AnnotateConfig(Group):
        """``extra.annotate_settings`` in ``mkdocs.yml``."""

        bulletins = Text(default=_default(Settings, "bulletins"))
        """Folder of the ``*.txt`` bulletins, relative to ``docs_dir``."""
        glossary = Text(default=_default(Settings, "glossary"))
        """Glossary file or folder of ``*.yml`` files, relative to ``docs_dir``."""
        term_policy = OneOf(TERM_POLICIES, default=_default(Settings, "term_policy"))
        """``first``: a term's tooltip on its first occurrence in each page; ``all``: on every one."""
        search_engine = OneOf(SEARCH_ENGINES, default=_default(Settings, "search_engine"))
        """Online search: ``pagefind`` (chunked index) or ``material`` (one index); offline is always
        Material's."""
        xref = Section(XrefConfig)
        """Cross-reference settings (:class:`XrefConfig`)."""
        conversion = Section(ConversionConfig)
        """Traditional edition settings (:class:`ConversionConfig`)."""

        def settings(self) -> Settings:
            """The core's typed settings from this validated config."""
            try:
                xref, ignore = cast(XrefConfig, self["xref"]).settings()
            except Problem as err:
                raise err.under("xref") from None
            return Settings(
                bulletins=self["bulletins"],
                glossary=self["glossary"],
                term_policy=self["term_policy"],
                xref=xref,
                xref_ignore=ignore,
                conversion=cast(ConversionConfig, self["conversion"]).settings(),
                search_engine=self["search_engine"],
            )

    return AnnotateConfig
