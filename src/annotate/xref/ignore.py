"""The editors' ignore list (``docs/xref-ignore.yml``): phrases never to link and pairs of places never to
link to each other.

:func:`parse_ignore` reads the file (every error names ``file:line``), :func:`check_ignore_pairs` stops the
build when a pair names a place that no longer exists, and :class:`PairRules` is the list compiled against
one archive for the computation.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import anchors
from ..errors import XrefIgnoreError
from ..model import Article, Bulletin

__all__ = [
    "IgnorePair",
    "PairRules",
    "XrefIgnore",
    "XrefIgnoreError",
    "check_ignore_pairs",
    "load_ignore_file",
    "parse_ignore",
]

_SLUG_REF = re.compile(r"^([A-Za-z0-9._-]+)/([A-Za-z0-9._-]+)(?:#([A-Za-z0-9._:-]+))?$")


@dataclass(frozen=True, slots=True)
class IgnorePair:
    """Two places never to link to each other.

    Each side is ``"<bulletin slug>/<article slug>"`` (the whole article) or
    ``"<bulletin slug>/<article slug>#<anchor>"`` (one paragraph). ``where`` is ``file:line`` of the
    entry in the editor's ignore list, for messages.
    """

    a: str
    b: str
    where: str = ""


@dataclass(frozen=True, slots=True)
class XrefIgnore:
    phrases: tuple[str, ...] = ()
    pairs: tuple[IgnorePair, ...] = ()
    phrase_where: tuple[str, ...] = ()  # file:line of each phrase, parallel to ``phrases``


def parse_ignore(text: str, where: str = "xref-ignore.yml") -> XrefIgnore:
    """Parse the editor ignore list; every error names ``where:line``.

    Format (YAML)::

        phrases:
          - 以习近平新时代中国特色社会主义思想为指导
        pairs:
          - [2026-03/12, 2026-03/13]
          - [2026-03/06#p-kxqzmtw, 2026-03/07#p-bdrwfts]
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise XrefIgnoreError(f"{where}:{line}: not valid YAML: {exc.problem or exc}") from None
    if root is None:
        return XrefIgnore()
    if not isinstance(root, yaml.MappingNode):
        raise XrefIgnoreError(f"{where}:{root.start_mark.line + 1}: expected a mapping with 'phrases' and/or 'pairs'")
    phrases: list[str] = []
    phrase_where: list[str] = []
    pairs: list[IgnorePair] = []
    for key_node, value_node in root.value:
        key = key_node.value
        line = key_node.start_mark.line + 1
        if key not in ("phrases", "pairs"):
            raise XrefIgnoreError(f"{where}:{line}: unknown key {key!r} (expected 'phrases' or 'pairs')")
        if isinstance(value_node, yaml.ScalarNode) and value_node.value in ("", "~", "null"):
            continue
        if not isinstance(value_node, yaml.SequenceNode):
            raise XrefIgnoreError(f"{where}:{line}: {key!r} must be a list")
        for item in value_node.value:
            item_line = item.start_mark.line + 1
            if key == "phrases":
                phrases.append(_ignore_phrase(item, f"{where}:{item_line}"))
                phrase_where.append(f"{where}:{item_line}")
            else:
                pairs.append(_ignore_pair(item, f"{where}:{item_line}"))
    return XrefIgnore(tuple(phrases), tuple(pairs), tuple(phrase_where))


def _ignore_phrase(node: yaml.Node, where: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise XrefIgnoreError(f"{where}: a phrase must be a non-empty string")
    return str(node.value).strip()


def _ignore_pair(node: yaml.Node, where: str) -> IgnorePair:
    if not isinstance(node, yaml.SequenceNode) or len(node.value) != 2:
        raise XrefIgnoreError(f"{where}: a pair must be a list of two places, e.g. [2026-03/12, 2026-03/13]")
    sides = []
    for side in node.value:
        value = str(side.value).strip() if isinstance(side, yaml.ScalarNode) else ""
        if not _SLUG_REF.match(value):
            raise XrefIgnoreError(
                f"{where}: {value or side.tag!r} is not a place: "
                "use <bulletin>/<article> or <bulletin>/<article>#<anchor>"
            )
        sides.append(value)
    if sides[0] == sides[1]:
        raise XrefIgnoreError(f"{where}: both sides of the pair are {sides[0]!r}")
    return IgnorePair(sides[0], sides[1], where)


def load_ignore_file(path: Path) -> XrefIgnore:
    """Load ``docs/xref-ignore.yml``; a missing file is an empty list (the file is optional)."""
    if not path.exists():
        return XrefIgnore()
    return parse_ignore(path.read_text(encoding="utf-8"), str(path))


def check_ignore_pairs(bulletins: Sequence[Bulletin], pairs: Iterable[IgnorePair]) -> None:
    """Every place an ignore pair names exists in ``bulletins`` (the whole archive), or
    :class:`XrefIgnoreError` names the entry's ``file:line``.

    A rule naming a place that is gone would silently stop suppressing its link, so the site build calls
    this before anything else. Paragraph anchors change only when the paragraph's own text changes (see
    :mod:`annotate.anchors`): the editor then checks the rule against the new text and copies the new id.
    """
    articles = {f"{b.slug}/{a.slug}": a for b in bulletins for a in b.articles}
    for pair in pairs:
        where = pair.where or "extra.annotate_settings.xref.ignore_pairs"
        for side in (pair.a, pair.b):
            match = _SLUG_REF.match(side)
            if not match:
                raise XrefIgnoreError(f"{where}: “{side}” 不是文章或段落 (not a place)")
            key, anchor = f"{match.group(1)}/{match.group(2)}", match.group(3)
            article = articles.get(key)
            if article is None:
                raise XrefIgnoreError(f"{where}: 找不到文章 {key}，这一条已失效 (no article {key} in the archive)")
            if not anchor or anchors.find(article, anchor) is not None:
                continue
            old = anchors.legacy_target(article.all_blocks, anchor)  # TRANSITIONAL (one release)
            if old is not None:
                raise XrefIgnoreError(
                    f"{where}: #{anchor} 是按行号编的旧锚点，已停用；{key} 第 {old.line} 行的段落现在是 "
                    f"#{old.anchor}，核对后改写 (line-number anchor retired: that paragraph is now #{old.anchor})"
                )
            raise XrefIgnoreError(
                f"{where}: {key} 中没有锚点 #{anchor}，该段落已修改或删除，请核对后从网页地址重新复制 "
                f"(no anchor #{anchor} in {key}: the paragraph was edited or removed)"
            )


# One rule seen from one side: (anchor on this side, article key of the other side, anchor there);
# a ``None`` anchor stands for the whole article.
_Rule = tuple[str | None, str, str | None]


class PairRules:
    """Ignore pairs compiled against one archive, indexed by the article key of either side.

    A pair naming something the archive does not have is kept as far as it can be read and reported in
    :attr:`warnings` (the site build has already refused it through :func:`check_ignore_pairs`; the
    library and ``annotate xref`` only warn).
    """

    def __init__(self, pairs: Iterable[IgnorePair], articles: Mapping[str, Article]) -> None:
        """``articles`` maps ``"<bulletin slug>/<article slug>"`` to every article of the archive."""
        self.warnings: list[str] = []
        rules: dict[str, list[_Rule]] = defaultdict(list)
        for pair in pairs:
            sides: list[tuple[str, str | None]] = []
            for side in (pair.a, pair.b):
                match = _SLUG_REF.match(side)
                if not match:
                    self.warnings.append(f"{pair.where or 'ignore_pairs'}: {side!r} is not a place")
                    break
                art_key = f"{match.group(1)}/{match.group(2)}"
                anchor = match.group(3)
                article = articles.get(art_key)
                if article is None:
                    self.warnings.append(f"{pair.where or 'ignore_pairs'}: no article {art_key} in the archive")
                elif anchor and not any(b.anchor == anchor for b in article.all_blocks):
                    self.warnings.append(f"{pair.where or 'ignore_pairs'}: no anchor #{anchor} in {art_key}")
                sides.append((art_key, anchor))
            if len(sides) != 2:
                continue
            (ka, aa), (kb, ab) = sides
            rules[ka].append((aa, kb, ab))
            rules[kb].append((ab, ka, aa))
        self._rules: dict[str, list[_Rule]] = dict(rules)

    def __bool__(self) -> bool:
        """Whether any rule applies at all (callers skip the look-up in the common case of none)."""
        return bool(self._rules)

    def forbids(self, key_a: str, anchor_a: str | None, key_b: str, anchor_b: str | None) -> bool:
        """Does an editor rule forbid linking these places? ``None`` anchors mean whole articles."""
        for rule_anchor_a, rule_key_b, rule_anchor_b in self._rules.get(key_a, ()):
            if rule_key_b != key_b:
                continue
            if rule_anchor_a is not None and rule_anchor_a != anchor_a:
                continue
            if rule_anchor_b is not None and rule_anchor_b != anchor_b:
                continue
            return True
        return False
