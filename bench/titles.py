"""How often the sidecar's `title` is the page's title, checked against the HTML <title>.

    scrubber clean ../shared/bench/dev -o /tmp/out
    python bench/titles.py ../shared/bench/dev /tmp/out

For every page with an <id>.html, the sidecar title (OUT/<id>.meta.json) counts
as right when at least 60% of its words occur in the HTML's <title> element
(which often adds the site's name, so the check is one-way). Prints the
counts and the pages whose title is wrong or missing.
"""

from __future__ import annotations

import argparse
import html
import json
import re
from pathlib import Path

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_WORD = re.compile(r"\w+")
SHARE = 0.6


def words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def verdict(page_html: str, title: str | None) -> str:
    if not title:
        return "missing"
    found = _TITLE.search(page_html)
    reference = words(html.unescape(found.group(1))) if found else set()
    own = words(title)
    return "right" if own and len(own & reference) / len(own) >= SHARE else "wrong"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path, help="benchmark directory (<id>.html files)")
    parser.add_argument("out", type=Path, help="scrubber clean's output directory")
    args = parser.parse_args()
    counts = {"right": 0, "wrong": 0, "missing": 0}
    misses = []
    for page in sorted(args.data.glob("*.html")):
        sidecar = args.out / f"{page.stem}.meta.json"
        title = json.loads(sidecar.read_text(encoding="utf-8")).get("title")
        result = verdict(page.read_text(encoding="utf-8", errors="replace"), title)
        counts[result] += 1
        if result != "right":
            misses.append(f"  {result:7} {page.stem}: {title!r}")
    total = sum(counts.values())
    print(
        f"sidecar title matches <title>: {counts['right']} of {total}"
        f" (wrong {counts['wrong']}, missing {counts['missing']})"
    )
    print("\n".join(misses))


if __name__ == "__main__":
    main()
