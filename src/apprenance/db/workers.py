"""Sharing a batch job between forked worker processes, each with its own database
connections (pooled connections never cross a fork)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

from apprenance.db.store import Store
from apprenance.errors import ApprenanceError, StoreError

Item = TypeVar("Item")
Result = TypeVar("Result")

_JOB: Callable[[Sequence[object]], list[object]] | None = None


def _run_share(share: Sequence[object]) -> list[object] | ApprenanceError:
    assert _JOB is not None
    try:
        return _JOB(share)
    except ApprenanceError as exc:  # carried back to the parent, raised there
        return exc


def run_forked(
    job: Callable[[Sequence[Item]], list[Result]],
    items: Sequence[Item],
    *,
    workers: int,
    store: Store,
) -> list[Result]:
    """``job`` over ``items`` split round-robin between ``workers`` forked processes; the
    results in the order of the shares. Falls back to one process where fork is missing."""
    global _JOB
    if workers <= 1 or len(items) < 2 or not hasattr(os, "fork"):
        return job(items)
    shares = [list(items[i::workers]) for i in range(workers)]
    store.dispose()  # the children open their own connections
    _JOB = job  # type: ignore[assignment]
    try:
        with multiprocessing.get_context("fork").Pool(len(shares)) as pool:
            outcomes = pool.map(_run_share, shares)
    except OSError as exc:
        raise StoreError(f"cannot start worker processes: {exc.strerror}") from None
    finally:
        _JOB = None
    results: list[Result] = []
    for outcome in outcomes:
        if isinstance(outcome, ApprenanceError):
            raise outcome
        results.extend(outcome)  # type: ignore[arg-type]
    return results
