"""CPU time per page of each pipeline stage, in-process, without a profiler.

    python bench/stage_costs.py ../shared/bench/dev [--strip]

Runs every page of the directory (`*.txt`, gold files aside) through the
stages one by one, twice: the first pass meets each page's words for the
first time (language detection caches per word), the second has seen them.
Prints ms of CPU time per page for each stage and pass. Outputs are written
to a temporary directory, as batch mode writes them (text and sidecar).

With --strip it then times the strip stage alone in the same process: every
page loaded and repaired first, then `strip.decide` once per page, twice, so
the stage's cost inside the pipeline and alone can be compared side by side.

With --collector it then runs the whole pipeline twice more, first with
Python's default garbage-collector thresholds and then with those the CLI
sets (`runtime.tune_collector`), and prints for each the CPU ms per page, the
collections and the ms per page spent inside them (gc.callbacks).
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from pathlib import Path

from scrubber import pipeline
from scrubber.config import Config
from scrubber.io import atomic_write
from scrubber.report import render, sidecar
from scrubber.runtime import tune_collector
from scrubber.strip import decide

STAGES = ("read", "load", "repair", "strip", "language", "sidecar", "write")


def run_pass(pages: list[Path], config: Config, out: Path) -> dict[str, float]:
    spent = dict.fromkeys(STAGES, 0.0)
    clock = time.process_time
    for page in pages:
        mark = clock()

        def lap(stage: str) -> None:
            nonlocal mark
            now = clock()
            spent[stage] += now - mark
            mark = now

        raw = page.read_bytes()
        lap("read")
        doc = pipeline.load(raw, str(page))
        lap("load")
        doc = pipeline.repair(doc, config)
        lap("repair")
        doc = pipeline.strip_chrome(doc, config)
        lap("strip")
        doc = pipeline.detect_language(doc, config)
        lap("language")
        data = render(sidecar(doc, config, str(out / page.name)))
        lap("sidecar")
        atomic_write(out / page.name, doc.text.encode("utf-8"))
        atomic_write(out / f"{page.stem}.meta.json", data)
        lap("write")
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path)
    parser.add_argument("--strip", action="store_true", help="strip chrome too (default: off)")
    parser.add_argument("--collector", action="store_true", help="default against tuned gc")
    args = parser.parse_args()
    pages = sorted(p for p in args.data.glob("*.txt") if not p.name.endswith(".gold.txt"))
    config = Config(strip=args.strip)
    with tempfile.TemporaryDirectory() as tmp:
        passes = [run_pass(pages, config, Path(tmp)) for _ in range(2)]
    print(f"{len(pages)} pages, strip {'on' if args.strip else 'off'}; CPU ms per page")
    print(f"  {'stage':10} {'words new':>10} {'words seen':>11}")
    for stage in STAGES:
        first, second = (p[stage] * 1000 / len(pages) for p in passes)
        print(f"  {stage:10} {first:10.2f} {second:11.2f}")
    if args.strip:
        alone = strip_alone(pages, config)
        print(f"  {'strip alone':10} {alone[0]:10.2f} {alone[1]:11.2f}  (pages loaded first)")
    if args.collector:
        compare_collector(pages, config)


def compare_collector(pages: list[Path], config: Config) -> None:
    """The pipeline under the default collector thresholds, then under the CLI's."""
    spent = [0.0, 0]
    started = 0.0

    def watch(phase: str, info: dict[str, int]) -> None:
        nonlocal started
        if phase == "start":
            started = time.process_time()
        else:
            spent[0] += time.process_time() - started
            spent[1] += 1

    gc.callbacks.append(watch)
    default = gc.get_threshold()
    print("garbage collector (whole pipeline, words seen): CPU ms per page")
    for label, tune in (("default", lambda: gc.set_threshold(*default)), ("tuned", tune_collector)):
        gc.collect()
        tune()
        spent[:] = [0.0, 0]
        with tempfile.TemporaryDirectory() as tmp:
            total = sum(run_pass(pages, config, Path(tmp)).values())
        per_page = 1000 / len(pages)
        print(
            f"  {label:8} thresholds {gc.get_threshold()}: pipeline {total * per_page:6.2f},"
            f" collector {spent[0] * per_page:5.2f} in {spent[1]} collections"
        )
    gc.callbacks.remove(watch)


def strip_alone(pages: list[Path], config: Config) -> tuple[float, float]:
    """CPU ms per page of `strip.decide` on pages loaded and repaired beforehand, two passes."""
    docs = [pipeline.repair(pipeline.load(p.read_bytes(), str(p)), config) for p in pages]
    numbered = [list(enumerate(doc.lines, start=1)) for doc in docs]
    spent = []
    for _ in range(2):
        start = time.process_time()
        for lines in numbered:
            decide(lines, config)
        spent.append((time.process_time() - start) * 1000 / len(pages))
    return spent[0], spent[1]


if __name__ == "__main__":
    main()
