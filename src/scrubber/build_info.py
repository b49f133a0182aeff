"""Which of the strip stage's modules run compiled (mypyc C extensions, built by setup.py).

A compiled module shadows its `.py` file, so after an edit the old code would run on.
When a `.py` file differs from the source its extension was built from (setup.py records
their sha256), or SCRUBBER_PURE_PYTHON is set, every scrubber module is loaded from source
instead: mypyc compiles the modules as one group that calls across modules natively, so
they cannot be mixed.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

PACKAGE_DIR = Path(__file__).resolve().parent

# The modules setup.py compiles (it reads this list).
COMPILED_MODULES = (
    "lexicon",
    "lines",
    "page",
    "stopwords",
    "strip",
    "rules/line_rules",
    "rules/page_rules",
    "rules/scoring",
    "rules/text_rules",
    "rules/weights",
)
PURE_ENV = "SCRUBBER_PURE_PYTHON"
# Set by a process that found a stale build, for its workers: they load the same
# modules and say nothing. Kept apart from PURE_ENV, which setup.py also reads.
_SOURCE_CHOSEN_ENV = "_SCRUBBER_SOURCE_CHOSEN"
# setup.py records the sha256 of each source it compiled here, next to the extensions.
HASHES_FILE = "_compiled_sources.json"
# Without that record (an older build): unpacking a wheel writes its files a moment apart,
# and an edit comes later than this.
_EDIT_MARGIN_SECONDS = 2.0


def _extension(module: str) -> Path | None:
    folder, _, name = (PACKAGE_DIR / module).as_posix().rpartition("/")
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = Path(folder) / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def _source_hash(module: str) -> str:
    return hashlib.sha256((PACKAGE_DIR / f"{module}.py").read_bytes()).hexdigest()


def source_hashes() -> dict[str, str]:
    """The sha256 of each compiled module's source, as setup.py records them at build time."""
    return {module: _source_hash(module) for module in COMPILED_MODULES}


def _recorded_hashes() -> dict[str, str] | None:
    try:
        recorded = json.loads((PACKAGE_DIR / HASHES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return recorded if isinstance(recorded, dict) else None


def stale_sources() -> list[Path]:
    """`.py` files that differ from the source their compiled extension was built from.

    Compared by content (sha256, recorded at build time), so an edit is seen however
    soon after the build it comes and whatever its file time; file times only decide
    for builds that recorded no hashes.
    """
    recorded = _recorded_hashes()
    stale = []
    for module in COMPILED_MODULES:
        extension = _extension(module)
        source = PACKAGE_DIR / f"{module}.py"
        if extension is None or not source.is_file():
            continue
        if recorded is not None:
            changed = _source_hash(module) != recorded.get(module)
        else:
            changed = source.stat().st_mtime > extension.stat().st_mtime + _EDIT_MARGIN_SECONDS
        if changed:
            stale.append(source)
    return stale


def pure_python_requested() -> bool:
    """SCRUBBER_PURE_PYTHON=1 (or true, yes); 0, false, no or empty mean compiled."""
    return os.environ.get(PURE_ENV, "").strip().lower() in {"1", "true", "yes"}


def child_environment(pure: bool) -> dict[str, str]:
    """This process's environment for a child that loads compiled modules or the source."""
    environment = {k: v for k, v in os.environ.items() if k not in (PURE_ENV, _SOURCE_CHOSEN_ENV)}
    if pure:
        environment[PURE_ENV] = "1"
    return environment


class _SourceFirst:  # a MetaPathFinder; importlib.abc costs ~13 ms of start-up
    """Finds scrubber's modules as `.py` files before the extension finder sees them."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith("scrubber.") or path is None:
            return None
        name = fullname.rpartition(".")[2]
        for entry in path:
            source = Path(entry) / f"{name}.py"
            if source.is_file():
                return importlib.util.spec_from_file_location(fullname, source)
        return None


def use_source() -> None:
    """Load every scrubber module imported from now on from its `.py` file."""
    if not any(isinstance(finder, _SourceFirst) for finder in sys.meta_path):
        sys.meta_path.insert(0, _SourceFirst())


def compiled() -> bool:
    """True when the strip stage's modules load as C extensions (found, not imported)."""
    spec = importlib.util.find_spec("scrubber.strip")
    return spec is not None and not str(spec.origin).endswith(".py")


def describe() -> str:
    return "compiled with mypyc" if compiled() else "pure Python"


def choose_modules() -> None:
    """Called once, on `import scrubber`, before any compiled module loads."""
    if pure_python_requested() or os.environ.get(_SOURCE_CHOSEN_ENV):
        use_source()
        return
    stale = stale_sources()
    if stale:
        shown = [path.relative_to(PACKAGE_DIR).as_posix() for path in stale[:3]]
        names = ", ".join(shown) + ("…" if len(stale) > 3 else "")
        print(
            f"scrubber: {names} changed since the last compile; running the pure-Python modules."
            " Hint: reinstall scrubber (pip install -e . in a checkout) to compile them again.",
            file=sys.stderr,
        )
        os.environ[_SOURCE_CHOSEN_ENV] = "1"
        use_source()
