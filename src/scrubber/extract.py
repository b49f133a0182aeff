"""Stage 2 (HTML only): the article's text, found by trafilatura, with a record of how.

Trafilatura runs in precision mode first: on news pages it leaves out most of the
teasers and link lists its balanced mode keeps. Precision mode sometimes keeps only
a fragment of the article, so when it finds little, balanced mode runs too and wins
when it finds several times more. When neither finds an article, the page's whole
text is cleaned instead (scrubber's text path), and the sidecar says so.

The result tree is rendered one line per paragraph, heading, list item and table
cell (html_text.body_lines), so the chrome rules that run next judge each block.
Dedup is off: trafilatura's dedup cache is process-wide, and would make a page's
output depend on the pages cleaned before it.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from scrubber import html_text, scripts
from scrubber.config import Config
from scrubber.versions import package_version

# A whole page: a doctype or a document element, after any XML declaration and comments.
_DOCUMENT = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s/>]", re.I)
# An element a page fragment may open with (markup, unless the file is Markdown).
_ELEMENT = re.compile(
    r"<(?:title|meta|link|base|div|p|table|span|article|section|header|nav|main|ul|ol|h[1-6]"
    r"|form|center|font|a|img|br|script|style)[\s/>]",
    re.I,
)
# <script> and <style> contents longer than this are cut before parsing (see
# _without_huge_raw_text); libxml2's own limit on a text node is 10 MB.
HUGE_RAW_TEXT_CHARS = 1_000_000
_RAW_OR_COMMENT = re.compile(r"<!--|<(script|style)\b[^<>]{0,2000}>", re.I)
_XML_DECLARATION = re.compile(r"<\?xml[^>]{0,200}>")
_SPACE = re.compile(r"[\s\ufeff]*")
# How much of the text after its prolog the sniffing patterns read.
SNIFF_CHARS = 4096
_CJK = scripts.IDEOGRAPHIC
# A word: a run of word characters, except that each CJK character counts as one.
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")

EXTRACTOR = "trafilatura"
# Options shared by every trafilatura run. Comments go, as in text dumps (SCR112 and the
# comment-thread cut): kept, they cost the dev HTML pages 0.947 -> 0.942 mean F1, and a
# review found whole comment threads kept on every HTML page that had one.
BASE_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_links": True,
    "include_images": False,
    "deduplicate": False,
    "with_metadata": False,
}
MODES: dict[str, dict[str, Any]] = {
    "precision": {"favor_precision": True},
    "balanced": {},
}
# Balanced mode runs only when precision mode finds fewer words than this, and the
# page's paragraph-like lines hold at least RETRY_PAGE_SHARE times more...
RETRY_BELOW_WORDS = 300
RETRY_PAGE_SHARE = 2.0
# ...and replaces it when it finds at least this many times more words.
RETRY_GAIN = 5.0
# Below this many characters trafilatura is deemed to have missed the article.
MIN_EXTRACTED_CHARS = 200
# A page whose paragraph-like lines hold this many times more words than trafilatura
# kept is a page of several articles or posts (a blog's front page, a forum thread):
# trafilatura picks one of them, the text path keeps them all.
PAGE_PARAGRAPHS_RATIO = 5.0
PARAGRAPH_MIN_WORDS = 15
_SENTENCE_END = re.compile(r"[.!?。！？…\"”»)]\s*$")
METADATA_KEYS = ("title", "date", "sitename", "url")
NO_PAGE_TEXT = (
    "the page has no text outside scripts, styles and markup;"
    " a page that scripts fill in needs its HTML as a browser renders it"
)


@dataclass
class Extraction:
    """What extraction found: the text (one block per line) and the sidecar record."""

    text: str
    mode: str
    metadata: dict[str, str] = field(default_factory=dict)
    words: dict[str, int] = field(default_factory=dict)
    fallback: str | None = None

    @property
    def is_page_text(self) -> bool:
        """True when the text is the whole page's text (the fallback), not an article."""
        return self.mode == "page-text"

    def record(self) -> dict[str, object]:
        """The sidecar's `extraction` object."""
        record: dict[str, object] = {
            "extractor": EXTRACTOR,
            "version": trafilatura_version(),
            "options": {**BASE_OPTIONS, **MODES["precision"]},
            "retry": {
                "options": {**BASE_OPTIONS, **MODES["balanced"]},
                "when": (
                    f"precision mode finds fewer than {RETRY_BELOW_WORDS} words and the page's"
                    f" paragraphs hold {RETRY_PAGE_SHARE:g} times more or over"
                ),
                "accepted_when": f"it finds at least {RETRY_GAIN:g} times more words",
            },
            "mode": self.mode,
            "words": dict(self.words),
            "lines_refer_to": "page text" if self.is_page_text else "extracted text",
            "metadata": dict(self.metadata),
        }
        if self.fallback:
            record["fallback"] = self.fallback
        return record


