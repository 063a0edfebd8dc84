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
