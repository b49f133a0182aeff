"""Build hook: compile the strip stage's modules with mypyc when a C compiler is available.

The compiled modules are the same Python source (mypy-strict typed), turned into C
extensions by mypyc; they give byte-identical outputs, faster (README, "Measured speed":
`python bench/strip_speed.py ../shared/bench/dev --compare`). Without a working
compiler, or with SCRUBBER_PURE_PYTHON=1 set at install time, the package installs
as plain Python and every feature works the same, only slower.
"""

from __future__ import annotations

import importlib.machinery
import json
import os
import runpy
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

SRC = Path(__file__).resolve().parent / "src"
# The package's own account of what is compiled, how sources are hashed and how the
# switch reads; it imports only the standard library, so it runs here before install.
BUILD_INFO = runpy.run_path(str(SRC / "scrubber" / "build_info.py"))
COMPILED_MODULES: list[str] = list(BUILD_INFO["COMPILED_MODULES"])
HASHES_FILE: str = BUILD_INFO["HASHES_FILE"]
pure_python_requested = BUILD_INFO["pure_python_requested"]
source_hashes = BUILD_INFO["source_hashes"]
# setuptools runs this file once per build step; these only write metadata.
METADATA_COMMANDS = {"egg_info", "dist_info", "sdist"}


def remove_inplace_extensions() -> None:
    """Extensions an earlier editable build left next to the sources would still load."""
    for name in [*(f"scrubber/{module}" for module in COMPILED_MODULES), "scrubber__mypyc"]:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            (SRC / f"{name}{suffix}").unlink(missing_ok=True)
    (SRC / "scrubber" / HASHES_FILE).unlink(missing_ok=True)


class OptionalBuildExt(build_ext):
    """A failed C build leaves a working pure-Python install instead of no install."""

    def run(self) -> None:
        try:
            super().run()
            if self.extensions:
                package = Path(self.get_ext_fullpath("scrubber.strip")).parent
                (package / HASHES_FILE).write_text(json.dumps(source_hashes(), indent=1) + "\n")
        except Exception as error:  # compiler missing or failing: any of several types
            for output in self.get_outputs():
                if os.path.exists(output):
                    os.remove(output)
            remove_inplace_extensions()
            print(f"scrubber: C build failed ({error}); installing pure Python", file=sys.stderr)


def extensions() -> list[object]:
    if sys.argv[1:2] and sys.argv[1] in METADATA_COMMANDS:
        return []  # mypy's type check and C generation take about 10 s each time
    if pure_python_requested():
        remove_inplace_extensions()
        return []
    try:
        from mypyc.build import mypycify

        paths = [f"src/scrubber/{module}.py" for module in COMPILED_MODULES]
        return list(
            mypycify(
                ["--ignore-missing-imports", "--follow-imports=silent", *paths],
                group_name="scrubber",
            )
        )
    except (Exception, SystemExit) as error:  # mypy missing, or its type check failing
        print(f"scrubber: not compiling ({error}); installing pure Python", file=sys.stderr)
        return []


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
