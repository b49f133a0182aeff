"""Stage 6: language of the clean text, with langdetect made deterministic and fast.

langdetect's model and algorithm, run by `_FastDetector`: the same profiles,
the same text clean-up, the same n-grams in the same order and the same seeded
random trials, so its probabilities equal `Detector.get_probabilities()`
exactly (tests/test_langid_fast.py compares them). It is faster because the per
character work of langdetect (a Python call per character to normalise it and
to slide the n-gram window) is done once per distinct character and once per
distinct word, and the probability updates run as list comprehensions.
"""

from __future__ import annotations

import json
import os
import random
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache, partial
from itertools import chain
from types import SimpleNamespace
from typing import Any, cast

from scrubber import __version__, scripts
from scrubber.model import Language
from scrubber.versions import package_version

UNDETERMINED = "und"
_LETTER = re.compile(r"[^\W\d_]")
# langdetect reports Chinese as zh-cn / zh-tw; the sidecar wants ISO 639-1.
_TO_ISO = {"zh-cn": "zh", "zh-tw": "zh"}

# langdetect's Detector: cleaning_text() counts these to drop Latin letters
# from mostly non-Latin text ('A'..'z' is its own range, brackets included).
_SPACES = re.compile(" {2,}")
_LATIN_RUNS = re.compile("[A-z]+")
_NOT_LATIN_RUNS = re.compile("[^A-z]+")
# Left after removing these: characters from U+0300 on, Latin Extended Additional aside.
_LATIN_OR_LOW_RUNS = re.compile("[\x00-\u02ff\u1e00-\u1eff]+")
# ASCII characters NGram.normalize turns into a space (all but the letters).
_ASCII_SEPARATORS = re.compile("[\x00-@\\[-`{-\x7f]+")
# The word cache is cleared past this size so memory stays bounded.
_MAX_CACHED_WORDS = 200_000
# langdetect is random unless seeded; scrubber always seeds it with 0.
_SEED = 0


def detector_version() -> str:
    return package_version("langdetect", missing="unknown")


@lru_cache(maxsize=1)
def _factory() -> Any:
    """langdetect's own factory, seeded (the reference the tests compare with)."""
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory

    DetectorFactory.seed = _SEED
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


class _Profiles(dict[str, list[float]]):
    """langdetect's `word_lang_prob_map`, each n-gram's row built when first asked for.

    `DetectorFactory.load_profile` reads every profile in `os.listdir` order and
    fills, for each n-gram of any profile, a row of one probability per
    language: `1.0 * count / n_words[len(gram) - 1]` where the profile has the
    n-gram, 0.0 elsewhere. Building all 88,000 rows costs a third of a second at
    every start; here only the profiles are read, and a row is computed (the
    same expression, the same order) the first time an n-gram is looked up.
    `known` holds every n-gram of the map. tests/test_langid_fast.py compares
    every row with langdetect's map.
    """

    def __init__(self, directory: str) -> None:
        super().__init__()
        names = os.listdir(directory)
        self.size = len(names)  # langdetect sizes rows by the directory listing
        self.langs: list[str] = []
        self.profiles: list[tuple[int, dict[str, int], list[int]]] = []
        self.known: set[str] = set()
        for name in names:
            path = os.path.join(directory, name)
            if name.startswith(".") or not os.path.isfile(path):
                continue
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
            self.profiles.append((len(self.langs), data["freq"], data["n_words"]))
            self.langs.append(data["name"])
            self.known.update(data["freq"])

    def __missing__(self, gram: str) -> list[float]:
        if gram not in self.known:
            raise KeyError(gram)
        row = [0.0] * self.size
        length = len(gram)
        if 1 <= length <= 3:
            for index, freq, n_words in self.profiles:
                count = freq.get(gram)
                if count is not None:
                    row[index] = 1.0 * count / n_words[length - 1]
        self[gram] = row
        return row


