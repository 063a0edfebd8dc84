"""Search segmentation settings: the glossary as jieba user dictionary for Material's search plugin.

Material segments Chinese with the global jieba instance when jieba is installed; without the glossary
in its dictionary it cuts 十五五 into 十五|五 and a search for 十五五 ranks the wrong articles first.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def write_cached(folder: Path, stem: str, content: str) -> Path:
    """Write ``content`` to a file named by its hash (unchanged content → same file, no rewrite)."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]
    path = folder / f"{stem}-{digest}.txt"
    if not path.exists():
        path.write_text(content, encoding="utf-8")
    return path
