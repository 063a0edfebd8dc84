"""Simplified → Traditional conversion that is right on PRC bulletin text.

Plain OpenCC converts by longest match over its phrase dictionary, and on bulletin text that match often
straddles a word boundary: 新征 in 新|征程 gives 新徵程, 加注 in 更加|注重 gives 更加註重, 明了 in 阐明|了
gives 闡明瞭. So we segment each line with jieba first and convert every word on its own: no phrase entry
can reach across two words. Classes of error that remain are fixed by rules kept as data (:mod:`.readings`):
the PRC-news reading of sense-dependent words (总台 → 總臺, 不准 → 不准) and dictionary pairs (内|卷 → 內捲).
Editorial choices go in an editor-maintained override table (``docs/conversion.yml``), with the glossary's
explicit Traditional forms. The overrides and readings are handed to
OpenCC itself, as a user phrase dictionary placed before the profile's dictionaries in a generated config,
so they win by OpenCC's own matching rules; their keys are jieba user words, so jieba keeps them whole.

Only character profiles are offered (s2tw, s2hk). The ``…p`` profiles substitute vocabulary (支持→支援,
程序→程式) and change the meaning of a PRC document; they are refused.

This package never imports mkdocs: the CLI and the MkDocs hook both call it.

Layout: :mod:`.profiles` (the profiles offered and refused), :mod:`.data` (OpenCC's dictionaries and
character tables, jieba's dictionary), :mod:`.overrides` (``conversion.yml`` and the glossary's forms),
:mod:`.opencc_config` (the generated OpenCC config), :mod:`.converter` (:class:`Converter`),
:mod:`.readings` (the class rules as data: PRC-news readings, dictionary pairs), :mod:`.review` (the review
queue), :mod:`.consistency` (one word, one form across a build), :mod:`.compare` (scoring against a reviewed
reference) and :mod:`.cli` (``annotate convert``).
"""

from __future__ import annotations

import hashlib

from ..cachefile import source_digest
from ..errors import ConversionError as ConversionError  # re-exported (explicitly, for the type checker)
from . import converter, data, opencc_config, overrides, profiles, readings
from .cli import convert_main as convert_main
from .consistency import FormLedger as FormLedger
from .converter import DEFAULT_HMM as DEFAULT_HMM
from .converter import DEFAULT_PAIR_WORDS as DEFAULT_PAIR_WORDS
from .converter import DEFAULT_PHRASE_RUN as DEFAULT_PHRASE_RUN
from .converter import Converter as Converter
from .converter import ConverterOptions as ConverterOptions
from .converter import Piece as Piece
from .data import OpenCCData as OpenCCData
from .data import char_table as char_table
from .data import jieba_dict_path as jieba_dict_path
from .data import one_to_many_chars as one_to_many_chars
from .data import opencc_data_dir as opencc_data_dir
from .data import opencc_dictionary as opencc_dictionary
from .opencc_config import ConversionStep as ConversionStep
from .opencc_config import DictNode as DictNode
from .opencc_config import JsonValue as JsonValue
from .opencc_config import OpenCCConfig as OpenCCConfig
from .opencc_config import Segmentation as Segmentation
from .opencc_config import build_config as build_config
from .opencc_config import default_cache_dir as default_cache_dir
from .opencc_config import write_config as write_config
from .overrides import DEFAULT_OVERRIDES as DEFAULT_OVERRIDES
from .overrides import GlossaryTerm as GlossaryTerm
from .overrides import glossary_words as glossary_words
from .overrides import load_overrides as load_overrides
from .overrides import merge_overrides as merge_overrides
from .profiles import DEFAULT_PROFILE as DEFAULT_PROFILE
from .profiles import PROFILES as PROFILES
from .profiles import REFUSED_PROFILES as REFUSED_PROFILES
from .profiles import REVERSE_CONFIGS as REVERSE_CONFIGS
from .profiles import check_profile as check_profile
from .readings import PAIRS_PATH as PAIRS_PATH
from .readings import READINGS_PATH as READINGS_PATH
from .readings import load_pairs as load_pairs
from .readings import load_readings as load_readings
from .review import ReviewItem as ReviewItem
from .review import format_review as format_review

# The modules whose code decides what a conversion returns; the review queue and the CLI only present it.
# The conversion memo of a build (annotate.project.ConversionMemo) is named by a hash of their source, so a
# change to any of them starts a fresh memo. A module that comes to decide conversions belongs here.
CONVERTING_MODULES = (profiles, data, overrides, opencc_config, readings, converter)
# Data files that decide conversions as much as code does.
CONVERTING_DATA = (readings.READINGS_PATH, readings.PAIRS_PATH)


def code_digest() -> str:
    """SHA-256 (hex) of the source of :data:`CONVERTING_MODULES`, in that order, and of
    :data:`CONVERTING_DATA`."""
    digest = hashlib.sha256(source_digest(CONVERTING_MODULES).encode("ascii"))
    for path in CONVERTING_DATA:
        digest.update(b"\0" + path.read_bytes())
    return digest.hexdigest()
