"""Peak memory of batch runs: 100 inputs against 10,000 (files, and records in one shard).

    python bench/memory.py                 # 100 vs 10,000, --jobs 1 and all cores
    python bench/memory.py --many 50000    # a bigger second size

Runs `scrubber clean DIR -o OUT` on generated pages (small, so the big run
stays quick) and reports the peak resident set size of the largest scrubber
process (the parent or a worker), read from getrusage of the finished child.
Memory that grows with the number of inputs shows up as a ratio above 1.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = [
    "the",
    "council",
    "said",
    "on",
    "monday",
    "that",
    "the",
    "new",
    "bridge",
    "over",
    "the",
    "river",
    "would",
    "open",
    "next",
    "year",
    "after",
    "a",
    "long",
    "delay",
    "caused",
    "by",
    "the",
    "weather",
    "and",
    "by",
    "a",
    "shortage",
    "of",
    "steel",
    "for",
    "the",
    "main",
    "span",
]
CHROME = ["Home | About | Contact", "Share on Facebook", "© 2024 Example News"]


def page(number: int) -> str:
    """A small page: chrome, a heading, three sentences that differ from page to page."""
    sentences = []
    for s in range(3):
        start = (number * 7 + s * 5) % len(WORDS)
        words = [WORDS[(start + k) % len(WORDS)] for k in range(14)]
        sentences.append(" ".join(words).capitalize() + f" (item {number}).")
    return "\n".join([CHROME[0], f"Bridge news {number}", "", *sentences, "", *CHROME[1:]]) + "\n"


def make_files(root: Path, count: int) -> None:
    for number in range(count):
        folder = root / f"d{number // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"p{number:06d}.txt").write_text(page(number), encoding="utf-8")


def make_shard(root: Path, count: int) -> None:
    root.mkdir(parents=True)
    with (root / "shard.jsonl").open("w", encoding="utf-8") as handle:
        for number in range(count):
            handle.write(json.dumps({"id": number, "text": page(number)}) + "\n")


def peak_rss(inputs: Path, out: Path, jobs: int) -> tuple[float, float]:
    """(peak RSS in MB of the largest process, seconds) of one `scrubber clean` run."""
    command = [sys.executable, "-m", "scrubber", "clean", str(inputs), "-o", str(out)]
    command += ["--jobs", str(jobs), "--no-progress"]
    # A fresh interpreter per measurement, so ru_maxrss covers this run only.
    probe = (
        "import resource, subprocess, sys;"
        f"subprocess.run({command!r}, capture_output=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return int(done.stdout.strip()) / 1024, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--few", type=int, default=100)
    parser.add_argument("--many", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="scrubber-memory-"))
    try:
        print(f"{'inputs':<28} {'jobs':>4} {'peak RSS MB':>12} {'seconds':>8}")
        results: dict[tuple[str, int, int], float] = {}
        for kind, make in (("files", make_files), ("records in one shard", make_shard)):
            for count in (args.few, args.many):
                inputs = work / f"{kind.split()[0]}-{count}"
                make(inputs, count)
                for jobs in sorted({1, args.jobs}):
                    out = work / f"out-{kind.split()[0]}-{count}-{jobs}"
                    rss, seconds = peak_rss(inputs, out, jobs)
                    results[(kind, count, jobs)] = rss
                    label = f"{count} {kind}"
                    print(f"{label:<28} {jobs:>4} {rss:12.1f} {seconds:8.1f}")
                    shutil.rmtree(out, ignore_errors=True)
        print()
        for kind in ("files", "records in one shard"):
            for jobs in sorted({1, args.jobs}):
                ratio = results[(kind, args.many, jobs)] / results[(kind, args.few, jobs)]
                print(f"{kind}, --jobs {jobs}: peak RSS {args.many} / {args.few} = {ratio:.3f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
