"""A learner's evidence totals as one stored value: what is written is read back exactly, a
value that is not ours is our error, and merging adds (in a store:
tests/integration/test_evidence_codec_store.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apprenance.domain import evidence_codec as codec
from apprenance.domain.evidence import Totals
from apprenance.errors import StoreError

# keys as catalogs and logs give them: any printable text, accents, ':' and spaces included
text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
key = st.tuples(st.sampled_from(["total", "pillar", "competence", "month", "attestation"]), text)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.dictionaries(key, st.tuples(st.floats(-1e9, 1e9, allow_nan=False),
                                      st.integers(-10**12, 10**12)), max_size=80))
def test_what_is_written_is_read_back_exactly(values: dict[tuple[str, str], tuple[float, int]]
                                              ) -> None:
    totals = Totals()
    for k, (hours, count) in values.items():
        totals.hours[k] = hours
        totals.counts[k] = count
    back = codec.decode(codec.encode(totals))
    assert dict(back.hours) == {k: h for k, (h, _) in values.items()}
    assert dict(back.counts) == {k: c for k, (_, c) in values.items()}
    assert back.rows() == totals.rows()


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.tuples(key, st.floats(-1e6, 1e6, allow_nan=False),
                          st.integers(-10**6, 10**6)), max_size=60),
       st.integers(0, 60))
def test_packed_totals_add_and_store_as_totals_do(
    adds: list[tuple[tuple[str, str], float, int]], cut: int
) -> None:
    """Adding to the packed form (the ingest's) then storing it stores what adding to
    ``Totals`` then encoding stores, to the last bit, also after a round trip midway."""
    totals, packed = Totals(), codec.Packed()
    for i, (k, hours, count) in enumerate(adds):
        if i == cut:
            totals = codec.decode(codec.encode(totals))
            packed = codec.Packed.unpack(packed.pack())
        totals.hours[k] += hours
        totals.counts[k] += count
        packed.add(k, hours, count)
    back = codec.decode(packed.pack())
    assert dict(back.hours) == dict(totals.hours)
    assert dict(back.counts) == dict(totals.counts)
    assert packed.totals().rows() == totals.rows()
    assert codec.Packed.unpack(codec.encode(totals)).totals().rows() == totals.rows()


def test_a_key_stored_twice_is_read_as_decode_reads_it() -> None:
    value = b"AEV1\x02\x00\x00\x00\x07\x00\x00\x00a\x1fb\x1ea\x1fb" + (
        b"\x00" * 8 + b"\x00\x00\x00\x00\x00\x00\xf0?" + b"\x01" + b"\x00" * 7
        + b"\x02" + b"\x00" * 7)
    assert codec.Packed.unpack(value).totals().rows() == codec.decode(value).rows()


def test_nothing_stored_reads_as_empty_totals() -> None:
    for value in (None, b"", codec.encode(Totals())):
        totals = codec.decode(value)
        assert totals.rows() == [] and totals.first is None and totals.distinct("month") == 0


@pytest.mark.parametrize("value", [
    b"AEV1", b"XXXX" + codec.encode(Totals())[4:], codec.encode(Totals()) + b"\x00",
    b"AEV1\x01\x00\x00\x00\x02\x00\x00\x00\xff\xfe" + b"\x00" * 16,  # keys not UTF-8
    b"AEV1\x01\x00\x00\x00\x01\x00\x00\x00x" + b"\x00" * 16,  # a key without a dimension
    b"AEV1\x02\x00\x00\x00\x03\x00\x00\x00a\x1fb" + b"\x00" * 32,  # 2 keys announced, 1 given
])
@pytest.mark.parametrize("read", [codec.decode, codec.Packed.unpack], ids=["decode", "unpack"])
def test_a_value_that_is_not_totals_is_a_store_error(value: bytes, read: Any) -> None:
    with pytest.raises(StoreError) as caught:
        read(value)
    assert "stored evidence totals" in caught.value.message


def test_merge_adds_and_widens_the_span() -> None:
    a, b = Totals(), Totals()
    a.hours[("pillar", "faire")], a.counts[("pillar", "faire")] = 2.5, 1
    a.first, a.last = date(2025, 3, 1), date(2025, 3, 5)
    b.hours[("pillar", "faire")], b.counts[("pillar", "faire")] = 1.0, 2
    b.counts[("attestation", "*")] = 1
    b.first, b.last = date(2025, 2, 1), date(2025, 3, 2)
    assert a.distinct("pillar") == 1
    merged = codec.merge(a, b)
    assert merged is a
    assert a.hours[("pillar", "faire")] == 3.5 and a.counts[("pillar", "faire")] == 3
    assert a.counts[("attestation", "*")] == 1 and a.distinct("attestation") == 1
    assert (a.first, a.last) == (date(2025, 2, 1), date(2025, 3, 5))
