"""Where a held-out source loses: per language and per page, fold model vs full model.

    python bench/cv_pages.py ../shared/bench/dev daniel [--rows 15]

The fold model is fitted without the source (as `train_line_model.py --cv` does),
the full model on every page; both clean the source's pages. Prints mean F1 per
language (fold, full), then the pages the fold model loses most on, with
precision and recall: low precision under the fold model means it keeps chrome
that the full model learned to drop from this source's own pages.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_line_model as trainer

from scrubber.config import Config
from scrubber.pipeline import clean


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("source", help="the manifest source to hold out")
    parser.add_argument("--rows", type=int, default=15, help="pages to list (worst first)")
    args = parser.parse_args()
    sys.path.insert(0, str(args.data.resolve().parent))
    from evaluate import score  # the benchmark's own scorer

    config = Config()
    pages = trainer.load_pages(args.data)
    held = [p for p in pages if p["source"] == args.source]
    if not held:
        parser.error(f"no page of source {args.source!r}")
    samples = {p["id"]: trainer.page_samples(p["raw"], p["gold"], config) for p in pages}  # type: ignore[arg-type]
    full = trainer.fit(list(samples.values()))
    fold = trainer.fit([samples[p["id"]] for p in pages if p["source"] != args.source])

    def scores() -> dict[object, dict[str, float]]:
        return {
            p["id"]: score(str(p["gold"]), clean(p["raw"], path="page.txt").text)  # type: ignore[arg-type]
            for p in held
        }

    out = trainer._with_model(fold, scores)
    ins = trainer._with_model(full, scores)
    by_lang: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for p in held:
        by_lang[str(p["lang"])].append((out[p["id"]]["f1"], ins[p["id"]]["f1"]))
    for lang, pairs in sorted(by_lang.items()):
        fold_f1 = statistics.mean(a for a, _ in pairs)
        full_f1 = statistics.mean(b for _, b in pairs)
        print(f"{lang:4} n={len(pairs):3}  fold F1 {fold_f1:.3f}  full F1 {full_f1:.3f}")
    worst = sorted(held, key=lambda p: out[p["id"]]["f1"] - ins[p["id"]]["f1"])
    for p in worst[: args.rows]:
        a, b = out[p["id"]], ins[p["id"]]
        print(
            f"{str(p['id'])[:40]:40} {p['lang']} {p['style']:9} "
            f"fold {a['f1']:.3f} P{a['precision']:.2f} R{a['recall']:.2f}  "
            f"full {b['f1']:.3f} P{b['precision']:.2f} R{b['recall']:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