@lru_cache(maxsize=1)
def _profiles() -> _Profiles:
    from langdetect.detector_factory import PROFILES_DIRECTORY

    return _Profiles(PROFILES_DIRECTORY)


class _Normalised(dict[int, str]):
    """A str.translate table applying langdetect's NGram.normalize, filled on first use."""

    def __missing__(self, codepoint: int) -> str:
        from langdetect.utils.ngram import NGram

        char: str = NGram.normalize(chr(codepoint))
        self[codepoint] = char
        return char


class _FastDetector:
    """langdetect's Detector (append, cleaning_text, _extract_ngrams, _detect_block)."""

    def __init__(self, profiles: _Profiles) -> None:
        from langdetect.detector import Detector
        from langdetect.utils.ngram import NGram

        self.probs: dict[str, list[float]] = profiles
        self.known = profiles.known
        self.langs: list[str] = list(profiles.langs)
        self.seed = _SEED
        self.detector = Detector
        stub = SimpleNamespace(word_lang_prob_map={}, langlist=[], seed=_SEED)
        self.max_length: int = Detector(stub).max_text_length
        self.table = _Normalised()
        self.words: dict[str, list[str]] = {}
        # NGram.normalize_vi rewrites a vowel followed by one of these marks, nothing else.
        self.marks = re.compile("[" + re.escape(NGram.DMARK_CLASS) + "]")

    def _text(self, text: str) -> str:
        """Detector.append followed by Detector.cleaning_text."""
        from langdetect.utils.ngram import NGram

        d = self.detector
        if "://" in text:
            text = d.URL_RE.sub(" ", text)
        if "@" in text:
            text = d.MAIL_RE.sub(" ", text)
        if self.marks.search(text) is not None:
            text = NGram.normalize_vi(text)
        text = _SPACES.sub(" ", text[: self.max_length])
        latin = len(_NOT_LATIN_RUNS.sub("", text))
        non_latin = len(_LATIN_OR_LOW_RUNS.sub("", text))
        if latin * 2 < non_latin:
            text = _LATIN_RUNS.sub("", text)
        return text

    def _word_ngrams(self, word: str) -> list[str]:
        """The n-grams NGram emits for a word that starts after a space (normalised chars).

        NGram's window holds the last three characters; it emits nothing while
        two upper-case letters in a row end it (its `capitalword`).
        """
        known = self.known
        padded = " " + word
        out: list[str] = []
        for end in range(2, len(padded) + 1):
            last = padded[end - 1]
            if last.isupper() and padded[end - 2].isupper():
                continue
            if last != " " and last in known:
                out.append(last)
            if (gram := padded[end - 2 : end]) in known:
                out.append(gram)
            if end >= 3 and (gram := padded[end - 3 : end]) in known:
                out.append(gram)
        return out

    def ngrams(self, text: str) -> list[str]:
        """Detector._extract_ngrams on the cleaned text, token by token (tokens are cached).

        ASCII characters other than letters normalise to a space, and a space
        resets the n-gram window, so the text is cut at them; each token's
        n-grams depend only on the token and on whether a space follows it.
        """
        words = self.words
        if len(words) > _MAX_CACHED_WORDS:
            words.clear()
        tokens = _ASCII_SEPARATORS.split(self._text(text))
        # Every token but the last is followed by a separator (a space after normalising).
        keys = [token + " " for token in tokens]
        keys[-1] = tokens[-1]
        keys = [key for key in keys if key and key != " "]
        found = list(map(words.get, keys))
        if None in found:
            for index, ngrams in enumerate(found):
                if ngrams is None:
                    key = keys[index]
                    found[index] = words[key] = self._token_ngrams(key)
        return list(chain.from_iterable(cast(list[list[str]], found)))

    def _token_ngrams(self, key: str) -> list[str]:
        normalised = key.translate(self.table)
        parts = normalised.split(" ")
        final = len(parts) - 1
        found: list[str] = []
        for index, part in enumerate(parts):
            if part:
                found.extend(self._word_ngrams(part + " " if index < final else part))
        return found

    def probabilities(self, text: str) -> list[float] | None:
        """Detector._detect_block: the averaged probabilities, None without features."""
        ngrams = self.ngrams(text)
        if not ngrams:
            return None
        d = self.detector
        size = len(self.langs)
        trials = 7
        rng = random.Random()
        rng.seed(self.seed)
        pick = _picker(rng, ngrams)
        langprob = [0.0] * size
        probs = self.probs
        for _ in range(trials):
            alpha = d.ALPHA_DEFAULT + rng.gauss(0.0, 1.0) * d.ALPHA_WIDTH
            w = alpha / d.BASE_FREQ
            # langdetect updates with one n-gram, normalises, then normalises after
            # every 5 more updates; the 5 updates of a round are done in one pass
            # (each probability gets the same multiplications in the same order).
            first = probs[pick()]
            prob = [p * (w + q) for p, q in zip([1.0 / size] * size, first, strict=True)]
            done = 0
            while True:
                total = sum(prob)
                prob = [p / total for p in prob]
                if max(prob) > d.CONV_THRESHOLD or done >= d.ITERATION_LIMIT:
                    break
                a = probs[pick()]
                b = probs[pick()]
                c = probs[pick()]
                e = probs[pick()]
                f = probs[pick()]
                prob = [
                    p * (w + qa) * (w + qb) * (w + qc) * (w + qe) * (w + qf)
                    for p, qa, qb, qc, qe, qf in zip(prob, a, b, c, e, f, strict=True)
                ]
                done += 5
            langprob = [acc + p / trials for acc, p in zip(langprob, prob, strict=True)]
        return langprob


