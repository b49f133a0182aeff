"""What the rules must know about writing systems beyond Latin letters and spaces.

- Combining marks (Unicode category M: the vowel signs of Devanagari, Bengali,
  Tamil and Thai, Arabic and Hebrew vowel points) are parts of words, though a
  regex `\\w` does not match them. Without them 'हिन्दी' read as three words, no
  Hindi stop word ever matched, and a Hindi lexicon phrase matched fragments of
  unrelated words. So are the zero-width joiners of Persian ('می‌خواهم').
- Some scripts put no spaces between words (Chinese, Japanese, Thai, Lao,
  Khmer, Myanmar): their letters are counted, since a space-separated token
  there is a whole clause.
- Georgian's everyday letters (Mkhedruli) are lower case to Unicode, but Georgian
  has no capitals in running text: a line opening with one does not continue a
  sentence, any more than one opening with a Chinese character does.
- Sentences end with other marks than Latin ones: the Devanagari danda, the
  Urdu full stop, the Arabic question mark, the Armenian, Ethiopic, Myanmar and
  Khmer full stops.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib.resources import files

# Kana (Japanese), Chinese characters (Han, also written in Japanese and older Korean) and
# Hangul letters and syllables: character-class ranges.
KANA = "\u3040-\u30ff"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HANGUL_SYLLABLES = "\uac00-\ud7af"
HANGUL = "\u1100-\u11ff\u3130-\u318f" + HANGUL_SYLLABLES
# Ideographs and kana: about half a word each.
IDEOGRAPHIC = KANA + HAN
# The letters and signs of Thai, Lao, Myanmar and Khmer: about a fifth of a word each.
SOUTHEAST_ASIAN = "\u0e01-\u0e4e\u0e81-\u0ece\u1000-\u103f\u1780-\u17d3"
UNSPACED_LETTERS = IDEOGRAPHIC + SOUTHEAST_ASIAN
# Thai and Lao mark no sentence end: a line holding this many of those letters (about 20
# words, longer than a headline) is read as ending like a sentence.
UNMARKED_SENTENCE_LETTERS = 100
# Zero-width non-joiner and joiner: inside Persian and Indic words ("می‌خواهم").
JOINERS = "\u200c\u200d"
SENTENCE_END_MARKS = ".!?。！？…:;" + "।॥۔؟։።။។"
# Georgian Mkhedruli: lower case to Unicode, written without capitals (see `reads_lower`).
_MKHEDRULI = (0x10D0, 0x10FF)


@cache
def combining_marks() -> str:
    """A regex character class body (no brackets) of the combining marks of living scripts.

    Read from data/combining_marks.json: deriving it from unicodedata costs
    about 0.2 s per process (a scan of every code point); tests/test_scripts.py
    checks the table against the running Python's unicodedata. Marks past the
    Basic Multilingual Plane (historic scripts) are left out: with them the
    class is a list of ranges tried one by one instead of a bitmap, and the
    tokenizer took 1.7x as long on non-ASCII lines.
    """
    return _ranges_body([(first, last) for first, last in mark_ranges() if last <= 0xFFFF])


def mark_ranges() -> list[tuple[int, int]]:
    """The table's (first, last) code point ranges of combining marks."""
    path = files("scrubber").joinpath("data", "combining_marks.json")
    table = json.loads(path.read_text(encoding="utf-8"))
    return [(first, last) for first, last in table["ranges"]]


@cache
def cased_letters() -> tuple[str, str]:
    """Regex class bodies of the lower-case and the upper-case letters of the BMP.

    Built on first use from str.islower/isupper (about 20 ms), Georgian Mkhedruli left out
    of the lower case (see `reads_lower`): glued menus are found in every cased script,
    not only in ASCII, Latin-1, Greek and Russian letters.
    """
    first, last = _MKHEDRULI
    lower = [c for c in range(0x10000) if chr(c).islower() and not first <= c <= last]
    upper = [c for c in range(0x10000) if chr(c).isupper()]
    return _class_body(lower), _class_body(upper)


def _class_body(codes: list[int]) -> str:
    """A class body of the code points given in ascending order, runs written as ranges."""
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return _ranges_body(ranges)


def _ranges_body(ranges: list[tuple[int, int]]) -> str:
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


def reads_lower(word: str) -> bool:
    """Written in lower case in a script that has capitals: 'iPhone' is not, nor is Georgian."""
    first, last = _MKHEDRULI
    return word.islower() and not first <= ord(word[0]) <= last


def is_mark(char: str) -> bool:
    """A combining mark: part of the letter before it."""
    return unicodedata.category(char)[0] == "M"
