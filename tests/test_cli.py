"""The ``annotate`` command-line contract the editorial report and CI rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARCH = ROOT / "docs/bulletins/2026-03.txt"


def annotate(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "annotate.cli", *args], capture_output=True, text=True,
                          input=stdin, timeout=300)


def test_segment_json_contract() -> None:
    result = annotate("segment", str(MARCH), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"] == "2026-03.txt"
    assert len(data["articles"]) == 15
    first = data["articles"][0]
    assert set(first) >= {"slug", "title", "kicker", "subtitle", "first_line", "last_line", "source_line", "blocks"}
    assert (first["first_line"], first["last_line"]) == (1, 34)
    kinds = {b["kind"] for a in data["articles"] for b in a["blocks"]}
    assert kinds >= {"heading", "paragraph", "clause", "item", "salutation", "signature", "date", "source"} - {"source"}
    heading = next(b for b in data["articles"][3]["blocks"] if b["kind"] == "heading")
    assert heading == {"kind": "heading", "line": 67, "text": "一、深刻阐明树立和践行正确政绩观的重大意义和根本立场",
                       "level": 2, "anchor": "h-xhpprwn"}


def test_segment_outline() -> None:
    result = annotate("segment", str(MARCH))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2026-03.txt — 2026年第3期 — 15 篇文章")
    assert any("树立和践行正确政绩观，努力创造经得起实践、人民、历史检验的实绩" in line for line in lines)


def test_cli_error_is_one_line_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    result = annotate("segment", str(bad))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "bad.txt" in result.stderr


def test_core_never_imports_mkdocs() -> None:
    """The library must outlive MkDocs hooks (MkDocs 2 and Zensical drop them): only hooks/ may import it."""
    code = (
        "import sys, pkgutil, importlib, annotate\n"
        "for m in pkgutil.iter_modules(annotate.__path__):\n"
        "    importlib.import_module('annotate.' + m.name)\n"
        "bad = sorted(n for n in sys.modules if n == 'mkdocs' or n.startswith(('mkdocs.', 'material')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_help_does_not_load_the_heavy_libraries() -> None:
    """``annotate --help`` (and ``import annotate.cli``) must stay quick: the errors the CLI catches live in
    ``annotate.errors``, which imports nothing heavy, so jieba, OpenCC, Aho-Corasick and MkDocs stay unloaded."""
    code = (
        "import sys, annotate.cli\n"
        "try:\n"
        "    annotate.cli.main(['--help'])\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "heavy = ('jieba', 'opencc', 'ahocorasick', 'mkdocs', 'material', 'jsonschema', 'pypinyin')\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "usage: annotate" in result.stdout
    assert result.stdout.splitlines()[-1] == "[]", result.stdout.splitlines()[-1]


def test_every_subcommands_help_is_plain_text() -> None:
    """``annotate X --help`` is read in a terminal: no reStructuredText roles or literals from docstrings."""
    for command in ("segment", "directives", "terms", "convert", "xref", "report"):
        result = annotate(command, "--help")
        assert result.returncode == 0, (command, result.stderr)
        assert f"usage: annotate {command}" in result.stdout, command
        for markup in ("``", ":mod:", ":func:", ":class:", ":meth:"):
            assert markup not in result.stdout, (command, markup, result.stdout)
