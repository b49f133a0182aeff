"""Phrase lexicons (data files under scrubber/data/lexicon) and matching helpers."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib.resources import files
from typing import Any

from scrubber import scripts


def _strip_edges(text: str) -> str:
    """Drop the leading and trailing runs of characters that are not letters or digits.

    The same as a regex removing leading and trailing runs of non-word characters
    or underscores (a regex word character is `str.isalnum()` or "_"), with a
    plain scan of the two edges: linear, and several times faster.
    """
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    # A closing vowel sign ('है') is part of the last word.
    while end > start and not text[end - 1].isalnum() and not scripts.is_mark(text[end - 1]):
        end -= 1
    return text[start:end]


# The ASCII characters that are not letters or digits: what _strip_edges drops from ASCII text.
_ASCII_EDGES = "".join(chr(c) for c in range(128) if not chr(c).isalnum())


def normalize_key(text: str) -> str:
    """Matching form of a line: NFKC, case-folded, edge punctuation and extra spaces gone."""
    if text.isascii():
        # NFKC leaves ASCII as it is and casefold is lower there: the same key, in C.
        return " ".join(text.lower().strip(_ASCII_EDGES).split())
    # casefold turns Turkish "İ" into "i" + U+0307; the dot is dropped to match "i".
    text = _without_harakat(unicodedata.normalize("NFKC", text).casefold().replace("\u0307", ""))
    # str.split() splits where a regex whitespace class matches (both use str.isspace).
    return " ".join(_strip_edges(text).split())


@cache
def _raw(category: str) -> dict[str, Any]:
    """A lexicon file's entries by language code (keys starting with `_` are docs)."""
    path = files("scrubber").joinpath("data", "lexicon", f"{category}.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {lang: value for lang, value in data.items() if not lang.startswith("_")}


@cache
def load(category: str) -> dict[str, list[str]]:
    """A phrase lexicon: language code -> phrases."""
    data = _raw(category)
    if not all(isinstance(value, list) for value in data.values()):
        raise ValueError(f"lexicon {category!r} is not a list of phrases per language")
    return data


@cache
def phrases(category: str) -> frozenset[str]:
    """All phrases of a category, in every language, in matching form."""
    # A phrase made only of symbols ("©") has an empty key: it is kept as written.
    return frozenset(
        normalize_key(phrase) or phrase.strip().casefold()
        for values in load(category).values()
        for phrase in values
        if phrase.strip()
    )


# Ideographs, kana and Hangul syllables: phrases in them are matched as substrings.
_CJK_CHAR = re.compile(f"[{scripts.IDEOGRAPHIC}{scripts.HANGUL_SYLLABLES}]")


def written_in_cjk(phrase: str) -> bool:
    """Whether a phrase holds ideographs or Hangul syllables (Chinese, Japanese, Korean):
    such phrases are matched as substrings and measured in characters."""
    return _CJK_CHAR.search(phrase) is not None


@cache
def _unspaced_phrases(category: str) -> tuple[str, ...]:
    """A category's phrases in Chinese, Japanese or Korean (`written_in_cjk`), longest first
    (ties in order)."""
    return tuple(
        sorted((p for p in phrases(category) if written_in_cjk(p)), key=lambda p: (-len(p), p))
    )


@cache
def _unspaced_pattern(category: str) -> re.Pattern[str] | None:
    """The unspaced phrases as one alternation, found by plain substring search."""
    unspaced = _unspaced_phrases(category)
    return re.compile("|".join(re.escape(p) for p in unspaced)) if unspaced else None


@cache
def _word_pattern() -> re.Pattern[str]:
    """Letters (with the combining marks and joiners inside them, and inner apostrophes)
    or numbers."""
    inside = scripts.combining_marks() + scripts.JOINERS
    letters = rf"[^\W\d_]+(?:[{inside}]+[^\W\d_]*)*"
    return re.compile(rf"{letters}(?:['’]{letters})*|\d+(?:[.,]\d+)*")


# The word pattern on ASCII text: letters are [A-Za-z], digits [0-9], casefold is lower.
_ASCII_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*|[0-9]+(?:[.,][0-9]+)*")


def word_tokens(text: str) -> list[str]:
    """A text's words, case-folded: letters (with inner apostrophes) or numbers, no punctuation.

    The tokens of a line's features (page.LineText) and the form phrases are matched in.
    """
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())
    if "\u00ad" in text or "\u2060" in text:
        text = text.translate(_INVISIBLE_IN_WORDS)
    tokens = list(map(str.casefold, _word_pattern().findall(_without_harakat(text))))
    if "İ" in text:  # casefolds to "i" + U+0307, as normalize_key drops it
        tokens = [token.replace("i\u0307", "i") for token in tokens]
    return tokens


