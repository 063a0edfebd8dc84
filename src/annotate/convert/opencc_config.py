"""The OpenCC config a converter runs: the profile's bundled config with the override table in front.

The overrides are handed to OpenCC itself, as a user phrase dictionary placed before the profile's
dictionaries in a generated config, so they win by OpenCC's own matching rules. Both files are written
under a content-hash name, so the same inputs always give the same files.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import NotRequired, TypeAlias, TypedDict, cast

import opencc

from .data import opencc_data_dir
from .profiles import check_profile

# A JSON document as json.loads returns it.
JsonValue: TypeAlias = "str | int | float | bool | list[JsonValue] | dict[str, JsonValue] | None"


class DictNode(TypedDict):
    """A dictionary in an OpenCC config: a file (``ocd2``, ``text``) or a ``group`` of them."""

    type: str
    file: NotRequired[str]
    match_policy: NotRequired[str]
    dicts: NotRequired[list[DictNode]]


class Segmentation(TypedDict):
    type: str
    dict: DictNode


class ConversionStep(TypedDict):
    dict: DictNode


class OpenCCConfig(TypedDict):
    """An OpenCC config (``s2tw.json``): the parts :func:`build_config` changes."""

    name: NotRequired[str]
    normalization: NotRequired[list[ConversionStep]]
    segmentation: Segmentation
    conversion_chain: list[ConversionStep]


def _absolute(node: JsonValue, share: Path) -> JsonValue:
    """Copy of a bundled config with every dictionary file made absolute (our config lives elsewhere)."""
    if isinstance(node, dict):
        return {k: (str(share / v) if k == "file" and isinstance(v, str) else _absolute(v, share))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_absolute(v, share) for v in node]
    return node


def _prepend(dict_node: DictNode, user: DictNode, policy: str) -> DictNode:
    """A dictionary node that consults ``user`` first."""
    if dict_node.get("type") == "group" and dict_node.get("match_policy", policy) == policy:
        return {**dict_node, "match_policy": policy, "dicts": [user, *dict_node["dicts"]]}
    return {"type": "group", "match_policy": policy, "dicts": [user, dict_node]}


def build_config(profile: str, user_dict: Path) -> OpenCCConfig:
    """The profile's bundled config with ``user_dict`` (text format) in front of its phrase dictionaries.

    The user dictionary joins the segmentation group, so OpenCC's maximum matching sees an override as one
    phrase even where a bundled phrase would start inside it, and it heads the first conversion step's
    group, so its Traditional form is taken before the bundled phrases and characters of the same length.
    That group is a union (longest match over all its dictionaries), not a short circuit: in a short
    circuit the first dictionary with any prefix match wins, so a short entry (不准) clobbered every longer
    bundled phrase that starts with it (不准备 gave 不准備, 不准确 gave 不准確).
    The later steps (regional variants) still apply, so one table serves both s2tw and s2hk.
    """
    share = opencc_data_dir()
    bundled = json.loads((share / f"{check_profile(profile)}.json").read_text("utf-8"))
    config = cast(OpenCCConfig, _absolute(bundled, share))  # OpenCC's own file: trusted to have its shape
    user: DictNode = {"type": "text", "file": str(user_dict)}
    config["name"] = f"{config.get('name', profile)} + annotate overrides"
    config["segmentation"]["dict"] = _prepend(config["segmentation"]["dict"], user, "union")
    first = config["conversion_chain"][0]
    first["dict"] = _prepend(first["dict"], user, "union")
    return config


def default_cache_dir() -> Path:
    return Path(tempfile.gettempdir()) / "annotate-convert"


def _write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a concurrent reader never sees half a file."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(tmp, path)


def write_config(profile: str, overrides: Mapping[str, str], cache_dir: Path) -> Path:
    """Write the user dictionary and config under a content-hash name; same inputs → same files."""
    dict_text = "".join(f"{k}\t{overrides[k]}\n" for k in sorted(overrides))
    digest = hashlib.sha256(f"{opencc.__version__}\0{profile}\0{dict_text}".encode()).hexdigest()[:16]
    user_dict = cache_dir / f"overrides-{digest}.txt"
    config_path = cache_dir / f"{profile}-{digest}.json"
    _write_atomic(user_dict, dict_text)
    config = build_config(profile, user_dict)
    _write_atomic(config_path, json.dumps(config, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return config_path
