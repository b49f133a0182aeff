"""Batch mode: clean files and JSONL shards into OUT, in parallel, resumably.

The work is cut into tasks for worker processes (`scrubber.workers`): a chunk
of small files, or a batch of one shard's records. Results come back in input
order, and every output is written atomically (a temporary file renamed into
place), so any --jobs gives the same bytes and messages, and a run stopped at
any point leaves only whole files: the next run skips the inputs whose
sidecar matches (same input sha256, config hash and scrubber version) and
does the rest.

Files are written by the worker that cleans them. A shard is read and written
by the parent, streaming: records go out in batches and come back cleaned, in
order, into `OUT/<rel>.jsonl` under a temporary name, renamed at the end; the
shard's own sidecar (`OUT/<rel>.jsonl.meta.json`: source hash, counts, errors)
is written last and is what resume checks.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import io
import itertools
import json
import shlex
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from scrubber import __version__, records
from scrubber.config import Config
from scrubber.errors import InputError
from scrubber.io import AtomicFile, Job, atomic_write, plan, read_error, remove_stale_temp_files
from scrubber.limits import document_guard
from scrubber.model import Document
from scrubber.pipeline import clean, read_input
from scrubber.progress import Progress, Summary
from scrubber.report import SCHEMA_VERSION, render, sidecar, tool_info
from scrubber.safety import check_output_dir
from scrubber.workers import Crashed, ordered_map

# A task holds up to this many small files or bytes (several files per task
# keep the per-task cost of talking to a worker small).
FILES_PER_CHUNK = 8
CHUNK_BYTES = 500_000
# A batch of shard records sent to a worker.
RECORDS_PER_BATCH = 200
BATCH_BYTES = 2_000_000
# Record errors kept in a shard's sidecar (all are printed; the count is in stats).
MAX_SHARD_ERRORS = 1000
READ_BLOCK = 1 << 20


@dataclass
class Outcome:
    """What one input did: bytes read, lines removed, whether it was skipped, errors."""

    job: Job
    bytes_in: int = 0
    removed: int = 0
    errors: list[str] = field(default_factory=list)
    skipped: bool = False
    records: int = 0
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- resume


def up_to_date(job: Job, sha256: str, config: Config) -> bool:
    """True when the sidecar records this input, config and version, and the output it
    describes is still there unchanged (an edited or replaced output is redone)."""
    return _current_sidecar(job, sha256, config) is not None


def _current_sidecar(job: Job, sha256: str, config: Config) -> dict[str, Any] | None:
    """The input's sidecar if `up_to_date` holds, read once (a shard's also holds its
    failed records); None otherwise."""
    try:
        data: dict[str, Any] = json.loads(job.meta_out.read_bytes())
        source, tool = data["source"], data["tool"]
        recorded = (
            source["sha256"] == sha256
            and tool["config_hash"] == config.digest()
            and tool["version"] == __version__
        )
        if recorded and data["output"]["sha256"] == _file_sha256(job.text_out):
            return data
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def _failed_records(sidecar: dict[str, Any]) -> int:
    """How many records of an up-to-date shard failed when it was cleaned."""
    stats = sidecar.get("stats")
    failed = stats.get("failed") if isinstance(stats, dict) else 0
    return failed if isinstance(failed, int) else 0


def _still_failed(job: Job, failed: int) -> str:
    """A skipped shard's earlier record failures, said again: a re-run must not hide them."""
    records = f"{failed} record{'' if failed == 1 else 's'}"
    return InputError(
        f"{records} failed when this shard was cleaned and are not in {job.text_out}",
        path=str(job.source),
        hint=f"their errors are listed in {job.meta_out}; fix them and rerun",
    ).render()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(READ_BLOCK):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------- files


