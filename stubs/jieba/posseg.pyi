# jieba 0.42 posseg: the part annotate uses (part-of-speech tags over a Tokenizer of our own).
from . import Tokenizer

class pair:
    word: str
    flag: str
    def __init__(self, word: str, flag: str) -> None: ...

class POSTokenizer:
    def __init__(self, tokenizer: Tokenizer | None = None) -> None: ...
    def lcut(self, sentence: str, HMM: bool = True) -> list[pair]: ...
