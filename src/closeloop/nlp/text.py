"""The text pipeline every assist feature starts with: one normal form for Chinese complaint text,
and its words.

`normalise` folds full-width forms (NFKC: ＡＢＣ１２３ → ABC123, full-width punctuation → ASCII),
converts traditional characters to simplified with OpenCC's phrase-aware `t2s` tables (complaints
arrive from Hong Kong, Taiwan and overseas customers too), lowers Latin letters and collapses
whitespace. Rule phrases are matched on the normal form, so `normalised` also returns, for each of
its characters, where it came from in the input: the UI highlights a phrase in what the customer
wrote, not in our rewriting of it.

`tokens` segments with jieba and a shipped domain dictionary (`data/domain_dict.txt`), loaded once
per process on first use.
"""

import logging
import os
import re
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jieba
import opencc

DOMAIN_DICT = Path(__file__).with_name("data") / "domain_dict.txt"

_SPACES = re.compile(r"\s+")
_tokenizer: jieba.Tokenizer | None = None
_tokenizer_lock = threading.Lock()


@dataclass(frozen=True)
class Normalised:
    """A normalised text and, for each of its characters, the index of the input character it came
    from; `origin[len(text)]` is the input's length, so a span [i, j) maps to [origin[i], origin[j])."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input span a normalised span [start, end) came from."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _simplified_char(ch: str) -> str:
    converted = _converter().convert(ch)
    return converted if len(converted) == 1 else ch


def _fold(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).lower()


def normalised(text: str) -> Normalised:
    """`normalise` with the way back to the input's offsets."""
    text = text or ""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        # Per character so each output character knows its source; NFKC may expand one character
        # (㈱ → (株)) and then all of the expansion points back to it.
        for out in _fold(ch):
            chars.append(out)
            origin.append(i)
    folded = "".join(chars)
    simplified = _converter().convert(folded)
    if len(simplified) != len(folded):
        # A phrase rule changed the length (rare in t2s): convert character by character instead,
        # which keeps positions at the cost of the phrase-level choices.
        simplified = "".join(_simplified_char(ch) for ch in folded)
    out_chars: list[str] = []
    out_origin: list[int] = []
    space_at: int | None = None  # where a run of whitespace began, once text came before it
    for ch, source in zip(simplified, origin, strict=True):
        if ch.isspace():
            if out_chars and space_at is None:
                space_at = source
            continue
        if space_at is not None:
            out_chars.append(" ")
            out_origin.append(space_at)
            space_at = None
        out_chars.append(ch)
        out_origin.append(source)
    out_origin.append(len(text))
    return Normalised("".join(out_chars), tuple(out_origin))


def normalise(text: str) -> str:
    """Half-width, simplified, lower-case text with single spaces: 我要投訴，退款還沒到賬 →
    我要投诉,退款还没到账. The same as `normalised(text).text`, without the offsets and in C:
    this runs on every text of a training set."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    return _SPACES.sub(" ", _converter().convert(folded)).strip()


def _cache_dir() -> str:
    """Where jieba keeps its prefix-dictionary cache: the var directory, else the temp directory.
    Never the source tree (installed packages may be read-only), and a read-only location only
    costs the cache: jieba builds the dictionary in memory (about a second) and goes on."""
    candidates = []
    try:
        from django.conf import settings

        candidates.append(Path(settings.VAR_DIR) / "cache")
    except Exception:  # settings not configured (a script without Django): the temp directory will do
        pass
    candidates.append(Path(tempfile.gettempdir()))
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK):
            return str(folder)
    return str(candidates[-1])


def _load_tokenizer() -> jieba.Tokenizer:
    jieba_log = logging.getLogger("jieba")
    # jieba logs its dictionary loading at DEBUG to stderr by default, and a failed cache write as
    # an ERROR with a traceback; neither should reach a command's or a server's output.
    jieba_log.setLevel(logging.CRITICAL)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = _cache_dir()
    tokenizer.initialize()
    tokenizer.load_userdict(str(DOMAIN_DICT))
    jieba_log.setLevel(logging.WARNING)
    return tokenizer


def tokenizer() -> jieba.Tokenizer:
    global _tokenizer
    if _tokenizer is None:
        with _tokenizer_lock:
            if _tokenizer is None:
                _tokenizer = _load_tokenizer()
    return _tokenizer


def words(normal_text: str) -> list[str]:
    """The words of an already normalised text, without spaces and punctuation.

    Without jieba's HMM guesses at words missing from its dictionaries: they cost a third of the
    time, and a guessed word only matters to retrieval, where its characters still match."""
    return [w for w in tokenizer().lcut(normal_text, HMM=False) if any(ch.isalnum() for ch in w)]


def tokens(text: str) -> list[str]:
    """The words of a text after `normalise`: 物业乱收费 → [物业, 乱收费]."""
    return words(normalise(text))
