"""The public API in ``annotate/__init__.py``: what it exports, that ``import annotate`` stays light, and that
the core segments, converts and builds a site's pages without MkDocs."""

from __future__ import annotations

import subprocess
import sys

import pytest

import annotate

PUBLIC = {
    # bulletins
    "segment_file", "segment_text", "Bulletin", "Article", "Block", "BlockKind", "SegmentationWarning",
    # Simplified → Traditional
    "convert_text", "Converter",
    # glossary and cross-references
    "Glossary", "load_glossary", "XrefSettings", "build_xref",
    # the site
    "Settings", "ConversionSettings", "SiteContent", "build_site", "load_bulletins",
    # errors
    "USER_ERRORS", "InputError", "GlossaryError", "ConversionError", "XrefIgnoreError", "SearchIndexError",
}


def test_all_lists_the_public_api() -> None:
    assert set(annotate.__all__) == PUBLIC and len(annotate.__all__) == len(PUBLIC)
    assert set(dir(annotate)) >= PUBLIC


def test_every_name_is_the_object_of_its_module() -> None:
    from annotate import errors, model, segment, settings, site, xref

    for name in annotate.__all__:
        assert getattr(annotate, name) is not None, name
    assert annotate.segment_file is segment.segment_path and annotate.segment_text is segment.segment_text
    assert annotate.Bulletin is model.Bulletin and annotate.Settings is settings.Settings
    assert annotate.build_site is site.build_site and annotate.build_xref is xref.build_xref
    assert annotate.USER_ERRORS is errors.USER_ERRORS and annotate.InputError is errors.InputError
    from annotate import InputError, segment_file  # ``from annotate import …`` goes through the same lookup

    assert InputError is errors.InputError and segment_file is segment.segment_path
    with pytest.raises(AttributeError, match="no attribute 'segment_paths'"):
        annotate.segment_paths  # noqa: B018


def test_the_core_runs_without_mkdocs() -> None:
    """``import annotate`` loads nothing heavy; segmenting, converting and building every page of a site
    (both editions' Markdown) never import MkDocs or Material."""
    code = r"""
import sys, tempfile
from pathlib import Path
import annotate
light = sorted(n for n in sys.modules if n.split('.')[0] in ('jieba', 'opencc', 'ahocorasick', 'mkdocs', 'yaml'))
loaded = sorted(n for n in sys.modules if n.startswith('annotate.'))
print('import:', light, loaded)
text = '标题甲\n\n正文一段，走好新征程。\n\n标题乙\n\n正文又一段。\n'
bulletin = annotate.segment_text(text, '2026-05.txt')
assert [a.title for a in bulletin.articles] == ['标题甲', '标题乙'], bulletin.articles
assert annotate.convert_text('发展新征程') == '發展新征程'
docs = Path(tempfile.mkdtemp())
(docs / 'bulletins').mkdir()
(docs / 'bulletins' / '2026-05.txt').write_text(text, encoding='utf-8')
site = annotate.build_site(docs, annotate.Settings(), '站名')
assert any(page.endswith('.md') and '正文一段' in md for page, md in site.pages.items()), list(site.pages)
print('mkdocs:', sorted(n for n in sys.modules if n.split('.')[0] in ('mkdocs', 'material')))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "import: [] []", lines[0]
    assert lines[-1] == "mkdocs: []", lines[-1]
