"""The report as GitHub Markdown (the CI job summary), rendered from the report's data alone.

:func:`render_markdown` reads nothing but the :class:`~annotate.report.model.Report`, so a report saved with
``--format json`` renders the same again. GitHub refuses a job summary above 1 MiB: a long report is cut to
fit, visibly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Final

from .mdtext import capped, clip, code, details, esc, human, table
from .model import (
    CHANGE_KINDS,
    ArticleSpan,
    BulletinSection,
    ChangeKind,
    Changes,
    Report,
    Span,
)
from .summary import HUMAN_KINDS, first_screen

# GitHub refuses a job summary above 1 MiB per step; a little headroom for what the workflow adds.
SUMMARY_LIMIT = 1_000_000
# What a person reads: the report of one new bulletin fits in this many bytes, and ``annotate report`` cuts
# any report to it by default (lists first, then the last sections, each cut said), so `make report` and
# CI's job summary print the same text.
BUDGET = 40_000
UNUSED_SHOWN = 30  # entries no bulletin uses: about the archive, not the change, so a sample is enough
STATUS_LABELS: Final[Mapping[str, str]] = MappingProxyType({
    "added": "新增 added",
    "modified": "修改 modified",
    "deleted": "删除 deleted",
    "unchanged": "未改 unchanged",
    "current": "现有 current",
})
HEADER_LABELS: Final[Mapping[str, str]] = MappingProxyType({"title": "标题", "kicker": "引题", "subtitle": "副题"})
CHANGE_LABELS: Final[tuple[tuple[ChangeKind, str], ...]] = (
    ("added", "新增文章 articles added"),
    ("removed", "删除文章 removed"),
    ("recut", "重新分段 re-cut"),
    ("retitled", "标题改动 retitled"),
    ("moved", "移动 moved"),
)


def _count(changes: Changes | None, kind: ChangeKind) -> int:
    return len(changes.get(kind, [])) if changes else 0


def _header(report: Report) -> str:
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


def _summary(report: Report) -> str:
    rows: list[tuple[str, object]] = []
    statuses = Counter(b["status"] for b in report["bulletins"])
    rows.append(("期刊 bulletins", "，".join(f"{STATUS_LABELS[s]} {n}" for s, n in statuses.items()) or "0"))
    if report["base"]:
        for key, label in CHANGE_LABELS:
            rows.append((label, sum(_count(b["changes"], key) for b in report["bulletins"])))
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


def _build(report: Report, _cap: int | None) -> str:
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
    seconds: float | None = None
    for key in ("total_seconds", "seconds"):
        value = info.get(key)
        if isinstance(value, int | float):
            seconds = value
            break
    out.append("构建时间 build time: " + (f"{seconds:.1f} s" if seconds is not None else "未记录 (not recorded)"))
    stages = info.get("stages")
    if isinstance(stages, dict) and stages:
        timed = sorted(((k, v) for k, v in stages.items() if isinstance(v, int | float)), key=lambda kv: -kv[1])
        stage_rows = [(esc(k), f"{v:.2f}") for k, v in timed]
        out.append(details(f"各阶段用时 stage timings ({len(stage_rows)})", table(("阶段 stage", "秒 s"), stage_rows)))
    return "\n\n".join(out)


def _span(s: Span | ArticleSpan) -> str:
    return f"L{s['first_line']}–{s['last_line']}，{s['blocks']} 块"


def _changes(changes: Changes, cap: int | None) -> str:
    out: list[str] = []
    for entry in capped(changes["added"], cap)[0]:
        out.append(f"- **新增 added** {entry['slug']} {esc(entry['title'])}（{_span(entry)}）")
    for entry in capped(changes["removed"], cap)[0]:
        out.append(f"- **删除 removed** {entry['slug']} {esc(entry['title'])}（原 {_span(entry)}）")
    for retitled in capped(changes["retitled"], cap)[0]:
        parts = [
            f"{HEADER_LABELS.get(k, k)}：“{esc(v['old'] or '')}” → “{esc(v['new'] or '')}”"
            for k, v in retitled["changes"].items()
        ]
        out.append(f"- **标题改动 retitled** {retitled['slug']}：" + "；".join(parts))
    for recut in capped(changes["recut"], cap)[0]:
        spans = f"{_span(recut['old'])} → {_span(recut['new'])}"
        out.append(f"- **重新分段 re-cut** {recut['slug']} {esc(recut['title'])}：{spans}")
    for moved in capped(changes["moved"], cap)[0]:
        out.append(f"- **移动 moved** {esc(moved['title'])}：第 {moved['old_position']} → {moved['new_position']} 篇")
    total = sum(len(changes[kind]) for kind in CHANGE_KINDS)
    if total > len(out):
        out.append(f"- …另有 {total - len(out)} 项 (more in `--format json`)")
    return "\n".join(out) or "文章结构没有变化 (no change to the articles)。"


def _outline_table(b: BulletinSection, cap: int | None) -> str:
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


def _bulletin(b: BulletinSection, cap: int | None) -> str:
    out = [f"## {esc(b['title'])} — {code(b['path'])}（{STATUS_LABELS[b['status']]}）"]
    base_error = b.get("base_error")
    if base_error:
        out.append(f"> 基准版本无法分段 (base version does not segment): {esc(base_error)}")
    if b["changes"] is not None:
        out += ["### 与基准相比 Changes against the base", _changes(b["changes"], cap)]
    hints = [w for w in b["warnings"] if w["kind"] not in HUMAN_KINDS]
    if hints:
        items, note = capped(hints, cap)
        body = "\n".join(
            f"- L{w['line']}{' 第' + w['article'] + '篇' if w['article'] else ''}：{esc(w['message'])}" for w in items
        )
        out.append(details(f"其他分段提示 Other segmentation hints ({len(hints)})", body + note))
    if b["articles"]:
        groups = "；".join(
            f"{esc(g['source'] or '未注明 none')}（{g['articles'][0]}–{g['articles'][-1]}）" for g in b["groups"]
        )
        out.append(f"### 文章目录 Outline — {len(b['articles'])} 篇 articles")
        out.append(f"来源分组 source groups: {groups}")
        body = _outline_table(b, cap)
        out.append(details(f"{len(b['articles'])} 篇文章的目录 (outline)", body))
    return "\n\n".join(out)


def _glossary(report: Report, cap: int | None) -> str:
    """The glossary beyond the candidate terms (those are on the first screen): terms the change newly
    matches, entries no bulletin uses, entries only found inside longer ones."""
    g = report["glossary"]
    if g is None:
        return "## 术语表 Glossary\n\n没有术语表 (no glossary)。"
    out = [f"## 术语表 Glossary — {code(g['path'])}，{g['entries']} 条 entries，{g['forms']} 个词形 forms"]
    if g["newly_matched"] is not None:
        count = sum(len(b["terms"]) for b in g["newly_matched"])
        lines = []
        for b in g["newly_matched"]:
            terms, more = capped(b["terms"], cap)
            lines.append(f"- {esc(b['source'])}：" + "、".join(f"{esc(t['term'])}×{t['count']}" for t in terms) + more)
        out.append(details(f"新匹配的术语 Terms newly matched ({count})", "\n".join(lines) or "无 (none)。"))
    unused, note = capped(g["unused"], min(cap or UNUSED_SHOWN, UNUSED_SHOWN))
    if unused:
        body = "\n".join(f"- {esc(e['term'])}（{esc(e.get('source', ''))}:{e.get('line', '')}）" for e in unused) + note
        out.append(details(f"未使用的词条 Entries used nowhere ({len(g['unused'])})", body))
    if g["shadowed"]:
        out.append("只出现在更长词条里的词条 (found only inside longer terms): "
                   + "、".join(esc(e["term"]) for e in g["shadowed"]))
    return "\n\n".join(out)


def _conversion(report: Report, cap: int | None) -> str:
    """The review queue counted by character, collapsed: the occurrences themselves are in ``--format
    json`` and ``annotate convert --review``; the ranking by risk is on the first screen."""
    c = report["conversion"]
    if c is None or not c["by_char"]:
        return "## 繁体转换 Conversion\n\n没有待审的字 (nothing to review)。"
    rows = [(esc(g["char"]), esc(g["chosen"]), g["count"]) for g in c["by_char"]]
    shown, note = capped(rows, cap if cap is not None else 60)
    body = table(("简", "繁", "次"), shown) + note
    return "\n\n".join([
        "## 繁体转换 Conversion",
        f"覆盖规则 overrides: {code(c['overrides'] or '—')}；{esc(c['profile'])}；逐条清单见 `--format json` 或 "
        "`annotate convert --review 文件`",
        details(f"按字汇总 by character ({len(c['by_char'])})", body),
    ])


Section = Callable[[Report, int | None], str]
CAPS: tuple[int | None, ...] = (None, 300, 100, 30, 10)


def _bulletin_renderer(b: BulletinSection) -> Section:
    def render(_report: Report, cap: int | None) -> str:
        return _bulletin(b, cap)

    return render


def _sections(report: Report) -> list[tuple[str, Section]]:
    """The sections after the first screen, in reading order; when the output is too long, the last ones
    go first."""
    sections: list[tuple[str, Section]] = []
    for b in report["bulletins"]:
        sections.append((f"{b['title']} {b['path']}", _bulletin_renderer(b)))
    sections += [
        ("术语表 Glossary", _glossary),
        ("构建 Build", _build),
        ("繁体转换 Conversion", _conversion),
    ]
    return sections


def _size_of(parts: Iterable[str]) -> int:
    return len("\n\n".join(parts).encode("utf-8")) + 1


def _close_details(text: str) -> str:
    missing = text.count("<details") - text.count("</details>")
    return text + "\n\n</details>" * max(missing, 0)


def render_markdown(report: Report, max_bytes: int = SUMMARY_LIMIT) -> str:
    """The report as GitHub Markdown of at most ``max_bytes`` bytes (UTF-8).

    Too long: lists are cut to fewer items first, then whole sections are dropped from the last one
    backwards, each with a visible note; as a last resort the text is cut at a line end.
    """
    head = [_header(report), *first_screen(report), _summary(report)]
    sections = _sections(report)
    parts: list[str] = []
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
