"""Reading bulletin files: bytes → text with normalised line ends, or one clear error.

Editors paste bulletins from web pages, Word and WeChat, so files arrive as UTF-8 (with or without BOM),
GB18030/GBK, or UTF-16 with a BOM, and with LF, CRLF or CR line ends. Everything after this module sees
one string with ``\\n`` line ends and no BOM, so line numbers mean the same everywhere.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

# Encodings we accept when a file is not UTF-8. A detector guess outside this set (cp1252, koi8…) on a
# Chinese bulletin means the bytes are damaged, and publishing mojibake is worse than stopping.
CHINESE_ENCODINGS = {"gb18030", "gbk", "gb2312", "hz", "big5", "big5hkscs", "cp950", "cp936"}

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

LINE_BREAK = re.compile(r"\r\n|\r|\n")
ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


class InputError(Exception):
    """A bulletin (or other input) that cannot be used; ``str()`` is the one line shown to the editor."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        place = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{place}: {self.message}"


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded bulletin: ``lines[i]`` is source line ``i + 1``."""

    name: str
    text: str
    encoding: str

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bulletin bytes, returning ``(text, encoding)``; raise :class:`InputError` if impossible."""
    if not data:
        raise InputError(name, "文件为空 (empty file)")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as err:
                raise InputError(
                    name, f"无法按 {encoding} 解码 (undecodable {encoding} bytes at byte {err.start})"
                ) from None
    if b"\x00" in data:
        raise InputError(
            name, "看起来是二进制文件 (binary data: NUL byte)", _line_of_offset(data, data.index(b"\x00"))
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err
    best = from_bytes(data).best()
    guess = best.encoding.replace("_", "").lower() if best is not None else ""
    if guess in CHINESE_ENCODINGS or guess.startswith("gb"):
        # GB18030 is a superset of GBK and GB2312: decoding with it never loses a character they have.
        encoding = "big5hkscs" if guess.startswith("big5") or guess == "cp950" else "gb18030"
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    bad = data[utf8_error.start : utf8_error.start + 1].hex()
    line = _line_of_offset(data, utf8_error.start)
    raise InputError(
        name,
        f"无法识别的编码：第 {line} 行有无法解码的字节 0x{bad} "
        "(not UTF-8, GB18030/GBK or UTF-16 with BOM)",
        line,
    )


def normalise(text: str, name: str) -> str:
    """Unify line ends and reject control characters that only binary files contain."""
    text = text.removeprefix("\ufeff")
    text = LINE_BREAK.sub("\n", text)
    for number, line in enumerate(text.split("\n"), start=1):
        for char in line:
            if unicodedata.category(char) == "Cc" and char not in ALLOWED_CONTROLS:
                raise InputError(name, f"含有控制字符 U+{ord(char):04X}，可能是二进制文件 (control character)", number)
    if not text.strip():
        raise InputError(name, "文件没有任何文字 (blank file)")
    return text


def read_text(data: bytes, name: str) -> SourceText:
    text, encoding = decode(data, name)
    return SourceText(name=name, text=normalise(text, name), encoding=encoding)


def read_path(path: Path) -> SourceText:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(str(path), f"无法读取文件 ({err.strerror})") from None
    return read_text(data, str(path))
