"""Process workers: an ordered, bounded parallel map that survives a crashing worker.

`ordered_map(fn, tasks, jobs)` runs `fn(task)` in worker processes and yields
`(task, result)` in the order of `tasks`, whatever order workers finish in, so
a batch writes the same bytes and prints the same messages for any --jobs.
At most `window` tasks are in flight, so memory does not grow with the input.

Workers are forked (on Linux) after the parent has loaded the models, so they
start in milliseconds and share the loaded pages; elsewhere they are spawned.
They ignore Ctrl-C (the parent stops handing out work and lets running tasks
finish, so no file is left half-written) and exit when the parent dies.

If a worker process dies (killed, out of memory, a crash in C code), the pool
is restarted and the tasks that were in flight are rerun one at a time, split
into their smallest parts; a part that kills a worker on its own is yielded
with a `Crashed` result and the rest go on.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from scrubber.runtime import tune_collector

# Tasks in flight per worker: enough to keep every worker busy while the
# parent writes results, few enough to keep memory flat.
TASKS_PER_WORKER = 4
START_METHOD_ENV = "SCRUBBER_START_METHOD"


class Task(Protocol):
    """Something `fn` can run; `remote` False means the parent handles it, in order."""

    @property
    def remote(self) -> bool: ...

    def split(self) -> list[Any]:
        """Smaller tasks doing the same work (to find the one that kills a worker)."""
        ...


T = TypeVar("T", bound=Task)


@dataclass(frozen=True)
class Crashed:
    """The result of a task whose worker died (or whose `fn` raised)."""

    reason: str


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def start_method() -> str:
    """fork where available (fast start, shared memory), else spawn; overridable for benches."""
    methods = multiprocessing.get_all_start_methods()
    wanted = os.environ.get(START_METHOD_ENV, "")
    if wanted in methods:
        return wanted
    return "fork" if "fork" in methods else "spawn"


def _worker_init(main: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    tune_collector()  # a spawned worker does not inherit the parent's setting
    parent = os.getppid()  # the main process, or the forkserver

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # pragma: no cover - someone else's process now
            return False
        return True

    def watch() -> None:
        while os.getppid() == parent and alive(main):
            time.sleep(0.5)
        os._exit(1)  # the batch is gone (killed): stop, do not linger

    threading.Thread(target=watch, daemon=True).start()


class _Pool:
    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context(start_method())
        return ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=context,
            initializer=_worker_init,
            initargs=(os.getpid(),),
        )

    def submit(self, fn: Callable[[Any], Any], task: Any) -> Future[Any]:
        return self.executor.submit(fn, task)

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def abort(self) -> None:
        """Stop now (Ctrl-C, an error in the parent): the workers' running tasks are dropped.

        Waiting for them could take seconds (a batch of JSONL records); what they were
        writing is atomic, so a stopped task leaves at most a hidden temporary file,
        which the next run removes.
        """
        workers = list(multiprocessing.active_children())
        self.executor.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.join(timeout=5)


def _submit(pool: _Pool, fn: Callable[[Any], Any], task: Any) -> Future[Any]:
    """Send a task; if a worker has already died, a future that reports the broken pool.

    A worker can die while the parent is still handing out tasks: the task then
    waits in line and is rerun with the others when its turn comes.
    """
    try:
        return pool.submit(fn, task)
    except BrokenProcessPool as exc:
        future: Future[Any] = Future()
        future.set_exception(exc)
        return future


def _result(future: Future[Any]) -> Any:
    """The task's result; Crashed if `fn` raised (a bug: reported, the batch goes on)."""
    try:
        return future.result()
    except BrokenProcessPool:
        raise
    except Exception as exc:  # one task's failure is reported, not fatal
        return Crashed(f"internal error: {type(exc).__name__}: {exc}")


def ordered_map(
    fn: Callable[[T], Any],
    tasks: Iterable[T],
    jobs: int,
    window: int | None = None,
    before_start: Callable[[], None] | None = None,
) -> Generator[tuple[T, Any], None, None]:
    """Yield (task, fn(task)) in task order, `jobs` processes at a time (in-process if 1).

    Local tasks (`remote` False) are yielded with None, in order. With fewer
    than two tasks for workers, everything runs in-process. `before_start`
    runs in the parent just before the workers start (to load what they share).
    Close the generator (or exhaust it) to shut the workers down.
    """
    source = iter(tasks)
    head: list[T] = []
    if jobs > 1:  # look ahead: is there work for more than one process?
        remote = 0
        for task in source:
            head.append(task)
            remote += bool(task.remote)
            if remote >= 2:
                break
        else:
            jobs = 1
    if jobs <= 1:
        for task in itertools.chain(head, source):
            yield task, (_run_inline(fn, task) if task.remote else None)
        return
    source = itertools.chain(head, source)
    window = window or jobs * TASKS_PER_WORKER
    if before_start is not None:
        before_start()
    pool = _Pool(jobs)
    pending: deque[tuple[T, Future[Any] | None]] = deque()
    exhausted = finished = False
    try:
        while True:
            while not exhausted and len(pending) < window:
                following = next(source, None)
                if following is None:
                    exhausted = True
                    break
                submitted = _submit(pool, fn, following) if following.remote else None
                pending.append((following, submitted))
            if not pending:
                finished = True
                return
            task, future = pending.popleft()
            if future is None:
                yield task, None
                continue
            try:
                yield task, _result(future)
            except BrokenProcessPool:
                rerun = [task, *(t for t, _ in pending)]
                pending.clear()
                pool.restart()
                yield from _isolate(fn, rerun, pool)
    finally:
        # Interrupted, or closed before the end: stop at once rather than finish the
        # tasks in flight; at the end there are none left to wait for.
        if finished:
            pool.close()
        else:
            pool.abort()


def _isolate(fn: Callable[[T], Any], tasks: list[T], pool: _Pool) -> Iterator[tuple[T, Any]]:
    """Run tasks one part at a time, so a part that kills its worker is found alone."""
    for task in tasks:
        if not task.remote:
            yield task, None
            continue
        for part in task.split():
            try:
                yield part, _result(pool.submit(fn, part))
            except BrokenProcessPool:
                pool.restart()
                yield part, Crashed("the worker process died while cleaning this input")


def _run_inline(fn: Callable[[T], Any], task: T) -> Any:
    try:
        return fn(task)
    except Exception as exc:  # same contract as a worker
        return Crashed(f"internal error: {type(exc).__name__}: {exc}")
