"""The glossary: loading, validating and looking up the terms the site explains.

The content lives in ``docs/glossary.yml`` (or a directory of ``*.yml`` files) and is edited by hand,
so every problem is reported as ONE line ``FILE:LINE: message`` that an editor can jump to. Line
numbers come from the YAML node tree, never from guessing in the text.

File format::

    entries:
      - term: 中国民主促进会            # required
        category: organisation          # required, one of CATEGORIES
        aliases: [某会]                 # optional
        definition: 一句话定义。         # required, not blank
        note: 可选的较长说明              # optional
        traditional: 可选的正确繁体形式    # optional

Layout: :mod:`.model` (:class:`Entry`, :class:`Glossary`: anchors, pinyin order, lookup by form) and
:mod:`.load` (the schema, validation with one message per problem, :func:`load_glossary`).
"""

from __future__ import annotations

from ..cachefile import source_digest
from ..errors import GlossaryError as GlossaryError  # re-exported (explicitly, for the type checker)
from . import load, model
from .load import ENTRY_KEYS as ENTRY_KEYS
from .load import MIN_FORM_LENGTH as MIN_FORM_LENGTH
from .load import SCHEMA as SCHEMA
from .load import EntryData as EntryData
from .load import check_glossary as check_glossary
from .load import glossary_files as glossary_files
from .load import load_glossary as load_glossary
from .model import CATEGORIES as CATEGORIES
from .model import Category as Category
from .model import Entry as Entry
from .model import EntryJson as EntryJson
from .model import Glossary as Glossary
from .model import make_anchor as make_anchor
from .model import pinyin_key as pinyin_key

# The modules whose code decides what a loaded glossary holds: a glossary kept on disk between builds
# (annotate.site) is named by a hash of their source, so a change to any of them loads it afresh.
GLOSSARY_MODULES = (model, load)


def code_digest() -> str:
    """SHA-256 (hex) of the source of :data:`GLOSSARY_MODULES`, in that order."""
    return source_digest(GLOSSARY_MODULES)