# Arabic short-vowel and tanween marks are optional: "أيضًا" and "أيضاً" are one word.
_HARAKAT = re.compile("[\u064b-\u0652]")


def _without_harakat(text: str) -> str:
    return _HARAKAT.sub("", text) if _HARAKAT.search(text) else text


# A soft hyphen ("Ab\u00adsatz") or a word joiner inside a word is not a break in it.
_INVISIBLE_IN_WORDS = dict.fromkeys(map(ord, "\u00ad\u2060"))


@cache
def _match_forms(category: str) -> dict[str, str]:
    """A category's phrases by their words (`word_tokens`) joined with spaces."""
    forms: dict[str, str] = {}
    for phrase in sorted(phrases(category)):
        words = word_tokens(phrase)
        if words:  # a phrase of signs only ("©") has no words to match
            forms.setdefault(" ".join(words), phrase)
    return forms


@cache
def _phrase_starts(category: str) -> dict[str, tuple[int, ...]]:
    """First word of a category's phrases -> the word counts of the phrases it starts."""
    starts: dict[str, set[int]] = {}
    for form in _match_forms(category):
        words = form.split()
        if words:
            starts.setdefault(words[0], set()).add(len(words))
    return {word: tuple(sorted(sizes)) for word, sizes in starts.items()}


def _phrase_hits(category: str, key: str, tokens: list[str] | None) -> list[str]:
    """The category's phrases inside a line: word phrases in reading order, then CJK ones.

    Word n-grams are looked up in the phrase set (linear in the line's length,
    whatever the lexicon's size); CJK phrases are searched as substrings of the key.
    """
    starts = _phrase_starts(category)
    tokens = word_tokens(key) if tokens is None else tokens
    # Most lines hold no word that starts a phrase: one C-level test skips the scan.
    hits = [] if starts.keys().isdisjoint(tokens) else _word_phrases(tokens, starts, category)
    if not key.isascii() and _CJK_CHAR.search(key):
        pattern = _unspaced_pattern(category)
        if pattern is not None:
            hits.extend(pattern.findall(key))  # no groups: findall gives whole matches
    return hits


def _word_phrases(
    tokens: list[str], starts: dict[str, tuple[int, ...]], category: str
) -> list[str]:
    forms = _match_forms(category)
    count = len(tokens)
    hits = []
    for start, token in enumerate(tokens):
        # Only n-grams whose first word starts some phrase (of that length) can match.
        for size in starts.get(token, ()):
            if start + size > count:
                break
            phrase = forms.get(" ".join(tokens[start : start + size]))
            if phrase is not None:
                hits.append(phrase)
    return hits


@cache
def _phrase_sizes(category: str) -> tuple[int, ...]:
    """The word counts of a category's phrases, longest first."""
    return tuple(sorted({len(form.split()) for form in _match_forms(category)}, reverse=True))


def starts_with_phrase(category: str, key: str, tokens: list[str] | None = None) -> str | None:
    """The category's (longest) phrase that opens the line, or None.

    `key` is the line's matching form; `tokens` its words when already known.
    """
    return _edge_phrase(category, key, tokens, opening=True)


def ends_with_phrase(category: str, key: str, tokens: list[str] | None = None) -> str | None:
    """The category's (longest) phrase that closes the line, or None."""
    return _edge_phrase(category, key, tokens, opening=False)


def _edge_phrase(category: str, key: str, tokens: list[str] | None, opening: bool) -> str | None:
    forms = _match_forms(category)
    tokens = word_tokens(key) if tokens is None else tokens
    for size in _phrase_sizes(category):
        if size <= len(tokens):
            edge = tokens[:size] if opening else tokens[-size:]
            phrase = forms.get(" ".join(edge))
            if phrase is not None:
                return phrase
    if not key.isascii():
        for phrase in _unspaced_phrases(category):
            if key.startswith(phrase) if opening else key.rstrip(" :：").endswith(phrase):
                return phrase
    return None