def empty_warning(path: str | None) -> str:
    """An output that came out empty is written, and said: never silently empty.

    `path` None is stdin, which the hint cannot name: it says how to feed it again.
    """
    if path is None:
        where, how = "<stdin>", "scrubber explain - < FILE, FILE holding the same input"
    else:
        where, how = path, f"scrubber explain {shlex.quote(path)}"
    return (
        f"scrubber: warning: {where}: nothing left after cleaning, every line was chrome "
        f"(hint: see why with: {how})"
    )


def run_job(job: Job, config: Config, force: bool = False) -> Outcome:
    """Clean one input into its outputs (skipped when up to date, unless `force`)."""
    if job.is_jsonl:
        return _run_shard_inline(job, config, force)
    outcome = Outcome(job)
    try:
        raw = read_input(job.source)
        outcome.bytes_in = len(raw)
        if (
            not force
            and job.meta_out.exists()
            and up_to_date(job, hashlib.sha256(raw).hexdigest(), config)
        ):
            outcome.skipped = True
            return outcome
        warm = functools.partial(warm_up, config)  # loads models before the first time limit
        with document_guard(str(job.source), len(raw), warm):  # a bug is this file's error
            doc = clean(raw, config, path=str(job.source))
        outcome.removed = len(doc.removals)
        if doc.status == "empty":
            outcome.warnings.append(empty_warning(str(job.source)))
        atomic_write(job.text_out, doc.text.encode("utf-8"))
        atomic_write(job.meta_out, render(sidecar(doc, config, str(job.text_out))))
    except InputError as error:
        outcome.errors.append(error.render())
    except OSError as exc:
        what = f"cannot write output: {exc.strerror or exc}"
        outcome.errors.append(InputError(what, path=str(job.source), hint="check OUT").render())
    except Exception as exc:  # a bug on one file must not stop the batch
        what = f"internal error: {type(exc).__name__}: {exc}"
        outcome.errors.append(
            InputError(what, path=str(job.source), hint="please report it").render()
        )
    return outcome


# ---------------------------------------------------------------- records


def clean_text(text: str, config: Config, where: str) -> Document:
    """Clean a record's text exactly as the same text saved as a UTF-8 file is cleaned."""
    try:
        data: str | bytes = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: no file holds these; ftfy repairs them
        data = text
    return clean(data, config, path=where)


def clean_record(record: dict[str, Any], config: Config, where: str) -> dict[str, Any]:
    """A JSONL record with `text` cleaned and the sidecar under metadata.scrubber."""
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError("record has no string 'text'", path=where, hint="each line needs a text")
    doc = clean_text(text, config, where) if text else None
    cleaned = dict(record)
    cleaned["text"] = doc.text if doc else ""
    metadata = cleaned.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        # Replacing it would lose the user's value; nesting it would change their schema.
        kind = _JSON_TYPES.get(type(metadata), type(metadata).__name__)
        raise InputError(
            f"'metadata' is {kind}, not an object; the sidecar goes under metadata.scrubber",
            path=where,
            hint="make 'metadata' an object (or null), or rename that field",
        )
    metadata = dict(metadata) if metadata else {}
    metadata["scrubber"] = sidecar(doc, config) if doc else {"status": "empty"}
    cleaned["metadata"] = metadata
    return cleaned


# What json.loads makes of each JSON type, as a message names it.
_JSON_TYPES = {
    str: "a string",
    list: "a list",
    int: "a number",
    float: "a number",
    bool: "a boolean",
}


def _clean_line(raw: bytes, config: Config, where: str) -> tuple[bytes, int]:
    """One JSONL line cleaned: (output line, lines removed). Raises InputError."""
    cleaned = clean_record(records.parse(raw, where), config, where)
    removed = len(cleaned["metadata"]["scrubber"].get("removed", []))
    return records.dump(cleaned, where) + b"\n", removed


@dataclass
class RecordsDone:
    """A cleaned record batch: output lines (in order), errors (line, message), counts."""

    output: bytes
    errors: list[tuple[int, str]]
    records: int
    removed: int


