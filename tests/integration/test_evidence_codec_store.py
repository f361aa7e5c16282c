"""A damaged evidence value in a real store (SQLite and PostgreSQL) is reported as our store
error, never a traceback."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import strategies as st
from sqlalchemy import update

from apprenance.db import tables as t
from apprenance.db.store import Store
from apprenance.errors import StoreError
from apprenance.services.evidence.totals import load_totals
from builders import add_activity, tiny_catalog

# keys as catalogs and logs give them: any printable text, accents, ':' and spaces included
text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)

def test_a_damaged_stored_value_is_reported_as_a_store_error(db_url: str) -> None:
    store, cat = Store.open(db_url), tiny_catalog()
    store.init()
    add_activity(store, cat, participant="ana@x.org", day=date(2025, 3, 1), hours=2)
    with store.transaction() as conn:
        lid = conn.execute(t.learners.select()).mappings().one()["id"]
        assert load_totals(conn, [lid])[lid].hours[("total", "")] == 2.0
        conn.execute(update(t.learner_evidence).values(totals=b"not totals"))
    with store.transaction() as conn, pytest.raises(StoreError):
        load_totals(conn, [lid])
    store.dispose()