def looks_like_html(text: str, markdown: bool = False) -> bool:
    """Markup sniffing, on decoded text, for inputs without an .html suffix (stdin, odd names).

    A doctype or an <html>, <head> or <body> element opening the text (after an
    XML declaration and comments of any length) makes it a page; so does another
    element ("<p>", "<table>") opening it, a fragment of a page, unless the input
    is Markdown (`markdown`), where a centred logo or badge often opens the file.
    """
    head = _after_prolog(text)
    if _DOCUMENT.match(head):
        return True
    return not markdown and _ELEMENT.match(head) is not None


def _after_prolog(text: str) -> str:
    """The start of the text after a byte order mark, whitespace, an XML declaration and
    comments (walked by index: linear however many comments open the text)."""
    position = _past_space(text, 0)
    declaration = _XML_DECLARATION.match(text, position)
    if declaration:
        position = _past_space(text, declaration.end())
    while text.startswith("<!--", position):
        end = text.find("-->", position + 4)
        if end < 0:
            return ""
        position = _past_space(text, end + 3)
    return text[position : position + SNIFF_CHARS]


def _past_space(text: str, position: int) -> int:
    """The index of the first character at or after `position` that is not whitespace."""
    found = _SPACE.match(text, position)
    return found.end() if found else position


def trafilatura_version() -> str:
    # Cached: it is recorded for every HTML page, and reading metadata is file I/O.
    return package_version("trafilatura")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _run(tree: Any, mode: str) -> str:
    """Trafilatura's main text (and comments) in one mode, one block per line."""
    from trafilatura import bare_extraction

    found = bare_extraction(tree, **BASE_OPTIONS, **MODES[mode])
    if found is None:
        return ""
    lines = html_text.body_lines(getattr(found, "body", None))
    lines += html_text.body_lines(getattr(found, "commentsbody", None))
    return "\n".join(lines)


def extract(html: str) -> Extraction:
    """The article text of an HTML page, with metadata; the page's text if no article."""
    import trafilatura

    html = _without_huge_raw_text(html)
    tree = trafilatura.load_html(html)
    if tree is None:  # trafilatura turns down fragments without <html> or <body>
        tree = _parse(html)
    if tree is None:
        return Extraction(text="", mode="page-text", fallback="the page could not be parsed")
    # trafilatura works on copies of the tree; metadata is read last, from the original
    text = _run(tree, "precision")
    page = html_text.page_text(tree)
    words = {"precision": _words(text), "page-text": _words(page)}
    words["page-paragraphs"] = _paragraph_words(page)
    mode = "precision"
    if (
        words["precision"] < RETRY_BELOW_WORDS
        and words["page-paragraphs"] >= RETRY_PAGE_SHARE * words["precision"]
    ):
        balanced = _run(tree, "balanced")
        words["balanced"] = _words(balanced)
        if words["balanced"] >= RETRY_GAIN * max(words["precision"], 1):
            text, mode = balanced, "balanced"
    if not page.strip() and not text.strip():  # no fallback: say so, not what one would do
        return Extraction(text="", mode="page-text", words=words, fallback=NO_PAGE_TEXT)
    if len(text.strip()) < MIN_EXTRACTED_CHARS:
        reason = (
            f"trafilatura found {len(text.strip())} characters of text (fewer than"
            f" {MIN_EXTRACTED_CHARS}); cleaned the page's whole text instead"
        )
    elif words["page-paragraphs"] >= PAGE_PARAGRAPHS_RATIO * words[mode]:
        reason = (
            f"trafilatura kept {words[mode]} words, but the page has {words['page-paragraphs']}"
            f" words in paragraphs ({PAGE_PARAGRAPHS_RATIO:g} times more or over): several"
            " articles or posts on one page; cleaned the page's whole text instead"
        )
    else:
        return Extraction(text=text, mode=mode, metadata=_metadata(tree), words=words)
    return Extraction(
        text=page, mode="page-text", metadata=_metadata(tree), words=words, fallback=reason
    )


