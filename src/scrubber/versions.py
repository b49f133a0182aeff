"""Installed package versions, read once per process (sidecars record them for every input)."""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version


@cache
def package_version(name: str, missing: str = "not installed") -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return missing
