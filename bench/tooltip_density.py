"""Glossary breadth: tooltips per 1,000 characters, and article pages with no tooltip, per bulletin.

A tooltip is a glossary term link the site shows (policy and link exclusions as in the real build): each
bulletin is built alone through :func:`annotate.site.build_site` (Simplified edition, no MkDocs), so the
figure is exactly what its article pages carry. Characters are those of the article blocks (headers and
body) the tooltips are drawn on.

    .venv/bin/python bench/tooltip_density.py [--glossary docs/glossary.yml] [FILE.txt ...]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from annotate.settings import Settings  # noqa: E402
from annotate.site import build_site  # noqa: E402

DEFAULT_FILES = (
    ROOT / "docs" / "bulletins" / "2026-03.txt",
    ROOT / "tests" / "data" / "bulletin_D.txt",
    ROOT / "tests" / "data" / "bulletin_E.txt",
    ROOT / "tests" / "data" / "bulletin_F.txt",
)


def density(bulletin_file: Path, glossary: Path) -> tuple[int, int, int, int, int]:
    """(characters, tooltips, distinct entries shown, article pages, pages without a tooltip) of one bulletin."""
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp)
        (docs / "bulletins").mkdir()
        shutil.copyfile(bulletin_file, docs / "bulletins" / bulletin_file.name)
        sidecar = bulletin_file.with_suffix(".yml")
        if sidecar.exists():
            shutil.copyfile(sidecar, docs / "bulletins" / sidecar.name)
        shutil.copyfile(glossary, docs / "glossary.yml")
        site = build_site(docs, Settings(), "bench")
    chars = tips = pages = bare = 0
    shown: set[str] = set()
    for bulletin in site.bulletins:
        for article in bulletin.articles:
            pages += 1
            page_tips = 0
            for block in article.all_blocks:
                chars += len(block.text)
                spans = site.terms.spans_for(bulletin, article, block)
                page_tips += len(spans)
                shown.update(dict(span.attrs)["data-term"] for span in spans)
            tips += page_tips
            bare += page_tips == 0
    return chars, tips, len(shown), pages, bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=list(DEFAULT_FILES))
    parser.add_argument("--glossary", type=Path, default=ROOT / "docs" / "glossary.yml")
    args = parser.parse_args()
    print(f"{'bulletin':<16}{'chars':>8}{'tooltips':>10}{'per 1k':>8}{'entries':>9}{'pages':>7}{'bare':>6}")
    for path in args.files:
        chars, tips, entries, pages, bare = density(path, args.glossary)
        per_k = 1000 * tips / chars if chars else 0.0
        print(f"{path.stem:<16}{chars:>8}{tips:>10}{per_k:>8.1f}{entries:>9}{pages:>7}{bare:>6}")


if __name__ == "__main__":
    main()
