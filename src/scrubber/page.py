"""The per-line features rules read: computed once per distinct text, shared by strip passes."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import InitVar, dataclass, field
from itertools import chain
from typing import TYPE_CHECKING

from scrubber import scripts, stopwords
from scrubber.lexicon import normalize_key, word_tokens

if TYPE_CHECKING:
    from scrubber.rules.registry import Rule

# Letters of scripts written without spaces (Hangul is written with spaces).
_UNSPACED = re.compile(f"[{scripts.UNSPACED_LETTERS}]")
_SOUTHEAST_ASIAN = re.compile(f"[{scripts.SOUTHEAST_ASIAN}]")
# Marks that end a sentence, in every script (`_sentence_end` reads the line from its end).
_TERMINAL_MARKS = tuple(scripts.SENTENCE_END_MARKS)
_CLOSERS = "'\"’”»)]"
# What may follow a sentence's mark at the end of a line: spaces, closing quotes and
# brackets, invisible marks (zero-width space, direction marks, soft hyphen), superscript
# footnote digits; also emoji and other symbols, and footnote markers such as "[12]".
_AFTER_SENTENCE = frozenset(
    " \t\u00a0" + _CLOSERS + "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\ufe0f"
    "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079*†‡"
)
_FOOTNOTE_MAX_CHARS = 4


@dataclass(frozen=True, slots=True)
class LineText:
    """What rules read from a line's text alone, computed once per distinct text.

    Strip passes rebuild their `Line`s, and pages repeat lines (menus, bylines):
    everything here depends on nothing but the text, so one copy serves all.
    """

    text: str
    key: str
    tokens: list[str]
    cjk_chars: int
    """Letters of scripts written without spaces (CJK, Thai, ...: `scripts.UNSPACED_LETTERS`)."""
    words: int
    """Word count: an ideograph or kana counts as half a word, a Thai, Lao, Myanmar or Khmer
    letter or sign as a fifth."""
    terminal: bool
    """Ends like a sentence: a full stop (of any script), perhaps followed by closing quotes,
    brackets, footnote markers, emoji or invisible marks (`_ends_like_sentence`)."""

    @classmethod
    def of(cls, text: str) -> LineText:
        tokens = word_tokens(text)
        cjk_chars = 0 if text.isascii() else len(_UNSPACED.findall(text))
        southeast = len(_SOUTHEAST_ASIAN.findall(text)) if cjk_chars else 0
        return cls(
            text,
            normalize_key(text),
            tokens,
            cjk_chars,
            len(tokens) + (cjk_chars - southeast) // 2 + southeast // 5,
            _ends_like_sentence(text, len(tokens), southeast),
        )


def _ends_like_sentence(text: str, tokens: int, southeast: int) -> bool:
    """Ends with a sentence mark, perhaps followed by what `_AFTER_SENTENCE` lists.

    Two marks of their own count too: an emoji closing a line of EMOJI_SENTENCE_WORDS
    words or more ("... after ten days 🎉", where it stands for the full stop), and a
    Thai or Lao line of UNMARKED_SENTENCE_LETTERS letters (those scripts mark no end).
    """
    end = _sentence_end(text)
    if end.endswith(_TERMINAL_MARKS):
        return True
    if tokens >= EMOJI_SENTENCE_WORDS and _ends_with_symbol(text):
        return True
    return southeast >= scripts.UNMARKED_SENTENCE_LETTERS and not end.endswith(":")


# A line of at least this many words closed by an emoji reads as a sentence.
EMOJI_SENTENCE_WORDS = 8


def _ends_with_symbol(text: str) -> bool:
    stripped = text.rstrip(" \t\u00a0\ufe0f\u200d")
    return bool(stripped) and unicodedata.category(stripped[-1]) == "So"


def _sentence_end(text: str) -> str:
    """The text without what may follow a sentence's mark, read from the end (linear)."""
    end = len(text)
    while end:
        char = text[end - 1]
        if char == "]":
            # A footnote marker "[12]" or "[a]" goes whole; another "]" is a closer.
            opening = text.rfind("[", max(end - 2 - _FOOTNOTE_MAX_CHARS, 0), end - 1)
            if opening >= 0 and text[opening + 1 : end - 1].isalnum():
                end = opening
                continue
        elif (
            char not in _AFTER_SENTENCE
            and not char.isspace()
            and (char.isalnum() or char in _TERMINAL_MARKS or unicodedata.category(char) != "So")
        ):
            break
        end -= 1
    return text[:end]


@dataclass(slots=True)
class Line:
    """One non-blank line as the rules see it: its text's features and its place."""

    index: int
    number: int
    text: str
    para_start: bool
    known: InitVar[LineText | None] = None
    """The text's features when already computed (`Memo.features`)."""
    features: LineText = field(init=False, repr=False, compare=False)
    key: str = field(init=False)
    tokens: list[str] = field(init=False)
    cjk_chars: int = field(init=False)
    words: int = field(init=False)
    terminal: bool = field(init=False)

    def __post_init__(self, known: LineText | None) -> None:
        features = known if known is not None and known.text == self.text else None
        self.features = features = features or LineText.of(self.text)
        self.key = features.key
        self.tokens = features.tokens
        self.cjk_chars = features.cjk_chars
        self.words = features.words
        self.terminal = features.terminal


