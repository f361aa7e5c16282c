"""Sharing a batch job between forked worker processes, each with its own database
connections (pooled connections never cross a fork)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from apprenance.db.store import Store
from apprenance.errors import ApprenanceError, StoreError

Item = TypeVar("Item")
Result = TypeVar("Result")

_JOB: Callable[[object], object] | None = None


def _run_one(item: object) -> object:
    assert _JOB is not None
    try:
        return _JOB(item)
    except ApprenanceError as exc:  # carried back to the parent, raised there
        return exc


def stream_forked(
    job: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    workers: int,
    store: Store,
) -> Iterator[Result]:
    """``job`` of each item in ``workers`` forked processes; the results in the order of
    ``items``, as they come, so that the caller works on each while the next are computed.
    Runs in this process where fork is missing (or for one worker)."""
    global _JOB
    if workers <= 1 or len(items) < 2 or not hasattr(os, "fork"):
        for item in items:
            yield job(item)
        return
    store.dispose()  # the children open their own connections
    _JOB = job  # type: ignore[assignment]
    try:
        pool = multiprocessing.get_context("fork").Pool(min(workers, len(items)))
    except OSError as exc:
        raise StoreError(f"cannot start worker processes: {exc.strerror}") from None
    finally:
        _JOB = None  # the children have their copy
    with pool:
        for outcome in pool.imap(_run_one, items):
            if isinstance(outcome, ApprenanceError):
                raise outcome
            yield outcome  # type: ignore[misc]
