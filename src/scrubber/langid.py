"""Stage 6: language of the clean text, with langdetect made deterministic."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from scrubber.model import Language

UNDETERMINED = "und"
_LETTER = re.compile(r"[^\W\d_]")
# langdetect reports Chinese as zh-cn / zh-tw; the sidecar wants ISO 639-1.
_TO_ISO = {"zh-cn": "zh", "zh-tw": "zh"}


@lru_cache(maxsize=1)
def detector_version() -> str:
    try:
        return version("langdetect")
    except PackageNotFoundError:  # pragma: no cover - langdetect is a dependency
        return "unknown"


@lru_cache(maxsize=1)
def _factory() -> Any:
    """Load langdetect's profiles once per process, seeded so answers never vary."""
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory

    DetectorFactory.seed = 0
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


def sample(text: str, limit: int) -> str:
    """Head and middle of a long text: enough to tell the language, bounded in cost."""
    if len(text) <= limit:
        return text
    half = limit // 2
    middle = len(text) // 2
    return text[:half] + "\n" + text[middle : middle + half]


def detect(text: str, *, min_chars: int = 80, sample_chars: int = 4000) -> Language:
    """Detect on NFC-normalised text; `und` when there are too few letters to tell."""
    text = unicodedata.normalize("NFC", sample(text, sample_chars))
    letters = len(_LETTER.findall(text))
    if letters < min_chars:
        return Language(UNDETERMINED, 0.0, "langdetect", detector_version())
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return Language(UNDETERMINED, 0.0, "langdetect", detector_version())
    code = _TO_ISO.get(best.lang, best.lang)
    return Language(code, round(float(best.prob), 4), "langdetect", detector_version())
