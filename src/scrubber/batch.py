"""Batch mode: run jobs (one input file each) and write their outputs atomically."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from scrubber.config import Config
from scrubber.errors import InputError
from scrubber.io import Job, atomic_write
from scrubber.pipeline import clean, clean_path
from scrubber.report import render, sidecar


@dataclass
class Outcome:
    """What one job did: bytes read, lines removed, and the errors to report."""

    job: Job
    bytes_in: int = 0
    removed: int = 0
    errors: list[str] = field(default_factory=list)


def run_job(job: Job, config: Config) -> Outcome:
    if job.is_jsonl:
        return _run_jsonl(job, config)
    outcome = Outcome(job)
    try:
        doc = clean_path(job.source, config)
    except InputError as error:
        outcome.errors.append(error.render())
        return outcome
    outcome.bytes_in = doc.source.size
    outcome.removed = len(doc.removals)
    atomic_write(job.text_out, doc.text.encode("utf-8"))
    atomic_write(job.meta_out, render(sidecar(doc, config, str(job.text_out))))
    return outcome


def _open_shard(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _records(path: Path) -> Iterator[tuple[int, bytes]]:
    with _open_shard(path) as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


def clean_record(record: dict[str, Any], config: Config, where: str) -> dict[str, Any]:
    """A JSONL record with `text` cleaned and the sidecar under metadata.scrubber."""
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError("record has no string 'text'", path=where, hint="each line needs a text")
    doc = clean(text, config, path=where, kind="text") if text else None
    cleaned = dict(record)
    cleaned["text"] = doc.text if doc else ""
    metadata = cleaned.get("metadata")
    metadata = dict(metadata) if isinstance(metadata, dict) else {}
    metadata["scrubber"] = sidecar(doc, config) if doc else {"status": "empty"}
    cleaned["metadata"] = metadata
    return cleaned


def _run_jsonl(job: Job, config: Config) -> Outcome:
    outcome = Outcome(job)
    lines: list[bytes] = []
    try:
        for number, raw in _records(job.source):
            where = f"{job.source}:{number}"
            outcome.bytes_in += len(raw)
            try:
                record = json.loads(raw)
                if not isinstance(record, dict):
                    raise InputError("not a JSON object", path=where, hint="one object per line")
                cleaned = clean_record(record, config, where)
            except json.JSONDecodeError as exc:
                outcome.errors.append(
                    InputError(
                        f"invalid JSON ({exc.msg})", path=where, hint="fix or drop the line"
                    ).render()
                )
                continue
            except InputError as error:
                outcome.errors.append(error.render())
                continue
            outcome.removed += len(cleaned["metadata"]["scrubber"].get("removed", []))
            lines.append(json.dumps(cleaned, ensure_ascii=False).encode("utf-8") + b"\n")
    except OSError as exc:
        outcome.errors.append(
            InputError(str(exc), path=str(job.source), hint="check the file").render()
        )
        return outcome
    atomic_write(job.text_out, b"".join(lines))
    return outcome
