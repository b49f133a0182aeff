"""HTML input: trafilatura extraction, its sidecar record, the fallback, and the chrome pass."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from scrubber import extract, html_text
from scrubber.config import Config
from scrubber.errors import InputError
from scrubber.pipeline import clean, clean_path
from scrubber.report import sidecar

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
HTML_CASES = sorted(p.name for p in FIXTURES.glob("html-*") if (p / "input.html").exists())
CONFIG = Config(detect_language=False)

ARTICLE = """<!doctype html><html><head><title>Bridge reopens - Town Paper</title>
<meta property="og:site_name" content="Town Paper"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Bridge reopens</h1>
<p>The old stone bridge over the river reopened on Monday after eight months of repairs,
and the first to cross it were pupils from the primary school on the far bank.</p>
<p>Engineers replaced two of the arches and the whole of the road surface, and the town
council says the bridge should now last for another hundred years without major work.</p>
<p>Subscribe to our newsletter</p>
</article><footer>© 2024 Town Paper. All rights reserved.</footer></body></html>"""


def _schema() -> dict[str, object]:
    text = files("scrubber").joinpath("data", "sidecar.schema.json").read_text("utf-8")
    loaded: dict[str, object] = json.loads(text)
    return loaded


@pytest.mark.parametrize("case", HTML_CASES)
def test_fixture_output(case: str) -> None:
    """Extracted articles must match expected.txt exactly.

    On the page-text fallback the whole-page rules decide, and they are tuned
    separately; there expected.txt lists the lines that must survive, and
    nothing but lines of the page may come out.
    """
    doc = clean_path(FIXTURES / case / "input.html", CONFIG)
    expected = (FIXTURES / case / "expected.txt").read_text("utf-8")
    if doc.metadata["mode"] != "page-text":
        assert doc.text == expected
        return
    kept = doc.text.splitlines()
    assert all(line in kept for line in expected.splitlines())
    assert set(kept) <= set(doc.lines)


def test_there_are_html_fixtures() -> None:
    assert len(HTML_CASES) >= 3


def test_article_text_and_chrome_pass() -> None:
    doc = clean(ARTICLE, CONFIG, path="page.html")
    assert doc.kind == "html"
    assert "first to cross it were pupils" in doc.text
    assert "another hundred years" in doc.text
    # trafilatura keeps the newsletter prompt inside <article>; the chrome rules drop it
    assert "newsletter" not in doc.text
    assert any(d.code == "SCR109" for d in doc.removals)
    assert "Home" not in doc.text.split()


def test_a_comment_section_is_not_part_of_the_article() -> None:
    # As in text dumps: readers' comments are not the article, however long they are.
    comments = """<section id="comments" class="comments"><h2>Comments (2)</h2>
