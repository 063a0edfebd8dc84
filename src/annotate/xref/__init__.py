"""Cross-references across the whole archive: parallel passages, document references, related articles.

Bulletins quote themselves: a signed newspaper article and the speech it condenses, a Qiushi excerpt and a
study article built on the same sentences, a meeting report and the notice it adopted. This package finds
those connections on the data model (``Bulletin`` → ``Article`` → ``Block``) and hands the renderer exact
character spans in ``Block.text`` plus the anchors to link to. It never reads files or imports MkDocs
(except :func:`xref_main`, which lazily uses the segmenter).

Method, and why:

* **Normalisation.** Paragraph text is compared with whitespace, punctuation (Unicode categories P*),
  separators and control characters removed, full-width Latin letters and digits folded to ASCII and
  lower-cased. Reprints of the same sentence routinely differ in punctuation (“、” vs “，”, quote styles,
  full vs half width) and punctuation carries nothing distinctive, so keeping it would only break runs and
  create non-distinctive shingles. Symbols (％, ～, ℃) are kept. Every offset reported is mapped back to
  ``Block.text``, so highlights cover the original characters, punctuation inside a run included.
* **Shingles.** Character n-grams (``XrefSettings.shingle`` characters) — no word segmentation needed.
  Each shingle gets a deterministic 61-bit polynomial hash (Python's ``hash(str)`` is salted per
  process and would make results depend on the run).
* **Rarity.** Document frequency is counted over *articles* (a bulletin of fifteen articles already shows
  which formulas are set phrases). Shingles in more than the cut-off number of articles are boilerplate:
  they never seed a candidate and contribute nothing to a run's distinctive length. Formulas such as
  以习近平新时代中国特色社会主义思想为指导 therefore never link, however long they are.
* **Candidates.** An inverted index from rare shingles to (paragraph, offset) postings. Only paragraphs
  that share rare shingles become candidate pairs; all pairs of paragraphs are never compared. A Bloom
  filter finds the shingles seen in more than one article first, so the exact counting dictionary only
  ever holds shared shingles: memory stays proportional to repeated text, not to the archive.
* **Alignment.** Shared rare shingles are seeds on a diagonal of the two normalised strings; each seed is
  extended to the maximal exact common run (seed-and-extend, linear in the run length). This finds the
  longest *distinctive* shared run, where ``SequenceMatcher.find_longest_match`` would return the longest
  run of any kind, boilerplate included.
* **References.** 《…》 titles and unbracketed mentions of another article's title (or of the title of a
  document embedded in an article as a heading) become links to that article or heading.
* **Related articles.** A rarity-weighted containment score over shared rare shingles, combined with
  passage links, references and (optionally) shared glossary terms, each with a Chinese reason.

Layout, in data-flow order (each pass reads only what earlier ones return):
:mod:`.settings` and :mod:`.ignore` (the editors' knobs and ignore list), :mod:`.text` (normalisation,
shingle hashes), :mod:`.corpus` (the archive numbered, normalised and shingled, once),
:mod:`.references` (:class:`~.references.TitleIndex`, the titles to look for), :mod:`.shingles` (the
scan: rare shingles, candidate seeds, title hits), :mod:`.passages`, :mod:`.references`, :mod:`.related`,
:mod:`.results` (what callers get), :mod:`.build` (:func:`build_xref`, the driver) and :mod:`.cli`.

Cost: every pass is linear in the text, candidate generation is bounded by the document-frequency cut-off
and alignment by the length of the shared runs, so the whole computation grows close to linearly with the
archive (see ``bench/bench_xref.py``).
"""

from __future__ import annotations

from .build import build_xref
from .cli import xref_main
from .ignore import (
    IgnorePair,
    XrefIgnore,
    XrefIgnoreError,
    check_ignore_pairs,
    load_ignore_file,
    parse_ignore,
)
from .results import BASIS_LABELS, Mark, PassageBasis, PassageLink, Place, Reference, Related, XrefIndex, XrefTarget
from .settings import XrefSettings
from .text import normalize, normalize_with_map

__all__ = [
    "BASIS_LABELS",
    "IgnorePair",
    "Mark",
    "PassageBasis",
    "PassageLink",
    "Place",
    "Reference",
    "Related",
    "XrefIgnore",
    "XrefIgnoreError",
    "XrefIndex",
    "XrefSettings",
    "XrefTarget",
    "build_xref",
    "check_ignore_pairs",
    "load_ignore_file",
    "normalize",
    "normalize_with_map",
    "parse_ignore",
    "xref_main",
]