def clean_lines(lines: Iterable[tuple[int, bytes]], config: Config, source: str) -> RecordsDone:
    out: list[bytes] = []
    errors: list[tuple[int, str]] = []
    records = removed = 0
    for number, raw in lines:
        records += 1
        where = f"{source}:{number}"
        try:
            with document_guard(where, len(raw), functools.partial(warm_up, config)):
                line, count = _clean_line(raw, config, where)
        except InputError as error:
            errors.append((number, error.render()))
            continue
        except Exception as exc:  # a bug on one record must not stop the shard
            what = f"internal error: {type(exc).__name__}: {exc}"
            errors.append((number, InputError(what, path=where, hint="please report it").render()))
            continue
        out.append(line)
        removed += count
    return RecordsDone(b"".join(out), errors, records, removed)


# ---------------------------------------------------------------- tasks


@dataclass(frozen=True)
class FileChunk:
    """Several small files for one worker."""

    jobs: tuple[Job, ...]
    config: Config
    force: bool
    remote = True

    def split(self) -> list[FileChunk]:
        return [FileChunk((job,), self.config, self.force) for job in self.jobs]


@dataclass(frozen=True)
class RecordBatch:
    """Consecutive records of one shard, as (line number, raw line)."""

    shard: int
    source: str
    lines: tuple[tuple[int, bytes], ...]
    config: Config
    remote = True

    def split(self) -> list[RecordBatch]:
        return [RecordBatch(self.shard, self.source, (ln,), self.config) for ln in self.lines]


@dataclass(frozen=True)
class ReadError:
    """A shard that could not be read to its end: the line reading stopped at, the error."""

    line: int
    message: str


@dataclass(frozen=True)
class ShardEnd:
    """The shard has been read (handled by the parent once all its batches are in)."""

    shard: int
    sha256: str
    size: int
    error: ReadError | None = None
    remote = False

    def split(self) -> list[ShardEnd]:
        return [self]


@dataclass(frozen=True)
class Note:
    """Something the parent reports in order: a planning problem or a skipped shard."""

    error: str | None = None
    skipped: Job | None = None
    size: int = 0
    remote = False

    def split(self) -> list[Note]:
        return [self]


Task = FileChunk | RecordBatch | ShardEnd | Note


def work(task: Task) -> Any:
    """What a worker runs (a top-level function, so it pickles)."""
    if isinstance(task, FileChunk):
        return [run_job(job, task.config, task.force) for job in task.jobs]
    if isinstance(task, RecordBatch):
        return clean_lines(task.lines, task.config, task.source)
    raise TypeError(f"not a worker task: {task!r}")  # pragma: no cover


# ---------------------------------------------------------------- shards


class _CountingReader(io.RawIOBase):
    """A raw file that hashes and counts the bytes read through it."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.handle.read(len(buffer))
        size = len(data)
        buffer[:size] = data
        self.digest.update(data)
        self.count += size
        return size


@dataclass
class _Shard:
    """The parent's state for one shard being written."""

    job: Job
    out: AtomicFile
    digest: Any = field(default_factory=hashlib.sha256)
    records: int = 0
    cleaned: int = 0
    removed: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    failed: int = 0
    unread: int = 0  # file bytes not yet shown as progress


