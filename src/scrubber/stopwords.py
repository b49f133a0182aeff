"""Stop-word density, the best language-independent sign of running text.

Stop lists come from jusText (a trafilatura dependency). The page's language is
guessed from stop-word hits before stripping; langdetect runs later, on the
clean text only, because it is much slower.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib.resources import files
from itertools import islice


@lru_cache(maxsize=1)
def _iso_to_justext() -> dict[str, str]:
    path = files("scrubber").joinpath("data", "justext_languages.json")
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, ...]]:
    """Word -> the languages whose stop list holds it."""
    import justext

    langs: dict[str, list[str]] = {}
    for iso, name in sorted(_iso_to_justext().items()):
        for word in justext.get_stoplist(name):
            langs.setdefault(word.casefold(), []).append(iso)
    return {word: tuple(codes) for word, codes in langs.items()}


@cache
def stoplist(iso: str) -> frozenset[str]:
    index = _index()
    return frozenset(word for word, codes in index.items() if iso in codes)


def guess_language(tokens: Iterable[str], limit: int = 1500) -> str | None:
    """The language whose stop list covers most of the first `limit` tokens, if any."""
    index = _index()
    hits: dict[str, int] = {}
    counts = Counter(islice(tokens, max(limit, 0)))
    # Each distinct stop word counts as often as it occurs (integer sums: any order).
    for token in counts.keys() & index.keys():
        times = counts[token]
        for code in index[token]:
            hits[code] = hits.get(code, 0) + times
    if not hits:
        return None
    # Stop lists run from 300 words to nearly 7,000: the longest hold other languages' words
    # (an English page hit more Marathi and Finnish words than English ones, a Hindi page
    # more Nepali), so hits are weighed down by the list's size, a little: the language
    # with the most hits / size ** (1 / LIST_SIZE_ROOT) wins, compared as hits ** 4 / size:
    # one division of integers, correctly rounded on every platform (a power is not).
    sizes = _list_sizes()
    # Ties go to the alphabetically first code so the answer never varies.
    return min(hits, key=lambda code: (-(hits[code] ** LIST_SIZE_ROOT) / sizes[code], code))


# A stop list of n words has its hits divided by the LIST_SIZE_ROOT-th root of n.
LIST_SIZE_ROOT = 4


@lru_cache(maxsize=1)
def _list_sizes() -> dict[str, int]:
    sizes: dict[str, int] = {}
    for codes in _index().values():
        for code in codes:
            sizes[code] = sizes.get(code, 0) + 1
    return sizes
