"""Synthetic bulletin archives for the scale benchmark, made from the repository's own bulletins.

A real archive repeats itself in a particular way: formulations recur everywhere, some paragraphs are
quoted across articles and months, but most text is new. So each synthetic bulletin is built from the
source articles' raw lines (header lines stay header lines, blank-line layout is kept) with:

- articles drawn at random (some twice in one bulletin), titles recombined at their spaces/colons;
- body paragraphs reordered within a run of paragraphs, sentences swapped in from other paragraphs;
- a few percent of Han characters replaced by others from the same text (never digits or the characters
  the segmenter reads numbering, dates and source lines from);
- paragraphs quoted verbatim from earlier synthetic bulletins.

Every bulletin is segmented after it is made, and regenerated with the next seed if the segmenter does
not find exactly the articles it was built from: the benchmark measures builds, not segmentation errors.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from annotate.model import Block, BlockKind, Bulletin  # noqa: E402
from annotate.patterns import HAN, HAN_DIGITS  # noqa: E402
from annotate.reader import read_path  # noqa: E402
from annotate.segment import segment_source, segment_text  # noqa: E402

# Characters the segmenter's patterns read (numbering, dates, group source lines, kicker endings, title
# joins): never mutated and never produced by a mutation, so a generated line keeps its kind.
PROTECTED = set(HAN_DIGITS + "第条章编节部分年月日以上均来源自摘转选刊载据记者讲话报告强调指出表示要求提出宣布"
                               "指示批示致辞致信文章寄语与和及并暨的之如下全文通讯员作者编辑责原标题稿出处校对摄影")
SENTENCE = re.compile(r"[^。！？；]*[。！？；]")
TITLE_JOINT = re.compile(r"[ 　：:]")


@dataclass(slots=True)
class SourceArticle:
    """One article of a source bulletin as raw lines: the header verbatim, then body units with gaps."""

    header: list[str]  # raw lines from the first header line to the line before the body
    units: list[tuple[BlockKind, list[str]]]  # body blocks as raw lines
    gaps: list[int]  # blank lines before each body unit


@dataclass(slots=True)
class Corpus:
    articles: list[SourceArticle]
    group_lines: list[str]  # "（以上均来源于…）" lines
    paragraphs: list[str]  # every paragraph text, for sentence swaps
    chars: list[str]  # Han characters to mutate into, with their frequencies


def _article_units(lines: list[str], blocks: list[Block]) -> tuple[list[tuple[BlockKind, list[str]]], list[int]]:
    units: list[tuple[BlockKind, list[str]]] = []
    gaps: list[int] = []
    previous_end = None
    for block in blocks:
        if block.kind is BlockKind.SOURCE:
            continue
        first, last = block.lines[0], block.lines[-1]
        gaps.append(0 if previous_end is None else first - previous_end - 1)
        units.append((block.kind, lines[first - 1:last]))
        previous_end = last
    return units, gaps


def load_corpus(files: list[Path]) -> Corpus:
    articles: list[SourceArticle] = []
    group_lines: list[str] = []
    paragraphs: list[str] = []
    chars: list[str] = []
    for path in files:
        source = read_path(path)
        lines = source.text.split("\n")
        bulletin = segment_source(source)
        for article in bulletin.articles:
            body = [b for b in article.blocks if b.kind is not BlockKind.SOURCE]
            if not body:
                continue
            header = lines[article.first_line - 1:body[0].line - 1]
            while header and not header[-1].strip():
                header.pop()
            units, gaps = _article_units(lines, body)
            articles.append(SourceArticle(header, units, gaps))
            paragraphs += [b.text for b in body if b.kind is BlockKind.PARAGRAPH]
            if article.source_line:
                group_lines.append(article.source_line)
        chars += [c for c in source.text if HAN.match(c) and c not in PROTECTED]
    return Corpus(articles, group_lines or ["（以上均来源于人民网-人民日报）"], paragraphs, chars)


class Generator:
    """Deterministic: the n-th bulletin of a seed is always the same text."""

    def __init__(self, corpus: Corpus, seed: int = 2026, mutation: float = 0.04) -> None:
        self.corpus = corpus
        self.seed = seed
        self.mutation = mutation
        self.quotes: list[str] = []  # paragraphs of earlier bulletins that later ones may quote

    def mutate(self, rng: random.Random, text: str) -> str:
        chars = list(text)
        for i, char in enumerate(chars):
            if char not in PROTECTED and HAN.match(char) and rng.random() < self.mutation:
                chars[i] = rng.choice(self.corpus.chars)
        return "".join(chars)

    def swap_sentence(self, rng: random.Random, line: str) -> str:
        """Replace one inner sentence of a paragraph line by a sentence of another paragraph."""
        own = SENTENCE.findall(line)
        other = SENTENCE.findall(rng.choice(self.corpus.paragraphs))
        if len(own) < 2 or not other:
            return line
        i = rng.randrange(len(own) - 1)  # the last sentence keeps the paragraph's ending
        return line.replace(own[i], rng.choice(other).lstrip("，、"), 1)

    def title(self, rng: random.Random, header: list[str]) -> list[str]:
        """Header lines with the tail of one line (after a space or colon) taken from another title."""
        result = []
        for raw in header:
            donor = rng.choice(rng.choice(self.corpus.articles).header) if rng.random() < 0.5 else None
            if donor and TITLE_JOINT.search(raw.strip()) and TITLE_JOINT.search(donor.strip()):
                head = TITLE_JOINT.split(raw.rstrip(), maxsplit=1)[0]
                joint = TITLE_JOINT.search(raw.strip())
                tail = TITLE_JOINT.split(donor.strip(), maxsplit=1)[1]
                raw = f"{head}{joint.group(0) if joint else ' '}{tail}"
            result.append(self.mutate(rng, raw))
        return result

    def body(self, rng: random.Random, article: SourceArticle) -> list[str]:
        units = [(kind, list(lines)) for kind, lines in article.units]
        # Reorder paragraphs inside each run of consecutive paragraphs, keeping the lead paragraph first.
        start = 1
        while start < len(units):
            end = start
            while end < len(units) and units[end][0] is BlockKind.PARAGRAPH and len(units[end][1]) == 1:
                end += 1
            if end - start > 1:
                run = units[start:end]
                rng.shuffle(run)
                units[start:end] = run
            start = end + 1
        out: list[str] = []
        for (kind, lines), gap in zip(units, article.gaps, strict=True):
            out += [""] * gap
            if kind is BlockKind.PARAGRAPH and len(lines) == 1:
                line = lines[0]
                if rng.random() < 0.3:
                    line = self.swap_sentence(rng, line)
                line = self.mutate(rng, line)
                if self.quotes and rng.random() < 0.04:
                    line = line[: len(line) - len(line.lstrip())] + rng.choice(self.quotes).strip()
                elif rng.random() < 0.02:
                    self.quotes.append(line)
                out.append(line)
            else:
                out += [self.mutate(rng, line) for line in lines]
        return out

    def draft(self, rng: random.Random) -> tuple[str, int]:
        count = rng.randint(max(3, len(self.corpus.articles) - 4), len(self.corpus.articles) + 2)
        picks = [rng.choice(self.corpus.articles) for _ in range(count)]
        group_after = {rng.randrange(count // 2, count), count - 1} if rng.random() < 0.7 else set()
        lines: list[str] = []
        for i, article in enumerate(picks):
            lines += self.title(rng, article.header)
            lines.append("")
            lines += self.body(rng, article)
            lines.append("")
            if i in group_after:
                lines += [rng.choice(self.corpus.group_lines), ""]
        return "\n".join(lines) + "\n", count

    def bulletin(self, index: int, name: str) -> str:
        """The ``index``-th synthetic bulletin, checked against the segmenter."""
        quotes = list(self.quotes)
        for attempt in range(20):
            self.quotes = list(quotes)
            rng = random.Random(f"{self.seed}:{index}:{attempt}")
            text, count = self.draft(rng)
            if len(segmented(text, name).articles) == count:
                return text
        raise RuntimeError(f"could not generate a segmentable bulletin {name}")


def segmented(text: str, name: str) -> Bulletin:
    return segment_text(text, name)


def month_names(newest: str, count: int) -> list[str]:
    """``count`` file names ``YYYY-MM.txt`` going back month by month from ``newest`` (exclusive)."""
    year, month = (int(part) for part in newest.split("-")[:2])
    names = []
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        names.append(f"{year:04d}-{month:02d}.txt")
    return names


def archive(sources: list[Path], size: int, seed: int = 2026, mutation: float = 0.04) -> dict[str, bytes]:
    """``size`` bulletins: the real ones (newest) plus synthetic ones for the months before them."""
    real = sorted(sources)[-size:]
    files = {p.name: p.read_bytes() for p in real}
    generator = Generator(load_corpus(sources), seed, mutation)
    names = month_names(sorted(sources)[0].stem, size - len(real))
    for index, name in enumerate(names):  # newest first, so a smaller archive is the newest part of a larger
        files[name] = generator.bulletin(index, name).encode("utf-8")
    return files