class Runner:
    """One batch run: plans tasks, hands them to workers, writes and reports results."""

    def __init__(
        self,
        config: Config,
        *,
        jobs: int = 1,
        force: bool = False,
        say: Callable[[str], None] | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.config = config
        self.jobs = jobs
        self.force = force
        self.say = say or (lambda line: None)
        self.progress = progress or Progress(False)
        self.summary = Summary()
        self.shards: dict[int, _Shard] = {}
        self.shard_keys = itertools.count()
        self.outcomes: list[Outcome] | None = None  # collected for library callers

    # -- planning (parent) ------------------------------------------------

    def tasks(self, items: Iterable[Job | tuple[Path, str, str]]) -> Iterator[Task]:
        chunk: list[Job] = []
        size = 0
        for item in items:
            if not isinstance(item, Job):
                path, problem, hint = item
                yield Note(error=f"scrubber: error: {path}: {problem} (hint: {hint})")
                continue
            if item.is_jsonl:
                if chunk:
                    yield FileChunk(tuple(chunk), self.config, self.force)
                    chunk, size = [], 0
                yield from self._shard_tasks(item)
                continue
            chunk.append(item)
            size += _size(item.source)
            if len(chunk) >= FILES_PER_CHUNK or size >= CHUNK_BYTES:
                yield FileChunk(tuple(chunk), self.config, self.force)
                chunk, size = [], 0
        if chunk:
            yield FileChunk(tuple(chunk), self.config, self.force)

    def _shard_tasks(self, job: Job) -> Iterator[Task]:
        if not self.force and job.meta_out.exists():
            try:
                recorded = _current_sidecar(job, _file_sha256(job.source), self.config)
                if recorded is not None:
                    failed = _failed_records(recorded)
                    earlier = _still_failed(job, failed) if failed else None
                    yield Note(error=earlier, skipped=job, size=_size(job.source))
                    return
            except OSError:
                pass  # reported when the shard is read below
        key = next(self.shard_keys)
        try:
            handle = job.source.open("rb")
        except OSError as exc:
            yield Note(error=read_error(job.source, exc).render())
            return
        with handle:
            counter = _CountingReader(handle)
            self.shards[key] = _Shard(job, AtomicFile(job.text_out), unread=_size(job.source))
            error = yield from _record_batches(counter, job.source, key, self.config)
            yield ShardEnd(key, counter.digest.hexdigest(), counter.count, error)

    # -- results (parent) ---------------------------------------------------

    def handle(self, task: Task, result: Any) -> None:
        if isinstance(task, Note):
            self._note(task)
        elif isinstance(task, FileChunk):
            self._files(task, result)
        elif isinstance(task, RecordBatch):
            self._records(task, result)
        else:
            self._shard_end(task)

    def _note(self, note: Note) -> None:
        if note.error:
            self.say(note.error)
            self.summary.errors += 1
        if note.skipped:
            self.summary.files += 1
            self.summary.skipped += 1
            self.progress.advance(note.size, files=1)
            self._collect(Outcome(note.skipped, bytes_in=note.size, skipped=True))

    def _files(self, chunk: FileChunk, result: list[Outcome] | Crashed) -> None:
        if isinstance(result, Crashed):
            result = [
                Outcome(job, errors=[InputError(result.reason, path=str(job.source)).render()])
                for job in chunk.jobs
            ]
        for outcome in result:
            for message in [*outcome.errors, *outcome.warnings]:
                self.say(message)
            self.summary.files += 1
            self.summary.errors += bool(outcome.errors)
            if outcome.skipped:
                self.summary.skipped += 1
            else:
                self.summary.bytes_in += outcome.bytes_in
                self.summary.removed += outcome.removed
            self.progress.advance(outcome.bytes_in or _size(outcome.job.source), files=1)
            self._collect(outcome)

    def _records(self, batch: RecordBatch, result: RecordsDone | Crashed) -> None:
        shard = self.shards[batch.shard]
        result = _batch_done(batch, result)
        shard.out.write(result.output)
        shard.digest.update(result.output)
        shard.records += result.records
        shard.cleaned += result.records - len(result.errors)
        shard.removed += result.removed
        shard.failed += len(result.errors)
        for number, message in result.errors:
            self.say(message)
            if len(shard.errors) < MAX_SHARD_ERRORS:
                shard.errors.append((number, message))
        nbytes = sum(len(line) for _, line in batch.lines)
        self.summary.bytes_in += nbytes
        shown = min(nbytes, shard.unread)  # a gzipped shard reads more than its size
        shard.unread -= shown
        self.progress.advance(shown)

    def _shard_end(self, end: ShardEnd) -> None:
        shard = self.shards.pop(end.shard)
        job = shard.job
        self.summary.files += 1
        self.summary.records += shard.records
        self.summary.removed += shard.removed
        self.summary.errors += shard.failed
        outcome = Outcome(job, bytes_in=end.size, removed=shard.removed, records=shard.records)
        outcome.errors = [message for _, message in shard.errors]
        self.progress.advance(shard.unread, files=1)
        if end.error is not None:  # the records read before it are written, the rest is lost
            self.say(end.error.message)
            self.summary.errors += 1
            outcome.errors.append(end.error.message)
            shard.failed += 1
            shard.errors.append((end.error.line, end.error.message))
        try:
            shard.out.commit()
            atomic_write(job.meta_out, render(self._shard_sidecar(shard, end)))
        except OSError as exc:
            error = InputError(f"cannot write output: {exc}", path=str(job.source)).render()
            self.say(error)
            self.summary.errors += 1
            outcome.errors.append(error)
        self._collect(outcome)

    def _shard_sidecar(self, shard: _Shard, end: ShardEnd) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "kind": "jsonl",
            "source": {"path": str(shard.job.source), "bytes": end.size, "sha256": end.sha256},
            "output": {
                "path": str(shard.job.text_out),
                "sha256": shard.digest.hexdigest(),
                "records": shard.cleaned,
            },
            "stats": {
                "records": shard.records,
                "cleaned": shard.cleaned,
                "failed": shard.failed,
                "removed_lines": shard.removed,
            },
            "errors": [{"line": n, "message": m} for n, m in shard.errors],
            "tool": tool_info(self.config),
        }

    def _collect(self, outcome: Outcome) -> None:
        if self.outcomes is not None:
            self.outcomes.append(outcome)

    # -- driving -----------------------------------------------------------

    def run(self, items: Iterable[Job | tuple[Path, str, str]]) -> Summary:
        tasks = self.tasks(items)
        warm = functools.partial(warm_up, self.config)
        try:
            with closing(ordered_map(work, tasks, self.jobs, before_start=warm)) as results:
                for task, result in results:
                    self.handle(task, result)
        finally:
            for shard in self.shards.values():  # interrupted: no partial shard output
                shard.out.abort()
            self.shards.clear()
        return self.summary


