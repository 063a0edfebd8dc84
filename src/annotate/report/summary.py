"""The report's first screen: what needs a human, each decision with the change to paste that reverses it.

A reviewer reads one screen. It holds, in this order: a numbered list of the decisions to check — every
segmentation doubt (the segmenter's own low-confidence cuts and implausible titles, and lines in no article)
and the riskiest conversions — then the rest of the top 30 conversion risks, the top 15 candidate terms with
glossary stubs, and the strong new cross-references. Longer lists follow collapsed. Everything here is
rendered from the report's data alone (:class:`~annotate.report.model.Report`).
"""

from __future__ import annotations

from typing import cast

from ..xref import BASIS_LABELS, PassageBasis
from .conversion_risk import REASON_LABELS
from .mdtext import clip, code, details, esc, table
from .model import Candidate, ConversionRisk, PassageJson, RelatedJson, Report, ReportWarning

FIRST_RISKS = 10  # conversion risks in the numbered list
SUMMARY_RISKS = 30  # conversion risks on the first screen, the numbered ones included
MORE_RISKS = 40  # further risks, collapsed (the rest: --format json)
SUMMARY_TERMS = 15
MORE_TERMS = 40
SUMMARY_LINKS = 10
MORE_LINKS = 30
# Strong links: a parallel passage scoring at least this (0..1), a related article at least this or sharing
# a passage or a reference. Weaker ones are collapsed: they are the site's business, not the reviewer's.
STRONG_PASSAGE = 0.5
STRONG_RELATED = 0.3
HUMAN_KINDS = ("doubt", "uncovered")  # segmentation warnings that are decisions to check
DIRECTIVE_REACH = 3  # a directive this many lines above an article's first line may have moved its start
OVERRIDES_FILE = "docs/conversion.yml"
# Glossary category for a candidate, by how it was found: a 《title》 names a document, the rest are
# formulations until the editor says otherwise.
STUB_CATEGORY = {"title": "document"}


def _where(source: str, line: int) -> str:
    return code(f"{source}:{line}")


def doubts(report: Report) -> list[tuple[str, ReportWarning]]:
    """Every segmentation decision to check, as (bulletin path, warning), in file and line order."""
    return [(b["path"], w) for b in report["bulletins"] for w in b["warnings"] if w["kind"] in HUMAN_KINDS]


def _doubt_item(path: str, w: ReportWarning) -> str:
    article = f"（第 {w['article']} 篇）" if w["article"] else ""
    fix = (
        f"在第 {w['line']} 行上面加一行 {code(w['directive'])}"
        if w["directive"]
        else "没有可用的指令：请检查这一行的位置 (no directive applies)"
    )
    return f"**分段** {_where(path, w['line'])}{article}：{esc(w['message'])}\n   改法：{fix}"


def _span(first: int, last: int, blocks: int) -> str:
    return f"L{first}–{last}，{blocks} 块"


def cut_changes(report: Report) -> list[str]:
    """Articles the change re-cut or merged away in a bulletin that existed before, each with the directive
    line that made it (remove it to undo), or else a note that edited text moved the boundary."""
    out: list[str] = []
    for b in report["bulletins"]:
        changes = b["changes"]
        if changes is None or b["status"] != "modified":
            continue
        directives = [w for w in b["warnings"] if w["kind"] == "directive"]

        def undo(first: int, last: int, path: str = b["path"], used: list[ReportWarning] = directives) -> str:
            inside = [w for w in used if first - DIRECTIVE_REACH <= w["line"] <= last]
            if inside:
                return "；".join(f"删除第 {w['line']} 行 {code(w['directive'])}" for w in inside)
            return f"这是正文改动移动了文章边界：核对 {code(f'{path}:{first}')} 起的改动"

        for r in changes["recut"]:
            old, new = r["old"], r["new"]
            out.append(
                f"**分段改动** {_where(b['path'], new['first_line'])}（第 {r['slug']} 篇）{esc(clip(r['title'], 30))}："
                f"{_span(old['first_line'], old['last_line'], old['blocks'])} → "
                f"{_span(new['first_line'], new['last_line'], new['blocks'])}\n"
                f"   改法：如果不对，{undo(new['first_line'], new['last_line'])}"
            )
        for gone in changes["removed"]:
            out.append(
                f"**分段改动** {code(b['path'])} 原第 {gone['slug']} 篇 {esc(clip(gone['title'], 30))} 不再是单独的文章"
                f"（原 {_span(gone['first_line'], gone['last_line'], gone['blocks'])}）\n"
                "   改法：如果不对，见上面同一期的重新分段一项"
            )
    return out


def reasons(risk: ConversionRisk) -> str:
    return "；".join(REASON_LABELS.get(r, r) for r in risk["reasons"])


def _fix(risk: ConversionRisk, overrides: str) -> str:
    if not risk["alternatives"]:
        return "没有别的写法 (no other form)"
    if not risk["fix"]:
        forms = "、".join(esc(a) for a in risk["alternatives"])
        return f"这个字前后都是标点，覆盖规则写不了它（其他写法：{forms}）"
    others = risk["alternatives"][1:]
    more = f"（其他写法：{'、'.join(esc(a) for a in others)}）" if others else ""
    return f"在 {code(overrides)} 加一行 {code(risk['fix'])}{more}"


