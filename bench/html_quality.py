"""HTML extraction quality and speed: trafilatura alone vs scrubber, side by side.

Scores each system on every <id>.html of a benchmark directory with the benchmark's
own scorer (bag-of-words F1 against <id>.gold.txt) and times it per page, in this
process, so start-up costs are left out of every column alike.

    .venv/bin/python bench/html_quality.py ../shared/bench/dev
    .venv/bin/python bench/html_quality.py ../shared/bench/dev --limit 60 --by source

Systems: trafilatura's `extract` with default options and with favor_precision
(dedup off for both, as in scrubber), scrubber's extract stage alone (decoding and
extraction, unscored text before the chrome rules), and `scrubber.clean_path`
(extraction, repair, chrome rules, language detection: all `scrubber clean` does
but writing files).
The last lines print scrubber's time per page as a ratio of trafilatura's.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scrubber.config import Config
from scrubber.pipeline import clean_path, extract_html, load

System = Callable[[Path], str]


def _trafilatura(**options: Any) -> System:
    import trafilatura

    def run(path: Path) -> str:
        return trafilatura.extract(path.read_bytes(), deduplicate=False, **options) or ""

    return run


def _scrubber(path: Path) -> str:
    return clean_path(path).text


def _scrubber_extraction(path: Path) -> str:
    """Decoding and the extract stage alone: what scrubber adds to trafilatura's cost."""
    return extract_html(load(path.read_bytes(), str(path)), Config()).text


SYSTEMS: dict[str, System] = {
    "trafilatura": _trafilatura(),
    "trafilatura-precision": _trafilatura(favor_precision=True),
    "scrubber-extract-only": _scrubber_extraction,
    "scrubber": _scrubber,
}


def _pages(data: Path, limit: int | None) -> list[dict[str, Any]]:
    manifest = data / "manifest.jsonl"
    if manifest.exists():
        rows = [json.loads(line) for line in manifest.read_text("utf-8").splitlines() if line]
    else:
        rows = [{"id": p.name.removesuffix(".gold.txt")} for p in sorted(data.glob("*.gold.txt"))]
    rows = [r for r in rows if (data / f"{r['id']}.html").exists()]
    return rows[:limit] if limit else rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="benchmark directory with <id>.html, <id>.gold.txt")
    parser.add_argument("--bench", type=Path, default=None, help="folder of evaluate.py")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    parser.add_argument("--by", default="source", help="manifest field to break scores down by")
    args = parser.parse_args()

    sys.path.insert(0, str(args.bench or args.data.resolve().parent))
    from evaluate import score  # the benchmark's own scorer

    pages = _pages(args.data, args.limit)
    if not pages:
        parser.error(f"no <id>.html pages with gold in {args.data}")
    gold = {p["id"]: (args.data / f"{p['id']}.gold.txt").read_text("utf-8") for p in pages}
    for system in SYSTEMS.values():  # imports and lazy tables load before any timing
        system(args.data / f"{pages[0]['id']}.html")

    # Systems take turns on each page, so a change in the machine's load while the
    # benchmark runs weighs on all of them alike.
    elapsed = dict.fromkeys(SYSTEMS, 0.0)
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in SYSTEMS}
    for page in pages:
        for name, system in SYSTEMS.items():
            start = time.perf_counter()
            text = system(args.data / f"{page['id']}.html")
            elapsed[name] += time.perf_counter() - start
            rows[name].append({**page, **score(gold[page["id"]], text)})
    seconds = {name: total / len(pages) for name, total in elapsed.items()}
    print(f"{len(pages)} pages from {args.data}")
    for name, scored in rows.items():
        empty = sum(1 for r in scored if r["output_tokens"] == 0)
        print(
            f"{name:22} F1 {statistics.fmean(r['f1'] for r in scored):.3f}"
            f"  P {statistics.fmean(r['precision'] for r in scored):.3f}"
            f"  R {statistics.fmean(r['recall'] for r in scored):.3f}"
            f"  empty {empty}  s/page {seconds[name]:.4f}"
        )
        for value in sorted({str(r.get(args.by)) for r in scored}):
            group = [r for r in scored if str(r.get(args.by)) == value]
            f1 = statistics.fmean(r["f1"] for r in group)
            print(f"    {args.by}={value:22} n={len(group):<4} F1 {f1:.3f}")
    for mine in ("scrubber-extract-only", "scrubber"):
        for name in ("trafilatura", "trafilatura-precision"):
            print(f"{mine} time / {name} time: {seconds[mine] / seconds[name]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
