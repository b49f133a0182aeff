"""Stage 3 (HTML only): main-content extraction with trafilatura."""

from __future__ import annotations

import re
from importlib.metadata import version
from typing import Any

_MARKUP = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html|head|body)\b", re.I)

# Options recorded in the sidecar. Dedup is off: trafilatura's dedup cache is
# process-wide, so leaving it on would make output depend on file order.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "output_format": "txt",
    "include_comments": False,
    "include_tables": True,
    "deduplicate": False,
    "favor_precision": False,
}


def looks_like_html(raw: bytes) -> bool:
    """Markup sniffing for inputs without an .html suffix (stdin, odd names)."""
    head = raw[:2048].lstrip(b"\xef\xbb\xbf")
    return _MARKUP.match(head) is not None


def trafilatura_version() -> str:
    return version("trafilatura")


def extract(html: str) -> tuple[str, dict[str, str]]:
    """Return (main text, metadata such as title/date/sitename/url) for an HTML page."""
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        return "", {}
    text = trafilatura.extract(tree, **TRAFILATURA_OPTIONS) or ""
    return text, _metadata(tree)


def _metadata(tree: Any) -> dict[str, str]:
    from trafilatura.metadata import extract_metadata

    meta = extract_metadata(tree)
    if meta is None:
        return {}
    found = {
        key: getattr(meta, key, None)
        for key in ("title", "author", "date", "sitename", "url", "hostname")
    }
    return {key: str(value) for key, value in found.items() if value}
