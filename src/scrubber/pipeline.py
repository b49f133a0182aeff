"""The library entry points: `clean`, `clean_path`, `clean_many`.

Stages are plain functions `(Document, Config) -> Document` run in order:
decode -> extract (HTML) -> repair -> strip -> normalise -> language.
"""

from __future__ import annotations

import hashlib
import shlex
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from scrubber import extract as extraction
from scrubber import langid
from scrubber.config import Config
from scrubber.decode import decode
from scrubber.errors import InputError, lone_surrogates
from scrubber.io import HTML_SUFFIXES, MARKDOWN_SUFFIXES, is_jsonl, read_error
from scrubber.model import Document, Kind, Source
from scrubber.repair import repair_text
from scrubber.strip import decide

Stage = Callable[[Document, Config], Document]


Data = str | bytes | bytearray | memoryview


def load(data: Data, path: str | None = None, kind: Kind | None = None) -> Document:
    """Decode the input into a Document (stage 1)."""
    data = _bytes_or_text(data)
    raw = _utf8(data, path) if isinstance(data, str) else data
    if isinstance(data, str):
        if not data:
            raise InputError("empty input", path=path, hint="nothing to clean")
        text, encoding, method = data, "utf-8", "given as text"
    else:
        text, encoding, method = decode(raw, path)
    if kind is None:
        # Sniffed on the decoded text: a UTF-16 page is markup too.
        name = (path or "").lower()
        markdown = name.endswith(MARKDOWN_SUFFIXES)
        is_html = name.endswith(HTML_SUFFIXES) or extraction.looks_like_html(text, markdown)
        kind = "html" if is_html else "text"
    source = Source(path, len(raw), hashlib.sha256(raw).hexdigest(), kind, encoding, method)
    return Document(source=source, raw=raw, kind=kind, text=text, steps=["decode"])


def _bytes_or_text(data: object) -> str | bytes:
    """str and bytes as they are, other bytes-like objects as bytes; TypeError otherwise."""
    if isinstance(data, str | bytes):
        return data
    if isinstance(data, bytearray | memoryview):
        return bytes(data)
    raise TypeError(
        "scrubber.clean takes the page as str or bytes (or bytearray, memoryview),"
        f" not {type(data).__name__}; for a file use scrubber.clean_path"
    )


def _utf8(text: str, path: str | None) -> bytes:
    """The text as UTF-8 (the sidecar's hash and size); InputError for lone surrogates.

    A str holding half a surrogate pair (e.g. from a bad "\\ud800" JSON escape)
    cannot be written as UTF-8 at all, so it is refused as a JSONL record holding
    one is, rather than cleaned into output no file could hold.
    """
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"the text holds a lone surrogate ({lone_surrogates(exc)}) at index {exc.start},"
            " which is not text",
            path=path,
            hint="repair it first, e.g. text.encode('utf-8', 'replace').decode('utf-8')",
        ) from None


def extract_html(doc: Document, config: Config) -> Document:
    """HTML pages: trafilatura's article text; the page's whole text if it finds none."""
    if doc.kind != "html":
        return doc
    found = extraction.extract(doc.text)
    if not found.text.strip():
        raise InputError(
            "no text in this HTML page",
            path=doc.source.path,
            hint=found.fallback or "it has no text outside scripts, styles and markup",
        )
    return replace(doc, text=found.text, metadata=found.record(), steps=[*doc.steps, "extract"])


def repair(doc: Document, config: Config) -> Document:
    lines, fixes = repair_text(doc.text)
    return replace(doc, lines=lines, fixes=fixes, steps=[*doc.steps, "repair"])


def strip_chrome(doc: Document, config: Config) -> Document:
    numbered = list(enumerate(doc.lines, start=1))
    decisions, kept, title = decide(numbered, extraction.strip_config(doc.metadata, config))
    text = "\n".join(line for _, line in kept)
    title = title or _metadata_title(doc)
    return replace(
        doc,
        text=text + "\n" if text else "",
        decisions=decisions,
        title=title,
        steps=[*doc.steps, "strip" if config.strip else "normalise"],
        status="ok" if text else "empty",
        reason=None if text else "no text left after cleaning",
    )


def _metadata_title(doc: Document) -> str | None:
    found = doc.metadata.get("metadata")
    title = found.get("title") if isinstance(found, dict) else None
    return title if isinstance(title, str) else None


def detect_language(doc: Document, config: Config) -> Document:
    if not config.detect_language:
        return doc
    language = langid.detect(
        doc.text, min_chars=config.min_language_chars, sample_chars=config.language_sample_chars
    )
    return replace(doc, language=language, steps=[*doc.steps, "language"])


STAGES: tuple[Stage, ...] = (extract_html, repair, strip_chrome, detect_language)


def clean(
    data: Data,
    config: Config | None = None,
    *,
    path: str | None = None,
    kind: Kind | None = None,
) -> Document:
    """Clean one page given as text (str) or bytes (also bytearray or memoryview).

    Raises InputError (a ScrubberError) for unusable input: empty, binary, an HTML
    page without text, or a str holding lone surrogates. Any other type of `data`
    is a programming error and raises TypeError.
    """
    config = config or Config()
    doc = load(data, path, kind)
    for stage in STAGES:
        doc = stage(doc, config)
    return doc


def clean_path(path: str | Path, config: Config | None = None) -> Document:
    """Clean one page file. Raises InputError (with the path and a hint) when it cannot.

    A JSONL shard (`.jsonl`, `.jsonl.gz`) is many documents, not one page: it raises
    InputError pointing to `scrubber clean SHARD` (or `-o OUT`), which cleans it
    record by record, or to cleaning each record's text with `clean`.
    """
    path = Path(path)
    if is_jsonl(path) and path.exists():  # a missing one is "no such file", as any input
        raise InputError(
            "a JSONL shard holds many documents; clean_path cleans one page",
            path=str(path),
            hint=f"run 'scrubber clean {shlex.quote(str(path))} -o OUT' (to stdout without -o);"
            " in Python, scrubber.clean(record['text']) per record",
        )
    return clean(read_input(path), config, path=str(path))


def read_input(path: Path) -> bytes:
    """The file's bytes; InputError (with the path and a hint) when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise read_error(path, exc) from None


def clean_many(
    paths: Iterable[str | Path], config: Config | None = None
) -> Iterator[tuple[Path, Document | InputError]]:
    """Clean files one by one, yielding (path, Document or InputError); never stops early."""
    for path in paths:
        try:
            yield Path(path), clean_path(path, config)
        except InputError as error:
            yield Path(path), error