def _picker(rng: random.Random, items: list[str]) -> Callable[[], str]:
    """`rng.choice(items)` as a closure: the same draws from the generator, fewer calls.

    `Random.choice` is `items[rng._randbelow(len(items))]`, and `_randbelow`
    (for a generator with getrandbits) draws `len(items).bit_length()` bits
    until the value is below the length. If this Random's `_randbelow` is
    another method, `rng.choice` itself is used.
    """
    if type(rng)._randbelow is not random.Random._randbelow_with_getrandbits:  # type: ignore[attr-defined]  # pragma: no cover
        return partial(rng.choice, items)
    getrandbits = rng.getrandbits
    size = len(items)
    bits = size.bit_length()

    def pick() -> str:
        value = getrandbits(bits)
        while value >= size:
            value = getrandbits(bits)
        return items[value]

    return pick


@lru_cache(maxsize=1)
def _detector() -> _FastDetector:
    return _FastDetector(_profiles())


def warm_up() -> None:
    """Read the profiles now (before worker processes fork, so they share them).

    Each process builds the rows of the n-grams its texts hold as it meets them.
    """
    _detector()


def sample(text: str, limit: int) -> str:
    """Head and middle of a long text: enough to tell the language, bounded in cost."""
    if len(text) <= limit:
        return text
    half = limit // 2
    middle = len(text) // 2
    return text[:half] + "\n" + text[middle : middle + half]


@lru_cache(maxsize=8)
def _letters_pattern(count: int) -> re.Pattern[str]:
    """Matches a text holding at least `count` letters (as `_LETTER` counts them)."""
    return re.compile(rf"(?:[\W\d_]*[^\W\d_]){{{count}}}")


def _has_letters(text: str, count: int) -> bool:
    """`len(_LETTER.findall(text)) >= count`, reading only as far as the count-th letter.

    Letters and non-letters are disjoint classes, so the pattern cannot
    backtrack into other ways of matching: linear time.
    """
    if count <= 0:
        return True
    if len(text) < count:
        return False
    return _letters_pattern(count).match(text) is not None


