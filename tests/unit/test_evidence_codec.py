"""A learner's evidence totals as one stored value: what is written is read back exactly, a
value that is not ours is our error, and merging adds (in a store:
tests/integration/test_evidence_codec_store.py)."""

from __future__ import annotations

from datetime import date

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
def test_a_value_that_is_not_totals_is_a_store_error(value: bytes) -> None:
    with pytest.raises(StoreError) as caught:
        codec.decode(value)
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
