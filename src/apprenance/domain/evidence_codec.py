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
from itertools import repeat

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
    if hours_of.keys() <= counts_of.keys():  # as sums make them: every key has a count
        keys = list(counts_of)
    else:
        keys = list(counts_of.keys() | hours_of.keys())
    names = _NAMES
    if len(names) > _KEYS_LIMIT:
        names.clear()
    try:
        text = _KEY_SEP.join(map(names.__getitem__, keys)).encode()
    except KeyError:
        names.update((k, f"{k[0]}{_DIM_SEP}{k[1]}") for k in keys if k not in names)
        text = _KEY_SEP.join(map(names.__getitem__, keys)).encode()
    n = len(keys)
    hours = array("d", map(hours_of.get, keys, repeat(0.0, n)))
    counts = array("q", map(counts_of.get, keys, repeat(0, n)))
    if sys.byteorder != "little":  # pragma: no cover - every platform we run on is
        hours.byteswap()
        counts.byteswap()
    return b"".join((_HEAD.pack(MAGIC, n, len(text)), text, hours.tobytes(),
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
    keys = _keys(names)
    hours, counts = array("d"), array("q")
    hours.frombytes(data[start + size : start + size + 8 * n])
    counts.frombytes(data[start + size + 8 * n :])
    if sys.byteorder != "little":  # pragma: no cover
        hours.byteswap()
        counts.byteswap()
    totals.hours = defaultdict(float, zip(keys, hours, strict=True))
    totals.counts = defaultdict(int, zip(keys, counts, strict=True))
    return totals


def _keys(names: list[str]) -> list[Key]:
    """The keys named ``names`` (most already known: the cache of decoded names)."""
    cache = _KEYS
    if len(cache) > _KEYS_LIMIT:
        cache.clear()
    found = list(map(cache.get, names))
    if None not in found:
        return found  # type: ignore[return-value]
    return [cache.get(name) or _key(name) for name in names]


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


class Packed:
    """A learner's totals kept in their stored form, added to in place and encoded again
    without going through ``Totals`` (the ingest's hot path: every transaction adds to every
    learner it saw). ``pack()`` stores what ``encode`` of the same totals stores."""

    __slots__ = ("_named", "_text", "counts", "hours", "index", "keys")

    def __init__(self) -> None:
        self.keys: list[Key] = []
        self.index: dict[Key, int] = {}
        self.hours = array("d")
        self.counts = array("q")
        self._text = b""  # the names of the first ``_named`` keys, as stored
        self._named = 0

    @classmethod
    def unpack(cls, value: bytes | bytearray | memoryview | None) -> Packed:
        """The totals stored as ``value`` (``CorruptTotals`` as ``decode``)."""
        packed = cls()
        if not value:
            return packed
        data = bytes(value)
        start = _HEAD.size
        if len(data) < start:
            return cls.of(decode(data))  # raises CorruptTotals
        magic, n, size = _HEAD.unpack_from(data)
        if magic != MAGIC or len(data) != start + size + 16 * n:
            return cls.of(decode(data))  # raises CorruptTotals
        if n == 0:
            return packed
        text = data[start : start + size]
        try:
            names = text.decode().split(_KEY_SEP)
        except UnicodeDecodeError:
            return cls.of(decode(data))  # raises CorruptTotals
        if len(names) != n:
            return cls.of(decode(data))  # raises CorruptTotals
        keys = _keys(names)
        index = dict(zip(keys, range(n), strict=True))
        if len(index) != n:  # a key stored twice: as decode reads it
            return cls.of(decode(data))
        packed.keys, packed.index, packed._text, packed._named = keys, index, text, n
        packed.hours.frombytes(data[start + size : start + size + 8 * n])
        packed.counts.frombytes(data[start + size + 8 * n :])
        if sys.byteorder != "little":  # pragma: no cover
            packed.hours.byteswap()
            packed.counts.byteswap()
        return packed

    @classmethod
    def of(cls, totals: Totals) -> Packed:
        packed = cls()
        for key in totals.counts.keys() | totals.hours.keys():
            packed.add(key, totals.hours.get(key, 0.0), totals.counts.get(key, 0))
        return packed

    def slot(self, key: Key) -> int:
        """The position of ``key``'s hours and count (added, at zero, when new)."""
        found = self.index.get(key)
        if found is not None:
            return found
        i = self.index[key] = len(self.keys)
        self.keys.append(key)
        self.hours.append(0.0)
        self.counts.append(0)
        return i

    def add(self, key: Key, hours: float, count: int) -> None:
        i = self.slot(key)
        self.hours[i] += hours
        self.counts[i] += count

    def pack(self) -> bytes:
        """The stored form (as ``encode``)."""
        text = self._text
        if self._named < len(self.keys):  # keys added since: their names appended
            new = self.keys[self._named :]
            names = _NAMES
            if len(names) > _KEYS_LIMIT:
                names.clear()
            names.update((k, f"{k[0]}{_DIM_SEP}{k[1]}") for k in new if k not in names)
            added = _KEY_SEP.join(map(names.__getitem__, new)).encode()
            text = self._text = (text + _KEY_SEP.encode() + added) if text else added
            self._named = len(self.keys)
        hours, counts = self.hours, self.counts
        if sys.byteorder != "little":  # pragma: no cover
            hours, counts = array("d", hours), array("q", counts)
            hours.byteswap()
            counts.byteswap()
        return b"".join((_HEAD.pack(MAGIC, len(self.keys), len(text)), text, hours.tobytes(),
                         counts.tobytes()))

    def totals(self) -> Totals:
        """The same as ``Totals`` (no first and last day)."""
        return decode(self.pack())
