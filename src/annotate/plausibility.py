"""Does the cut make sense as a whole? Checks on the finished articles, each with the fix to try.

The segmenter decides line by line; some mistakes only show in the result: a title that ends like half a
sentence, a title that is really a byline or a web link, an article with no text, a run of tiny “articles”
that are the sections of one. Each finding names the line and the directive line that would change it,
so the editor can fix the cut in the bulletin without touching code.
"""

from __future__ import annotations

from . import patterns as pat
from .model import Article, BlockKind, SegmentationWarning

TEXT_KINDS = {BlockKind.PARAGRAPH, BlockKind.ITEM, BlockKind.CLAUSE}
SHORT_ARTICLE_CHARS = 120  # a story this short between two others is more likely one item of a round-up
LONG_TITLE_CHARS = 70
SECTION_RUN = 3  # this many tiny articles in a row read as the sections of one article
BRIEFS_MIN = 10  # a bulletin with at least this many one-paragraph articles …
BRIEFS_SHARE = 0.5  # … making up this share of it is a bulletin of briefs: tiny articles are its form


def _text_blocks(article: Article) -> list[str]:
    return [b.text for b in article.blocks if b.kind in TEXT_KINDS]


def _title_line(article: Article) -> int:
    title = next((b for b in article.header if b.kind is BlockKind.TITLE), None)
    return title.line if title is not None else article.first_line


def _title_problem(article: Article) -> str | None:
    title = article.title
    shape = pat.LineShape(title, 0)
    if pat.ends_like_clause(title):
        return f"标题以“{title.rstrip(pat.CLOSERS)[-1]}”结尾，不像完整的标题 (title ends like half a sentence)"
    if shape.is_trailing_note or shape.is_noise or pat.URL.search(title):
        return "标题像是文末的注记、链接或编辑署名 (title looks like a note, link or credit)"
    if shape.is_name_like and len(pat.compact(title)) <= 6:
        return "标题像是作者署名 (title looks like a byline)"
    if len(title) > LONG_TITLE_CHARS:
        return f"标题很长（{len(title)} 字），可能是正文 (very long title: perhaps a paragraph)"
    return None


def check_articles(articles: list[Article]) -> list[SegmentationWarning]:
    """Findings on the cut as a whole, in line order."""
    found: list[SegmentationWarning] = []
    for article in articles:
        line = _title_line(article)
        problem = _title_problem(article)
        if problem:
            found.append(SegmentationWarning(line, problem + "；如果这一行不是标题，在它上面加指令", "%% body"))
        if not _text_blocks(article) and article.index > 1:
            found.append(SegmentationWarning(
                line, "这篇文章没有正文：标题可能属于上一篇文章 (empty article); 如果是这样，在这一行上面加指令",
                "%% heading"))
    tiny = [a for a in articles if len(_text_blocks(a)) <= 1]
    if len(tiny) >= BRIEFS_MIN and len(tiny) >= BRIEFS_SHARE * len(articles):
        # A bulletin of briefs: one short story after another is its form, not a doubt on each of them.
        found.append(SegmentationWarning(
            _title_line(tiny[0]),
            f"本期 {len(articles)} 篇文章中有 {len(tiny)} 篇只有一小段，按简讯逐条分篇；如果其中某条其实是上一篇的"
            "一部分，在那一条的标题上面加一行 %% heading (a bulletin of briefs: each is an article)",
            ""))
        return sorted(found, key=lambda w: w.line)
    for previous, article, following in zip(articles, articles[1:], articles[2:], strict=False):
        texts = _text_blocks(article)
        if (
            len(texts) == 1
            and len(texts[0]) < SHORT_ARTICLE_CHARS
            and previous.source == article.source == following.source
            and article.source_line is None
        ):
            found.append(SegmentationWarning(
                _title_line(article),
                "这篇文章只有一小段，夹在同一来源的文章之间，可能是上一篇中的一条 (one short paragraph); "
                "如果是这样，在这一行上面加指令",
                "%% heading"))
    run: list[Article] = []
    for current in [*articles, None]:
        if current is not None and len(_text_blocks(current)) <= 1 and not current.source_line:
            run.append(current)
            continue
        if len(run) >= SECTION_RUN:
            for member in run[1:]:
                found.append(SegmentationWarning(
                    _title_line(member),
                    f"连续 {len(run)} 篇很短的文章，可能是同一篇文章的几个小节 (run of tiny articles); "
                    "如果是这样，在这一行上面加指令",
                    "%% heading"))
        run = []
    return sorted(found, key=lambda w: w.line)