def _batch_done(batch: RecordBatch, result: RecordsDone | Crashed) -> RecordsDone:
    """A record batch's result; a batch whose worker crashed fails each of its records."""
    if not isinstance(result, Crashed):
        return result
    errors = [
        (n, InputError(result.reason, path=f"{batch.source}:{n}").render()) for n, _ in batch.lines
    ]
    return RecordsDone(b"", errors, len(batch.lines), 0)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _numbered_lines(raw: _CountingReader, path: Path) -> Iterator[tuple[int, bytes]]:
    """Non-blank lines of a (gzipped) shard with their 1-based line numbers, streaming."""
    buffered = io.BufferedReader(raw, READ_BLOCK)
    stream: IO[bytes] = buffered
    if path.name.lower().endswith(".gz"):
        stream = gzip.GzipFile(fileobj=buffered, mode="rb")  # type: ignore[assignment]
    for number, line in enumerate(stream, start=1):
        if line.strip():
            yield number, line


def _run_shard_inline(job: Job, config: Config, force: bool) -> Outcome:
    runner = Runner(config, force=force)
    runner.outcomes = []
    runner.run([job])
    return runner.outcomes[0]


def warm_up(config: Config) -> None:
    """Load models and word lists now, so forked workers start with them in memory."""
    from scrubber import langid

    # One non-ASCII word loads the tables of the non-ASCII paths (combining marks) too.
    sample = "Warm-up.\n" + "This is a short paragraph of ordinary running text, déjà vu. " * 4
    try:
        clean(sample, config, path="warm-up.txt")
        if config.detect_language:
            langid.warm_up()
    except Exception:  # a real failure is reported per input by the workers
        pass