# Scripts langdetect has no profile for, each written mainly by one language: it names
# some other language at probability 1.0 for them (Georgian and Armenian came out as
# Estonian), so a text whose letters are mostly in one of them is given that language.
_SCRIPT_LANGUAGES = {
    "am": "\u1200-\u139f\u2d80-\u2ddf",  # Ethiopic
    "bo": "\u0f00-\u0fff",  # Tibetan
    "dv": "\u0780-\u07bf",  # Thaana
    "hy": "\u0530-\u058f",  # Armenian
    "ka": "\u10a0-\u10ff\u1c90-\u1cbf\u2d00-\u2d2f",  # Georgian
    "km": "\u1780-\u17ff\u19e0-\u19ff",  # Khmer
    "lo": "\u0e80-\u0eff",  # Lao
    "my": "\u1000-\u109f\uaa60-\uaa7f",  # Myanmar
    "or": "\u0b00-\u0b7f",  # Odia
    "si": "\u0d80-\u0dff",  # Sinhala
}
_UNPROFILED_SCRIPT = re.compile("[" + "".join(_SCRIPT_LANGUAGES.values()) + "]")
_SCRIPT_LETTERS = {code: re.compile(f"[{chars}]") for code, chars in _SCRIPT_LANGUAGES.items()}
SCRIPT_DETECTOR = "script"


def _by_script(text: str) -> Language | None:
    """The language of a script langdetect cannot read, when most letters are in it."""
    if text.isascii() or _UNPROFILED_SCRIPT.search(text) is None:
        return None
    counts = {code: len(pattern.findall(text)) for code, pattern in _SCRIPT_LETTERS.items()}
    code = max(sorted(counts), key=counts.__getitem__)
    return _by_share(code, counts[code], text)


def _by_share(code: str, script_letters: int, text: str) -> Language | None:
    """`code` by script, when the script's letters are at least half of the text's letters;
    the probability is that share."""
    share = script_letters / (len(_LETTER.findall(text)) or 1)
    if share < 0.5:
        return None
    return Language(code, round(min(share, 1.0), 4), SCRIPT_DETECTOR, __version__)


def detect(text: str, *, min_chars: int = 80, sample_chars: int = 4000) -> Language:
    """Detect on NFC-normalised text; `und` when there are too few letters to tell."""
    text = unicodedata.normalize("NFC", sample(text, sample_chars))
    if not _has_letters(text, min_chars):
        return Language(UNDETERMINED, 0.0, "langdetect", detector_version())
    by_script = _by_script(text)
    if by_script is not None:
        return by_script
    detector = _detector()
    probabilities = detector.probabilities(text)
    if probabilities is None:
        return Language(UNDETERMINED, 0.0, "langdetect", detector_version())
    best = max(range(len(probabilities)), key=probabilities.__getitem__)
    prob = probabilities[best]
    if not prob > detector.detector.PROB_THRESHOLD:
        return Language(UNDETERMINED, 0.0, "langdetect", detector_version())
    lang = detector.langs[best]
    code = _TO_ISO.get(lang, lang)
    return _han_only(code, text) or Language(
        code, round(float(prob), 4), "langdetect", detector_version()
    )


# langdetect's Korean and Japanese profiles hold Chinese characters too: a Traditional
# Chinese text came out as Korean at probability 1.0. Korean is written in Hangul and
# Japanese with kana; a text of Chinese characters with neither is Chinese.
_OWN_SCRIPT = {"ko": re.compile(f"[{scripts.HANGUL}]"), "ja": re.compile(f"[{scripts.KANA}]")}
_HAN = re.compile(f"[{scripts.HAN}]")


def _han_only(code: str, text: str) -> Language | None:
    """Chinese, by script, for a text langdetect calls Korean or Japanese without their script."""
    own = _OWN_SCRIPT.get(code)
    if own is None or own.search(text) is not None:
        return None
    return _by_share("zh", len(_HAN.findall(text)), text)