def _without_huge_raw_text(html: str) -> str:
    """The page with the contents of huge <script> and <style> elements left out.

    libxml2 refuses a text node over 10 MB (an inlined bundle or font), and the
    whole page with it. Such contents are never text; smaller ones are kept, for
    the metadata read from JSON-LD scripts. One pass: comments are stepped over
    (a "<script" inside one opens nothing), and each search starts where the last
    element ended.
    """
    if len(html) <= HUGE_RAW_TEXT_CHARS:
        return html
    parts: list[str] = []
    kept_from = position = 0
    unclosed: set[str] = set()  # elements with no closing tag after some point: none later
    while (found := _RAW_OR_COMMENT.search(html, position)) is not None:
        if found.group(1) is None:  # a comment
            end = html.find("-->", found.end())
            position = len(html) if end < 0 else end + 3
            continue
        name = found.group(1).lower()
        closing = None if name in unclosed else _raw_element_end(name).search(html, found.end())
        if closing is None:
            unclosed.add(name)
            position = found.end()
            continue
        if closing.start() - found.end() > HUGE_RAW_TEXT_CHARS:
            parts.append(html[kept_from : found.end()])
            kept_from = closing.start()
        position = closing.end()
    parts.append(html[kept_from:])
    return "".join(parts)


@lru_cache(maxsize=4)
def _raw_element_end(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{name}\s*>", re.I)


def _paragraph_words(page: str) -> int:
    """Words in the page's paragraph-like lines: long, and ending a sentence."""
    total = 0
    for line in page.splitlines():
        count = _words(line)
        if count >= PARAGRAPH_MIN_WORDS and _SENTENCE_END.search(line):
            total += count
    return total


def _parse(html: str) -> Any:
    import lxml.html

    try:
        return lxml.html.document_fromstring(html.encode("utf-8"))
    except Exception:  # lxml raises several types for hopeless markup
        return None


def _metadata(tree: Any) -> dict[str, str]:
    """Title, date, site name and URL, from meta tags, JSON-LD and the page itself.

    trafilatura's own `extract_metadata` also looks for authors, categories and
    tags, which costs more than the extraction; these four fields are what the
    sidecar records.
    """
    from htmldate import find_date
    from trafilatura.metadata import (
        examine_meta,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )

    try:
        meta = examine_meta(tree)
        with contextlib.suppress(Exception):  # its JSON-LD reader is lenient, not total
            meta = extract_meta_json(tree, meta)
        found: dict[str, Any] = {
            "title": meta.title or extract_title(tree),
            "sitename": meta.sitename or extract_sitename(tree),
            "url": meta.url or extract_url(tree),
            "date": find_date(tree, extensive_search=False),
        }
    except Exception:  # metadata is a bonus: a page with odd markup still gets its text
        return {}
    return {key: " ".join(str(found[key]).split()) for key in METADATA_KEYS if found.get(key)}


# Rules that stay off on an extracted article. The page rules (SCR2xx) judge a line
# by its place in a whole-page dump (the main-region cut and what hangs off it);
# trafilatura has already removed the page around the article, so on its output they
# cut real paragraphs. Date-only lines (SCR101) and lines without letters (SCR121)
# inside an extracted article are mostly its own: comment timestamps, table figures,
# scores. All rules still run on the page-text fallback.
ARTICLE_IGNORE: tuple[str, ...] = ("SCR2", "SCR101", "SCR121")


def strip_config(record: dict[str, object], config: Config) -> Config:
    """The configuration the chrome rules run with on a document's text."""
    if not record or record.get("mode") == "page-text":
        return config
    return replace(config, ignore=(*config.ignore, *ARTICLE_IGNORE))
