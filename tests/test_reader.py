"""Decoding every encoding editors send, and one clear error for everything else."""

from __future__ import annotations

import codecs

import pytest

from annotate.reader import InputError, read_text

SAMPLE = "习近平在河北考察\n\n文章指出，要坚持稳中求进。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-le-bom", "utf16-be-bom"],
)
def test_encodings_decode_to_the_same_text(data: bytes, encoding: str) -> None:
    source = read_text(data, "x.txt")
    assert source.text == SAMPLE
    assert source.encoding == encoding


def test_gb18030_only_characters() -> None:
    text = "㐀䶵 生僻字𠀀测试标题\n正文内容在这里。\n"
    assert read_text(text.encode("gb18030"), "x.txt").text == text


@pytest.mark.parametrize("ending", ["\r\n", "\r", "\n"])
def test_line_ends_are_normalised(ending: str) -> None:
    source = read_text(SAMPLE.replace("\n", ending).encode("utf-8"), "x.txt")
    assert source.lines == SAMPLE.split("\n")


def test_crlf_counts_as_one_line_break() -> None:
    source = read_text("甲\r\n\r\n乙\r\n".encode(), "x.txt")
    assert source.lines[2] == "乙"


@pytest.mark.parametrize(
    ("data", "fragment", "line"),
    [
        (b"", "empty", None),
        (b"  \n\n \t \n", "blank", None),
        ("\u3000\u3000\n".encode(), "blank", None),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", 3),
        ("标题\n正文。\n".encode() + b"\xff\xfe\xfa\x80abc\n", "0xff", 3),
        ("标题\n正\x07文。\n".encode(), "U+0007", 2),
    ],
    ids=["empty", "blank", "fullwidth-blank", "binary", "undecodable", "control"],
)
def test_bad_input_names_file_and_place(data: bytes, fragment: str, line: int | None) -> None:
    with pytest.raises(InputError) as info:
        read_text(data, "docs/bulletins/bad.txt")
    message = str(info.value)
    assert message.startswith("docs/bulletins/bad.txt" + (f":{line}:" if line else ":"))
    assert fragment in message
    assert "\n" not in message


LINES = ["习近平在河北考察时强调", "", "文章指出，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。"] * 3 + [
    "坏字节在这一行", "后面还有正文内容，继续写一些中文字符。"] * 2


def damaged(encoding: str, ending: str, bad_line: int, junk: bytes = b"\xff\x30") -> bytes:
    """``LINES`` in ``encoding`` with ``ending`` line ends and undecodable ``junk`` inside line ``bad_line``."""
    lines = [line.encode(encoding) for line in LINES]
    line = LINES[bad_line - 1]
    lines[bad_line - 1] = line[:2].encode(encoding) + junk + line[2:].encode(encoding)
    return ending.encode("ascii").join(lines)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
@pytest.mark.parametrize("bad_line", [3, 10])
def test_decoding_errors_name_their_line(encoding: str, ending: str, bad_line: int) -> None:
    """CR-only files count CRs as line ends; a damaged GB18030 file is reported where GB18030 stops."""
    with pytest.raises(InputError) as info:
        read_text(damaged(encoding, ending, bad_line), "bad.txt")
    assert str(info.value).startswith(f"bad.txt:{bad_line}: "), str(info.value)
    assert "0xff" in str(info.value)


def test_damaged_gb18030_names_the_encoding() -> None:
    with pytest.raises(InputError) as info:
        read_text(damaged("gb18030", "\n", 5), "bad.txt")
    assert "按 GB18030" in str(info.value)


@pytest.mark.parametrize("ending", ["\n", "\r"], ids=["lf", "cr"])
def test_nul_byte_line_in_cr_file(ending: str) -> None:
    data = ending.join(["标题", "", "正文。", "又一段。"]).encode() + b"\x00\x01"
    with pytest.raises(InputError) as info:
        read_text(data, "bad.txt")
    assert str(info.value).startswith("bad.txt:4: ") and "binary" in str(info.value)


@pytest.mark.parametrize("ending", ["\n", "\r"], ids=["lf", "cr"])
def test_utf16_decoding_error_names_its_line(ending: str) -> None:
    text = ending.join(["标题", "", "正文。", "又一段。"])
    data = text.encode("utf-16") + "\ud800".encode("utf-16-le", "surrogatepass") + "尾".encode("utf-16-le")
    with pytest.raises(InputError) as info:
        read_text(data, "bad.txt")
    assert str(info.value).startswith("bad.txt:4: "), str(info.value)


def test_a_damaged_utf8_file_is_not_taken_for_gb18030() -> None:
    """The real March bulletin (UTF-8) with a bad byte in each of many lines: always the UTF-8 place."""
    from pathlib import Path

    lines = (Path(__file__).resolve().parent.parent / "docs/bulletins/2026-03.txt").read_bytes().split(b"\n")
    for number in range(1, len(lines), max(1, len(lines) // 40)):
        if len(lines[number - 1]) < 6:
            continue
        broken = [*lines[: number - 1], lines[number - 1][:3] + b"\xff" + lines[number - 1][3:], *lines[number:]]
        with pytest.raises(InputError) as info:
            read_text(b"\n".join(broken), "bad.txt")
        assert str(info.value).startswith(f"bad.txt:{number}: "), (number, str(info.value))
        assert "按 GB18030" not in str(info.value)


def test_damaged_big5_file_names_its_line() -> None:
    lines = ["習近平在河北考察時強調", "", "文章指出，要堅持穩中求進工作總基調。"] * 3 + ["壞字節在這一行"]
    encoded = [line.encode("big5") for line in lines]
    encoded[9] = lines[9][:2].encode("big5") + b"\xff\x30" + lines[9][2:].encode("big5")
    with pytest.raises(InputError) as info:
        read_text(b"\r".join(encoded), "bad.txt")
    assert str(info.value).startswith("bad.txt:10: ") and "Big5" in str(info.value)
