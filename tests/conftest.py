"""Shared test set-up: hypothesis profiles (derandomised in CI) and paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_dbd9bcf69bd90304.txt"
SEED_GOLD = ROOT / "tests" / "data" / "seed.gold.txt"
FIXTURES = ROOT / "fixtures"

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def restored_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process `clean` runs set these for their workers; give them back after each test."""
    from scrubber import limits

    monkeypatch.setenv(limits.TIMEOUT_ENV, "")
    monkeypatch.setenv(limits.DEBUG_ENV, "")


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


def pytest_report_header() -> str:
    from scrubber import build_info

    return f"scrubber modules: {build_info.describe()}"
