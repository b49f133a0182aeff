"""scrubber: turn scraped web pages into clean article text, with an audit trail.

The public API is imported lazily so that `scrubber --version` stays fast and
does not pull in trafilatura, ftfy or langdetect.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrubber import build_info

__version__ = "0.1.0"

__all__ = [
    "Config",
    "ConfigError",
    "Document",
    "InputError",
    "ScrubberError",
    "UsageError",
    "__version__",
    "clean",
    "clean_many",
    "clean_path",
]

if TYPE_CHECKING:
    from scrubber.config import Config
    from scrubber.errors import ConfigError, InputError, ScrubberError, UsageError
    from scrubber.model import Document
    from scrubber.pipeline import clean, clean_many, clean_path

build_info.choose_modules()

_LAZY = {
    "Config": "scrubber.config",
    "Document": "scrubber.model",
    "ConfigError": "scrubber.errors",
    "InputError": "scrubber.errors",
    "ScrubberError": "scrubber.errors",
    "UsageError": "scrubber.errors",
    "clean": "scrubber.pipeline",
    "clean_path": "scrubber.pipeline",
    "clean_many": "scrubber.pipeline",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'scrubber' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