def _risk_item(risk: ConversionRisk, overrides: str) -> str:
    first = risk["first"]
    return (
        f"**繁体** {_where(first['source'], first['line'])} {esc(risk['word'])} → {esc(risk['word_converted'])}"
        f"（{esc(risk['char'])}→{esc(risk['chosen'])}，{risk['count']} 处；{reasons(risk)}）\n"
        f"   上下文：…{esc(first['context'])}… → …{esc(first['context_converted'])}…\n"
        f"   改法：{_fix(risk, overrides)}"
    )


def _risk_row(rank: int, risk: ConversionRisk) -> tuple[object, ...]:
    first = risk["first"]
    return (
        rank,
        f"{esc(risk['word'])} → {esc(risk['word_converted'])}",
        risk["count"],
        f"{esc(first['source'])}:{first['line']}",
        f"…{esc(first['context_converted'])}…",
        reasons(risk),
        code(risk["fix"]) if risk["fix"] else "—",
    )


def _risk_table(risks: list[ConversionRisk], start: int, compact: bool = False) -> str:
    """The risks as table rows; ``compact`` (the collapsed ones) leaves out the context and the reasons."""
    rows = [_risk_row(start + k, r) for k, r in enumerate(risks)]
    if compact:
        return table(("#", "词 → 转换", "次", "首例", "改法"), [(r[0], r[1], r[2], r[3], r[6]) for r in rows])
    return table(("#", "词 → 转换", "次", "首例", "上下文", "理由", "改法（conversion.yml 一行）"), rows)


def needs_a_human(report: Report) -> str:
    """The numbered list: every segmentation doubt, then the riskiest conversions."""
    found = doubts(report)
    cuts = cut_changes(report)
    conversion = report["conversion"]
    risks = conversion["risks"][:FIRST_RISKS] if conversion else []
    overrides = (conversion["overrides"] or OVERRIDES_FILE) if conversion else OVERRIDES_FILE
    items = [_doubt_item(path, w) for path, w in found] + cuts + [_risk_item(r, overrides) for r in risks]
    heading = f"## 需要人工确认 What needs a human（{len(items)} 项）"
    if not items:
        return f"{heading}\n\n没有需要确认的分段或繁体转换 (nothing to check)。"
    intro = (
        f"分段存疑 {len(found)} 处（全部列出），分段改动 {len(cuts)} 处，繁体转换风险最高的 {len(risks)} 组。"
        "每项列出位置、工具的决定和可以直接粘贴的改法。"
    )
    numbered = "\n".join(f"{k}. {text}" for k, text in enumerate(items, start=1))
    return f"{heading}\n\n{intro}\n\n{numbered}"


def conversion_risks(report: Report) -> str:
    """Lines 11–30 of the risk ranking on the first screen, the next ones collapsed."""
    c = report["conversion"]
    if c is None:
        return "## 繁体转换风险 Conversion risks\n\n繁体版未启用 (Traditional edition disabled)。"
    risks = c["risks"]
    scope = "新增或改动的行" if report["base"] else "全部行"
    out = [
        f"## 繁体转换风险 Conversion risks（前 {min(len(risks), SUMMARY_RISKS)} 组，共 {len(risks)} 组）",
        f"{scope}（{c['lines']} 行）里一简对多繁、没有覆盖规则决定的字共 {len(c['items'])} 处"
        + (f"，按词分组，最可能错的在前（第 1–{min(len(risks), FIRST_RISKS)} 组见上面的清单）。" if risks else "。"),
    ]
    shown = risks[FIRST_RISKS:SUMMARY_RISKS]
    if shown:
        out.append(_risk_table(shown, FIRST_RISKS + 1))
    rest = risks[SUMMARY_RISKS : SUMMARY_RISKS + MORE_RISKS]
    if rest:
        left = len(risks) - SUMMARY_RISKS - len(rest)
        note = f"\n\n…另有 {left} 组风险更低（`--format json`）" if left > 0 else ""
        body = _risk_table(rest, SUMMARY_RISKS + 1, compact=True) + note
        out.append(details(f"其后 {len(rest)} 组 (next risks)", body))
    return "\n\n".join(out)


def stub(candidate: Candidate) -> str:
    """A glossary entry to paste under ``entries:`` and complete (docs/glossary.yml's format)."""
    kinds = candidate["kinds"]
    category = next((STUB_CATEGORY[k] for k in kinds if k in STUB_CATEGORY), "formulation")
    text = candidate["text"].replace('"', '\\"')
    return (
        f'  - term: "{text}"\n    category: {category}\n    aliases: []\n'
        f"    definition: 待补充。（{candidate['source']} 第 {candidate['line']} 行）"
    )


def _term_rows(candidates: list[Candidate], start: int) -> list[tuple[object, ...]]:
    return [
        (start + k, esc(c["text"]), f"{c['score']:.1f}" if "score" in c else "—", c["count"],
         ",".join(c["kinds"]), f"{esc(c['source'])}:{c['line']}", "、".join(esc(t) for t in c["related"]) or "—")
        for k, c in enumerate(candidates)
    ]


