"""Per-document guards for batch runs: a time limit, and errors that never stop the batch.

`document_guard(where)` wraps the cleaning of one document (a file, or one
JSONL record) in a worker or in-process:

- a wall-clock limit (SIGALRM): a page that takes longer than the limit is
  reported as that input's error, and the batch goes on;
- an unexpected exception (a bug) becomes an InputError for that input, with
  the traceback appended when --debug is on.

The settings travel in environment variables, so worker processes (forked,
forkserver or spawned) see what the command line asked for. The time limit
works in the main thread of a process (a worker's tasks run there); elsewhere
it is not applied. Python checks for signals between bytecodes, so one long
call into C code (an lxml parse) finishes before the limit takes effect.

Interrupting a library while it loads its models would leave it half-loaded
for the rest of the process, so `prepare` (the batch's warm-up) runs once per
process before the first limit is armed. Libraries that turn any exception
into their own (a bare `except:`) cannot hide a timeout: once the limit has
passed, whatever comes out of the document is reported as the timeout.
"""

from __future__ import annotations

import os
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from scrubber.errors import InputError

DEFAULT_TIMEOUT = 60.0
# The limit grows with the document: `timeout` seconds per this many bytes (at
# least `timeout`), so a big but ordinary file (a million short lines take
# minutes) is not failed, while a small pathological page still is.
BYTES_PER_TIMEOUT = 1_000_000
TIMEOUT_ENV = "SCRUBBER_TIMEOUT"
DEBUG_ENV = "SCRUBBER_DEBUG"
# After the limit, the alarm repeats at this interval until the guard ends, in
# case library code swallowed the first interruption.
_REPEAT = 1.0


class DocumentTimeout(BaseException):
    """Raised inside the pipeline when the time limit passes.

    A BaseException, so that library code's `except Exception` does not swallow it.
    """


def configure(*, timeout: float | None = None, debug: bool | None = None) -> None:
    """Set the limit (seconds; 0 for none) and debug mode for this process and its workers."""
    if timeout is not None:
        os.environ[TIMEOUT_ENV] = repr(float(timeout))
    if debug is not None:
        os.environ[DEBUG_ENV] = "1" if debug else ""


def limit_for(size: int) -> float:
    """The limit for a document of `size` bytes: timeout() per MB, at least timeout()."""
    return timeout() * max(1.0, size / BYTES_PER_TIMEOUT)


def timeout() -> float:
    """The per-document limit in seconds for up to a MB (0: none)."""
    value = os.environ.get(TIMEOUT_ENV, "")
    try:
        seconds = float(value) if value else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT
    return seconds if seconds > 0 else 0.0


def debug() -> bool:
    return bool(os.environ.get(DEBUG_ENV))


_armed = False
_fired = False
_prepared_in: int | None = None  # the process that ran `prepare`


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    global _fired
    if _armed:
        _fired = True
        raise DocumentTimeout


def _timeout_error(seconds: float, where: str) -> InputError:
    return InputError(
        f"took longer than {seconds:.3g} s to clean",
        path=where,
        hint="a pathological page? exclude it, or raise --timeout",
    )


@contextmanager
def time_limit(seconds: float, where: str) -> Iterator[None]:
    """Raise InputError for `where` if the body runs longer than `seconds` (0: no limit)."""
    global _armed, _fired
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or _armed:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _fired = False
    try:
        try:
            _armed = True
            signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT)
            yield
        finally:
            _armed = False  # an alarm still pending is now ignored
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    except DocumentTimeout:
        raise _timeout_error(seconds, where) from None
    except Exception:
        if _fired:  # a library turned the timeout into an error of its own
            raise _timeout_error(seconds, where) from None
        raise


class InternalError(InputError):
    """A bug met on one input: reported as that input's error, the traceback with --debug."""

    def __init__(self, exc: BaseException, where: str) -> None:
        super().__init__(
            f"internal error: {type(exc).__name__}: {exc}",
            path=where,
            hint="please report it; --debug shows the traceback",
        )
        self.trace = "".join(traceback.format_exception(exc)).rstrip() if debug() else ""

    def render(self) -> str:
        line = super().render()
        return f"{line}\n{self.trace}" if self.trace else line


@contextmanager
def document_guard(
    where: str, size: int = 0, prepare: Callable[[], object] | None = None
) -> Iterator[None]:
    """Time limit (see limit_for) plus bug isolation around one document of `size` bytes.

    Only InputError comes out. `prepare` runs (untimed) before the first document
    of each process.
    """
    global _prepared_in
    if prepare is not None and _prepared_in != os.getpid():
        prepare()
        _prepared_in = os.getpid()
    try:
        with time_limit(limit_for(size), where):
            yield
    except InputError:
        raise
    except Exception as exc:  # a bug on one input must not stop the batch
        raise InternalError(exc, where) from exc
