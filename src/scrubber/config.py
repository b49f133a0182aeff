"""Run configuration: what a run does, hashed into every sidecar."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Config:
    """Options that change the output. Two runs with equal configs give equal bytes."""

    strip: bool = True
    """Remove chrome; when off, text is only repaired and normalised (kept line for line)."""
    detect_language: bool = True
    min_language_chars: int = 80
    """Below this many letters of clean text the language is reported as `und`."""
    language_sample_chars: int = 4000
    """Language detection reads at most this much of the clean text (head and middle)."""
    select: tuple[str, ...] = ()
    """Rule codes (or prefixes) to apply; empty means all."""
    ignore: tuple[str, ...] = field(default=())
    """Rule codes (or prefixes) never to apply."""

    def rule_enabled(self, code: str) -> bool:
        if self.select and not any(code.startswith(s) for s in self.select):
            return False
        return not any(code.startswith(s) for s in self.ignore)

    def digest(self) -> str:
        """A stable short hash of the options, recorded in sidecars for resume checks.

        Rule lists count as sets: `--select SCR2,SCR1` is the run `--select SCR1,SCR2` is.
        """
        options = asdict(self)
        options["select"], options["ignore"] = sorted(set(self.select)), sorted(set(self.ignore))
        payload = json.dumps(options, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(payload.encode()).hexdigest()[:16]
