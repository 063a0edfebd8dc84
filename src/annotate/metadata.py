"""Per-bulletin metadata: display title, date, editor's note and URL slug.

Editors may put a sidecar ``NAME.yml`` beside ``NAME.txt``; without one, sensible defaults come from the
file name (``2026-03.txt`` → “2026年第3期”). Any file name works: a name that is not ASCII gets a slug
derived from a hash, because URLs must be ASCII and must not change when the text is converted.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .reader import InputError, line_at

ALLOWED_KEYS = {"title", "date", "note", "slug"}
# 2026-03, 2026_3, 202603, 2026年3月, 2026年第3期: a year and a month (or issue number) of the year.
YEAR_MONTH = re.compile(r"(?P<year>(?:19|20)\d\d)(?:[-_.]|年第?)?(?P<month>0?[1-9]|1[0-2])(?!\d)")
SLUG_OK = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def ascii_slug(stem: str) -> str:
    """The file stem when it is a clean ASCII slug, else a stable hash-based one."""
    lowered = stem.lower()
    if SLUG_OK.match(lowered):
        return lowered
    cleaned = re.sub(r"[^a-z0-9]+", "-", lowered).strip("-")
    digest = hashlib.sha1(stem.encode("utf-8")).hexdigest()[:8]
    return f"{cleaned}-{digest}" if cleaned else f"b-{digest}"


@dataclass(frozen=True, slots=True)
class BulletinMeta:
    slug: str
    title: str
    date: str | None = None
    note: str | None = None

    @classmethod
    def from_name(cls, file_name: str) -> BulletinMeta:
        stem = Path(file_name).stem
        match = YEAR_MONTH.search(stem)
        if match:
            year, month = match.group("year"), int(match.group("month"))
            return cls(slug=ascii_slug(stem), title=f"{year}年第{month}期", date=f"{year}-{month:02d}")
        return cls(slug=ascii_slug(stem), title=stem)


def sidecar_path(path: Path) -> Path:
    return path.with_suffix(".yml")


class _SidecarLoader(yaml.SafeLoader):
    """Scalars stay the text the editor wrote: ``2026-03-20`` is not made a YAML date (``2026-13-45``
    would fail inside YAML), ``2026`` not a number, ``true`` not a boolean. Only an empty value (or
    ``null``, ``~``) means “not given”."""


_SidecarLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# 2026-03-20, 2026-3-5 or 2026-03: years as in file names (YEAR_MONTH), month and day checked by the calendar.
DATE = re.compile(r"^(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?$")


@dataclass(frozen=True, slots=True)
class Sidecar:
    """A parsed sidecar: its values (text or None) and the line of each key."""

    path: Path
    values: dict[str, str | None]
    lines: dict[str, int]

    def error(self, key: str | None, message: str) -> InputError:
        return InputError(str(self.path), message, self.lines.get(key) if key else None)


def read_sidecar(side: Path) -> Sidecar:
    """Parse and check a sidecar file; every error names the file and the line of the key at fault."""
    try:
        raw = side.read_bytes()
    except OSError as err:
        raise InputError(str(side), f"无法读取文件 ({err.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = line_at(raw, err.start)
        raise InputError(str(side), f"元数据文件必须是 UTF-8：第 {line} 行有无法解码的字节 (metadata must be UTF-8)",
                         line) from None
    try:
        node = yaml.compose(text, Loader=_SidecarLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        raise InputError(str(side), f"YAML 格式错误 ({getattr(err, 'problem', None) or err})",
                         mark.line + 1 if mark else None) from None
    if node is not None and not isinstance(node, yaml.MappingNode):
        raise InputError(str(side), "元数据必须是键值对 (metadata must be a mapping)", node.start_mark.line + 1)
    sidecar = Sidecar(side, {}, {})
    constructor = _SidecarLoader("")
    for key_node, value_node in node.value if node is not None else []:
        key, line = str(key_node.value), key_node.start_mark.line + 1
        if key not in ALLOWED_KEYS:
            raise InputError(str(side), f"未知的键 “{key}” (unknown key; allowed: {sorted(ALLOWED_KEYS)})", line)
        if key in sidecar.lines:
            raise InputError(str(side), f"键 {key} 重复 (duplicate key {key!r})", line)
        sidecar.lines[key] = line
        try:
            value = constructor.construct_object(value_node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError) as err:  # an explicit tag (!!timestamp…) with a bad value
            raise InputError(str(side), f"{key} 的值无效 (invalid {key}: {err})", line) from None
        if value is not None and not isinstance(value, str):
            raise InputError(str(side), f"{key} 必须是文字，不能是列表或键值对 ({key} must be text)", line)
        sidecar.values[key] = value
    return sidecar


def _title(sidecar: Sidecar) -> str | None:
    if "title" not in sidecar.values:
        return None
    title = (sidecar.values["title"] or "").strip()
    if not title or "\n" in title:
        raise sidecar.error("title", "title 必须是一行不为空的文字 (title must be one non-empty line)")
    return title


def _date(sidecar: Sidecar) -> str | None:
    if "date" not in sidecar.values:
        return None
    written = (sidecar.values["date"] or "").strip()
    match = DATE.match(written)
    try:
        if match is None:
            raise ValueError(written)
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"] or 1)
        datetime.date(year, month, day)
    except ValueError:
        raise sidecar.error("date", f"date 不是有效的日期：“{written}”，应写成 2026-03-20 或 2026-03 "
                                    "(date must be YYYY-MM-DD or YYYY-MM)") from None
    return f"{year}-{month:02d}" + (f"-{day:02d}" if match["day"] else "")


def _slug(sidecar: Sidecar) -> str | None:
    if "slug" not in sidecar.values:
        return None
    slug = sidecar.values["slug"] or ""
    if not SLUG_OK.match(slug):
        raise sidecar.error("slug", f"slug 只能用小写 ASCII 字母、数字和 -_. ：“{slug}”")
    return slug


def load_meta(path: Path) -> BulletinMeta:
    """Defaults from the file name, overridden by the sidecar file when there is one."""
    meta = BulletinMeta.from_name(path.name)
    side = sidecar_path(path)
    if not side.exists():
        return meta
    sidecar = read_sidecar(side)
    return BulletinMeta(
        slug=_slug(sidecar) or meta.slug,
        title=_title(sidecar) or meta.title,
        date=_date(sidecar) or meta.date,
        note=sidecar.values.get("note") or None,
    )


def slug_origin(path: Path) -> tuple[str, int | None]:
    """Where a bulletin's URL name comes from, as ``(file, line)``: the sidecar's ``slug:`` line, else
    the bulletin's own file name (no line)."""
    side = sidecar_path(path)
    if side.exists():
        sidecar = read_sidecar(side)
        if "slug" in sidecar.values:
            return str(side), sidecar.lines["slug"]
    return str(path), None