def candidate_terms(report: Report) -> str:
    """The top candidate terms, in the order the term finder ranks them, with stubs to paste."""
    g = report["glossary"]
    if g is None:
        return "## 候选术语 Candidate terms\n\n没有术语表 (no glossary)。"
    candidates = g["candidates"]
    top = candidates[:SUMMARY_TERMS]
    out = [f"## 候选术语 Candidate terms（前 {len(top)} 个，共 {len(candidates)} 个）"]
    if not top:
        return "\n\n".join([*out, "无 (none)。"])
    header = ("#", "候选", "显著度", "次", "类型", "首次", "相关词条")
    out.append(table(header, _term_rows(top, 1)))
    stubs = "\n".join(stub(c) for c in top)
    out.append(details(f"词条草稿：粘贴到 {code(g['path'])} 的 entries 下并补全释义 (glossary stubs)",
                       "```yaml\n" + stubs + "\n```"))
    rest = candidates[SUMMARY_TERMS : SUMMARY_TERMS + MORE_TERMS]
    if rest:
        left = len(candidates) - SUMMARY_TERMS - len(rest)
        note = f"\n\n…另有 {left} 个（`--format json`）" if left > 0 else ""
        out.append(details(f"其余 {len(rest)} 个候选 (more candidates)", table(header, _term_rows(rest, 16)) + note))
    return "\n\n".join(out)


def _basis(link: PassageJson) -> str:
    """Why the passage links, when it is not plain shared rare text (which the score already says)."""
    basis = link.get("basis", "distinctive")
    return "" if basis == "distinctive" else f"，{BASIS_LABELS.get(cast(PassageBasis, basis), basis)}"


def strong_passage(link: PassageJson) -> bool:
    return link["score"] >= STRONG_PASSAGE


def strong_related(related: RelatedJson) -> bool:
    return related["score"] >= STRONG_RELATED or related["passages"] > 0 or related["references"] > 0


def _link_lines(report: Report) -> tuple[list[str], list[str]]:
    """(strong, other) new links, one Markdown list line each, strongest first."""
    x = report["xref"]
    strong: list[tuple[float, str]] = []
    weak: list[tuple[float, str]] = []
    for p in x["links"]:
        a, b = p["a"], p["b"]
        text = (f"- **相关段落** {esc(a['bulletin'])}/{esc(a['article'])} L{a['line']} ↔ {esc(b['bulletin'])}/"
                f"{esc(b['article'])} L{b['line']}（{p['score']:.2f}{_basis(p)}）：{esc(clip(p['shared']))}")
        (strong if strong_passage(p) else weak).append((p["score"], text))
    for r in x["references"]:
        f, t = r["from"], r["to"]
        text = (f"- **文件引用** {esc(f['bulletin'])}/{esc(f['article'])} L{f['line']} “{esc(clip(r['mention']))}” → "
                f"{esc(t['bulletin'])}/{esc(t['article'])} {esc(clip(t.get('heading') or t['title']))}")
        (strong if r["exact"] else weak).append((1.0 if r["exact"] else 0.5, text))
    for rel in x["related"]:
        text = (f"- **相关文章** {esc(rel['a'])} ↔ {esc(rel['b'])} {esc(clip(rel['title'], 30))}"
                f"（{rel['score']:.2f}）：{esc(clip(rel['reason'], 50))}")
        (strong if strong_related(rel) else weak).append((rel["score"], text))
    order = sorted(range(len(strong)), key=lambda k: -strong[k][0])
    weak_order = sorted(range(len(weak)), key=lambda k: -weak[k][0])
    return [strong[k][1] for k in order], [weak[k][1] for k in weak_order]


def cross_references(report: Report) -> str:
    """New links between the change and the archive: the strong ones shown, the rest collapsed."""
    x = report["xref"]
    strong, weak = _link_lines(report)
    total = len(strong) + len(weak)
    out = [f"## 新的交叉引用 New cross-references（强 {len(strong)} 条，共 {total} 条）"]
    out.append(f"只列本次改动与档案中其他期刊之间新出现的链接；另有 {x['left_out']} 条在改动的期刊内部"
               "或来自未改动的行，未列出。")
    if strong:
        shown = strong[:SUMMARY_LINKS]
        out.append("\n".join(shown))
    else:
        out.append("没有强链接 (no strong link)。")
    rest = [*strong[SUMMARY_LINKS:], *weak][:MORE_LINKS]
    if rest:
        left = total - len(strong[:SUMMARY_LINKS]) - len(rest)
        note = f"\n\n…另有 {left} 条（`--format json`）" if left > 0 else ""
        out.append(details(f"其余 {len(rest)} 条较弱的链接 (weaker links)", "\n".join(rest) + note))
    out += [f"> warning: {esc(w)}" for w in x["warnings"]]
    return "\n\n".join(out)


def first_screen(report: Report) -> list[str]:
    """The first screen's sections, in reading order."""
    return [needs_a_human(report), conversion_risks(report), candidate_terms(report), cross_references(report)]
