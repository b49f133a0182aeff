"""Stage 1: bytes to text. BOM first, then UTF-16/32 by NUL pattern, strict UTF-8, a guess.

Whatever the bytes, `decode` returns text or raises InputError (empty or
binary input); it never raises anything else. BOM-less UTF-16 and UTF-32 are
recognised before UTF-8 because ASCII text in them is also valid UTF-8 (with
a NUL after or before every character).
"""

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
# ISO-2022-JP switches to JIS X 0208 with ESC $ B or ESC $ @ (Japanese mail and old pages).
_ISO_2022_JP_ESCAPE = re.compile(rb"\x1b\$[B@]")
# Every byte but the binary control characters: deleting them from UTF-8 input
# leaves exactly the bytes that decode to a binary control character.
_NOT_BINARY_BYTES = bytes(b for b in range(256) if not _BINARY_CHARS.match(chr(b)) or b > 0x7F)


def decode(raw: bytes, path: str | None = None) -> tuple[str, str, str]:
    """Return (text, encoding, how the encoding was found); raise InputError for binary data."""
    if not raw:
        raise InputError(
            "empty input", path=path, hint="nothing to clean; remove the file or skip it"
        )
    text, encoding, method = _decode(raw)
    # In text decoded as UTF-8 (or its lines as cp1252), a character below
    # U+0020 comes from that very byte and no other byte decodes to one: bytes
    # without a binary control byte give text without a binary character.
    if not encoding.startswith("utf-8") or raw.translate(None, _NOT_BINARY_BYTES):
        _reject_binary(text, path)
    return text, encoding, method


def _decode(raw: bytes) -> tuple[str, str, str]:
    for bom, name, codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace"), name, "byte order mark"
    wide = _sniff_wide(raw)
    if wide:
        return raw.decode(wide, errors="replace"), wide, "nul-byte pattern"
    if _ISO_2022_JP_ESCAPE.search(raw) and _decodes(raw, "iso2022_jp"):
        # 7-bit, so also valid UTF-8: its escape sequences say what it is.
        return raw.decode("iso2022_jp"), "iso2022_jp", "escape sequences"
    try:
        return raw.decode("utf-8"), "utf-8", "valid utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(raw):
        return _decode_mixed(raw), "utf-8+cp1252", "utf-8 with cp1252 fallback per line"
    guessed = _guess(raw)
    if guessed:
        return raw.decode(guessed, errors="replace"), guessed, "charset-normalizer guess"
    return raw.decode("utf-8", errors="replace"), "utf-8", "utf-8 with replacement characters"


def _sniff_wide(raw: bytes) -> str | None:
    """BOM-less UTF-32 or UTF-16, told by where the NUL bytes fall in the first 4 KiB."""
    return _sniff_utf32(raw) or _sniff_utf16(raw)


def _sniff_utf32(raw: bytes) -> str | None:
    """UTF-32: each 4-byte unit a code point, nearly all in the first plane (high bytes 0)."""
    sample = raw[:4096]
    sample = sample[: len(sample) - len(sample) % 4]
    units = len(sample) // 4
    if units < 2:
        return None
    for name, high, plane, low in (("utf-32-le", 3, 2, 0), ("utf-32-be", 0, 1, 3)):
        if (
            not any(sample[high::4])
            and sample[plane::4].count(0) >= 0.9 * units
            and any(sample[low::4])
            and _decodes(sample, name)
        ):
            return name
    return None


def _sniff_utf16(raw: bytes) -> str | None:
    """UTF-16: most ASCII characters then have a NUL on one side."""
    sample = raw[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


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
_COHERENCE_MARGIN = 0.1
# Encodings web pages are written in (prefixes of charset-normalizer's names).
_OTHER_WEB = ("cp125", "cp874", "cp932", "cp949", "cp950", "iso8859", "koi8", "gb", "big5")
_WEB_ENCODINGS = (*_COMMON, *_OTHER_WEB, "euc", "iso2022", "tis_620", "utf")
_WEB_CHAOS_MARGIN = 0.05
# charset-normalizer decodes its whole input once per candidate encoding (seconds
# for tens of MB): larger inputs are guessed from their head and tail only.
_GUESS_SAMPLE = 1 << 18
_GUESS_WINDOW = 4096
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def _guess(raw: bytes) -> str | None:
    """charset-normalizer's candidates nearly as clean as the best, most coherent first."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(_guess_sample(raw)))
    if not matches:
        return None
    least_chaos = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= least_chaos + _CHAOS_MARGIN]
    # Coherence varies with the sample (cp1251 and mac_cyrillic trade places):
    # among the about-as-coherent, the common web encoding wins.
    most_coherent = max(float(m.coherence) for m in close)
    close = [m for m in close if float(m.coherence) >= most_coherent - _COHERENCE_MARGIN]

    def preference(match: object) -> tuple[int, float]:
        name = str(getattr(match, "encoding", ""))
        rank = _COMMON.index(name) if name in _COMMON else len(_COMMON)
        return (rank, -float(getattr(match, "coherence", 0.0)))

    chosen = str(min(close, key=preference).encoding)
    if not chosen.startswith(_WEB_ENCODINGS):
        # Mac and DOS code pages hardly occur on the web; on short text they can
        # edge out cp1252 ("cafť" for "café"): cp1252 wins when it is nearly as clean.
        fallback = [m for m in matches if m.encoding == "cp1252"]
        if fallback and fallback[0].chaos <= least_chaos + _WEB_CHAOS_MARGIN:
            return "cp1252"
    return chosen


def _guess_sample(raw: bytes) -> bytes:
    """The whole input if small, else windows around its first non-ASCII bytes.

    Only non-ASCII bytes tell encodings apart. Windows start and end at a space
    or line break where one is near, so that no multi-byte character is split.
    """
    if len(raw) <= _GUESS_SAMPLE:
        return raw
    pieces: list[bytes] = []
    total = position = 0
    while total < _GUESS_SAMPLE:
        found = _HIGH_BYTE.search(raw, position)
        if found is None:
            break
        start = _space_before(raw, max(position, found.start() - 64))
        end = _space_after(raw, min(len(raw), start + _GUESS_WINDOW))
        pieces.append(raw[start:end])
        total += end - start
        position = end
    return b"\n".join(pieces) or raw[:_GUESS_SAMPLE]


def _space_before(raw: bytes, index: int) -> int:
    low = max(0, index - 256)
    cut = max(raw.rfind(b" ", low, index), raw.rfind(b"\n", low, index))
    return cut + 1 if cut >= 0 else index


def _space_after(raw: bytes, index: int) -> int:
    high = min(len(raw), index + 256)
    cuts = [c for c in (raw.find(b" ", index, high), raw.find(b"\n", index, high)) if c >= 0]
    return min(cuts) if cuts else index


def _reject_binary(text: str, path: str | None) -> None:
    sample = text[:65536]
    if sample and len(_BINARY_CHARS.findall(sample)) > _BINARY_SHARE * len(sample):
        raise InputError(
            "looks like a binary file (too many control characters)",
            path=path,
            hint="scrubber reads text, HTML and JSONL; exclude this file",
        )
