"""Batch progress on stderr (a rich bar, only on a terminal) and the closing summary line."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

MB = 1_000_000


@dataclass
class Summary:
    """Totals of one batch run, printed as one line at the end."""

    files: int = 0
    skipped: int = 0
    records: int = 0
    bytes_in: int = 0
    removed: int = 0
    errors: int = 0
    started: float = field(default_factory=time.perf_counter)

    def line(self) -> str:
        seconds = max(time.perf_counter() - self.started, 1e-9)
        megabytes = self.bytes_in / MB
        parts = [f"{self.files} file{'s' if self.files != 1 else ''}"]
        if self.skipped:
            parts[0] += f" ({self.skipped} up to date, skipped)"
        if self.records:
            parts.append(f"{self.records} records")
        # With inputs skipped, the megabytes are those cleaned (the bar counts the skipped too).
        cleaned = " cleaned" if self.skipped else ""
        parts += [
            f"{megabytes:.1f} MB{cleaned} in {seconds:.1f} s ({megabytes / seconds:.1f} MB/s)",
            f"{self.removed} lines removed",
            f"{self.errors} error{'s' if self.errors != 1 else ''}",
        ]
        return "scrubber: " + ", ".join(parts)


class Progress:
    """A progress bar over input bytes on stderr; does nothing when disabled."""

    def __init__(self, enabled: bool, total_bytes: int = 0, total_files: int = 0) -> None:
        self.bar: Any = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )
        from rich.progress import Progress as RichProgress

        self.bar = RichProgress(
            TextColumn("cleaning {task.fields[files]} files"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=Console(file=sys.stderr),
            transient=True,
        )
        self.total_files = total_files
        self.files = 0
        self.task = self.bar.add_task("", total=total_bytes or None, files=self._files())

    def _files(self) -> str:
        return f"{self.files}/{self.total_files}"

    def advance(self, nbytes: int, files: int = 0) -> None:
        if self.bar is None:
            return
        self.files += files
        self.bar.update(self.task, advance=nbytes, files=self._files())

    def say(self, line: str) -> None:
        """Print a message above the bar (or plainly when there is no bar)."""
        if self.bar is None:
            print(line, file=sys.stderr)
        else:
            self.bar.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def __enter__(self) -> Progress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.bar is not None:
            self.bar.stop()
