"""Using every core for big curricula, only where it is safe and worth it."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def workers() -> int:
    return min(os.cpu_count() or 1, 8)


def can_fork() -> bool:
    """Forking copies only the calling thread, so it is safe only from a single-threaded process.

    The command line is; `mkdocs serve` is not (it runs a file watcher thread), and there we stay in-process.
    """
    return (workers() > 1 and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def map_chunks(function: Callable[[Sequence[T]], R], items: Sequence[T], *, minimum: int) -> list[R]:
    """`function` over chunks of `items`: in forked workers when there are at least `minimum` items."""
    if len(items) < minimum or not can_fork():
        return [function(items)]
    count = workers() * 4  # several chunks per worker evens out uneven lessons
    size = max(1, -(-len(items) // count))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    with multiprocessing.get_context("fork").Pool(workers()) as pool:
        return pool.map(function, chunks)
