"""The editorial report: what a change to the bulletins, the glossary or the conversion table does to the site.

Editors work by pull request and reviewers should not have to build the site to judge one. ``annotate
report`` gathers, for the bulletins changed since a git ref (or for all of them), what the site build would
do with them — the outline, how it differs from the base version, segmentation oddities, glossary gaps,
the Traditional conversion review queue for new text, cross-references, build figures — and prints it as
Markdown for GitHub's job summary or as complete JSON.

Everything is gathered first as one JSON-ready dict (:func:`build_report`); the Markdown is rendered from
that dict (:func:`render_markdown`), so both formats always carry the same data and a saved JSON report can
be rendered again. Git is called through ``subprocess`` only to list changed paths and read old versions.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import groupby
from pathlib import Path, PurePosixPath
from typing import Any

import jieba

from . import offline
from .cli import OUTLINE_KINDS
from .convert import Converter, ReviewItem, format_review, glossary_words
from .edition import ConversionSettings
from .errors import USER_ERRORS
from .glossary import Glossary, load_glossary
from .metadata import load_meta
from .model import Article, BlockKind, Bulletin
from .reader import InputError, SourceText, read_path, read_text
from .search_pagefind import index_sizes
from .segment import DIRECTIVE_PREFIX, segment_source
from .settings import ConfigFile, Settings
from .site import article_terms, bulletin_files, load_site_glossary, load_xref_settings
from .terms import TermMatcher, terms_report
from .xref import XrefSettings, build_xref

# GitHub refuses a job summary above 1 MiB per step; a little headroom for what the workflow adds.
SUMMARY_LIMIT = 1_000_000
# Figures the build may leave (stage timings, sizes): in the site folder, or else in the build cache.
BUILD_INFO = (".annotate-build.json", "../.cache/annotate/build-stats.json")
SHORT_PARAGRAPHS = 2  # fewer body paragraphs than this: probably a header run cut off its article
SHORT_CHARS = 80  # fewer body characters than this: the same, or a notice glued to the wrong article
LONG_CHARS = 30_000  # more than this: probably two articles the segmenter did not separate
LONG_TITLE = 60  # more than this: probably a first paragraph taken for a title
SIMILAR_BODY = 0.5  # share of identical body blocks for an article with a new title to count as retitled
STATUS_LABELS = {
    "added": "新增 added",
    "modified": "修改 modified",
    "deleted": "删除 deleted",
    "unchanged": "未改 unchanged",
    "current": "现有 current",
}


HEADER_LABELS = {"title": "标题", "kicker": "引题", "subtitle": "副题"}


class ReportError(Exception):
    """A report that cannot be made (unknown git ref, not a repository, bad settings): one line, no traceback."""


# ------------------------------------------------------------------------------------------------ git


def git(args: Sequence[str], cwd: Path) -> bytes:
    """Run git and return its stdout; any failure becomes a :class:`ReportError` with git's own message."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as err:
        raise ReportError(f"cannot run git: {err.strerror}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReportError(f"git {' '.join(args)}: {message[-1] if message else f'exit {done.returncode}'}")
    return done.stdout


def git_lines(args: Sequence[str], cwd: Path) -> list[str]:
    return [line for line in git(args, cwd).decode("utf-8", "surrogateescape").splitlines() if line]


@dataclass(frozen=True, slots=True)
class Base:
    """The ref the report compares with. ``commit`` is where the branch left it (the merge base), because
    ``REF...HEAD`` lists changes since then: comparing with REF's tip would show other people's later
    changes on REF as if this branch had undone them."""

    ref: str
    tip: str
    commit: str
    root: Path  # top level of the working tree; git paths are relative to it

    def show(self, path: str) -> bytes | None:
        """``path`` (relative to the top level) as it was at the base, or None if it did not exist."""
        spec = f"{self.commit}:{path}"
        exists = subprocess.run(["git", "cat-file", "-e", spec], cwd=self.root, capture_output=True, check=False)
        return git(["show", spec], self.root) if exists.returncode == 0 else None

    def files_under(self, path: str) -> list[str]:
        """Files at the base at ``path`` itself or below it (a glossary may be a folder)."""
        return git_lines(["ls-tree", "-r", "--name-only", self.commit, "--", path], self.root)


def resolve_base(ref: str, cwd: Path) -> Base:
    """Check the ref before any heavy work, so a typo fails at once with one clear line."""
    try:
        root = Path(git(["rev-parse", "--show-toplevel"], cwd).decode().strip())
    except ReportError:
        raise ReportError(f"{cwd}: not inside a git working tree (needed for --base)") from None
    try:
        tip = git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root).decode().strip()
    except ReportError:
        raise ReportError(f"unknown git ref “{ref}” (未知的 git 引用; fetch it or check the name)") from None
    try:
        commit = git(["merge-base", tip, "HEAD"], root).decode().strip()
    except ReportError:
        commit = tip  # no common history (e.g. a shallow clone): compare with the tip itself
    return Base(ref, tip, commit, root)


def changed_paths(base: Base) -> set[str]:
    """Paths changed on this branch since the base, plus uncommitted and untracked ones (a local run
    before committing should show the edit being made). Renames count as a deletion and an addition."""
    committed = git_lines(["diff", "--name-only", "--no-renames", f"{base.commit}...HEAD"], base.root)
    worktree = git_lines(["diff", "--name-only", "--no-renames", "HEAD"], base.root)
    untracked = git_lines(["ls-files", "--others", "--exclude-standard"], base.root)
    return {*committed, *worktree, *untracked}


# ----------------------------------------------------------------------------------------- the project


