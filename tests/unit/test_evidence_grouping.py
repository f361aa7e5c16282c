"""The grouped fast path of ingest gives the same totals as adding activities one by one."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from apprenance.domain.evidence import Totals, facts_for
from apprenance.services.evidence.column_sums import ColumnSums
from apprenance.services.evidence.group_sums import GroupSums, totals_of_rows
from builders import tiny_catalog

CAT = tiny_catalog()

ACTIVITY = {  # what an activity row holds but its learner
    "activity_type": st.sampled_from(["atelier", "journal", "inconnu"]),
    "assigned_type": st.sampled_from([None, None, "journal"]),
    "function": st.sampled_from([None, "habitat", "alimentation"]),
    "project_id": st.sampled_from([None, "p1", "p2"]),
    "territory_id": st.sampled_from([None, "t1"]),
    "occurred_on": st.integers(0, 500).map(lambda n: date(2025, 1, 1) + timedelta(days=n)),
    "duration_hours": st.sampled_from([0.25, 1.0, 1.1, 1.5, 2.0, 7.75]),
    "witness": st.sampled_from([None, "m@x.org"]),
    "witness_role": st.sampled_from([None, "habitant", "elu"]),
    "voided": st.booleans(),
}
row = st.fixed_dictionaries({"learner_id": st.integers(1, 3), **ACTIVITY})


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.lists(row, max_size=60))
def test_grouped_totals_equal_one_by_one(rows: list[dict[str, object]]) -> None:
    expected: dict[int, Totals] = {}
    for r in rows:
        kind = CAT.activity_types.get(str(r["assigned_type"] or r["activity_type"]))
        if kind is None or r["voided"]:
            continue
        roles = (str(r["witness_role"] or ""),) if r["witness"] else ()
        facts = facts_for(activity_id="x", day=r["occurred_on"],  # type: ignore[arg-type]
                          hours=float(r["duration_hours"]), kind=kind,  # type: ignore[arg-type]
                          function=r["function"], project=r["project_id"],  # type: ignore[arg-type]
                          territory=r["territory_id"], witness_roles=roles)  # type: ignore[arg-type]
        expected.setdefault(int(r["learner_id"]), Totals()).add(facts)  # type: ignore[call-overload]
    got = totals_of_rows(CAT, rows)
    assert set(got) == set(expected)
    for learner, totals in expected.items():
        mine = got[learner]
        assert (mine.first, mine.last) == (totals.first, totals.last)
        assert {k: v for k, v in mine.counts.items() if v} == {
            k: v for k, v in totals.counts.items() if v}
        for key, hours in totals.hours.items():
            assert abs(mine.hours.get(key, 0.0) - hours) < 1e-9, key


stored = st.fixed_dictionaries({
    "learner_id": st.integers(1, 3),
    "activity_type": st.sampled_from(["atelier", "journal"]),
    "occurred_on": st.integers(0, 500).map(
        lambda n: (date(2025, 1, 1) + timedelta(days=n)).isoformat()),  # as SQLite gives it
    "duration_hours": st.sampled_from([0.5, 2.0]),
    "witness_roles": st.lists(st.sampled_from(["", "habitant", "elu"]), max_size=3),
})


@settings(max_examples=100, derandomize=True, deadline=None)
@given(st.lists(stored, max_size=40))
def test_stored_rows_with_several_witnesses_count_as_one_by_one(
        rows: list[dict[str, object]]) -> None:
    """A rebuild reads each stored activity with the roles of all its witnesses."""
    expected: dict[int, Totals] = {}
    for r in rows:
        kind = CAT.activity_types[str(r["activity_type"])]
        facts = facts_for(activity_id="x", day=date.fromisoformat(str(r["occurred_on"])),
                          hours=float(r["duration_hours"]), kind=kind,  # type: ignore[arg-type]
                          function=None, project=None, territory=None,
                          witness_roles=tuple(r["witness_roles"]))  # type: ignore[arg-type]
        expected.setdefault(int(r["learner_id"]), Totals()).add(facts)  # type: ignore[call-overload]
    got = totals_of_rows(CAT, rows)
    for learner, totals in expected.items():
        assert {k: v for k, v in got[learner].counts.items() if v} == {
            k: v for k, v in totals.counts.items() if v}


being_ingested = st.fixed_dictionaries({  # as a reading process sends them: by participant
    "participant": st.sampled_from(["a@x.org", "b@x.org", "c"]), **ACTIVITY})


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.lists(st.lists(being_ingested, max_size=30), max_size=3))
def test_sums_by_column_equal_sums_row_by_row(segments: list[list[dict[str, object]]]) -> None:
    """A reading process's sums (``ColumnSums``, segment after segment) are those of
    ``GroupSums`` over the same rows: per type, per other key, first and last day."""
    by_column = ColumnSums(CAT)
    for rows in segments:
        by_row = GroupSums(CAT, by="participant")
        half = len(rows) // 2
        for part in (rows[:half], rows[half:]):  # batches of a segment
            by_row.add(part)
            by_column.add(part)
        want, got = by_row.portable(), by_column.portable()
        by_column.clear()
        assert got[2] == want[2]  # spans
        for mine, theirs in zip(got[:2], want[:2], strict=True):
            assert set(mine) == set(theirs)
            for who, entries in theirs.items():
                assert set(mine[who]) == set(entries), who
                for key, (hours, n) in entries.items():
                    assert mine[who][key][1] == n and isinstance(mine[who][key][1], int)
                    assert abs(mine[who][key][0] - hours) < 1e-9, (who, key)
