"""Search indexing support: jieba dictionaries for Material's search plugin and a memo of its segmentation.

Material segments Chinese with the global jieba instance when jieba is installed; without the glossary
in its dictionary it cuts 十五五 into 十五|五 and a search for 十五五 ranks the wrong articles first.

Loading a jieba dictionary costs 0.4 s per edition on every build, although nearly every run of Han
characters it cuts is the same as in the previous build. :class:`SegmentationMemo` stands in for the
jieba module in Material's plugin: it answers from a memo on disk and loads the real dictionary only
when a build meets text it has not cut before.

jieba's dictionary and its glossary words are Simplified. The Traditional edition is cut through
Simplified: each run is converted back (OpenCC tw2s) and cut where its Simplified form would be, so both
editions have the same words, and no Traditional dictionary has to be built and loaded (2 s per new
project).
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from .cachefile import read_json_dict, write_json_dict
from .timing import Timings

if TYPE_CHECKING:  # both are imported where first needed: a warm build answers from the memo without them
    import jieba
    import opencc

# The dictionaries a tokenizer was loaded with: the main one (None: jieba's own) and the user dictionaries.
Dictionaries: TypeAlias = "tuple[Path | None, tuple[Path, ...]]"

WORD_BREAK = "\u200b"  # what Material joins the words with; never inside a run of Han characters


def write_cached(folder: Path, stem: str, content: str) -> Path:
    """Write ``content`` to a file named by its hash (unchanged content → same file, no rewrite)."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]
    path = folder / f"{stem}-{digest}.txt"
    if not path.exists():
        path.write_text(content, encoding="utf-8")
    return path


class SegmentationMemo:
    """The part of the jieba module that Material's search plugin uses, answered from a memo.

    Material calls ``set_dictionary`` and ``load_userdict`` in its ``on_config`` and ``cut`` for every
    run of Han characters it indexes. The dictionaries are only recorded; the memo file is named by the
    hash of their contents and of jieba's version, so a changed glossary (user words) or another
    edition's dictionary starts a different memo. On the first run the memo does not know, the real
    jieba tokenizer gets the recorded dictionaries and cuts it: the index is the same as without the memo.
    """

    def __init__(self, cache: Path, timings: Timings | None = None) -> None:
        self.cache = cache
        self.timings = timings  # the build's, where misses are counted for the build stats
        self.dictionary: Path | None = None
        self.user_dictionaries: list[Path] = []
        self._known: dict[str, str] | None = None
        self._used: dict[str, str] = {}
        self._path: Path | None = None
        self._jieba: jieba.Tokenizer | None = None
        # (dictionaries, tokenizer): both editions share it
        self._tokenizer: tuple[Dictionaries | None, jieba.Tokenizer | None] = (None, None)
        self.through: str | None = None  # OpenCC configuration back to Simplified (Traditional edition)
        self._to_simplified: opencc.OpenCC | None = None
        self.misses = 0

    def segment_through(self, opencc_config: str | None) -> None:
        """Cut text where its conversion with ``opencc_config`` (tw2s.json) would be cut; None: as it is."""
        self._reset()
        self.through = opencc_config
        self._to_simplified = None

    # --- the jieba API Material calls ---

    def set_dictionary(self, path: str) -> None:
        """As in jieba, a new main dictionary drops the user words added before it."""
        self._reset()
        self.dictionary = Path(path)
        self.user_dictionaries = []

    def load_userdict(self, path: str) -> None:
        self._reset()
        self.user_dictionaries.append(Path(path))

    def cut(self, sentence: str | bytes) -> list[str]:
        """jieba's default cut (Material passes UTF-8 bytes and nothing else)."""
        text = sentence.decode("utf-8") if isinstance(sentence, bytes) else sentence
        known = self._memo()
        words = known.get(text)
        if words is None:
            words = WORD_BREAK.join(self._cut(text))
            known[text] = words
            self.misses += 1
            if self.timings is not None:
                self.timings.count("search segmentation misses")
        self._used[text] = words
        return words.split(WORD_BREAK)

    def _cut(self, text: str) -> list[str]:
        if self.through is None:
            return list(self._real_jieba().cut(text))
        if self._to_simplified is None:
            import opencc

            self._to_simplified = opencc.OpenCC(self.through)
        simplified: str = self._to_simplified.convert(text)  # the binding's convert() declares no return type
        if len(simplified) != len(text):  # not one character for one: cut the text itself
            return list(self._real_jieba().cut(text))
        words, start = [], 0
        for word in self._real_jieba().cut(simplified):
            words.append(text[start : start + len(word)])
            start += len(word)
        return words

    # --- memo ---

    def save(self) -> None:
        """Keep the runs this build cut (only those: a memo of old text would grow without end)."""
        if self._path is None or (not self.misses and len(self._used) == len(self._known or {})):
            return
        write_json_dict(self._path, self._used)

    def _reset(self) -> None:
        """Another build (or edition) starts: keep what the previous one cut, then start afresh."""
        self.save()
        self._known, self._path, self._jieba = None, None, None
        self._used = {}
        self.misses = 0

    def _memo(self) -> dict[str, str]:
        if self._known is None:
            digest = hashlib.sha256(f"{metadata.version('jieba')}\0{self.through}".encode())
            if self.through is not None:
                digest.update(metadata.version("opencc").encode())
            for path in [self.dictionary, *self.user_dictionaries]:
                digest.update(hashlib.sha256(path.read_bytes()).digest() if path else b"default")
            self._path = self.cache / f"search-segments-{digest.hexdigest()[:16]}.json"
            self._known = read_json_dict(self._path)
        return self._known

    def _real_jieba(self) -> jieba.Tokenizer:
        """A tokenizer of our own with the recorded dictionaries (jieba's global one is left alone)."""
        if self._jieba is None:
            key: Dictionaries = (self.dictionary, tuple(self.user_dictionaries))
            loaded, tokenizer = self._tokenizer
            if tokenizer is None or loaded != key:
                import jieba

                jieba.setLogLevel(40)  # its dictionary loading notes on stderr are noise in CI logs
                bundled = Path(jieba.__file__).resolve().parent / jieba.DEFAULT_DICT_NAME
                own = self.dictionary is None or self.dictionary.resolve() == bundled
                # jieba's own dictionary named as jieba names it: the converter's tokenizer then shares
                # jieba's prefix-dictionary cache with this one (built once, not twice, on a cold machine).
                tokenizer = jieba.Tokenizer(jieba.DEFAULT_DICT if own else str(self.dictionary))
                for path in self.user_dictionaries:
                    tokenizer.load_userdict(str(path))
                self._tokenizer = (key, tokenizer)
            self._jieba = tokenizer
        return self._jieba
