"""Line weights and the main-region search shared by the page rules."""

from __future__ import annotations

from scrubber.page import Line, Page

# Codes of line rules whose lines announce that the article is over.
END_CODES = frozenset({"SCR106", "SCR112", "SCR113"})
SHORT_PENALTY = 3.0
CHROME_PENALTY = 6.0
END_PENALTY = 40.0


def line_weight(line: Line, page: Page) -> float:
    """Positive for running text (in words), negative for short lines and chrome."""
    code = page.line_hits.get(line.index)
    if code in END_CODES:
        return -END_PENALTY
    if code is not None:
        return -CHROME_PENALTY
    words = line.words
    if page.cjk:
        sentence = line.cjk_chars >= 20 or (line.cjk_chars >= 8 and line.terminal)
    else:
        sentence = (words >= 8 and line.terminal) or (words >= 15 and page.stop_ratio(line) >= 0.3)
    if sentence:
        return float(words)
    if words >= 20:
        return words * 0.5
    return -SHORT_PENALTY


def main_region(page: Page) -> tuple[int, int]:
    """(first, last) line index of the best-scoring contiguous region; (0, -1) if none."""
    if page.region is not None:
        return page.region
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for line in page.lines:
        if total <= 0:
            total, start = 0.0, line.index
        total += line_weight(line, page)
        if total > best:
            best, best_span = total, (start, line.index)
    page.region = best_span
    return best_span
