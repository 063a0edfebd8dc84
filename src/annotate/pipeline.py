"""The one object that owns a build's state: caches that outlive a rebuild, and the current build's timings.

``mkdocs serve`` rebuilds the whole site on every save, and both editions of a build read the same
bulletins, glossary and analysis; all of that is remembered here, not in module globals, so that two
builds in one process (tests, the CLI, the nested Traditional build) never see each other's state unless
they are handed the same :class:`Pipeline`. The MkDocs hook keeps exactly one, made in ``on_startup``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .timing import Timings

if TYPE_CHECKING:  # the types only: importing them would load jieba and OpenCC for every caller
    from .convert import Converter, OpenCCData
    from .glossary import Glossary
    from .model import Bulletin
    from .project import ConversionMemo
    from .site import Analysis


@dataclass(slots=True)
class Pipeline:
    """State of one process's builds, handed to every stage that reads or fills a cache."""

    timings: Timings = field(default_factory=Timings)
    # Segmented bulletins keyed by file name and a digest of the file and its sidecar: only an edited
    # bulletin is read and segmented again.
    bulletins: dict[tuple[str, str], Bulletin] = field(default_factory=dict)
    # Checked glossaries keyed by path and a digest of their files.
    glossaries: dict[tuple[str, str], Glossary] = field(default_factory=dict)
    # The last build's cross-references and term matches: the Traditional edition, built right after the
    # Simplified one from the same bulletins, reuses them.
    analysis: Analysis | None = None
    # Converters (a jieba tokenizer and an OpenCC config each, about a second to make) keyed by what they
    # are built from, and the memo of converted strings of each.
    converters: dict[tuple[str, str, str], Converter] = field(default_factory=dict)
    memos: dict[int, ConversionMemo] = field(default_factory=dict)
    # OpenCC's dictionaries as text (the search box's conversion tables are made from them).
    _opencc: OpenCCData | None = None

    @property
    def opencc(self) -> OpenCCData:
        if self._opencc is None:
            from .convert import OpenCCData

            self._opencc = OpenCCData()
        return self._opencc
