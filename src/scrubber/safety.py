"""Where a batch may write: outputs never overwrite, or mix with, its inputs.

An output directory inside an input directory is fine (the walk skips it, so
outputs are never read back). An input inside the output directory, or the
output directory itself given as an input, is refused before anything is
written: `clean data -o data` would replace data/a.txt with its own cleaned
text, and a second run would clean the outputs of the first.
"""

from __future__ import annotations

from pathlib import Path

from scrubber.errors import UsageError


def _inside(path: Path, directory: Path) -> bool:
    return path == directory or directory in path.parents


def check_output_dir(inputs: list[Path], out: Path) -> None:
    """Raise UsageError when an input is the output directory or lies inside it."""
    try:
        out_real = out.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise UsageError(
            f"cannot resolve the output directory: {exc}", path=str(out), hint="choose another -o"
        ) from None
    if out_real.exists() and not out_real.is_dir():
        raise UsageError(
            "the output path exists and is not a directory",
            path=str(out),
            hint="-o takes a directory (it is created if missing)",
        )
    for given in inputs:
        try:
            real = given.resolve()
        except (OSError, RuntimeError):
            continue  # unreadable inputs are reported one by one when planned
        if _inside(real, out_real):
            raise UsageError(
                f"input is inside the output directory {out}: outputs would overwrite "
                "the inputs or be read back as inputs",
                path=str(given),
                hint="write to a new directory outside the inputs (a subdirectory is fine)",
            )