@dataclass(slots=True)
class Layout:
    """Where the report finds things: the same settings the site build reads from ``mkdocs.yml``."""

    root: Path  # git top level, or the working directory outside git
    docs: Path
    site: Path
    settings: Settings
    conversion: ConversionSettings
    xref: XrefSettings

    @classmethod
    def load(cls, docs: Path | None, site: Path | None, config: Path) -> Layout:
        found = ConfigFile.read(config)
        settings = found.settings
        conversion = ConversionSettings.from_mapping(settings.conversion, str(config))
        docs = docs or found.docs_dir
        site = site or found.site_dir
        try:
            xref = load_xref_settings(docs, settings)  # exactly what the site build uses
        except ValueError as err:
            raise ReportError(str(err)) from None
        return cls(Path.cwd(), docs, site, settings, conversion, xref)

    @property
    def bulletins(self) -> Path:
        return self.docs / self.settings.bulletins

    @property
    def glossary(self) -> Path:
        return self.docs / self.settings.glossary

    @property
    def overrides(self) -> Path:
        return self.docs / self.conversion.overrides

    def rel(self, path: Path) -> str:
        """``path`` as git names it (relative to the top level, with forward slashes)."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def current_files(self) -> list[Path]:
        return bulletin_files(self.docs, self.settings)


def _under(path: str, target: str) -> bool:
    return path == target or path.startswith(target.rstrip("/") + "/")


@dataclass(slots=True)
class Scope:
    """The bulletins the report covers and why."""

    files: list[tuple[str, str]]  # (git path of the .txt, status)
    all: bool
    reasons: list[str] = field(default_factory=list)
    config_changed: list[str] = field(default_factory=list)


def find_scope(layout: Layout, base: Base | None) -> Scope:
    """Without a base: every bulletin. With one: those whose text or sidecar changed — or every bulletin
    when the glossary or the conversion table changed, since either can change every page."""
    current = {layout.rel(p) for p in layout.current_files()}
    if base is None:
        return Scope([(p, "current") for p in sorted(current)], True, ["未指定 --base：报告全部期刊 (all bulletins)"])
    folder = layout.rel(layout.bulletins)
    changed = changed_paths(base)
    touched: set[str] = set()
    for path in changed:
        pure = PurePosixPath(path)
        if pure.parent.as_posix() == folder and pure.suffix.lower() in (".txt", ".yml"):
            touched.add(pure.with_suffix(".txt").as_posix() if pure.suffix.lower() == ".yml" else path)
    settings = (layout.rel(layout.glossary), layout.rel(layout.overrides))
    config = [p for p in settings if any(_under(c, p) for c in changed)]
    chosen = touched | current if config else touched
    reasons = [f"{p} 有改动：报告全部期刊 (changed: all bulletins included)" for p in config]
    files = []
    for path in sorted(chosen):
        if path not in current:
            status = "deleted" if base.show(path) is not None else ""
        elif path not in touched:
            status = "unchanged"
        else:
            status = "modified" if base.show(path) is not None else "added"
        if status:  # an untracked-then-removed path existed nowhere: nothing to report
            files.append((path, status))
    return Scope(files, bool(config), reasons, config)


# ------------------------------------------------------------------------------------------- bulletins


def paragraphs(article: Article) -> int:
    """Body blocks that are text, counted as ``annotate segment`` counts them."""
    return sum(1 for b in article.blocks if b.kind not in OUTLINE_KINDS)


def body_chars(article: Article) -> int:
    return sum(len(b.text) for b in article.blocks if b.kind is not BlockKind.SOURCE)


def outline(bulletin: Bulletin) -> list[dict[str, Any]]:
    """One row per article: what a reviewer checks first — where the segmenter cut, and the headers."""
    rows = []
    for article in bulletin.articles:
        rows.append(
            {
                "slug": article.slug,
                "title": article.title,
                "kicker": article.kicker,
                "subtitle": article.subtitle,
                "first_line": article.first_line,
                "last_line": article.last_line,
                "paragraphs": paragraphs(article),
                "blocks": len(article.blocks),
                "chars": body_chars(article),
                "source": article.source,
                "source_line": article.source_line,
                "headings": [{"line": b.line, "level": b.level, "text": b.text} for b in article.headings],
            }
        )
    return rows


def source_groups(bulletin: Bulletin) -> list[dict[str, Any]]:
    """Consecutive articles credited to the same outlet (one “以上均来源于…” line closes each group)."""
    groups: list[dict[str, Any]] = []
    for article in bulletin.articles:
        if groups and groups[-1]["source"] == article.source:
            groups[-1]["articles"].append(article.slug)
        else:
            groups.append({"source": article.source, "articles": [article.slug]})
    return groups


def content_lines(source: SourceText) -> list[tuple[int, str]]:
    """Non-blank, non-directive source lines: every one of them must end up in some block."""
    out = []
    for number, raw in enumerate(source.lines, start=1):
        text = raw.strip()
        if text and not text.startswith(DIRECTIVE_PREFIX):
            out.append((number, raw))
    return out


def segmentation_warnings(bulletin: Bulletin, source: SourceText) -> list[dict[str, Any]]:
    """Oddities worth a human look; each names the article and line so the editor can jump there."""
    found: list[dict[str, Any]] = []

    def warn(kind: str, line: int, message: str, article: str | None = None) -> None:
        found.append({"kind": kind, "line": line, "article": article, "message": message})

    for a in bulletin.articles:
        count, chars = paragraphs(a), body_chars(a)
        if count < SHORT_PARAGRAPHS or chars < SHORT_CHARS:
            warn("short", a.first_line, f"文章很短：{count} 段，{chars} 字 (very short article)", a.slug)
        if chars > LONG_CHARS:
            warn("long", a.first_line, f"文章很长：{chars} 字，可能未分开 (very long article)", a.slug)
        if len(a.title) > LONG_TITLE:
            warn("long-title", a.first_line, f"标题很长：{len(a.title)} 字 (very long title)", a.slug)
    for doubt in bulletin.warnings:
        fix = f"；在第 {doubt.line} 行上面加一行 `{doubt.directive}`" if doubt.directive else ""
        warn("doubt", doubt.line, doubt.message + fix)
    for d in bulletin.directives:
        warn("directive", d.line, f"使用了指令 %% {d.name}{' ' + d.argument if d.argument else ''} (directive used)")
    covered = {n for a in bulletin.articles for b in a.all_blocks for n in b.lines}
    for number, raw in content_lines(source):
        if number not in covered:
            warn("uncovered", number, f"此行不属于任何文章 (line in no article): {raw.strip()[:40]}")
    return sorted(found, key=lambda w: (w["line"], w["kind"]))


def _span(article: Article) -> dict[str, int]:
    return {
        "first_line": article.first_line,
        "last_line": article.last_line,
        "lines": article.last_line - article.first_line + 1,
        "blocks": len(article.blocks),
    }


def _body(article: Article) -> list[str]:
    return [b.text for b in article.blocks if b.kind is not BlockKind.SOURCE]


def _similarity(old: Article, new: Article) -> float:
    before, after = _body(old), _body(new)
    if not before or not after:  # two empty bodies are "identical" to difflib, yet say nothing
        return 0.0
    return SequenceMatcher(None, before, after, autojunk=False).ratio()


def _pair_articles(old: list[Article], new: list[Article]) -> tuple[list[tuple[int, int]], set[int], set[int]]:
    """Old ↔ new article pairs: same titles in order first, then same titles out of order (moved), then
    articles whose body mostly survived under a new title (retitled). The rest were added or removed."""
    matcher = SequenceMatcher(None, [a.title for a in old], [a.title for a in new], autojunk=False)
    pairs = [(i, j) for block in matcher.get_matching_blocks() for i, j in zip(
        range(block.a, block.a + block.size), range(block.b, block.b + block.size), strict=True)]
    left_old = set(range(len(old))) - {i for i, _ in pairs}
    left_new = set(range(len(new))) - {j for _, j in pairs}
    for i in sorted(left_old):
        j = next((j for j in sorted(left_new) if new[j].title == old[i].title), None)
        if j is not None:
            pairs.append((i, j))
            left_old.discard(i)
            left_new.discard(j)
    scored = sorted(
        ((_similarity(old[i], new[j]), i, j) for i in left_old for j in left_new), key=lambda t: (-t[0], t[1], t[2])
    )
    for score, i, j in scored:
        if score >= SIMILAR_BODY and i in left_old and j in left_new:
            pairs.append((i, j))
            left_old.discard(i)
            left_new.discard(j)
    return sorted(pairs, key=lambda p: p[1]), left_old, left_new


def longest_increasing(values: list[int]) -> set[int]:
    """The values of one longest increasing subsequence: the articles that kept their relative order, so
    that one article moved is reported as one move, not as every article it jumped over."""
    tails: list[int] = []  # position in ``values`` of the smallest tail of an increasing run of each length
    previous = [-1] * len(values)
    for k, value in enumerate(values):
        length = bisect_left([values[t] for t in tails], value)
        if length:
            previous[k] = tails[length - 1]
        if length == len(tails):
            tails.append(k)
        else:
            tails[length] = k
    kept: set[int] = set()
    k = tails[-1] if tails else -1
    while k >= 0:
        kept.add(values[k])
        k = previous[k]
    return kept


def compare(old: Bulletin | None, new: Bulletin | None) -> dict[str, list[dict[str, Any]]]:
    """What changed between the base version and now, article by article.

    Re-cut means the same article now spans a different number of lines or blocks: a boundary moved, or
    text was added or removed inside it. An article merely shifted down by an insertion above it keeps
    its span length, so it is not reported (otherwise one new article would flag every later one).
    """
    old_articles = old.articles if old else []
    new_articles = new.articles if new else []
    pairs, removed, added = _pair_articles(old_articles, new_articles)
    changes: dict[str, list[dict[str, Any]]] = {"added": [], "removed": [], "recut": [], "retitled": [], "moved": []}
    for j in sorted(added):
        a = new_articles[j]
        changes["added"].append({"slug": a.slug, "title": a.title, **_span(a)})
    for i in sorted(removed):
        a = old_articles[i]
        changes["removed"].append({"slug": a.slug, "title": a.title, **_span(a)})
    in_order = longest_increasing([i for i, _ in pairs])
    for i, j in pairs:
        before, after = old_articles[i], new_articles[j]
        entry = {"slug": after.slug, "old_slug": before.slug, "title": after.title}
        span_old, span_new = _span(before), _span(after)
        if (span_old["lines"], span_old["blocks"]) != (span_new["lines"], span_new["blocks"]):
            changes["recut"].append({**entry, "old": span_old, "new": span_new})
        headers = {
            key: {"old": getattr(before, key), "new": getattr(after, key)}
            for key in ("title", "kicker", "subtitle")
            if getattr(before, key) != getattr(after, key)
        }
        if headers:
            changes["retitled"].append({**entry, "changes": headers})
        if i not in in_order:
            changes["moved"].append({**entry, "old_position": i + 1, "new_position": j + 1})
    return changes


@dataclass(slots=True)
class Loaded:
    """One bulletin of the report, current and base versions (either may be missing)."""

    path: str
    status: str
    current: Bulletin | None
    source: SourceText | None
    base: Bulletin | None = None
    base_source: SourceText | None = None
    base_error: str | None = None


def load_scope(layout: Layout, scope: Scope, base: Base | None) -> list[Loaded]:
    """Segment each bulletin in scope; the current version must be valid (the build would fail on it),
    a base version that no longer segments is only noted."""
    loaded = []
    for path, status in scope.files:
        current = source = None
        if status != "deleted":
            file = layout.root / path
            source = read_path(file)
            current = segment_source(source, load_meta(file))
        item = Loaded(path, status, current, source)
        if base is not None and status in ("modified", "deleted"):
            data = base.show(path)
            if data is not None:
                try:
                    item.base_source = read_text(data, f"{base.ref}:{path}")
                    item.base = segment_source(item.base_source)
                except InputError as err:
                    item.base_error = str(err)
        loaded.append(item)
    return loaded


def bulletin_section(item: Loaded, with_base: bool) -> dict[str, Any]:
    shown = item.current or item.base
    assert shown is not None
    data: dict[str, Any] = {
        "path": item.path,
        "status": item.status,
        "source": shown.source,
        "slug": shown.slug,
        "title": shown.title,
        "articles": outline(item.current) if item.current else [],
        "groups": source_groups(item.current) if item.current else [],
        "warnings": segmentation_warnings(item.current, item.source) if item.current and item.source else [],
        "changes": None,
    }
    if with_base and item.status != "unchanged":
        data["changes"] = compare(item.base, item.current)
        if item.base_error:
            data["base_error"] = item.base_error
    return data


# -------------------------------------------------------------------------------------------- glossary


def block_texts(bulletin: Bulletin) -> list[tuple[int, str]]:
    return [(block.line, block.text) for article in bulletin.articles for block in article.all_blocks]


def matched_terms(bulletin: Bulletin, matcher: TermMatcher) -> Counter[str]:
    return Counter(m.entry.term for _, text in block_texts(bulletin) for m in matcher.find(text))


def base_glossary(layout: Layout, base: Base) -> Glossary | None:
    """The glossary as it was at the base (a file or a folder of files), or None if it had none or it
    did not load then: every term is then new."""
    rel = layout.rel(layout.glossary)
    files = base.files_under(rel)
    if not files:
        return None
    with tempfile.TemporaryDirectory(prefix="annotate-report-") as tmp:
        for name in files:
            target = Path(tmp, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base.show(name) or b"")
        try:
            return load_glossary(Path(tmp, rel))
        except USER_ERRORS:
            return None


def glossary_section(
    layout: Layout, everything: list[Bulletin], items: list[Loaded], base: Base | None
) -> dict[str, Any] | None:
    """Candidates in the bulletins under review; unused entries over the whole archive (an entry unused in
    the changed bulletin may be used elsewhere); with a base, terms the changed bulletins match now but
    did not match at the base."""
    if not layout.glossary.exists():
        return None
    glossary = load_glossary(layout.glossary)
    whole = terms_report([(b.source, block_texts(b)) for b in everything], glossary)
    focus = [i.current for i in items if i.current is not None]
    if len(focus) == len(everything):
        part = whole
    else:
        part = terms_report([(b.source, block_texts(b)) for b in focus], glossary)
    data: dict[str, Any] = {
        "path": layout.rel(layout.glossary),
        "entries": whole["glossary"]["entries"],
        "forms": whole["glossary"]["forms"],
        "candidates": part["candidates"],
        "unused": whole["unused"],
        "shadowed": whole["shadowed"],
        "newly_matched": None,
    }
    if base is not None:
        matcher = TermMatcher(glossary)
        old_glossary = base_glossary(layout, base)
        old_matcher = TermMatcher(old_glossary) if old_glossary is not None else None
        newly = []
        for item in items:
            if item.current is None:
                continue
            # An unchanged bulletin (in scope because the glossary changed) had the same text at the base.
            was = item.current if item.status == "unchanged" else item.base
            now = matched_terms(item.current, matcher)
            before = matched_terms(was, old_matcher) if was is not None and old_matcher else Counter()
            terms = [
                {"term": t, "anchor": glossary[t].anchor, "count": n} for t, n in now.most_common() if t not in before
            ]
            if terms:
                newly.append({"source": item.current.source, "terms": terms})
        data["newly_matched"] = newly
    return data


# ---------------------------------------------------------------------------------------- conversion


def review_lines(item: Loaded, base_text: Iterable[str] | None) -> list[tuple[int, str]]:
    """Source lines to review: all of them, or (with a base version) those whose text is new."""
    assert item.source is not None
    lines = content_lines(item.source)
    if base_text is None:
        return lines
    old = {line.strip() for line in base_text}
    return [(n, raw) for n, raw in lines if raw.strip() not in old]


def conversion_section(layout: Layout, items: list[Loaded], whole: bool) -> dict[str, Any] | None:
    """The ``annotate convert --review`` queue for new text, with the converter the Traditional edition
    uses (same profile, override table and glossary words). ``whole``: review every line, not only the
    new ones — when the override table or the glossary changed, any line may now convert differently."""
    if not layout.conversion.enabled:
        return None
    glossary = load_glossary(layout.glossary) if layout.glossary.exists() else None
    overrides = layout.overrides if layout.overrides.exists() else None
    words = glossary_words(glossary) if glossary is not None else []
    jieba.setLogLevel(40)  # jieba announces its dictionary loading on stderr, which CI shows as noise
    converter = Converter.from_files(layout.conversion.profile, overrides, words)
    queue: list[dict[str, Any]] = []
    reviewed = 0
    for item in items:
        if item.current is None or item.source is None:
            continue
        old = item.base_source.lines if not whole and item.base_source is not None else None
        lines = review_lines(item, old)
        reviewed += len(lines)
        for review in converter.review(lines):
            queue.append({"source": item.path, **review.to_json()})
    by_char = Counter((q["char"], q["chosen"]) for q in queue)
    return {
        "profile": layout.conversion.profile,
        "overrides": layout.rel(layout.overrides) if overrides else None,
        "lines": reviewed,
        "items": queue,
        "by_char": [{"char": c, "chosen": t, "count": n} for (c, t), n in by_char.most_common()],
    }


# --------------------------------------------------------------------------------------------- xref


def xref_section(layout: Layout, everything: list[Bulletin], items: list[Loaded]) -> dict[str, Any]:
    """Links computed over the whole archive (a new bulletin links to old ones), kept when one end lies in a
    bulletin under review."""
    terms = article_terms(everything, load_site_glossary(layout.docs, layout.settings))
    index: dict[str, Any] = build_xref(everything, layout.xref, terms).to_json()
    focus = {i.current.slug for i in items if i.current is not None}

    def touches(*slugs: str) -> bool:
        return any(s in focus for s in slugs)

    return {
        "links": [x for x in index["links"] if touches(x["a"]["bulletin"], x["b"]["bulletin"])],
        "references": [
            x for x in index["references"] if touches(x["from"]["bulletin"], x["to"]["bulletin"])
        ],
        "related": [
            x for x in index["related"] if touches(x["a"].split("/")[0], x["b"].split("/")[0])
        ],
        "warnings": index["warnings"],
    }


# -------------------------------------------------------------------------------------------- build


def _size(path: Path) -> int | None:
    return path.stat().st_size if path.is_file() else None


def build_section(layout: Layout) -> dict[str, Any] | None:
    """Figures from the built site, if there is one: pages and search index per edition, zip size, and
    whatever the build recorded in ``site/.annotate-build.json`` (build time)."""
    site = layout.site
    if not (site / "index.html").is_file():
        return None
    prefix = layout.conversion.prefix.strip("/")
    traditional = site / prefix
    pages = [p for p in site.rglob("*.html") if not _under(p.relative_to(site).as_posix(), prefix)]
    editions = [{"edition": "zh-Hans", "pages": len(pages), **index_sizes(site)}]
    if traditional.is_dir():
        editions.append(
            {"edition": "zh-Hant", "pages": sum(1 for _ in traditional.rglob("*.html")), **index_sizes(traditional)}
        )
    info: dict[str, Any] | None = None
    for name in BUILD_INFO:
        try:
            loaded = json.loads((site / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(loaded, dict):
            info = loaded
            break
    return {
        "site": layout.rel(site),
        "editions": editions,
        "offline_zip": _size(site / offline.DOWNLOADS / offline.ZIP_NAME),
        "build_info": info,
    }


# ------------------------------------------------------------------------------------------- report


def build_report(layout: Layout, base: Base | None) -> dict[str, Any]:
    """Everything the report shows, as JSON-ready data (the ``--format json`` document)."""
    if base is not None:
        layout.root = base.root
    scope = find_scope(layout, base)
    items = load_scope(layout, scope, base)
    by_path = {i.path: i.current for i in items if i.current is not None}
    everything = [
        by_path.get(layout.rel(p)) or segment_source(read_path(p), load_meta(p)) for p in layout.current_files()
    ]
    return {
        "base": {"ref": base.ref, "tip": base.tip, "commit": base.commit} if base else None,
        "scope": {
            "all": scope.all,
            "reasons": scope.reasons,
            "config_changed": scope.config_changed,
            "bulletins": len(items),
            "archive": len(everything),
        },
        "build": build_section(layout),
        "bulletins": [bulletin_section(i, base is not None) for i in items],
        "glossary": glossary_section(layout, everything, items, base),
        "xref": xref_section(layout, everything, items),
        "conversion": conversion_section(layout, items, whole=bool(scope.config_changed)),
    }


# ------------------------------------------------------------------------------------------ markdown


def esc(text: object) -> str:
    """Text safe inside Markdown and a table cell: no HTML, no emphasis, no column breaks."""
    out = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "\\`*_[]|#~":
        out = out.replace(char, "\\" + char)
    return out.replace("\n", " ")


def code(text: str) -> str:
    return "`" + text.replace("`", "'") + "`"


def clip(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[:size] + "……"


def human(size: int | None) -> str:
    return "—" if size is None else offline.human_size(size)


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def capped(items: list[Any], cap: int | None) -> tuple[list[Any], str]:
    """The first ``cap`` items and, when some are left out, the note that says so."""
    if cap is None or len(items) <= cap:
        return items, ""
    return items[:cap], f"\n\n…另有 {len(items) - cap} 项未列出（{len(items) - cap} more; see `--format json`）"


def details(summary: str, body: str, open_: bool = False) -> str:
    """A collapsible block; the blank lines let GitHub render the Markdown inside it."""
    return f"<details{' open' if open_ else ''}><summary>{summary}</summary>\n\n{body}\n\n</details>"


def _header(report: dict[str, Any]) -> str:
    out = ["# 编辑报告 Editorial report"]
    base, scope = report["base"], report["scope"]
    if base:
        short = base["commit"][:10]
        tip = ""
        if base["tip"] != base["commit"]:
            tip = f"（分支点 merge base；{code(base['ref'])} 现为 `{base['tip'][:10]}`）"
        out.append(f"对比基准 Base: {code(base['ref'])} = `{short}`{tip}")
    out.append(f"报告的期刊 Bulletins in this report: {scope['bulletins']}（共 {scope['archive']} 期 in the archive）")
    out += [f"> {esc(reason)}" for reason in scope["reasons"]]
    if base and not scope["bulletins"]:
        out.append("> 自基准以来没有期刊改动 (no bulletin changed since the base)")
    return "\n\n".join(out)


def _summary(report: dict[str, Any]) -> str:
    rows: list[tuple[str, object]] = []
    statuses = Counter(b["status"] for b in report["bulletins"])
    rows.append(("期刊 bulletins", "，".join(f"{STATUS_LABELS[s]} {n}" for s, n in statuses.items()) or "0"))
    if report["base"]:
        for key, label in (("added", "新增文章 articles added"), ("removed", "删除文章 removed"),
                           ("recut", "重新分段 re-cut"), ("retitled", "标题改动 retitled"), ("moved", "移动 moved")):
            rows.append((label, sum(len((b["changes"] or {}).get(key, [])) for b in report["bulletins"])))
    rows.append(("文章 articles", sum(len(b["articles"]) for b in report["bulletins"])))
    rows.append(("分段提示 segmentation warnings", sum(len(b["warnings"]) for b in report["bulletins"])))
    if report["glossary"]:
        g = report["glossary"]
        rows.append(("缺词条的候选术语 candidate terms", len(g["candidates"])))
        rows.append(("未使用的词条 unused entries", len(g["unused"])))
        if g["newly_matched"] is not None:
            rows.append(("新匹配的术语 newly matched terms", sum(len(b["terms"]) for b in g["newly_matched"])))
    x = report["xref"]
    rows.append(("相关段落 / 引用 / 相关文章 passages / references / related", f"{len(x['links'])} / "
                 f"{len(x['references'])} / {len(x['related'])}"))
    if report["conversion"]:
        c = report["conversion"]
        rows.append(("繁体转换待审 conversion review", f"{len(c['items'])}（{c['lines']} 行 lines）"))
    return "## 概要 Summary\n\n" + table(("项目 item", "数量 count"), rows)


def _build(report: dict[str, Any], _cap: int | None) -> str:
    b = report["build"]
    if b is None:
        return "## 构建 Build\n\n未找到已构建的网站（no built site; run `make build` first）。"
    names = {"zh-Hans": "简体 zh-Hans", "zh-Hant": "繁體 zh-Hant"}
    rows = [(names.get(e["edition"], e["edition"]), e["pages"], human(e["search_index"]), human(e.get("pagefind")))
            for e in b["editions"]]
    headers = ("版本 edition", "页面 pages", "离线检索索引 offline search index", "在线检索 Pagefind (chunked)")
    out = ["## 构建 Build", table(headers, rows)]
    out.append(f"离线包 offline zip: {human(b['offline_zip'])}")
    info = b["build_info"] or {}
    seconds = next((info[k] for k in ("total_seconds", "seconds") if isinstance(info.get(k), int | float)), None)
    out.append("构建时间 build time: " + (f"{seconds:.1f} s" if seconds is not None else "未记录 (not recorded)"))
    stages = info.get("stages")
    if isinstance(stages, dict) and stages:
        timed = sorted(((k, v) for k, v in stages.items() if isinstance(v, int | float)), key=lambda kv: -kv[1])
        rows = [(esc(k), f"{v:.2f}") for k, v in timed]
        out.append(details(f"各阶段用时 stage timings ({len(rows)})", table(("阶段 stage", "秒 s"), rows)))
    return "\n\n".join(out)


def _changes(changes: dict[str, list[dict[str, Any]]], cap: int | None) -> str:
    out: list[str] = []

    def span(s: dict[str, int]) -> str:
        return f"L{s['first_line']}–{s['last_line']}，{s['blocks']} 块"

    for entry in capped(changes["added"], cap)[0]:
        out.append(f"- **新增 added** {entry['slug']} {esc(entry['title'])}（{span(entry)}）")
    for entry in capped(changes["removed"], cap)[0]:
        out.append(f"- **删除 removed** {entry['slug']} {esc(entry['title'])}（原 {span(entry)}）")
    for entry in capped(changes["retitled"], cap)[0]:
        parts = [
            f"{HEADER_LABELS.get(k, k)}：“{esc(v['old'] or '')}” → “{esc(v['new'] or '')}”"
            for k, v in entry["changes"].items()
        ]
        out.append(f"- **标题改动 retitled** {entry['slug']}：" + "；".join(parts))
    for entry in capped(changes["recut"], cap)[0]:
        out.append(
            f"- **重新分段 re-cut** {entry['slug']} {esc(entry['title'])}：{span(entry['old'])} → {span(entry['new'])}"
        )
    for entry in capped(changes["moved"], cap)[0]:
        out.append(f"- **移动 moved** {esc(entry['title'])}：第 {entry['old_position']} → {entry['new_position']} 篇")
    total = sum(len(v) for v in changes.values())
    if total > len(out):
        out.append(f"- …另有 {total - len(out)} 项 (more in `--format json`)")
    return "\n".join(out) or "文章结构没有变化 (no change to the articles)。"


def _outline_table(b: dict[str, Any], cap: int | None) -> str:
    rows = []
    articles, note = capped(b["articles"], cap)
    for a in articles:
        cell = [f"**{esc(a['title'])}**"]
        if a["kicker"]:
            cell.insert(0, f"引题 {esc(a['kicker'])}")
        if a["subtitle"]:
            cell.append(f"副题 {esc(a['subtitle'])}")
        cell += [f"{'　' * max(h['level'] - 2, 0)}§ L{h['line']} {esc(clip(h['text']))}" for h in a["headings"][:12]]
        if len(a["headings"]) > 12:
            cell.append(f"…（共 {len(a['headings'])} 个小标题 headings）")
        rows.append((a["slug"], f"{a['first_line']}–{a['last_line']}", "<br>".join(cell), a["paragraphs"],
                     a["chars"], esc(a["source"] or "—")))
    return table(("#", "行 lines", "标题 title / 小标题 headings", "段 paras", "字 chars", "来源 source"), rows) + note


def _bulletin(b: dict[str, Any], cap: int | None) -> str:
    out = [f"## {esc(b['title'])} — {code(b['path'])}（{STATUS_LABELS[b['status']]}）"]
    if b.get("base_error"):
        out.append(f"> 基准版本无法分段 (base version does not segment): {esc(b['base_error'])}")
    if b["changes"] is not None:
        out += ["### 与基准相比 Changes against the base", _changes(b["changes"], cap)]
    if b["warnings"]:
        items, note = capped(b["warnings"], cap)
        body = "\n".join(
            f"- L{w['line']}{' 第' + w['article'] + '篇' if w['article'] else ''}：{esc(w['message'])}" for w in items
        )
        out += [f"### 分段提示 Segmentation warnings ({len(b['warnings'])})", body + note]
    if b["articles"]:
        groups = "；".join(
            f"{esc(g['source'] or '未注明 none')}（{g['articles'][0]}–{g['articles'][-1]}）" for g in b["groups"]
        )
        out.append(f"### 文章目录 Outline — {len(b['articles'])} 篇 articles")
        out.append(f"来源分组 source groups: {groups}")
        body = _outline_table(b, cap)
        out.append(details(f"{len(b['articles'])} 篇文章的目录 (outline)", body, open_=len(b["articles"]) <= 20))
    return "\n\n".join(out)


def _glossary(report: dict[str, Any], cap: int | None) -> str:
    g = report["glossary"]
    if g is None:
        return "## 术语表 Glossary\n\n没有术语表 (no glossary)。"
    out = [f"## 术语表 Glossary — {code(g['path'])}，{g['entries']} 条 entries，{g['forms']} 个词形 forms"]
    items, note = capped(g["candidates"], cap)
    rows = [
        (c["count"], esc(c["text"]), ",".join(c["kinds"]), f"{esc(c['source'])}:{c['line']}",
         "、".join(esc(t) for t in c["related"]) or "—")
        for c in items
    ]
    out.append(f"### 缺少词条的候选术语 Candidate terms without an entry ({len(g['candidates'])})")
    if rows:
        body = table(("次 count", "候选 phrase", "类型 kinds", "首次 first", "相关词条 related"), rows) + note
        out.append(details(f"{len(g['candidates'])} 个候选 candidates", body, open_=len(rows) <= 30))
    else:
        out.append("无 (none)。")
    if g["newly_matched"] is not None:
        count = sum(len(b["terms"]) for b in g["newly_matched"])
        out.append(f"### 新匹配的术语 Terms newly matched ({count})")
        lines = []
        for b in g["newly_matched"]:
            terms, more = capped(b["terms"], cap)
            lines.append(f"- {esc(b['source'])}：" + "、".join(f"{esc(t['term'])}×{t['count']}" for t in terms) + more)
        out.append("\n".join(lines) or "无 (none)。")
    items, note = capped(g["unused"], cap)
    out.append(f"### 未使用的词条 Entries used nowhere ({len(g['unused'])})")
    if items:
        body = "\n".join(f"- {esc(e['term'])}（{esc(e.get('source', ''))}:{e.get('line', '')}）" for e in items) + note
        out.append(details(f"{len(g['unused'])} 条未出现在任何期刊 (in no bulletin)", body))
    else:
        out.append("无 (none)。")
    if g["shadowed"]:
        out.append("只出现在更长词条里的词条 (found only inside longer terms): "
                   + "、".join(esc(e["term"]) for e in g["shadowed"]))
    return "\n\n".join(out)


def _place(p: dict[str, Any]) -> str:
    return f"{esc(p['bulletin'])}/{esc(p['article'])} L{p['line']}"


def _xref(report: dict[str, Any], cap: int | None) -> str:
    x = report["xref"]
    out = ["## 交叉引用 Cross-references"]
    links, note = capped(x["links"], cap)
    out.append(f"### 相关段落 Parallel passages ({len(x['links'])})")
    if links:
        rows = [(_place(k["a"]), _place(k["b"]), esc(clip(k["shared"])), f"{k['score']:.2f}") for k in links]
        body = table(("段落 A", "段落 B", "共有文字 shared", "分 score"), rows) + note
        out.append(details(f"{len(x['links'])} 处", body, open_=len(links) <= 20))
    else:
        out.append("无 (none)。")
    refs, note = capped(x["references"], cap)
    out.append(f"### 文件引用 Document references ({len(x['references'])})")
    if refs:
        rows = []
        for r in refs:
            target = r["to"]
            where = f"{esc(target['bulletin'])}/{esc(target['article'])}" + (
                f"#{esc(target['anchor'])}" if target["anchor"] else "")
            title = esc(clip(target.get("heading") or target["title"]))
            rows.append((_place(r["from"]), esc(clip(r["mention"])), where, title))
        body = table(("位置 from", "提及 mention", "指向 to", "标题 title"), rows) + note
        out.append(details(f"{len(x['references'])} 处", body, open_=len(refs) <= 20))
    else:
        out.append("无 (none)。")
    related, note = capped(x["related"], cap)
    if related:
        rows = [
            (esc(r["a"]), esc(r["b"]), esc(clip(r["title"], 30)), f"{r['score']:.2f}", esc(r["reason"]))
            for r in related
        ]
        out.append(f"### 相关文章 Related articles ({len(x['related'])})")
        body = table(("文章 article", "相关 related", "标题 title", "分 score", "理由 reason"), rows) + note
        out.append(details(f"{len(x['related'])} 条", body))
    out += [f"> warning: {esc(w)}" for w in x["warnings"]]
    return "\n\n".join(out)


def _conversion(report: dict[str, Any], cap: int | None) -> str:
    c = report["conversion"]
    if c is None:
        return "## 繁体转换 Conversion\n\n繁体版未启用 (Traditional edition disabled)。"
    scope = "新增或改动的行" if report["base"] else "全部行"
    out = [
        "## 繁体转换待审 Conversion review queue",
        f"{scope}（{c['lines']} 行 lines，{esc(c['profile'])}）中一简对多繁、且没有覆盖规则的字："
        f"{len(c['items'])} 处 (one-to-many characters no override decides)。"
        f" 覆盖规则 overrides: {code(c['overrides'] or '—')}",
    ]
    if not c["items"]:
        return "\n\n".join([*out, "无 (none)。"])
    groups, note = capped(c["by_char"], cap)
    example: dict[tuple[str, str], dict[str, Any]] = {}
    for item in c["items"]:
        example.setdefault((item["char"], item["chosen"]), item)
    rows = []
    for g in groups:
        e = example[(g["char"], g["chosen"])]
        rows.append((esc(g["char"]), esc(g["chosen"]), g["count"], f"{esc(e['source'])}:{e['line']}",
                     f"{esc(e['context'])} → {esc(e['context_converted'])}"))
    out.append(details(f"按字汇总 by character ({len(c['by_char'])})",
                       table(("简 char", "繁 chosen", "次 count", "首例 first", "上下文 context"), rows) + note,
                       open_=len(rows) <= 30))
    items, note = capped(c["items"], cap)
    text = "".join(
        format_review([ReviewItem(**{k: v for k, v in i.items() if k != "source"}) for i in group], source)
        for source, group in groupby(items, key=lambda i: i["source"])
    )
    fenced = "```text\n" + text.replace("`", "′") + "```"
    out.append(details(f"逐条 every occurrence ({len(c['items'])})", fenced + note))
    return "\n\n".join(out)


Section = Callable[[dict[str, Any], int | None], str]
CAPS: tuple[int | None, ...] = (None, 300, 100, 30, 10)


def _sections(report: dict[str, Any]) -> list[tuple[str, Section]]:
    """Sections in reading order; when the output is too long, the last ones go first — so the review
    queue (the longest, and complete in ``annotate convert --review``) goes before the outline does."""
    sections: list[tuple[str, Section]] = [("构建 Build", _build)]
    for b in report["bulletins"]:
        sections.append((f"{b['title']} {b['path']}", lambda _r, cap, b=b: _bulletin(b, cap)))
    sections += [
        ("术语表 Glossary", _glossary),
        ("交叉引用 Cross-references", _xref),
        ("繁体转换 Conversion", _conversion),
    ]
    return sections


def _size_of(parts: Iterable[str]) -> int:
    return len("\n\n".join(parts).encode("utf-8")) + 1


def _close_details(text: str) -> str:
    missing = text.count("<details") - text.count("</details>")
    return text + "\n\n</details>" * max(missing, 0)


def render_markdown(report: dict[str, Any], max_bytes: int = SUMMARY_LIMIT) -> str:
    """The report as GitHub Markdown of at most ``max_bytes`` bytes (UTF-8).

    Too long: lists are cut to fewer items first, then whole sections are dropped from the last one
    backwards, each with a visible note; as a last resort the text is cut at a line end.
    """
    head = [_header(report), _summary(report)]
    sections = _sections(report)
    for cap in CAPS:
        parts = [*head, *(render(report, cap) for _, render in sections)]
        if cap is not None:
            parts.insert(1, f"> ⚠️ 报告过长，列表最多显示 {cap} 项 (lists cut to {cap} items to fit the job summary; "
                            "full data: `--format json`)")
        if _size_of(parts) <= max_bytes:
            return "\n\n".join(parts) + "\n"
    for index in range(len(sections) - 1, -1, -1):
        title = sections[index][0]
        omitted = "> ⚠️ 本节因篇幅省略 (section omitted to fit the job summary; see `--format json`)"
        parts[index - len(sections)] = f"## {esc(title)}\n\n{omitted}"
        if _size_of(parts) <= max_bytes:
            return "\n\n".join(parts) + "\n"
    note = "\n\n> ⚠️ 报告在此截断 (report cut here to fit; see `--format json`)\n"
    text = "\n\n".join(parts)
    budget = max(max_bytes - len(note.encode()) - 64, 0)
    cut = text.encode("utf-8")[:budget].decode("utf-8", "ignore")
    cut = cut[: cut.rfind("\n")] if "\n" in cut else ""
    return _close_details(cut) + note


# ------------------------------------------------------------------------------------------------ CLI


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotate report", description="the editorial report for bulletins changed since a git ref"
    )
    parser.add_argument("--base", metavar="REF", help="compare with this git ref (default: report every bulletin)")
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown")
    parser.add_argument("--docs", type=Path, help="docs folder (default: docs_dir of mkdocs.yml, or docs)")
    parser.add_argument("--site", type=Path, help="built site folder (default: site_dir of mkdocs.yml, or site)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="settings (extra.annotate)")
    parser.add_argument("--max-bytes", type=int, default=SUMMARY_LIMIT, help="size limit of the Markdown output")
    return parser


def report_main(argv: list[str]) -> int:
    """``annotate report [--base REF] [--format markdown|json] [--docs docs] [--site site]``.

    Input errors (a bad bulletin or glossary, an unknown ref) are one line on stderr and exit status 1.
    """
    args = _parser().parse_args(argv)
    try:
        layout = Layout.load(args.docs, args.site, args.config)
        base = resolve_base(args.base, layout.root) if args.base else None  # fails before any heavy work
        report = build_report(layout, base)
    except (ReportError, *USER_ERRORS) as err:
        print(f"错误 error: {err}", file=sys.stderr)
        return 1
    if args.format == "json":
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_markdown(report, args.max_bytes))
    return 0
