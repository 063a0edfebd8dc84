"""Reading bulletin files: bytes → text with normalised line ends, or one clear error.

Editors paste bulletins from web pages, Word and WeChat, so files arrive as UTF-8 (with or without BOM),
GB18030/GBK, or UTF-16 with a BOM, and with LF, CRLF or CR line ends. Everything after this module sees
one string with ``\\n`` line ends and no BOM, so line numbers mean the same everywhere.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import InputError as InputError  # re-exported (explicitly, for the type checker)

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
# Control characters (Unicode category Cc) that only binary files contain.
FORBIDDEN_CONTROL = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in ALLOWED_CONTROLS) + "]"
)


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded bulletin: ``lines[i]`` is source line ``i + 1``."""

    name: str
    text: str
    encoding: str

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


LINE_BREAK_BYTES = re.compile(rb"\r\n|\r|\n")

# Non-UTF-8 encodings tried on a damaged file, with the common subset that ordinary Chinese text in them
# stays within: a file that decodes to a later line with one of them than as UTF-8, and whose text up to
# the damage is ordinary Chinese in it, is that encoding with a damaged byte (the detector sees the
# damage and guesses nothing).
DAMAGE_CANDIDATES = (("gb18030", "gb2312", "GB18030"), ("big5hkscs", "big5", "Big5"))
ORDINARY_SHARE = 0.95


def line_at(data: bytes, offset: int, encoding: str | None = None) -> int:
    """Source line (1-based) of byte ``offset``, counting CRLF, CR and LF as line ends like :func:`normalise`.

    In the ASCII-compatible encodings we accept a CR or LF byte is always a line end (no multi-byte
    character contains one); UTF-16/32 text is decoded up to the offset first.
    """
    if encoding is None or not encoding.startswith(("utf-16", "utf-32")):
        return len(LINE_BREAK_BYTES.findall(data, 0, offset)) + 1
    return len(LINE_BREAK.findall(data[:offset].decode(encoding, errors="replace"))) + 1


def _decode_error(data: bytes, encoding: str) -> UnicodeDecodeError | None:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as err:
        return err
    return None


def _ordinary(text: str, common: str) -> bool:
    """Mostly characters of ``common`` (GB2312, Big5): real Chinese text, not another encoding misread."""
    wide = [c for c in text if not c.isascii()]
    if not wide:
        return False
    known = sum(1 for c in wide if _encodable(c, common))
    return known >= ORDINARY_SHARE * len(wide)


def _encodable(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _damaged(name: str, data: bytes, err: UnicodeDecodeError, label: str, gloss: str) -> InputError:
    bad = data[err.start : err.start + 1].hex()
    line = line_at(data, err.start, err.encoding)
    return InputError(name, f"{label}：第 {line} 行有无法解码的字节 0x{bad} ({gloss})", line)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bulletin bytes, returning ``(text, encoding)``; raise :class:`InputError` if impossible.

    Every decoding error names the source line of the first byte that cannot be decoded.
    """
    if not data:
        raise InputError(name, "文件为空 (empty file)")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as err:
                line = line_at(data, err.start, encoding)
                raise InputError(
                    name, f"无法按 {encoding} 解码：第 {line} 行 (undecodable {encoding} bytes at byte {err.start})",
                    line,
                ) from None
    if b"\x00" in data:
        raise InputError(
            name, "看起来是二进制文件 (binary data: NUL byte)", line_at(data, data.index(b"\x00"))
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
        label = next(label for candidate, _, label in DAMAGE_CANDIDATES if candidate == encoding)
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as err:
            raise _damaged(name, data, err, f"无法按 {label} 解码", f"damaged {label} file") from None
    utf8_line = line_at(data, utf8_error.start)
    for encoding, common, label in DAMAGE_CANDIDATES:
        damage = _decode_error(data, encoding)
        if (damage is not None and line_at(data, damage.start) > utf8_line
                and _ordinary(data[: damage.start].decode(encoding), common)):
            raise _damaged(name, data, damage, f"无法按 {label} 解码", f"damaged {label} file")
    raise _damaged(name, data, utf8_error, "无法识别的编码",
                   "not UTF-8, GB18030/GBK or UTF-16 with BOM")


def normalise(text: str, name: str) -> str:
    """Unify line ends and reject control characters that only binary files contain."""
    text = text.removeprefix("\ufeff")
    text = LINE_BREAK.sub("\n", text)
    found = FORBIDDEN_CONTROL.search(text)
    if found:
        char, number = found.group(0), text.count("\n", 0, found.start()) + 1
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
