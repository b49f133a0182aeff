"""Errors a user can act on: each carries the path, what went wrong and a hint."""

from __future__ import annotations


class ScrubberError(Exception):
    """Base class: rendered as `scrubber: error: <path>: <what>` plus a hint."""

    exit_code = 1

    def __init__(self, what: str, *, path: str | None = None, hint: str | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.path = path
        self.hint = hint

    def render(self) -> str:
        where = f"{self.path}: " if self.path else ""
        line = f"scrubber: error: {where}{self.what}"
        if self.hint:
            line += f" (hint: {self.hint})"
        return line


class InputError(ScrubberError):
    """One input could not be processed; the batch goes on."""


class UsageError(ScrubberError):
    """The command line or configuration is wrong: exit 2."""

    exit_code = 2


class ConfigError(UsageError, ValueError):
    """A library `Config` built with a bad option (e.g. an unknown rule code).

    A UsageError (rendered as one line, exit 2 in the CLI) that is also a ValueError,
    which is what Python code expects from a constructor given a bad value.
    """


def lone_surrogates(error: UnicodeEncodeError) -> str:
    """The code points an encode error stopped at, as "U+D800" (at most three)."""
    bad = error.object[error.start : error.end]
    return " ".join(f"U+{ord(c):04X}" for c in bad[:3])