# Features of short lines, shared by every page a process strips: a site's menus,
# bylines and footers recur from page to page. Of the 41,517 distinct texts of the 266 dev
# pages, 8,808 were on an earlier page too, 8,686 of them under 100 characters; longer
# lines (paragraphs) seldom recur and would only take memory. Features depend on the text
# alone, so sharing changes no output. The table is emptied when it holds
# SHARED_TEXTS_MAX texts: memory stays bounded (about 5 MB).
SHARED_MAX_CHARS = 100
SHARED_TEXTS_MAX = 8_192
_SHARED_TEXTS: dict[str, LineText] = {}


def shared_features(text: str) -> LineText:
    """`LineText.of(text)`, computed once per distinct short text in this process."""
    if len(text) > SHARED_MAX_CHARS:
        return LineText.of(text)
    found = _SHARED_TEXTS.get(text)
    if found is None:
        if len(_SHARED_TEXTS) >= SHARED_TEXTS_MAX:
            _SHARED_TEXTS.clear()
        found = _SHARED_TEXTS[text] = LineText.of(text)
    return found


@dataclass
class Memo:
    """Results that depend only on line texts, shared by the strip passes of one page.

    One memo serves one `strip.decide` call: content-model results assume the model
    it was filled with, line-rule verdicts its Config. Short lines' features and verdicts
    are shared wider, by all pages (`shared_features`, `strip._verdicts`).
    """

    texts: dict[str, LineText] = field(default_factory=dict)
    line_rules: dict[str, tuple[int, str, str] | None] = field(default_factory=dict)
    """Text -> (rank, code, message) of the first text-only line rule that hits it."""
    shapes: dict[tuple[tuple[str, ...], str | None, bool, bool], tuple[list[float], float]] = field(
        default_factory=dict
    )
    """Content model (rules/scoring.py): a unit's shape features and their stage-one sum."""
    terms: dict[tuple[tuple[str, ...], str | None], set[str]] = field(default_factory=dict)
    """Content model: a unit's topic terms."""
    rules: dict[str, list[Rule]] = field(default_factory=dict)
    """strip.py: the rules the Config enables, by scope."""

    def features(self, text: str) -> LineText:
        found = self.texts.get(text)
        if found is None:
            found = self.texts[text] = shared_features(text)
        return found


@dataclass
class Page:
    """The lines of one strip pass plus page-wide facts (language, repetition)."""

    lines: list[Line]
    line_hits: dict[int, str] = field(default_factory=dict)
    """Index -> code of the line rule that hit it (filled before page rules run)."""
    region: tuple[int, int] | None = None
    cache: dict[str, dict[int, float]] = field(default_factory=dict)
    title: str | None = None
    memo: Memo = field(default_factory=Memo)
    units: tuple[dict[int, str], list[list[Line]], set[int]] | None = None
    """rules/weights.py: the line hits the units were grouped with, the units, their first lines."""
    inline_boxes: dict[int, int] | None = None
    """rules/weights.py: lines of "Read also:" boxes inside the article -> their header's index."""
    chapters: frozenset[int] | None = None
    """rules/weights.py: lines of a podcast's or video's chapter list (`in_chapter_list`)."""
    contents: tuple[dict[int, int], frozenset[int]] | None = None
    """rules/page_rules.py: a table of contents' entries -> their headings, and the headings."""
    thread_start: int | None = None
    """rules/weights.py: index of a comment thread's first header, or past the end."""

    # Lazy page-wide facts, kept in plain fields rather than functools.cached_property:
    # a class compiled by mypyc has no instance __dict__ to cache into.
    _language: tuple[str | None] | None = field(init=False, repr=False)
    _stoplist: frozenset[str] | None = field(init=False, repr=False)
    _key_counts: Counter[str] | None = field(init=False, repr=False)
    _cjk: bool | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._language = self._stoplist = self._key_counts = self._cjk = None

    @property
    def language(self) -> str | None:
        """Stop-word guess of the page language (None for CJK: no spaces, no stop words)."""
        if self._language is None:
            tokens = chain.from_iterable(line.tokens for line in self.lines)
            self._language = (None if self.cjk else stopwords.guess_language(tokens),)
        return self._language[0]

    @property
    def stoplist(self) -> frozenset[str]:
        if self._stoplist is None:
            language = self.language
            self._stoplist = stopwords.stoplist(language) if language else frozenset()
        return self._stoplist

    @property
    def key_counts(self) -> Counter[str]:
        if self._key_counts is None:
            self._key_counts = Counter(line.key for line in self.lines)
        return self._key_counts

    @property
    def cjk(self) -> bool:
        """Mostly written without spaces between words (Chinese, Japanese)."""
        if self._cjk is None:
            cjk = sum(line.cjk_chars for line in self.lines)
            self._cjk = cjk > sum(len(line.tokens) for line in self.lines)
        return self._cjk

    def stop_ratio(self, line: Line) -> float:
        if not line.tokens:
            return 0.0
        stops = self.stoplist
        return sum(1 for t in line.tokens if t in stops) / len(line.tokens)


def build_page(numbered: list[tuple[int, str]], memo: Memo | None = None) -> Page:
    """`numbered` holds (input line number, text) for every line, blank ones included.

    Pass the previous pass's `memo` to reuse what depends only on line texts.
    """
    memo = memo if memo is not None else Memo()
    features = memo.features
    lines: list[Line] = []
    after_blank = True
    for number, text in numbered:
        if not text.strip():
            after_blank = True
            continue
        lines.append(Line(len(lines), number, text, after_blank, features(text)))
        after_blank = False
    return Page(lines, memo=memo)
