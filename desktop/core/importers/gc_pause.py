"""The cyclic garbage collector paused while one import builds its objects.

A 20 MB subtitle file becomes some 400,000 objects (cues, segments, turns, their tuples).
Creating that many makes the collector walk the growing heap again and again: 0.4 s of a
2.1 s import, and those passes freed nothing, because parsing makes no reference cycles
(on every file of the test corpus and the benchmarks, no collection during an import found
anything to collect). Reference counting still frees everything as usual; the collector
resumes when the import ends and then looks at whatever is left, as it would have.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause cyclic garbage collection for the block; re-enable it after, if it was on.

    The switch is process-wide: imports running side by side in threads leave it on as soon
    as the first one that turned it off ends, which only costs the others speed.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
