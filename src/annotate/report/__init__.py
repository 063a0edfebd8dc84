"""The editorial report: what a change to the bulletins, the glossary or the conversion table does to the site.

Editors work by pull request and reviewers should not have to build the site to judge one. ``annotate
report`` gathers, for the bulletins changed since a git ref (or for all of them), what the site build would
do with them — the outline, how it differs from the base version, segmentation oddities, glossary gaps,
the Traditional conversion review queue for new text, cross-references, build figures — and prints it as
Markdown for GitHub's job summary or as complete JSON.

Everything is gathered first as one JSON-ready document (:func:`build_report`, typed by :mod:`.model`); the
Markdown is rendered from that document (:func:`render_markdown`), so both formats always carry the same data
and a saved JSON report can be rendered again.

- :mod:`.scope` — where the project's files are, the git base, the changed files, the bulletins in scope;
- :mod:`.bulletins` — each bulletin segmented, its outline and segmentation warnings;
- :mod:`.compare` — what changed against the base version, article by article;
- :mod:`.gather` — the glossary, conversion, cross-reference and build sections, and the whole report;
- :mod:`.conversion_risk` — the conversion review grouped by word and ranked by risk;
- :mod:`.summary` — the first screen (what needs a human, with the fix to paste); :mod:`.markdown` — the
  whole job summary, within :data:`BUDGET`; :mod:`.mdtext` — Markdown helpers; :mod:`.cli` — ``annotate report``.
"""

from __future__ import annotations

from .bulletins import segmentation_warnings
from .cli import report_main
from .compare import compare, longest_increasing
from .gather import build_report, build_section
from .markdown import BUDGET, SUMMARY_LIMIT, render_markdown
from .model import Report
from .scope import Base, Layout, ReportError, resolve_base

__all__ = [
    "BUDGET",
    "SUMMARY_LIMIT",
    "Base",
    "Layout",
    "Report",
    "ReportError",
    "build_report",
    "build_section",
    "compare",
    "longest_increasing",
    "render_markdown",
    "report_main",
    "resolve_base",
    "segmentation_warnings",
]
