"""Files: atomic writes, directory walking and input -> output path mapping."""

from __future__ import annotations

import errno
import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from scrubber.errors import InputError
from scrubber.settings import matches

# The one list of input suffixes (check, pipeline and the pre-commit hooks' `files:`
# pattern, which a test compares, follow it). A directory walk picks these up;
# anything else in a tree is left alone.
MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", ".text", *MARKDOWN_SUFFIXES)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
SIDECAR_SUFFIX = ".meta.json"
UNREADABLE_HINT = "check the directory's permissions; its files were not read"
# Temporary files are hidden, next to their target, and named so a later run can
# recognise (and remove) the ones a killed run left behind.
TEMP_SUFFIX = ".scrubber-tmp"
_TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]+" + re.escape(TEMP_SUFFIX) + "$")


class AtomicFile:
    """A file written under a temporary name and renamed into place by `commit()`.

    Until `commit()` the target is untouched (an older version stays whole);
    `abort()`, an exception inside `with`, Ctrl-C or a kill leave no partial
    target behind (a killed process can leave its hidden temporary file, which
    `remove_stale_temp_files` clears on the next run).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp, fd = _create_temp(path)
        self.handle = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        self.handle.write(data)

    def commit(self) -> None:
        self.handle.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.handle.close()
        self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same directory and rename: never a partial file."""
    tmp, fd = _create_temp(path)
    try:
        with memoryview(data) as view:
            written = 0
            while written < len(view):
                written += os.write(fd, view[written:])
        os.close(fd)
        fd = -1
        os.replace(tmp, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        tmp.unlink(missing_ok=True)
        raise


def _create_temp(path: Path) -> tuple[Path, int]:
    """A new hidden temporary file next to `path` (its directory made if missing), open."""
    while True:
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
        try:  # mode 0o666 less the umask, as for any new file (mkstemp would give 0o600)
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:  # pragma: no cover - 32 random bits collided
            continue
        except FileNotFoundError:  # the directory is made on first use only, then retried
            path.parent.mkdir(parents=True, exist_ok=True)


def remove_stale_temp_files(out: Path) -> int:
    """Delete temporary files an interrupted run left under `out`; return how many."""
    removed = 0
    if not out.is_dir():
        return 0
    for dirpath, _, filenames in os.walk(out, followlinks=False):
        for name in filenames:
            if _TEMP_NAME.match(name):
                (Path(dirpath) / name).unlink(missing_ok=True)
                removed += 1
    return removed


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def is_jsonl(path: Path) -> bool:
    """A JSONL shard (gzipped or not), cleaned record by record."""
    return suffix_of(path) in JSONL_SUFFIXES


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
        return is_jsonl(self.source)


def output_paths(rel: Path, out: Path) -> tuple[Path, Path]:
    """OUT/REL with the suffix replaced by .txt and the sidecar (.meta.json).

    A JSONL shard gives OUT/REL.jsonl (each record's sidecar is inside it) and
    a shard summary OUT/REL.jsonl.meta.json, which resume reads.
    """
    suffix = suffix_of(rel)
    stem = rel.name[: len(rel.name) - len(suffix)] if suffix else rel.name
    parent = out / rel.parent
    if suffix in (".jsonl", ".jsonl.gz"):
        return parent / (stem + ".jsonl"), parent / (stem + ".jsonl" + SIDECAR_SUFFIX)
    return parent / (stem + ".txt"), parent / (stem + SIDECAR_SUFFIX)


def read_error(path: Path, exc: OSError) -> InputError:
    """Why a file could not be read, as one error with a hint (for every reader alike)."""
    if isinstance(exc, FileNotFoundError):
        return InputError("no such file", path=str(path), hint="check the path")
    if isinstance(exc, IsADirectoryError):
        return InputError("is a directory", path=str(path), hint="use -o OUT for directories")
    loop = exc.errno == errno.ELOOP
    hint = "a symbolic link loop: fix or remove the link" if loop else "check permissions"
    return InputError(exc.strerror or str(exc), path=str(path), hint=hint)


@dataclass(frozen=True)
class Unreadable:
    """A directory a walk could not list: reported, never passed over in silence."""

    path: Path
    problem: str


def walk(
    root: Path, skip: Path | None = None, exclude: tuple[str, ...] = ()
) -> Iterator[Path | Unreadable]:
    """Input files under root, sorted, symlinked directories not followed, `skip` left out.

    `exclude` holds globs matched (as `settings.matches`) against paths relative to
    root: matching files and directories are passed over. A directory that cannot be
    listed (permissions, removed mid-walk) comes out as `Unreadable` where its files
    would have been.
    """
    skip_resolved = skip.resolve() if skip else None
    failed: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=failed.append, followlinks=False):
        yield from _unreadable(failed)
        here = Path(dirpath)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".")
            and (here / d).resolve() != skip_resolved
            and not _excluded(here / d, root, exclude)
        )
        for name in sorted(filenames):
            path = here / name
            if (
                is_input_file(path)
                and (path.is_symlink() or path.is_file())  # no FIFOs
                and not _excluded(path, root, exclude)
            ):
                yield path
    yield from _unreadable(failed)


def _excluded(path: Path, root: Path, exclude: tuple[str, ...]) -> bool:
    if not exclude:
        return False
    rel = path.relative_to(root).as_posix()
    return any(matches(rel, pattern) for pattern in exclude)


def _unreadable(failed: list[OSError]) -> Iterator[Unreadable]:
    """The walk errors seen so far, as Unreadable entries (the list is emptied)."""
    for error in failed:
        yield Unreadable(Path(error.filename or "."), error.strerror or str(error))
    failed.clear()


def same_file(first: Path, second: Path) -> bool:
    """Both paths name one existing file (False when either cannot be looked up)."""
    try:
        return first.samefile(second)
    except OSError:
        return False


def plan(
    inputs: list[Path], out: Path, exclude: tuple[str, ...] = ()
) -> Iterator[Job | tuple[Path, str, str]]:
    """Jobs for every input file; (path, problem, hint) for inputs that cannot be planned.

    Two inputs mapping to the same output (a.txt and a.html) are a problem for
    the second one: the first keeps its output, nothing is overwritten. `exclude`
    applies to directory walks (see `walk`); a file named on its own is always planned.
    """
    claimed: dict[Path, Path] = {}
    for given in inputs:
        if given.is_dir():
            pairs = []
            for found in walk(given, skip=out, exclude=exclude):
                if isinstance(found, Unreadable):
                    yield found.path, found.problem, UNREADABLE_HINT
                else:
                    pairs.append((found, found.relative_to(given)))
        elif given.exists() or given.is_symlink():
            pairs = [(given, Path(given.name))]
        else:
            yield given, "no such file or directory", "check the path"
            continue
        for source, rel in pairs:
            text_out, meta_out = output_paths(rel, out)
            other = claimed.get(text_out)
            if other is not None and same_file(other, source):
                continue  # "in in/a.txt": a file given again inside a given directory
            if other is not None:
                yield source, f"its output {text_out} is already written for {other}", "rename one"
                continue
            claimed[text_out] = source
            yield Job(source, rel, text_out, meta_out)
