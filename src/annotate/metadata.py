"""Per-bulletin metadata: display title, date, editor's note and URL slug.

Editors may put a sidecar ``NAME.yml`` beside ``NAME.txt``; without one, sensible defaults come from the
file name (``2026-03.txt`` → “2026年第3期”). Any file name works: a name that is not ASCII gets a slug
derived from a hash, because URLs must be ASCII and must not change when the text is converted.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .reader import InputError

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


def load_meta(path: Path) -> BulletinMeta:
    """Defaults from the file name, overridden by the sidecar file when there is one."""
    meta = BulletinMeta.from_name(path.name)
    side = sidecar_path(path)
    if not side.exists():
        return meta
    try:
        data = yaml.safe_load(side.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        line = err.problem_mark.line + 1 if getattr(err, "problem_mark", None) else None
        raise InputError(str(side), f"YAML 格式错误 ({getattr(err, 'problem', err)})", line) from None
    except UnicodeDecodeError:
        raise InputError(str(side), "元数据文件必须是 UTF-8 (metadata must be UTF-8)") from None
    if not isinstance(data, dict):
        raise InputError(str(side), "元数据必须是键值对 (metadata must be a mapping)", 1)
    unknown = sorted(set(data) - ALLOWED_KEYS)
    if unknown:
        raise InputError(str(side), f"未知的键 {unknown} (allowed: {sorted(ALLOWED_KEYS)})")
    values = {k: (str(v) if v is not None else None) for k, v in data.items()}
    slug = values.get("slug") or meta.slug
    if not SLUG_OK.match(slug):
        raise InputError(str(side), f"slug 只能用小写 ASCII 字母、数字和 -_. ：“{slug}”")
    return BulletinMeta(
        slug=slug,
        title=values.get("title") or meta.title,
        date=values.get("date") or meta.date,
        note=values.get("note"),
    )
