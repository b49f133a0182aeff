"""Time the chrome-stripping stage alone, in ms per 10 KB of text, on one core.

    python bench/strip_speed.py ../shared/bench/dev [--repeat 3] [--compare] [--parts]

Pages are decoded and repaired first (not timed); then `strip.decide` runs on
each page's lines, --repeat times. Prints ms per 10 KB for the best run of each
page (warm caches) and for its first run (what a batch meets: the word caches
have not seen the page), and the slowest pages.

--compare runs this script in fresh processes on the compiled modules and on
their Python source (SCRUBBER_PURE_PYTHON=1), alternating twice, and prints both
and their ratios. --parts (pure Python only) also times the stage's parts
(content model, line rules, page building, language guess) with timers around
them, in one more run; the timers add their own cost, so the parts sum to more
than the plain total; then the per-line features alone (LineText.of on every
line), the design's floor.

Target (issue 3): at most 1 ms per 10 KB.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

from scrubber import build_info, stopwords
from scrubber.config import Config
from scrubber.page import LineText
from scrubber.pipeline import load, repair
from scrubber.strip import decide


def time_parts(pages: list[tuple[str, int, list[tuple[int, str]]]], config: Config) -> None:
    """One more run with perf_counter around each part of the strip stage."""
    from scrubber import strip
    from scrubber.rules import scoring

    spent: dict[str, float] = {}

    def timed(module: object, name: str, label: str) -> None:
        original = getattr(module, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - start

        setattr(module, name, wrapper)

    timed(scoring, "probabilities", "content model")
    timed(strip, "tag_lines", "line rules")
    timed(strip, "build_page", "page building and line features")
    timed(stopwords, "guess_language", "stop-word language guess")
    start = time.perf_counter()
    for _, _, numbered in pages:
        strip.decide(numbered, config)
    total = time.perf_counter() - start
    per10k = sum(size for _, size, _ in pages) / 10_000
    print(f"parts (timers running, total {total * 1000 / per10k:.2f} ms per 10 KB):")
    for label, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {label:34} {seconds * 1000 / per10k:6.2f} ms per 10 KB")
    rest = total - sum(spent.values())
    print(f"  {'page rules, weights, the rest':34} {rest * 1000 / per10k:6.2f} ms per 10 KB")
    # The floor of this design: the per-line features alone, once for every line.
    lines = [text for _, _, numbered in pages for _, text in numbered if text.strip()]
    start = time.perf_counter()
    for text in lines:
        LineText.of(text)
    features = time.perf_counter() - start
    print(f"line features alone (LineText.of on every line): {features * 1000 / per10k:.2f} ms")


def compare(data: Path, repeat: int) -> None:
    """Compiled and pure-Python runs alternately in fresh processes; the best of each."""
    best: dict[str, float] = {}
    for _round in range(2):
        for label, pure in (("compiled", False), ("pure Python", True)):
            env = build_info.child_environment(pure)
            command = [sys.executable, __file__, str(data), "--repeat", str(repeat)]
            out = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            for kind, pattern in (
                ("best", r"ms per 10 KB: ([0-9.]+)"),
                ("first", r"first run of each page: ([0-9.]+)"),
            ):
                found = re.search(pattern, out.stdout)
                if found is None:
                    raise SystemExit(f"no timing in:\n{out.stdout}{out.stderr}")
                key = f"{label}, {kind}"
                best[key] = min(best.get(key, float("inf")), float(found.group(1)))
    if not build_info.compiled():
        print("this install is pure Python: both runs load the same modules")
    for label, value in best.items():
        print(f"{label:24} {value:7.3f} ms per 10 KB")
    for kind in ("best", "first"):
        ratio = best[f"pure Python, {kind}"] / best[f"compiled, {kind}"]
        print(f"pure Python / compiled ({kind}): {ratio:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--parts", action="store_true", help="also time the stage's parts")
    parser.add_argument("--compare", action="store_true", help="compiled against pure Python")
    args = parser.parse_args()
    if args.compare:
        compare(args.data, args.repeat)
        return
    config = Config()
    pages = []
    for path in sorted(args.data.glob("*.txt")):
        if path.name.endswith(".gold.txt"):
            continue
        doc = repair(load(path.read_bytes(), str(path), "text"), config)
        pages.append((path.name, len(doc.text.encode("utf-8")), list(enumerate(doc.lines, 1))))
    decide(pages[0][2], config)  # warm caches (lexicons, stop lists, model)
    best: dict[str, float] = {}
    first: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, _, numbered in pages:
            start = time.perf_counter()
            decide(numbered, config)
            elapsed = time.perf_counter() - start
            best[name] = min(best.get(name, elapsed), elapsed)
            first.setdefault(name, elapsed)
    total_bytes = sum(size for _, size, _ in pages)
    total = sum(best.values())
    print(
        f"pages {len(pages)}  text {total_bytes / 1e6:.2f} MB"
        f"  strip {total:.3f} s (best of {args.repeat})"
    )
    print(f"ms per 10 KB: {total * 1000 / (total_bytes / 10_000):.3f}  (target <= 1.0)")
    # A batch meets each page once: its word caches have not seen the page yet.
    first_run = sum(first.values()) * 1000 / (total_bytes / 10_000)
    print(f"first run of each page: {first_run:.3f} ms per 10 KB")
    sizes = {name: size for name, size, _ in pages}
    slow = sorted(best, key=lambda n: -best[n] / max(sizes[n], 1))[:5]
    for name in slow:
        per10k = best[name] * 1000 / (sizes[name] / 10_000)
        print(f"  {name:50} {sizes[name] / 1000:7.1f} KB  {per10k:6.2f} ms/10KB")
    if args.parts and build_info.compiled():
        # Compiled modules call each other directly, past the timers' wrappers.
        print("--parts times the Python source: run it with SCRUBBER_PURE_PYTHON=1")
    elif args.parts:
        time_parts(pages, config)


if __name__ == "__main__":
    main()
