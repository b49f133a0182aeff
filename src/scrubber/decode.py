"""Stage 1: bytes to text. BOM first, then strict UTF-8, then a charset guess."""

from __future__ import annotations

import codecs
import re

from scrubber.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
# Control characters that never occur in real text (tab, LF, FF, CR and ESC aside).
_BINARY_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_BINARY_SHARE = 0.05


def decode(raw: bytes, path: str | None = None) -> tuple[str, str, str]:
    """Return (text, encoding, how the encoding was found); raise InputError for binary data."""
    if not raw:
        raise InputError(
            "empty input", path=path, hint="nothing to clean; remove the file or skip it"
        )
    text, encoding, method = _decode(raw)
    _reject_binary(text, path)
    return text, encoding, method


def _decode(raw: bytes) -> tuple[str, str, str]:
    for bom, name, codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace"), name, "byte order mark"
    try:
        return raw.decode("utf-8"), "utf-8", "valid utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = _sniff_utf16(raw)
    if utf16:
        return raw.decode(utf16, errors="replace"), utf16, "nul-byte pattern"
    if _mostly_utf8(raw):
        return _decode_mixed(raw), "utf-8+cp1252", "utf-8 with cp1252 fallback per line"
    guessed = _guess(raw)
    if guessed:
        return raw.decode(guessed, errors="replace"), guessed, "charset-normalizer guess"
    return raw.decode("utf-8", errors="replace"), "utf-8", "utf-8 with replacement characters"


def _sniff_utf16(raw: bytes) -> str | None:
    """BOM-less UTF-16: most ASCII characters then have a NUL on one side."""
    sample = raw[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _mostly_utf8(raw: bytes) -> bool:
    """True when the non-ASCII lines are mostly valid UTF-8 (a file with a few cp1252 lines)."""
    valid = invalid = 0
    for line in raw.splitlines():
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            valid += 1
        except UnicodeDecodeError:
            invalid += 1
    return valid > 0 and valid >= invalid


def _decode_mixed(raw: bytes) -> str:
    parts = []
    for line in raw.splitlines(keepends=True):
        try:
            parts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            parts.append(line.decode("cp1252", errors="replace"))
    return "".join(parts)


# Web encodings preferred when charset-normalizer finds several about as plausible.
_COMMON = ("cp1252", "cp1251", "gb18030", "shift_jis", "euc_jp", "euc_kr", "big5", "cp1250")
_CHAOS_MARGIN = 0.02


def _guess(raw: bytes) -> str | None:
    """charset-normalizer's candidates nearly as clean as the best, most coherent first."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw))
    if not matches:
        return None
    least_chaos = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= least_chaos + _CHAOS_MARGIN]

    def preference(match: object) -> tuple[float, int]:
        name = str(getattr(match, "encoding", ""))
        rank = _COMMON.index(name) if name in _COMMON else len(_COMMON)
        return (-float(getattr(match, "coherence", 0.0)), rank)

    return str(min(close, key=preference).encoding)


def _reject_binary(text: str, path: str | None) -> None:
    sample = text[:65536]
    if sample and len(_BINARY_CHARS.findall(sample)) > _BINARY_SHARE * len(sample):
        raise InputError(
            "looks like a binary file (too many control characters)",
            path=path,
            hint="scrubber reads text, HTML and JSONL; exclude this file",
        )
