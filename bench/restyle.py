"""Re-dump every benchmark page in each dump style, from its HTML, to test style robustness.

    pip install beautifulsoup4          # this script only; scrubber never needs it
    python bench/restyle.py ../shared/bench/dev /tmp/restyle
    python3 ../shared/bench/evaluate.py /tmp/restyle/textnodes \\
        --batch '.venv/bin/scrubber clean {in} -o {out}'

A page of the benchmark comes in one dump style only. The same page in the
other styles shows whether a rule depends on how the text was dumped rather
than on what it says. For each page with an <id>.html this writes, under
OUT/<style>/, <id>.txt in that style, a copy of <id>.gold.txt, and a
manifest.jsonl (style replaced, the original kept as `orig_style`):

- textnodes: every DOM text node on its own line, BeautifulSoup's
  get_text("\\n", strip=True), as the benchmark describes it;
- blocks: paragraph-like elements separated by a blank line, other block
  elements by a newline, inline elements glued;
- lines: one line per block, "* " before list items, no blank lines.

blocks and lines are approximations of the benchmark's own dumps (their
element lists are not published); scripts, styles, comments, the <head> and
the doctype are dropped in all three.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, Tag

STYLES = ("blocks", "lines", "textnodes")
# Element names, as words (SIM905: a list of 47 strings would take 47 lines).
PARAGRAPHS = frozenset(
    "p h1 h2 h3 h4 h5 h6 blockquote pre article section header footer aside main figure "  # noqa: SIM905
    "table ul ol dl form hr address fieldset".split()
)
BLOCKS = frozenset(
    "div li td th tr br dd dt nav figcaption caption option label tbody thead center "  # noqa: SIM905
    "button select textarea details summary legend iframe".split()
)
HIDDEN = ("script", "style", "noscript", "template", "head", "title")
_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # not NBSP: the dumps keep NBSP-only lines


def _soup(html: bytes) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(HIDDEN):
        tag.decompose()
    for node in soup.find_all(string=lambda s: isinstance(s, Comment | Doctype)):
        node.extract()
    return soup


def textnodes(html: bytes) -> str:
    return _soup(html).get_text("\n", strip=True) + "\n"


def _pieces(node: Tag, style: str, out: list[str | int]) -> None:
    """Text pieces in document order; an int is a break of that many newlines."""
    for child in node.children:
        if isinstance(child, NavigableString):
            out.append(_SPACES.sub(" ", str(child)))
        elif isinstance(child, Tag) and (child.name in PARAGRAPHS or child.name in BLOCKS):
            gap = 2 if style == "blocks" and child.name in PARAGRAPHS else 1
            out.append(gap)
            if style == "lines" and child.name == "li":
                out.append("* ")
            _pieces(child, style, out)
            out.append(gap)
        elif isinstance(child, Tag):
            _pieces(child, style, out)


def block_dump(html: bytes, style: str) -> str:
    """The page in the blocks or lines style; adjacent breaks merge into the widest."""
    pieces: list[str | int] = []
    _pieces(_soup(html), style, pieces)
    text, pending = [], 0
    for piece in pieces:
        if isinstance(piece, int):
            pending = max(pending, piece)
            continue
        if pending:
            text.append("\n" * pending)
            pending = 0
        text.append(piece)
    lines = [line.strip(" ") for line in "".join(text).split("\n")]
    if style == "lines":
        return "\n".join(line for line in lines if line.strip() not in ("", "*")) + "\n"
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip("\n") + "\n"


def dump(html: bytes, style: str) -> str:
    return textnodes(html) if style == "textnodes" else block_dump(html, style)


def restyle(data: Path, out: Path) -> int:
    entries = [json.loads(line) for line in (data / "manifest.jsonl").read_text().splitlines()]
    with_html = [e for e in entries if (data / f"{e['id']}.html").exists()]
    # A page the parser reads as empty would score 0 for every system: left out, named.
    for entry in list(with_html):
        html = (data / f"{entry['id']}.html").read_bytes()
        if not all(dump(html, style).strip() for style in STYLES):
            print(f"left out {entry['id']}: html.parser finds no text in it")
            with_html.remove(entry)
    for style in STYLES:
        folder = out / style
        folder.mkdir(parents=True, exist_ok=True)
        rows = []
        for entry in with_html:
            html = (data / f"{entry['id']}.html").read_bytes()
            text = dump(html, style)
            (folder / f"{entry['id']}.txt").write_text(text, encoding="utf-8")
            shutil.copyfile(data / f"{entry['id']}.gold.txt", folder / f"{entry['id']}.gold.txt")
            rows.append(json.dumps({**entry, "style": style, "orig_style": entry["style"]}))
        (folder / "manifest.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(with_html)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path, help="benchmark directory (with manifest.jsonl)")
    parser.add_argument("out", type=Path, help="where OUT/<style>/ are written")
    args = parser.parse_args()
    pages = restyle(args.data, args.out)
    print(f"{pages} pages in {len(STYLES)} styles under {args.out}/")


if __name__ == "__main__":
    main()
