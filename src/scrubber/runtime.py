"""Process-wide settings for a process that does nothing but clean pages (the CLI, its workers)."""

from __future__ import annotations

import gc

# Allocations between two young-generation collections (Python's default is 700).
YOUNG_COLLECTION_THRESHOLD = 10_000


def tune_collector() -> None:
    """Run the cyclic garbage collector less often.

    Cleaning makes few reference cycles, but each page allocates thousands of
    lists and dicts, so at the default threshold the collector ran about 400
    times over the 266 dev pages, and its full collections walked langdetect's
    profile tables each time: 6% of the CPU (`bench/stage_costs.py` prints the
    collector's share). The library leaves its host process's settings alone.
    """
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, middle, old)
