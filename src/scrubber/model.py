"""The one type that flows through every stage: a `Document` and its records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["text", "html"]
Status = Literal["ok", "empty", "error"]


@dataclass(frozen=True)
class Source:
    """Where the input came from and how its bytes were read."""

    path: str | None
    size: int
    sha256: str
    kind: Kind
    encoding: str
    encoding_method: str


@dataclass(frozen=True)
class Fix:
    """One encoding or normalisation change made to an input line."""

    line: int
    kind: str
    steps: tuple[str, ...]
    before: str
    after: str


@dataclass(frozen=True)
class Decision:
    """The verdict on one input line: kept, or dropped by a rule with a reason."""

    line: int
    text: str
    keep: bool
    code: str = ""
    name: str = ""
    message: str = ""


@dataclass(frozen=True)
class Language:
    code: str
    probability: float
    detector: str
    detector_version: str


@dataclass
class Document:
    """A page on its way from raw input to clean text.

    `lines` are the decoded input lines (1-based line N is `lines[N-1]`) after
    encoding repair; `decisions` hold one verdict per non-blank line; `text` is
    the current clean text.
    """

    source: Source
    raw: bytes
    kind: Kind
    text: str = ""
    lines: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    fixes: list[Fix] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    language: Language | None = None
    title: str | None = None
    metadata: dict[str, object] = field(default_factory=dict)
    status: Status = "ok"
    reason: str | None = None

    @property
    def removals(self) -> list[Decision]:
        return [d for d in self.decisions if not d.keep]
