"""The per-line features rules read, computed once per strip pass."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from scrubber import stopwords
from scrubber.lexicon import normalize_key

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
# Ideographs and kana carry a word each; Hangul is written with spaces.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TERMINAL = re.compile(r"[.!?。！？…:;]['\"’”»)\]]*\s*$")


@dataclass
class Line:
    """One non-blank line as the rules see it."""

    index: int
    number: int
    text: str
    para_start: bool
    key: str = field(init=False)
    tokens: list[str] = field(init=False)
    cjk_chars: int = field(init=False)

    def __post_init__(self) -> None:
        self.key = normalize_key(self.text)
        self.tokens = [t.casefold() for t in _WORD.findall(self.text)]
        self.cjk_chars = len(_CJK.findall(self.text))

    @property
    def words(self) -> int:
        """Word count, CJK characters counted as half a word each."""
        return len(self.tokens) + self.cjk_chars // 2

    @property
    def terminal(self) -> bool:
        """Ends like a sentence (closing quotes and brackets allowed after the mark)."""
        return _TERMINAL.search(self.text) is not None


@dataclass
class Page:
    """The lines of one strip pass plus page-wide facts (language, repetition)."""

    lines: list[Line]
    line_hits: dict[int, str] = field(default_factory=dict)
    """Index -> code of the line rule that hit it (filled before page rules run)."""
    region: tuple[int, int] | None = None
    cache: dict[str, dict[int, float]] = field(default_factory=dict)
    title: str | None = None

    @cached_property
    def language(self) -> str | None:
        """Stop-word guess of the page language (None for CJK: no spaces, no stop words)."""
        if self.cjk:
            return None
        return stopwords.guess_language(t for line in self.lines for t in line.tokens)

    @cached_property
    def stoplist(self) -> frozenset[str]:
        return stopwords.stoplist(self.language) if self.language else frozenset()

    @cached_property
    def key_counts(self) -> Counter[str]:
        return Counter(line.key for line in self.lines)

    @cached_property
    def cjk(self) -> bool:
        """Mostly written without spaces between words (Chinese, Japanese)."""
        cjk = sum(line.cjk_chars for line in self.lines)
        return cjk > sum(len(line.tokens) for line in self.lines)

    def stop_ratio(self, line: Line) -> float:
        if not line.tokens:
            return 0.0
        stops = self.stoplist
        return sum(1 for t in line.tokens if t in stops) / len(line.tokens)


def build_page(numbered: list[tuple[int, str]]) -> Page:
    """`numbered` holds (input line number, text) for every line, blank ones included."""
    lines: list[Line] = []
    after_blank = True
    for number, text in numbered:
        if not text.strip():
            after_blank = True
            continue
        lines.append(Line(len(lines), number, text, after_blank))
        after_blank = False
    return Page(lines)
