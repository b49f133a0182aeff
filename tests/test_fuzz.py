"""Fuzzing the whole pipeline: arbitrary bytes, text, markup and JSONL lines never crash it.

The only exception `clean` may raise is InputError; whatever it returns renders
a sidecar that follows the schema, and the same input gives the same bytes.
Hypothesis runs derandomised in CI (tests/conftest.py).
"""

from __future__ import annotations

import json

import jsonschema
from hypothesis import assume, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from scrubber.batch import clean_lines
from scrubber.cli import app
from scrubber.config import Config
from scrubber.errors import InputError
from scrubber.model import Document
from scrubber.pipeline import clean
from scrubber.report import render, schema, sidecar

CONFIG = Config()

# Pieces that make scraped text hard: line ends, controls, invisible and
# combining characters, mojibake, markup and entities, glued words, numbers.
PIECES = [
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\x00",
    "\x1b[0m",
    "\x0c",
    "e\u0301",
    "Ã©",
    "â€™",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "&nbsp;",
    "<",
    ">",
    "&",
    "<p>",
    "</div>",
    "<!--",
    "-->",
    "<script>",
    "HomeNewsSport",
    "16,297FansLike",
    "© 2024",
    "Read more:",
    "Share",
    "|",
    "•",
    "...",
    "1/2/3",
    "12:30",
    "http://x.y",
    "a@b.c",
    "中文",
    "Привет",
    "😀",
    "The council met on Thursday to discuss the library. ",
]
hostile_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=60).map(
    "".join
)


def _check(doc: Document) -> None:
    data = sidecar(doc, CONFIG, "out.txt")
    jsonschema.validate(data, schema())
    assert "\x00" not in doc.text
    assert doc.text == "" or doc.text.endswith("\n")
    assert render(data) == render(
        sidecar(clean(doc.raw, CONFIG, path=doc.source.path), CONFIG, "out.txt")
    )


@given(st.binary(max_size=3000))
def test_any_bytes_give_a_document_or_an_input_error(raw: bytes) -> None:
    try:
        doc = clean(raw, CONFIG, path="fuzz.txt")
    except InputError as error:
        assert error.render().startswith("scrubber: error: fuzz.txt: ")
        return
    _check(doc)


@given(hostile_text)
def test_hostile_text_gives_a_document_or_an_input_error(text: str) -> None:
    try:
        doc = clean(text.encode("utf-8", "surrogatepass"), CONFIG, path="fuzz.txt")
    except InputError:
        return
    _check(doc)


@given(hostile_text)
def test_hostile_markup_gives_a_document_or_an_input_error(text: str) -> None:
    html = f"<html><head><title>{text[:40]}</title></head><body><div>{text}</div></body></html>"
    try:
        doc = clean(html.encode("utf-8"), CONFIG, path="fuzz.html")
    except InputError:
        return
    _check(doc)


printable = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), max_size=400
)


@given(st.lists(printable, max_size=8), st.sampled_from(["\n", "\r\n", "\r"]))
def test_the_encoding_and_line_ends_never_change_the_output(lines: list[str], end: str) -> None:
    text = end.join(lines)
    assume(not text.startswith("\ufeff"))
    try:
        reference = clean(text.replace(end, "\n").encode("utf-8"), CONFIG, path="a.txt")
    except InputError:
        return
    for raw in (text.encode("utf-8"), text.encode("utf-16"), text.encode("utf-32")):
        assert clean(raw, CONFIG, path="a.txt").text == reference.text


@given(st.one_of(st.binary(max_size=400), hostile_text.map(lambda t: json.dumps({"text": t}))))
def test_any_jsonl_line_is_cleaned_or_reported_with_its_line_number(line: bytes | str) -> None:
    raw = line.encode("utf-8") if isinstance(line, str) else line
    done = clean_lines([(7, raw)], CONFIG, "shard.jsonl")
    assert done.records == 1
    if done.errors:
        assert done.output == b""
        [(number, message)] = done.errors
        assert number == 7 and message.startswith("scrubber: error: shard.jsonl:7: ")
    else:
        record = json.loads(done.output)
        assert isinstance(record["text"], str) and "scrubber" in record["metadata"]


@given(st.binary(max_size=1500))
def test_the_cli_on_stdin_exits_0_or_1_with_at_most_one_error_line(raw: bytes) -> None:
    result = CliRunner().invoke(app, ["clean", "-"], input=raw)
    assert result.exit_code in (0, 1), result.output
    result.stdout_bytes.decode("utf-8")  # stdout is always UTF-8
    if result.exit_code == 1:
        assert result.stdout_bytes == b""
        [line] = result.stderr.splitlines()
        assert line.startswith("scrubber: error: <stdin>: ") and "(hint: " in line
    else:  # at most a warning that nothing was left
        assert all(
            line.startswith("scrubber: warning: <stdin>: ") for line in result.stderr.splitlines()
        )
        assert len(result.stderr.splitlines()) <= 1
