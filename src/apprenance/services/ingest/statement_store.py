"""Statements of the xAPI intake stored in ONE transaction with everything they give: their
activities (or the voiding of their targets), the rejects of those that cannot count, and the
record of the statements under their ids (``xapi_statements``).

A kill at any moment leaves all of it or none of it. The client, which got no answer, sends
the statements again: their ids are unknown, so they are stored now, exactly once, whatever
the grouping of the retry; a statement is never recorded without its activity or reject, and
an activity never stored without its statement (a later request with the same id and other
content is a conflict, 409, as an LRS answers). When the record finds one of the ids recorded
meanwhile with other content (a concurrent request), the whole transaction is rolled back:
nothing of the losing request is kept.

The statements are also written as an xAPI file under ``HOME/uploads/xapi`` (named by their
content): the source their rejects name, as for any file ingested. A kill leaves at most that
file, which holds nothing the store counts."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.contracts.records import Batch
from apprenance.db import xapi_sql as sql
from apprenance.db.engine import Connection
from apprenance.db.store import Store, retrying
from apprenance.domain.catalog import Catalog
from apprenance.errors import Conflict
from apprenance.importers import read_log
from apprenance.services.evaluation.batch_gc import few_collections
from apprenance.services.evidence.totals import ensure_current
from apprenance.services.ingest.pipeline import load_lookups
from apprenance.services.ingest.recovery import heal_intake
from apprenance.services.ingest.rejects import resolve_file
from apprenance.services.ingest.tally import Tally
from apprenance.services.ingest.writer import BatchWriter
from apprenance.services.ingest.xapi_intake import content_hash, fresh_statements, spool

LABEL = "xapi"  # the label of the spooled files (their rejects say it)


def receive_statements(store: Store, catalog: Catalog, home: Path,
                       statements: list[dict[str, Any]], *, version: str, clock: Clock,
                       lang: str) -> list[str]:
    """Checked statements (``xapi_intake.check``) received by the intake: those not recorded
    yet are stored with their activities and rejects in one transaction (``Conflict`` for a
    recorded id with other content, nothing kept then); their ids, in order."""
    fresh = fresh_statements(store, statements)
    heal_intake(store, catalog, home, clock=clock, lang=lang)
    if fresh:
        store_statements(store, catalog, home, fresh, version=version, clock=clock, lang=lang)
    return [s["id"] for s in statements]


def store_statements(store: Store, catalog: Catalog, home: Path,
                     statements: list[dict[str, Any]], *, version: str, clock: Clock,
                     lang: str) -> Tally:
    """Ingest ``statements`` (checked, with their ids) and record them, all in one
    transaction, run again whole when the database refuses it for a concurrent one."""
    path = spool(home, statements)
    source = str(path.resolve())
    lookups = load_lookups(store, catalog)
    store.retrying(lambda conn: ensure_current(conn, catalog))
    batches = list(read_log(path, "xapi", LABEL, source, lookups))  # at most MAX_STATEMENTS
    rows = [{"id": s["id"], "content_hash": content_hash(s), "statement": s,
             "version": version} for s in statements]
    writer = BatchWriter(store, catalog, clock, lang)
    writer.begin_file(LABEL, source)
    before = writer.tally.counts()
    with few_collections():
        retrying(lambda: _in_one_transaction(writer, batches, source, rows, clock),
                 before_retry=writer.checkpoint())
    writer.tally.count_file(LABEL, before)
    return writer.tally


def _in_one_transaction(writer: BatchWriter, batches: list[Batch], source: str,
                        rows: list[dict[str, Any]], clock: Clock) -> None:
    with writer.transaction() as conn:
        for batch in batches:
            writer.write(conn, batch)
        writer.settle_voids(conn)  # voids whose target never came: rejects, here too
        now = clock()
        resolve_file(conn, source, writer.rejected_in_file(), now)
        record(conn, rows, now)


def record(conn: Connection, rows: list[dict[str, Any]], now: datetime) -> None:
    """Record the statements ``rows`` (id, content_hash, statement, version) in the
    transaction ``conn``; an id recorded meanwhile with other content: ``Conflict`` (the
    caller's transaction is rolled back with it)."""
    # in id order: two requests recording the same ids never wait for each other in a circle
    sql.insert_statements(conn, sorted(({**r, "stored_at": now} for r in rows),
                                       key=lambda r: str(r["id"])))
    known = sql.known_hashes(conn, [r["id"] for r in rows])
    for r in rows:
        if known.get(r["id"]) != r["content_hash"]:
            raise Conflict(f"statement {r['id']} exists with other content")
