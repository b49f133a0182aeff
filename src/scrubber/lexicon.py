"""Phrase lexicons (data files under scrubber/data/lexicon) and matching helpers."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib.resources import files

_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_SPACES = re.compile(r"\s+")


def normalize_key(text: str) -> str:
    """Matching form of a line: NFKC, case-folded, edge punctuation and extra spaces gone."""
    # casefold turns Turkish "İ" into "i" + U+0307; the dot is dropped to match "i".
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u0307", "")
    return _SPACES.sub(" ", _EDGE_PUNCT.sub("", text)).strip()


@cache
def load(category: str) -> dict[str, list[str]]:
    """The raw lexicon: language code -> phrases (keys starting with `_` are docs)."""
    path = files("scrubber").joinpath("data", "lexicon", f"{category}.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {lang: value for lang, value in data.items() if not lang.startswith("_")}


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


@cache
def substring_pattern(category: str) -> re.Pattern[str]:
    """One regex finding any phrase of the category inside a line (matching form)."""
    ordered = sorted(phrases(category), key=lambda p: (-len(p), p))
    alternatives = "|".join(re.escape(p) for p in ordered)
    # Word boundaries where the phrase starts/ends with a word character.
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


@cache
def words(category: str) -> frozenset[str]:
    """Single-token entries of a category (for token-wise tests such as share bars)."""
    return frozenset(p for p in phrases(category) if " " not in p)


@cache
def date_words() -> frozenset[str]:
    """Month and weekday names (full and abbreviated) in every language, matching form."""
    data = load("dates")
    found: set[str] = set()
    for entry in data.values():
        if isinstance(entry, dict):
            for names in entry.values():
                found.update(normalize_key(n) for n in names if normalize_key(n))
    return frozenset(found)