def find_phrase(category: str, key: str, tokens: list[str] | None = None) -> str | None:
    """The first phrase of the category in a line (whole words), or None.

    `key` is the line's matching form; `tokens` its words when already known
    (`page.LineText.tokens`), else they are taken from the key.
    """
    hits = _phrase_hits(category, key, tokens)
    return hits[0] if hits else None


def find_phrases(category: str, key: str, tokens: list[str] | None = None) -> list[str]:
    """Every distinct phrase of the category in a line (whole words), in order."""
    hits = _phrase_hits(category, key, tokens)
    return list(dict.fromkeys(hits)) if hits else hits


def made_of_phrases(categories: tuple[str, ...], tokens: list[str]) -> bool:
    """The tokens are a run of the categories' phrases (and numbers), nothing else.

    "Send Print Text size Share it" is four share phrases in a row; a word of
    any other kind ("Send the report") breaks the run. Each position tries only
    the phrase lengths its word opens, and the scan stops where the run breaks.
    """
    forms, sizes_by_start = _joined_forms(categories)
    reach = [False] * (len(tokens) + 1)
    reach[0] = True
    furthest = 0
    for start, token in enumerate(tokens):
        if start > furthest:
            return False  # nothing reaches this word: the run is broken
        if not reach[start]:
            continue
        ends = [start + 1] if token.isdigit() else []
        for size in sizes_by_start.get(token, ()):
            end = start + size
            if end <= len(tokens) and " ".join(tokens[start:end]) in forms:
                ends.append(end)
        for end in ends:
            reach[end] = True
            furthest = max(furthest, end)
    return reach[-1] and not all(token.isdigit() for token in tokens)


@cache
def _joined_forms(
    categories: tuple[str, ...],
) -> tuple[frozenset[str], dict[str, tuple[int, ...]]]:
    """The categories' phrases as word forms joined by spaces, and the word counts of the
    forms each first word opens.

    One-letter forms ("x" for the network) are left out: in "4x4" or "24x7" they
    are part of a word.
    """
    forms = frozenset(
        form for category in categories for form in _match_forms(category) if len(form) > 1
    )
    sizes: dict[str, set[int]] = {}
    for form in forms:
        words = form.split()
        sizes.setdefault(words[0], set()).add(len(words))
    return forms, {word: tuple(sorted(counts)) for word, counts in sizes.items()}


@cache
def words(category: str) -> frozenset[str]:
    """Single-token entries of a category (for token-wise tests such as share bars)."""
    return frozenset(p for p in phrases(category) if " " not in p)


@cache
def first_words(category: str) -> frozenset[str]:
    """The first words of a category's phrases (a phrase's key with words joined by spaces)."""
    return frozenset(p.split(" ")[0] for p in phrases(category))


@cache
def date_words() -> frozenset[str]:
    """Month and weekday names (full and abbreviated) in every language, matching form."""
    return _date_entries(("months", "weekdays", "units"))


@cache
def month_words() -> frozenset[str]:
    """Month names (full and abbreviated) in every language, matching form."""
    return _date_entries(("months",))


@cache
def date_filler() -> frozenset[str]:
    """Small words and time zones a date line may also hold ("at", "um", "EST"), any language."""
    return _date_entries(("filler",)) | phrases("time_zones")


@cache
def relative_dates() -> frozenset[str]:
    """Relative dates ("3 days ago", relative_dates.json) as `relative_date_key`s."""
    return frozenset(
        relative_date_key(word_tokens(phrase.replace("#", "0")))
        for values in load("relative_dates").values()
        for phrase in values
    )


def relative_date_key(tokens: list[str]) -> str:
    """Tokens joined by spaces, each number as '#'."""
    return " ".join("#" if token[0].isdigit() else token for token in tokens)


def _date_entries(kinds: tuple[str, ...]) -> frozenset[str]:
    data = _raw("dates")  # language -> {"months": [...], "weekdays": [...], ...}
    found: set[str] = set()
    for entry in data.values():
        for kind in kinds:
            found.update(key for key in map(normalize_key, entry.get(kind, ())) if key)
    return frozenset(found)
