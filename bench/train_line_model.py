"""Fit the unit content model (src/scrubber/data/line_model.json) on a labelled page set.

    pip install scikit-learn numpy   # training only; scrubber itself never needs them
    python bench/train_line_model.py ../shared/bench/dev [--cv]

A unit (a paragraph-like group of lines, see rules/weights.py) is labelled
content when most of its words occur in the page's gold text. Features are
language-independent (rules/scoring.py). --cv prints leave-one-source-out
scores: the model is fitted without a source and scored on it, which is how
it must generalise to sites it has never seen.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from scrubber.config import Config
from scrubber.page import build_page
from scrubber.pipeline import load, repair
from scrubber.rules import scoring, weights
from scrubber.strip import first_view, tag_lines

_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")
MODEL_PATH = Path(__file__).resolve().parent.parent / "src/scrubber/data/line_model.json"


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def page_samples(
    raw: bytes, gold: str, config: Config
) -> tuple[list[list[float]], list[int], list[float]]:
    doc = repair(load(raw, "page.txt", "text"), config)
    view, _ = first_view(list(enumerate(doc.lines, start=1)), config)
    page = build_page(view)
    tag_lines(page, config)
    units = weights.scored_units(page)
    vectors = scoring.unit_features(units, page)
    gold_counts = Counter(tokens(gold))
    labels, sample_weights = [], []
    for unit in units:
        unit_tokens = tokens(" ".join(line.text for line in unit))
        covered = sum(1 for t in unit_tokens if gold_counts[t] > 0)
        labels.append(int(bool(unit_tokens) and covered / len(unit_tokens) >= 0.6))
        sample_weights.append(1.0 + math.log1p(len(unit_tokens)))
    return vectors, labels, sample_weights


def load_pages(data: Path) -> list[dict[str, object]]:
    pages = []
    for line in (data / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        entry["raw"] = (data / f"{entry['id']}.txt").read_bytes()
        entry["gold"] = (data / f"{entry['id']}.gold.txt").read_text(
            encoding="utf-8", errors="replace"
        )
        pages.append(entry)
    return pages


def _fit_logistic(x, y, w, names):  # type: ignore[no-untyped-def]
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=1.0, max_iter=5000)
    clf.fit((x - mean) / scale, y, sample_weight=w)
    return {
        "features": list(names),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "weights": [round(float(v), 6) for v in clf.coef_[0]],
        "intercept": round(float(clf.intercept_[0]), 6),
        "samples": len(y),
        "_np": np,
    }


def _strip_private(model: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in model.items() if not k.startswith("_")}


def fit(samples: list[tuple[list[list[float]], list[int], list[float]]]) -> dict[str, object]:
    """Stage one on unit features; stage two on out-of-fold stage-one scores (stacking)."""
    import numpy as np

    def stack(group):  # type: ignore[no-untyped-def]
        x = np.array([v for vectors, _, _ in group for v in vectors])
        y = np.array([label for _, labels, _ in group for label in labels])
        w = np.array([sw for _, _, sws in group for sw in sws])
        return x, y, w

    stage1 = _strip_private(_fit_logistic(*stack(samples), scoring.FEATURES))
    folds = 5
    second: list[tuple[list[list[float]], list[int], list[float]]] = []
    for k in range(folds):
        train = [s for i, s in enumerate(samples) if i % folds != k]
        fold_model = _strip_private(_fit_logistic(*stack(train), scoring.FEATURES))
        for i, (vectors, labels, sws) in enumerate(samples):
            if i % folds == k:
                first = [scoring.logistic(v, fold_model) for v in vectors]
                second.append((scoring.stage2_features(vectors, first), labels, sws))
    stage2 = _strip_private(_fit_logistic(*stack(second), scoring.STAGE2))
    return {
        "_doc": "Two-stage logistic content model (rules/scoring.py), "
        "fitted by bench/train_line_model.py.",
        "stage1": stage1,
        "stage2": stage2,
    }


def cross_validate(
    data: Path,
    pages: list[dict[str, object]],
    samples: dict[object, tuple],
    full: dict[str, object],
) -> None:  # type: ignore[type-arg]
    """Fit without each source, clean that source's pages, print mean F1 (held out vs in-sample)."""
    import statistics

    sys.path.insert(0, str(data.resolve().parent))
    from evaluate import score  # the benchmark's own scorer

    from scrubber.pipeline import clean

    def mean_f1(group: list[dict[str, object]]) -> float:
        f1s = [score(str(p["gold"]), clean(p["raw"], path="page.txt").text)["f1"] for p in group]  # type: ignore[arg-type]
        return statistics.mean(f1s)

    sources = sorted({str(p["source"]) for p in pages})
    for source in sources:
        held = [p for p in pages if p["source"] == source]
        rest = [samples[p["id"]] for p in pages if p["source"] != source]
        fold = fit(rest)
        held_out = _with_model(fold, lambda group=held: mean_f1(group))
        in_sample = _with_model(full, lambda group=held: mean_f1(group))
        print(
            f"{source:22} n={len(held):3}  held-out F1 {held_out:.4f}  in-sample F1 {in_sample:.4f}"
        )


def _with_model(model: dict[str, object], run):  # type: ignore[no-untyped-def]
    original = scoring.model
    scoring.model = lambda: model  # type: ignore[assignment]
    scoring.forget_fitted_terms()  # the fitted terms are cached from the model in use
    try:
        return run()
    finally:
        scoring.model = original  # type: ignore[assignment]
        scoring.forget_fitted_terms()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--cv", action="store_true", help="leave-one-source-out scores")
    parser.add_argument("--dry-run", action="store_true", help="do not write the model file")
    args = parser.parse_args()
    config = Config()
    pages = load_pages(args.data)
    samples = {p["id"]: page_samples(p["raw"], p["gold"], config) for p in pages}  # type: ignore[arg-type]
    model = fit(list(samples.values()))
    for stage in ("stage1", "stage2"):
        fitted = model[stage]
        ranked = sorted(
            zip(fitted["features"], fitted["weights"], strict=True), key=lambda x: -abs(x[1])
        )  # type: ignore[index]
        print(stage, " ".join(f"{n}={w:+.2f}" for n, w in ranked), file=sys.stderr)
    if args.cv:
        cross_validate(args.data, pages, samples, model)
    if not args.dry_run:
        MODEL_PATH.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
