"""The errors that mean “an editor's input is wrong” or the set-up is incomplete (shown as one line), as
opposed to bugs.

The hook and the CLI catch exactly these and print their one-line message naming file and place.
"""

from __future__ import annotations

from .convert import ConversionError
from .glossary import GlossaryError
from .reader import InputError
from .search_pagefind import SearchIndexError
from .xref import XrefIgnoreError

USER_ERRORS: tuple[type[Exception], ...] = (
    InputError, GlossaryError, ConversionError, XrefIgnoreError, SearchIndexError
)