def run_batch(
    paths: list[Path],
    out: Path,
    config: Config,
    *,
    jobs: int = 1,
    force: bool = False,
    say: Callable[[str], None] | None = None,
    progress: Progress | None = None,
    exclude: tuple[str, ...] = (),
) -> Summary:
    """Clean every input under `paths` into `out`; messages go to `say`, in input order.

    Files and directories matching an `exclude` glob are passed over in directory walks."""
    check_output_dir(paths, out)  # UsageError: an input inside OUT would be overwritten
    remove_stale_temp_files(out)
    runner = Runner(config, jobs=jobs, force=force, say=say, progress=progress)
    try:
        return runner.run(plan(paths, out, exclude))
    except BaseException:  # Ctrl-C: the workers were stopped, maybe mid-write
        remove_stale_temp_files(out)
        raise


def count_inputs(paths: list[Path], out: Path, exclude: tuple[str, ...] = ()) -> tuple[int, int]:
    """(files, bytes) a run over `paths` will read: the progress bar's totals."""
    files = size = 0
    for item in plan(paths, out, exclude):
        if isinstance(item, Job):
            files += 1
            size += _size(item.source)
    return files, size


# ---------------------------------------------------------------- one shard to a stream


def stream_shard(
    path: Path,
    config: Config,
    write: Callable[[bytes], None],
    say: Callable[[str], None],
    *,
    jobs: int = 1,
) -> Summary:
    """Clean one shard's records into `write` (stdout), in order, `jobs` processes.

    `write` gets the bytes `run_batch` writes to OUT/<rel>.jsonl (the records go
    through the same `clean_lines`); record errors go to `say` as in a batch.
    A shard that turns out unreadable halfway (a truncated .gz) has had its earlier
    records written, as in a batch, and its error is said last.
    """
    summary = Summary()
    try:
        handle = path.open("rb")
    except OSError as exc:
        say(read_error(path, exc).render())
        summary.errors += 1
        return summary
    with (
        handle,
        closing(
            ordered_map(
                work,
                _stream_tasks(_CountingReader(handle), path, config),
                jobs,
                before_start=functools.partial(warm_up, config),
            )
        ) as results,
    ):
        for task, result in results:
            if isinstance(task, Note):
                say(task.error or "")
                summary.errors += 1
                continue
            assert isinstance(task, RecordBatch)
            result = _batch_done(task, result)
            write(result.output)
            for _, message in result.errors:
                say(message)
            summary.records += result.records
            summary.removed += result.removed
            summary.errors += len(result.errors)
    return summary


def _stream_tasks(counter: _CountingReader, path: Path, config: Config) -> Iterator[Task]:
    """The shard's records in batches; a read error becomes a Note after the last batch."""
    error = yield from _record_batches(counter, path, 0, config)
    if error is not None:
        yield Note(error=error.message)


def _record_batches(
    counter: _CountingReader, path: Path, key: int, config: Config
) -> Generator[RecordBatch, None, ReadError | None]:
    """A shard's records in batches (every record read is in one); returns the read error
    that ended the shard early (a truncated .gz), or None."""
    batch: list[tuple[int, bytes]] = []
    size = 0
    error: ReadError | None = None
    number = 0
    try:
        for number, line in _numbered_lines(counter, path):
            batch.append((number, line))
            size += len(line)
            if len(batch) >= RECORDS_PER_BATCH or size >= BATCH_BYTES:
                yield RecordBatch(key, str(path), tuple(batch), config)
                batch, size = [], 0
    except (OSError, EOFError, zlib.error) as exc:
        what = f"cannot read the shard after line {number}: {exc}"
        hint = "the records before it were cleaned; the file is cut short or damaged"
        error = ReadError(number + 1, InputError(what, path=str(path), hint=hint).render())
    if batch:
        yield RecordBatch(key, str(path), tuple(batch), config)
    return error
