"""The segmentation memo that stands in for jieba in Material's search plugin: the same cuts as jieba,
remembered across builds, and a fresh memo whenever a dictionary changes."""

from __future__ import annotations

import json
from pathlib import Path

import jieba
import pytest

from annotate.convert import jieba_dict_path
from annotate.search import SegmentationMemo
from annotate.timing import Timings

TEXTS = ["十五五时期坚持高质量发展", "深刻领悟两个确立的决定性意义", "有效应对复杂形势和多重压力"]


@pytest.fixture(scope="module")
def user_dict(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dicts") / "user.txt"
    path.write_text("十五五 100000 n\n两个确立 100000 n\n", encoding="utf-8")
    return path


def configured(cache: Path, user: Path | None, timings: Timings | None = None) -> SegmentationMemo:
    """Called in the order Material's ``on_config`` calls jieba."""
    memo = SegmentationMemo(cache, timings)
    memo.set_dictionary(str(jieba_dict_path()))
    if user is not None:
        memo.load_userdict(str(user))
    return memo


def reference(user: Path | None, text: str) -> list[str]:
    tokenizer = jieba.Tokenizer(str(jieba_dict_path()))
    if user is not None:
        tokenizer.load_userdict(str(user))
    return list(tokenizer.cut(text))


def test_cuts_like_jieba_and_answers_the_next_build_from_disk(tmp_path: Path, user_dict: Path) -> None:
    memo = configured(tmp_path, user_dict)
    first = [memo.cut(text.encode("utf-8")) for text in TEXTS]  # Material passes UTF-8 bytes
    assert first == [reference(user_dict, text) for text in TEXTS]
    assert first[0][0] == "十五五"  # the user words count
    assert memo.misses == len(TEXTS)
    memo.save()
    cold = Timings()
    configured(tmp_path / "other", user_dict, cold).cut(TEXTS[0])
    assert cold.counts() == {"search segmentation misses": 1}

    timings = Timings()
    warm = configured(tmp_path, user_dict, timings)
    assert [warm.cut(text) for text in TEXTS] == first
    assert warm.misses == 0 and warm._jieba is None  # no dictionary was loaded
    assert "search segmentation misses" not in timings.counts()


def test_another_user_dictionary_starts_another_memo(tmp_path: Path, user_dict: Path) -> None:
    with_words = configured(tmp_path, user_dict)
    with_words.cut(TEXTS[0])
    with_words.save()
    without = configured(tmp_path, None)
    assert without.cut(TEXTS[0]) == reference(None, TEXTS[0]) != reference(user_dict, TEXTS[0])
    assert without.misses == 1
    assert len(list(tmp_path.glob("search-segments-*.json"))) == 1  # the second is written on save
    without.save()
    assert len(list(tmp_path.glob("search-segments-*.json"))) == 2


def test_a_new_dictionary_drops_earlier_user_words(tmp_path: Path, user_dict: Path) -> None:
    """As in jieba: the Simplified build's user words must not leak into the Traditional one."""
    memo = configured(tmp_path, user_dict)
    memo.cut(TEXTS[0])
    memo.set_dictionary(str(jieba_dict_path()))
    assert memo.user_dictionaries == []
    assert memo.cut(TEXTS[0]) == reference(None, TEXTS[0])


def test_the_memo_keeps_only_what_the_last_build_cut(tmp_path: Path, user_dict: Path) -> None:
    memo = configured(tmp_path, user_dict)
    for text in TEXTS:
        memo.cut(text)
    memo.save()
    later = configured(tmp_path, user_dict)  # a bulletin was edited: one run is gone
    later.cut(TEXTS[0])
    later.save()
    (stored,) = tmp_path.glob("search-segments-*.json")
    assert list(json.loads(stored.read_text(encoding="utf-8"))) == [TEXTS[0]]


def test_a_corrupt_memo_is_rebuilt(tmp_path: Path, user_dict: Path) -> None:
    memo = configured(tmp_path, user_dict)
    memo.cut(TEXTS[1])
    memo.save()
    (stored,) = tmp_path.glob("search-segments-*.json")
    stored.write_text("{not json", encoding="utf-8")
    again = configured(tmp_path, user_dict)
    assert again.cut(TEXTS[1]) == reference(user_dict, TEXTS[1])
    assert again.misses == 1


def test_traditional_text_is_cut_where_its_simplified_form_is(tmp_path: Path, user_dict: Path) -> None:
    """Both editions get the same words, from jieba's Simplified dictionary and the Simplified glossary."""
    memo = configured(tmp_path, user_dict)
    memo.segment_through("tw2s.json")
    memo.set_dictionary(str(jieba_dict_path()))  # Material's on_config comes after the hook's
    memo.load_userdict(str(user_dict))
    traditional = "十五五時期堅持高質量發展，深刻領悟兩個確立的決定性意義"
    simplified = reference(user_dict, "十五五时期坚持高质量发展，深刻领悟两个确立的决定性意义")
    cut = memo.cut(traditional)
    assert "".join(cut) == traditional
    assert [len(w) for w in cut] == [len(w) for w in simplified]
    assert "兩個確立" in cut and "十五五" in cut
    memo.save()
    simplified_memo = configured(tmp_path, user_dict)  # the Simplified edition keeps its own memo
    simplified_memo.cut(TEXTS[0])
    simplified_memo.save()
    assert len(list(tmp_path.glob("search-segments-*.json"))) == 2
