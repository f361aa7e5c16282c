"""A learner's evidence totals as one compact binary value, the form they are stored in.

One value per learner, rather than a row per (dimension, key), because the two hot paths read
and write whole learners: an ingest adds to every learner of a transaction once, and mass
evaluation reads 100,000 learners' totals. Decoding is a split and two array copies, no number
parsing:

    b"AEV1" | n (uint32) | length of the keys text (uint32) | keys text (UTF-8)
           | n hours (float64) | n counts (int64)

The keys text is ``dimension \\x1f key`` for each key, separated by ``\\x1e`` (neither can
appear in a dimension or key: identifiers are printable). Values are little-endian.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections import defaultdict

from apprenance.domain.evidence import Key, Totals
from apprenance.errors import CorruptTotals

MAGIC = b"AEV1"
_HEAD = struct.Struct("<4sII")
_KEY_SEP, _DIM_SEP = "\x1e", "\x1f"
_KEYS: dict[str, Key] = {}  # "dimension\x1fkey" -> (dimension, key): keys repeat across learners
_NAMES: dict[Key, str] = {}  # the other way round
_KEYS_LIMIT = 200_000


def encode(totals: Totals) -> bytes:
    """The stored form of ``totals`` (every key that has a count or hours)."""
    hours_of, counts_of = totals.hours, totals.counts
    keys = list(counts_of.keys() | hours_of.keys())
    names = _NAMES
    if len(names) > _KEYS_LIMIT:
        names.clear()
    try:
        text = _KEY_SEP.join([names[k] for k in keys]).encode()
    except KeyError:
        names.update((k, f"{k[0]}{_DIM_SEP}{k[1]}") for k in keys if k not in names)
        text = _KEY_SEP.join([names[k] for k in keys]).encode()
    hours = array("d", [hours_of.get(k, 0.0) for k in keys])
    counts = array("q", [counts_of.get(k, 0) for k in keys])
    if sys.byteorder != "little":  # pragma: no cover - every platform we run on is
        hours.byteswap()
        counts.byteswap()
    return b"".join((_HEAD.pack(MAGIC, len(keys), len(text)), text, hours.tobytes(),
                     counts.tobytes()))


def decode(value: bytes | bytearray | memoryview | None) -> Totals:
    """The totals stored as ``value`` (empty totals for None); ``CorruptTotals`` if it is not
    in this format. First and last day are not in it (they are columns of the learner)."""
    totals = Totals()
    if not value:
        return totals
    data = bytes(value)
    try:
        magic, n, size = _HEAD.unpack_from(data)
    except struct.error:
        raise CorruptTotals("stored evidence totals: too short") from None
    start = _HEAD.size
    if magic != MAGIC or len(data) != start + size + 16 * n:
        raise CorruptTotals("stored evidence totals: not in the expected format")
    if n == 0:
        return totals
    try:
        names = data[start : start + size].decode().split(_KEY_SEP)
    except UnicodeDecodeError:
        raise CorruptTotals("stored evidence totals: keys are not UTF-8") from None
    if len(names) != n:
        raise CorruptTotals("stored evidence totals: wrong key count")
    cache = _KEYS
    if len(cache) > _KEYS_LIMIT:
        cache.clear()
    keys = [cache.get(name) or _key(name) for name in names]
    hours, counts = array("d"), array("q")
    hours.frombytes(data[start + size : start + size + 8 * n])
    counts.frombytes(data[start + size + 8 * n :])
    if sys.byteorder != "little":  # pragma: no cover
        hours.byteswap()
        counts.byteswap()
    totals.hours = defaultdict(float, zip(keys, hours, strict=True))
    totals.counts = defaultdict(int, zip(keys, counts, strict=True))
    return totals


def _key(name: str) -> Key:
    dim, sep, key = name.partition(_DIM_SEP)
    if not sep:
        raise CorruptTotals("stored evidence totals: a key without a dimension")
    found = _KEYS[name] = (dim, key)
    return found


def merge(into: Totals, delta: Totals) -> Totals:
    """Add ``delta`` to ``into`` (in place; also returned), widening first and last day."""
    hours, counts = into.hours, into.counts
    for key, value in delta.hours.items():
        hours[key] += value
    for key, count in delta.counts.items():
        counts[key] += count
    if delta.first is not None:
        into.first = delta.first if into.first is None else min(into.first, delta.first)
    if delta.last is not None:
        into.last = delta.last if into.last is None else max(into.last, delta.last)
    into.invalidate()
    return into
