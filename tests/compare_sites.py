"""Compare two builds of the site, e.g. MkDocs' and ProperDocs' (``make properdocs``): the same pages, byte for byte.

Usage::

    python tests/compare_sites.py SITE_A SITE_B [--summary FILE]

Every file must exist in both sites. A file whose bytes differ passes only if it is an HTML page (or an HTML
member of a zip such as the offline download, whose members must otherwise match name for name, byte for byte)
that becomes identical once its generator tag — ``<meta name="generator" content="…">``, which names the tool
and its version — is removed. Any other difference fails (exit status 1) and is shown as the first lines of a
diff. A summary is printed, and appended to ``--summary`` (the job summary on GitHub Actions) as Markdown.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# Material writes `<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">`; under ProperDocs its
# `mkdocs_version` is "ProperDocs 1.6.7". Nothing else is allowed to differ.
GENERATOR = re.compile(rb'<meta\s+name="generator"\s+content="([^"]*)"\s*/?>')
HTML = (".html", ".htm")
DIFF_LINES = 12


@dataclass
class Comparison:
    names: tuple[str, str]
    files: int = 0
    pages: int = 0
    identical: int = 0
    generator_only: list[str] = field(default_factory=list)  # paths (zip members as zip!member)
    generators: tuple[Counter[str], Counter[str]] = field(default_factory=lambda: (Counter(), Counter()))
    only: tuple[list[str], list[str]] = field(default_factory=lambda: ([], []))
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.only[0] and not self.only[1] and self.pages > 0


def without_generator(data: bytes) -> bytes:
    return GENERATOR.sub(b"", data)


def _diff(a: bytes, b: bytes, path: str, names: tuple[str, str]) -> str:
    try:
        left, right = a.decode("utf-8").splitlines(), b.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return f"{path}: binary content differs ({len(a)} and {len(b)} bytes)"
    lines = list(difflib.unified_diff(left, right, f"{names[0]}/{path}", f"{names[1]}/{path}", lineterm="", n=0))
    shown = [line[:200] for line in lines[:DIFF_LINES]]
    return "\n".join([*shown, f"… {len(lines) - DIFF_LINES} more diff lines"] if len(lines) > DIFF_LINES else shown)


def compare_bytes(result: Comparison, path: str, a: bytes, b: bytes) -> None:
    """One file (or zip member) present on both sides."""
    if path.endswith(HTML):
        result.pages += 1
        for side, data in enumerate((a, b)):
            result.generators[side].update(m.decode("utf-8", "replace") for m in GENERATOR.findall(data))
    if a == b:
        result.identical += 1
    elif path.endswith(HTML) and without_generator(a) == without_generator(b):
        result.generator_only.append(path)
    elif path.endswith(".zip"):
        compare_zips(result, path, a, b)
    else:
        result.problems.append(_diff(without_generator(a), without_generator(b), path, result.names))


def compare_zips(result: Comparison, path: str, a: bytes, b: bytes) -> None:
    import io

    with zipfile.ZipFile(io.BytesIO(a)) as za, zipfile.ZipFile(io.BytesIO(b)) as zb:
        infos_a, infos_b = za.infolist(), zb.infolist()
        names_a, names_b = [i.filename for i in infos_a], [i.filename for i in infos_b]
        if names_a != names_b:
            missing, extra = sorted(set(names_a) - set(names_b)), sorted(set(names_b) - set(names_a))
            result.problems.append(f"{path}: members differ (only in {result.names[0]}: {missing[:10]}, "
                                   f"only in {result.names[1]}: {extra[:10]}, or another order)")
            return
        problems_before = len(result.problems)
        for info_a, info_b in zip(infos_a, infos_b, strict=True):
            member = f"{path}!{info_a.filename}"
            attributes = ("date_time", "external_attr", "compress_type", "create_system")
            if any(getattr(info_a, x) != getattr(info_b, x) for x in attributes):
                result.problems.append(f"{member}: zip entry attributes differ")
            if not info_a.is_dir():
                compare_bytes(result, member, za.read(info_a), zb.read(info_b))
        if len(result.problems) == problems_before:
            result.generator_only.append(path)  # the archive differs only by its members' generator tags


def compare_sites(a: Path, b: Path) -> Comparison:
    result = Comparison((a.name, b.name))
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    result.only[0].extend(sorted(files_a - files_b))
    result.only[1].extend(sorted(files_b - files_a))
    for path in sorted(files_a & files_b):
        result.files += 1
        compare_bytes(result, path, (a / path).read_bytes(), (b / path).read_bytes())
    return result


def summary(result: Comparison) -> list[str]:
    left, right = result.names
    verdict = "the same pages" if result.ok else "**different**"
    lines = [f"### Site built by `{left}` against the site built by `{right}`: {verdict}", ""]
    pages = [p for p in result.generator_only if "!" not in p and not p.endswith(".zip")]
    zips = [p for p in result.generator_only if p.endswith(".zip")]
    members = [p for p in result.generator_only if "!" in p]
    lines.append(f"- {result.files} files in both sites, {result.pages} HTML pages (zip members included): "
                 f"{result.identical} files and zip members byte-identical; {len(pages)} pages differ only in "
                 f"the generator tag, and so do {len(members)} HTML members of {len(zips)} zip archive(s)")
    for side, name in enumerate(result.names):
        shown = ", ".join(f"`{g}` ({n})" for g, n in result.generators[side].most_common()) or "none"
        lines.append(f"- generator tags in `{name}`: {shown}")
    for side, name in enumerate(result.names):
        if result.only[side]:
            listed = ", ".join(f"`{p}`" for p in result.only[side][:20])
            lines.append(f"- **only in `{name}`** ({len(result.only[side])}): {listed}"
                         f"{' …' if len(result.only[side]) > 20 else ''}")
    if result.pages == 0:
        lines.append("- **no HTML page found**: nothing was compared")
    lines.append(f"- other differences: {len(result.problems) or 'none'}")
    for problem in result.problems[:10]:
        lines += ["", "```diff", problem, "```"]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_a", type=Path)
    parser.add_argument("site_b", type=Path)
    parser.add_argument("--summary", type=Path, help="append the summary (Markdown) to this file")
    args = parser.parse_args(argv)
    for site in (args.site_a, args.site_b):
        if not site.is_dir():
            parser.error(f"{site} is not a folder")
    result = compare_sites(args.site_a, args.site_b)
    text = "\n".join(summary(result)) + "\n"
    print(text, end="")
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