<div class="comment"><p>Ann wrote: I crossed it this morning with my dog and it feels very
solid now, much better than the wobbly temporary footbridge we had all winter long.</p></div>
<div class="comment"><p>Ben wrote: Eight months is far too long for two arches, and the
diversion through the industrial estate added twenty minutes to every single trip.</p></div>
</section>"""
    doc = clean(ARTICLE.replace("</article>", "</article>" + comments), CONFIG, path="p.html")
    assert "first to cross it were pupils" in doc.text
    assert "wobbly temporary footbridge" not in doc.text
    assert "industrial estate" not in doc.text


def test_sidecar_records_extractor_options_and_metadata() -> None:
    doc = clean(ARTICLE, CONFIG, path="page.html")
    record = doc.metadata
    assert record["extractor"] == "trafilatura"
    assert record["version"] == extract.trafilatura_version()
    options = record["options"]
    assert isinstance(options, dict)
    assert options["deduplicate"] is False
    assert options["favor_precision"] is True
    assert record["mode"] == "precision"
    assert record["lines_refer_to"] == "extracted text"
    assert "fallback" not in record
    metadata = record["metadata"]
    assert isinstance(metadata, dict)
    assert metadata["sitename"] == "Town Paper"
    assert doc.title  # from the page or trafilatura's metadata


def test_sidecar_is_schema_valid_and_removed_lines_index_the_extracted_text() -> None:
    doc = clean(ARTICLE, CONFIG, path="page.html")
    data = sidecar(doc, CONFIG, None)
    jsonschema.validate(data, _schema())
    assert data["extraction"]["lines_refer_to"] == "extracted text"
    for removed in data["removed"]:
        assert doc.lines[removed["line"] - 1].strip() == removed["text"].strip()


def test_tiny_page_falls_back_to_page_text_and_says_so() -> None:
    page = "<html><body><p>Opening hours</p><p>Tuesday and Thursday afternoons</p></body></html>"
    doc = clean(page, CONFIG, path="hours.html")
    assert doc.text.strip()
    assert doc.metadata["mode"] == "page-text"
    assert doc.metadata["lines_refer_to"] == "page text"
    fallback = doc.metadata["fallback"]
    assert isinstance(fallback, str) and "whole text" in fallback


@pytest.mark.parametrize(
    "page", ["<html><body></body></html>", "<html><head><script>go()</script></head></html>"]
)
def test_page_without_text_is_an_input_error_not_an_empty_output(page: str) -> None:
    with pytest.raises(InputError) as raised:
        clean(page, CONFIG, path="blank.html")
    assert raised.value.render().startswith("scrubber: error: blank.html: no text")


def test_markup_without_html_or_body_tags_is_extracted() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {n} of a long story about the harbour, told slowly and with care so"
        " that trafilatura sees running text in it.</p>"
        for n in range(6)
    )
    doc = clean(f"<table><tr><td>{paragraphs}</td></tr></table>", CONFIG, kind="html")
    assert "Paragraph 5 of a long story" in doc.text


def test_markup_is_sniffed_without_a_suffix() -> None:
    assert extract.looks_like_html("<!DOCTYPE html><html><body></body></html>")
    assert extract.looks_like_html("\ufeff  <html lang='en'>")
    assert extract.looks_like_html("<!-- saved page --><html>")
    assert extract.looks_like_html("<?xml version='1.0'?>\n<!DOCTYPE html>\n<html>")
    assert extract.looks_like_html("<table width='600'><tr><td>Hours</td></tr></table>")
    assert extract.looks_like_html("<div>\n  <p>\n    Opening hours\n  </p>\n</div>\n")
    wrapped = "<p>The ferry leaves at <b>nine</b>,\nthen every hour\nuntil ten.</p>"
    assert extract.looks_like_html(wrapped)  # a hard-wrapped fragment is markup too
    assert not extract.looks_like_html('<p align="center"><img src="logo.png"></p>', markdown=True)
    assert extract.looks_like_html("<!DOCTYPE html><html>", markdown=True)
    assert not extract.looks_like_html("Plain text that mentions <html> later on.")
    assert not extract.looks_like_html("<3 this recipe")
    assert not extract.looks_like_html("<!-- a comment that never ends")
    assert clean(ARTICLE.encode("utf-8"), CONFIG).kind == "html"


def test_a_comment_longer_than_any_sniffing_window_does_not_hide_the_page() -> None:
    saved = "<!-- " + "saved by a crawler; " * 400 + "-->\n" + ARTICLE
    assert clean(saved.encode("utf-8"), CONFIG).kind == "html"


def test_sniffing_past_many_comments_is_linear() -> None:
    # Walked by index: 200,000 comments are stepped over once, not copied each time.
    assert extract.looks_like_html("<!---->\n" * 200_000 + "<html><body>")
    assert not extract.looks_like_html("<!---->\n" * 200_000 + "hello")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_a_page_in_another_unicode_encoding_is_still_markup(codec: str) -> None:
    # Sniffed on the decoded text: the bytes of UTF-16 markup do not look like markup.
    doc = clean(ARTICLE.encode(codec), CONFIG, path="page.txt")
    assert doc.kind == "html"
    assert doc.text == clean(ARTICLE, CONFIG, path="page.html").text


def test_a_huge_inline_script_does_not_hide_the_page() -> None:
    # libxml2 gives up on a text node over 10 MB; the script's contents are cut first.
    bundle = "<script>var bundle = '" + "x" * 11_000_000 + "';</script>"
    page = ARTICLE.replace("</head>", bundle + "</head>", 1)
    assert page != ARTICLE
    doc = clean(page, CONFIG, path="page.html")
    assert doc.text == clean(ARTICLE, CONFIG, path="page.html").text


def test_a_script_named_inside_a_comment_opens_nothing() -> None:
    # Cutting from the commented "<script" would take the comment's end with it.
    bundle = "<script>var b = '" + "x" * 2_000_000 + "';</script>"
    page = ARTICLE.replace("</head>", "<!-- old: <script src=x.js> -->" + bundle + "</head>", 1)
    assert clean(page, CONFIG, path="page.html").text == clean(ARTICLE, CONFIG, path="p.html").text


def test_cutting_huge_scripts_is_linear_in_many_openings() -> None:
    # Each search starts where the last element ended: 100,000 openings, one closing, one pass.
    page = "<html><body>" + "x" * 1_000_000 + "<script>" * 100_000 + "</script></body></html>"
    assert extract._without_huge_raw_text(page) == page


def test_small_scripts_are_kept_for_the_metadata_they_hold() -> None:
    page = "<html><head><script type='application/ld+json'>{}</script></head></html>" * 20_000
    assert extract._without_huge_raw_text(page) == page
    cut = extract._without_huge_raw_text("<style>" + "a{}" * 400_000 + "</style><p>Text</p>")
    assert cut == "<style></style><p>Text</p>"


def test_markdown_opening_with_an_html_logo_stays_text() -> None:
    readme = (
        '<p align="center"><img src="logo.png"></p>\n\n# Harbour timetable\n\n'
        "The ferry leaves the harbour every hour in summer and every two hours in winter.\n\n"
        "## Tickets\n\nTickets are sold on board and at the kiosk next to the harbour office.\n"
    )
    doc = clean(readme.encode("utf-8"), CONFIG, path="README.md")
    assert doc.kind == "text"  # Markdown: only a doctype or <html>/<head>/<body> makes a page
    assert "## Tickets" in doc.text.splitlines()  # lines kept as lines, not flattened


def test_same_output_whatever_was_cleaned_before() -> None:
    first = clean(ARTICLE, CONFIG, path="a.html").text
    for _ in range(3):  # trafilatura's process-wide dedup would blank repeats
        assert clean(ARTICLE, CONFIG, path="a.html").text == first


def test_table_cells_become_lines() -> None:
    from lxml import etree

    body = etree.fromstring(
        "<body><table><row><cell>Hardneck</cell><cell>October</cell></row></table>"
        "<p>One <hi>two</hi> <ref>three</ref><lb/>four</p></body>"
    )
    assert html_text.body_lines(body) == ["Hardneck", "October", "One two three", "four"]


def test_page_text_skips_scripts_and_glues_inline_elements() -> None:
    from lxml import html

    tree = html.document_fromstring(
        "<html><head><title>T</title><script>var x = 1;</script></head><body>"
        "<div>16,297<span>Fans</span>Like</div><script>track()</script>"
        "<p>Para<!-- note --> one</p><ul><li>a</li><li>b</li></ul></body></html>"
    )
    assert html_text.page_text(tree) == "16,297FansLike\nPara one\na\nb"


def test_page_text_is_not_recursive() -> None:
    from lxml import html

    tree = html.document_fromstring("<html><body></body></html>")
    node = tree.find("body")
    for _ in range(5000):  # deeper than Python's recursion limit
        node = html.etree.SubElement(node, "div")
    node.text = "deep text"
    assert html_text.page_text(tree) == "deep text"
