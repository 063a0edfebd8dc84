"""Finding glossary terms in running Chinese text, and finding terms the glossary still lacks.

Layout: :mod:`.matching` (:class:`TermMatcher`: every form of every entry in one automaton, overlaps
resolved, the annotation policy), :mod:`.candidates` (phrases that look like terms but have no entry,
entries no text uses), :mod:`.report` (what ``annotate terms`` prints, as data and as text) and
:mod:`.salience` (unmarked candidates by statistics: recurrence across articles, rarity in general Chinese)
and :mod:`.cli` (``annotate terms``).
"""

from __future__ import annotations

from .candidates import KINDS as KINDS
from .candidates import Candidate as Candidate
from .candidates import CandidateJson as CandidateJson
from .candidates import entry_usage as entry_usage
from .candidates import find_candidates as find_candidates
from .candidates import ranked_candidates as ranked_candidates
from .candidates import unused_entries as unused_entries
from .cli import terms_main as terms_main
from .matching import Match as Match
from .matching import Policy as Policy
from .matching import TermMatcher as TermMatcher
from .matching import select as select
from .report import BulletinFigures as BulletinFigures
from .report import GlossaryFigures as GlossaryFigures
from .report import TermCount as TermCount
from .report import TermsReport as TermsReport
from .report import article_texts as article_texts
from .report import format_candidates as format_candidates
from .report import format_terms_report as format_terms_report
from .report import format_unused as format_unused
from .report import glossary_usage as glossary_usage
from .report import term_candidates as term_candidates
from .report import terms_report as terms_report
from .salience import GeneralLexicon as GeneralLexicon
from .salience import Salience as Salience
from .salience import statistical_candidates as statistical_candidates
