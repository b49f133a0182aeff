"""Files: atomic writes, directory walking and input -> output path mapping."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# What a directory walk picks up; anything else in a tree is left alone.
INPUT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".jsonl", ".jsonl.gz")
SIDECAR_SUFFIX = ".meta.json"


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same directory and rename: never a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def is_input_file(path: Path) -> bool:
    name = path.name
    return (
        not name.startswith(".")
        and not name.endswith(SIDECAR_SUFFIX)
        and (suffix_of(path) in INPUT_SUFFIXES)
    )


@dataclass(frozen=True)
class Job:
    """One input file and where its outputs go."""

    source: Path
    rel: Path
    text_out: Path
    meta_out: Path

    @property
    def is_jsonl(self) -> bool:
        return suffix_of(self.source) in (".jsonl", ".jsonl.gz")


def output_paths(rel: Path, out: Path) -> tuple[Path, Path]:
    """OUT/REL with the suffix replaced by .txt (or .jsonl for shards), and the sidecar."""
    suffix = suffix_of(rel)
    stem = rel.name[: len(rel.name) - len(suffix)] if suffix else rel.name
    parent = out / rel.parent
    text_suffix = ".jsonl" if suffix in (".jsonl", ".jsonl.gz") else ".txt"
    return parent / (stem + text_suffix), parent / (stem + SIDECAR_SUFFIX)


def walk(root: Path, skip: Path | None = None) -> Iterator[Path]:
    """Input files under root, sorted, symlinked directories not followed, `skip` left out."""
    skip_resolved = skip.resolve() if skip else None
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and (here / d).resolve() != skip_resolved
        )
        for name in sorted(filenames):
            path = here / name
            if is_input_file(path):
                yield path


def plan(inputs: list[Path], out: Path) -> Iterator[Job | tuple[Path, str, str]]:
    """Jobs for every input file; (path, problem, hint) for inputs that cannot be planned.

    Two inputs mapping to the same output (a.txt and a.html) are a problem for
    the second one: the first keeps its output, nothing is overwritten.
    """
    claimed: dict[Path, Path] = {}
    for given in inputs:
        if given.is_dir():
            pairs = [(p, p.relative_to(given)) for p in walk(given, skip=out)]
        elif given.exists() or given.is_symlink():
            pairs = [(given, Path(given.name))]
        else:
            yield given, "no such file or directory", "check the path"
            continue
        for source, rel in pairs:
            text_out, meta_out = output_paths(rel, out)
            other = claimed.get(text_out)
            if other is not None:
                yield source, f"its output {text_out} is already written for {other}", "rename one"
                continue
            claimed[text_out] = source
            yield Job(source, rel, text_out, meta_out)
