"""Build hook: compile the strip stage's modules with mypyc when a C compiler is available.

The compiled modules are the same Python source (mypy-strict typed), turned into C
extensions by mypyc; they give byte-identical outputs, about 1.6x faster
(`python bench/strip_speed.py ../shared/bench/dev --compare`). Without a working
compiler, or with SCRUBBER_PURE_PYTHON=1 set at install time, the package installs
as plain Python and every feature works the same, only slower.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext

# Keep in step with COMPILED_MODULES in src/scrubber/build_info.py (a test checks).
COMPILED_MODULES = [
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
]


class OptionalBuildExt(build_ext):
    """A failed C build leaves a working pure-Python install instead of no install."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # compiler missing or failing: any of several types
            for output in self.get_outputs():
                if os.path.exists(output):
                    os.remove(output)
            print(f"scrubber: C build failed ({error}); installing pure Python", file=sys.stderr)


def extensions() -> list[object]:
    if os.environ.get("SCRUBBER_PURE_PYTHON"):
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
