"""The cross-reference settings editors tune in ``mkdocs.yml`` (``extra.annotate_settings.xref``, validated by
:mod:`annotate.config`)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import cast

from .ignore import IgnorePair, XrefIgnore

__all__ = ["XrefSettings"]

_MAX_DF_CAP = 1 << 20


@dataclass(frozen=True, slots=True)
class XrefSettings:
    """Tuning knobs, exposed to editors in ``mkdocs.yml`` (read them with :meth:`from_mapping`)."""

    # Minimum number of *distinctive* characters (after normalisation, not counting characters covered
    # only by boilerplate shingles) a shared run needs before two paragraphs link. 20 characters is about
    # one clause of a Chinese sentence: long enough that chance coincidences and names do not link.
    min_run: int = 20
    # Shingle width in characters. 8 characters are rarely shared by chance in Chinese political prose
    # yet short enough that a 20-character run holds 13 of them.
    shingle: int = 8
    # Rarity threshold: shingles found in more than this many articles are boilerplate. An int is an
    # absolute number of articles; a float in (0, 1) is a fraction of the articles in the archive,
    # never below 2 (a pair needs two articles) and never above ``max_df_ceiling``. The default keeps a
    # single bulletin strict — a phrase in 3 of its articles is a formula — and relaxes slowly as the
    # archive grows.
    max_df: float | int = 0.01
    # Upper bound of the fractional threshold. It keeps the computation linear: a rare shingle yields
    # at most C(ceiling, 2) candidate pairs however large the archive; and text repeated in more than
    # this many articles is a set phrase, not a passage worth a link.
    max_df_ceiling: int = 8
    # At most this many parallel-passage links per paragraph (the strongest are kept); 0, the default,
    # keeps them all: a paragraph echoed by five paragraphs of a speech shows all five (grouped by article
    # on the page), a cap would hide real echoes.
    max_links_per_paragraph: int = 0
    # Related articles listed at the end of each article.
    related_max: int = 5
    # Related articles need at least this score (0..1).
    related_min_score: float = 0.05
    # Titles shorter than this (normalised) are not matched: short names like 《意见》 are ambiguous.
    # Unbracketed mentions are found through shingles, so titles shorter than ``shingle`` only match
    # when written in 《…》.
    title_min_chars: int = 8
    # Unbracketed title mentions may differ slightly from the title (“学习贯彻” for “学习宣传贯彻”):
    # this fraction of the title's characters must match, in order, within a span of similar length.
    # Titles shorter than twice ``title_min_chars`` must match exactly.
    title_fuzzy: float = 0.9
    # Editor ignore list: phrases never to link (their shingles count as boilerplate; a title equal to
    # a phrase is never a reference target) and pairs of places never to link to each other.
    ignore_phrases: tuple[str, ...] = ()
    ignore_pairs: tuple[IgnorePair, ...] = ()

    def __post_init__(self) -> None:
        problems = []
        if self.shingle < 2:
            problems.append("shingle must be at least 2")
        if self.min_run < self.shingle:
            problems.append(f"min_run ({self.min_run}) must be at least shingle ({self.shingle})")
        if isinstance(self.max_df, bool) or not isinstance(self.max_df, int | float):
            problems.append("max_df must be a number")
        elif isinstance(self.max_df, float) and not 0 < self.max_df < 1:
            problems.append("max_df as a fraction must be between 0 and 1 (use an int for a count)")
        elif isinstance(self.max_df, int) and self.max_df < 2:
            problems.append("max_df as a count must be at least 2")
        if self.max_df_ceiling < 2:
            problems.append("max_df_ceiling must be at least 2")
        if self.max_links_per_paragraph < 0:
            problems.append("max_links_per_paragraph must not be negative (0: no limit)")
        if self.related_max < 0:
            problems.append("related_max must not be negative")
        if not 0 < self.title_fuzzy <= 1:
            problems.append("title_fuzzy must be in (0, 1]")
        if self.title_min_chars < 2:
            problems.append("title_min_chars must be at least 2")
        if problems:
            raise ValueError("invalid xref settings: " + "; ".join(problems))
        pairs = tuple(p if isinstance(p, IgnorePair) else IgnorePair(*p) for p in self.ignore_pairs)
        object.__setattr__(self, "ignore_pairs", pairs)
        object.__setattr__(self, "ignore_phrases", tuple(self.ignore_phrases))

    @classmethod
    def from_mapping(cls, data: Mapping[str, object] | None, *, where: str = "xref settings") -> XrefSettings:
        """Settings from a config mapping (``mkdocs.yml``); unknown keys are errors, not ignored."""
        data = dict(data or {})
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(
                f"{where}: unknown xref setting(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        for key in ("ignore_phrases", "ignore_pairs"):
            if key in data:
                # Unchecked as before: a string becomes its characters, a number raises TypeError here.
                items = cast("Iterable[object]", data[key])
                data[key] = tuple(tuple(v) if isinstance(v, list) else v for v in items)
        try:
            return cls(**data)  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{where}: {exc}") from None

    def with_ignore(self, ignore: XrefIgnore) -> XrefSettings:
        """These settings plus an editor ignore list (appended to any phrases and pairs already set)."""
        return replace(
            self,
            ignore_phrases=(*self.ignore_phrases, *ignore.phrases),
            ignore_pairs=(*self.ignore_pairs, *ignore.pairs),
        )

    def df_cutoff(self, articles: int) -> int:
        """Largest document frequency (in articles) a shingle may have and still count as distinctive."""
        if isinstance(self.max_df, float):
            return min(self.max_df_ceiling, max(2, math.floor(self.max_df * articles)))
        return min(int(self.max_df), _MAX_DF_CAP)
