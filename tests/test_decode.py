"""Stage 1: bytes are decoded right, and never crash, whatever the encoding."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrubber.decode import decode
from scrubber.errors import InputError

TEXT = "Crème brûlée à la française, naïve façade — 10 €\n"


@pytest.mark.parametrize(
    ("raw", "encoding", "method"),
    [
        (TEXT.encode("utf-8"), "utf-8", "valid utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", "byte order mark"),
        (TEXT.encode("utf-16"), "utf-16-le", "byte order mark"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", "byte order mark"),
        (TEXT.encode("utf-32"), "utf-32-le", "byte order mark"),
        (TEXT.encode("utf-16-le"), "utf-16-le", "nul-byte pattern"),
    ],
)
def test_unicode_encodings_round_trip(raw: bytes, encoding: str, method: str) -> None:
    assert decode(raw) == (TEXT, encoding, method)


def test_cp1252_is_guessed() -> None:
    raw = (
        "Le café était très animé ce soir-là, et l’on entendait des éclats de rire. " * 5
    ).encode("cp1252")
    text, encoding, method = decode(raw)
    assert "café était très animé" in text and "l’on" in text
    assert method == "charset-normalizer guess"
    assert encoding.replace("_", "").lower() in {"cp1252", "windows1252", "latin1", "iso88591"}


def test_iso_2022_jp_is_told_by_its_escape_sequences() -> None:
    # Seven-bit, so it is valid UTF-8 too; read as such it would be garbage.
    japanese = "東京の港から、毎朝フェリーが出発します。\n"
    assert decode(japanese.encode("iso2022_jp")) == (japanese, "iso2022_jp", "escape sequences")
    ascii_with_escape = b"A terminal log \x1b$B without the rest of a JIS run\n"
    assert decode(ascii_with_escape)[1] == "utf-8"


def test_mixed_utf8_and_cp1252_lines_decode_each_line() -> None:
    raw = "première ligne en utf-8\n".encode() + "deuxième en cp1252\n".encode("cp1252")
    text, encoding, _ = decode(raw)
    assert text == "première ligne en utf-8\ndeuxième en cp1252\n"
    assert encoding == "utf-8+cp1252"


def test_empty_input_is_an_error_with_a_hint() -> None:
    with pytest.raises(InputError) as caught:
        decode(b"", path="empty.txt")
    assert caught.value.render().startswith("scrubber: error: empty.txt: empty input (hint:")


def test_binary_input_is_refused() -> None:
    png_like = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    with pytest.raises(InputError, match="binary"):
        decode(png_like, path="image.png")


@given(st.binary(min_size=1, max_size=2000))
def test_any_bytes_decode_or_raise_input_error(raw: bytes) -> None:
    try:
        text, encoding, method = decode(raw)
    except InputError:
        return
    assert isinstance(text, str) and encoding and method


def _reference_decode(raw: bytes) -> tuple[str, str, str] | str:
    """decode() with the binary check always run on the text (no byte-level screen)."""
    from scrubber.decode import _decode, _reject_binary

    if not raw:
        return "empty"
    found = _decode(raw)
    try:
        _reject_binary(found[0], None)
    except InputError as error:
        return error.what
    return found


def _outcome(raw: bytes) -> tuple[str, str, str] | str:
    try:
        return decode(raw)
    except InputError as error:
        return "empty" if error.what == "empty input" else error.what


_BYTES = st.binary(max_size=200) | st.lists(
    st.sampled_from(
        [
            b"a",
            b" ",
            b"\n",
            b"\r\n",
            b"\t",
            b"\x1b",
            b"\x0c",
            b"\x00",
            b"\x01",
            b"\x07",
            b"\x1f",
            b"\x7f",
            b"\x80",
            b"\x9d",
            b"\xe9",
            "é".encode(),
            "€".encode(),
            b"\xff",
            "漢".encode(),
            b"\xef\xbb\xbf",
            b"\xe2\x00",
        ]
    ),
    max_size=120,
).map(b"".join)


@given(_BYTES)
def test_the_byte_screen_rejects_exactly_what_the_text_check_rejects(raw: bytes) -> None:
    assert _outcome(raw) == _reference_decode(raw)


@pytest.mark.parametrize("control", [b"\x00", b"\x08", b"\x0e", b"\x1a", b"\x1c", b"\x1f"])
def test_binary_utf8_is_still_rejected(control: bytes) -> None:
    raw = b"text " + control * 40
    assert _outcome(raw) == _reference_decode(raw)
    assert "binary" in str(_outcome(raw))
