"""The statements of evaluation and awards, on SQLite and PostgreSQL: which learners to
evaluate, the badges they hold, recording new awards exactly once, marking learners
evaluated, and listing awards.

Reading held badges, recording awards and marking learners go through the driver
(``raw_sql``): a first evaluation writes about a million awards.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Row, and_, or_, select

from apprenance.db import tables as t
from apprenance.db.raw_sql import RawCursor, driver_time, is_sqlite, marks, raw_cursor
from apprenance.db.sqlite_times import sqlite_time

Target = tuple[int, str, datetime | None]  # learner id, participant, evidence changed at
# learner id, participant, badge, activity ids (JSON), the day the evidence met the rule
Candidate = tuple[int, str, str, str, date]


def evaluation_targets(
    conn: Connection, learner_ids: Sequence[int] | None, changed_only: bool
) -> list[Target]:
    """The learners to evaluate, not erased, in id order: those given (``learner_ids``), or
    those whose evidence changed since they were last evaluated (``changed_only``), or all."""
    lc = t.learners.c
    query = (
        select(lc.id, lc.participant, lc.evidence_changed_at)
        .where(lc.erased_at.is_(None))
        .order_by(lc.id)
    )
    if learner_ids:
        query = query.where(lc.id.in_(learner_ids))
    elif changed_only:
        query = query.where(
            and_(
                lc.evidence_changed_at.is_not(None),
                or_(lc.evaluated_at.is_(None), lc.evidence_changed_at > lc.evaluated_at),
            )
        )
    return [(int(i), str(p), changed) for i, p, changed in conn.execute(query)]


def mark_evaluated(conn: Connection, chunk: Sequence[Target]) -> None:
    """Mark learners evaluated up to the evidence they were evaluated on: evidence that
    arrived meanwhile (another process) leaves them to evaluate again."""
    sqlite = is_sqlite(conn)
    seen: list[tuple[object, int, object]] = []
    for i, _, changed in chunk:
        if changed is not None:  # on SQLite, as SQLAlchemy stores times there
            when = driver_time(conn, changed)
            seen.append((when, i, when))
    if not seen:
        return
    with raw_cursor(conn) as cursor:
        if sqlite:
            cursor.executemany("UPDATE learners SET evaluated_at = ? WHERE id = ? "
                               "AND evidence_changed_at = ?", seen)
        else:  # one statement, not a round trip per learner
            cursor.execute(
                "UPDATE learners l SET evaluated_at = v.seen "
                "FROM unnest(%s::integer[], %s::timestamptz[]) AS v(id, seen) "
                "WHERE l.id = v.id AND l.evidence_changed_at = v.seen",
                ([i for _, i, _ in seen], [w for w, _, _ in seen]))


def held_badges(conn: Connection, ids: Sequence[int]) -> dict[int, set[str]]:
    """The badges each learner holds already (through the driver, from the unique index on
    (learner, badge) alone: a million rows at times)."""
    held: dict[int, set[str]] = defaultdict(set)
    with raw_cursor(conn) as cursor:
        cursor.execute("SELECT learner_id, badge_id FROM awards "
                       f"WHERE learner_id IN ({marks(conn, len(ids))})", tuple(ids))
        for lid, badge in cursor:
            held[lid].add(badge)
    return held


def held_days(conn: Connection, ids: Sequence[int]) -> dict[int, dict[str, date | None]]:
    """The badges each learner holds, with the day each was earned (None: not known)."""
    held: dict[int, dict[str, date | None]] = defaultdict(dict)
    with raw_cursor(conn) as cursor:
        cursor.execute("SELECT learner_id, badge_id, awarded_on FROM awards "
                       f"WHERE learner_id IN ({marks(conn, len(ids))})", tuple(ids))
        for lid, badge, on in cursor:  # SQLite answers the day as text
            held[lid][badge] = date.fromisoformat(on) if isinstance(on, str) else on
    return held


def badges_of(conn: Connection, learner_id: int) -> set[str]:
    """The badges one learner holds."""
    return set(conn.execute(
        select(t.awards.c.badge_id).where(t.awards.c.learner_id == learner_id)).scalars())


def award_activities(conn: Connection, learner_id: int) -> list[tuple[str, Any]]:
    """(badge, activity ids) of each award of one learner."""
    return list(conn.execute(
        select(t.awards.c.badge_id, t.awards.c.activity_ids)
        .where(t.awards.c.learner_id == learner_id)
    ).tuples())


def record_awards(
    conn: Connection, candidates: list[Candidate], version: str, now: datetime
) -> list[Candidate]:
    """Insert the awards that do not exist yet and return those actually inserted.

    The unique key (learner, badge) makes concurrent evaluations safe: a row another process
    inserted first is skipped, and is not returned here."""
    if not candidates:
        return []
    with raw_cursor(conn) as cursor:
        if not is_sqlite(conn):
            return _pg_insert(cursor, candidates, version, now)
        cursor.executemany(
            "INSERT INTO awards (learner_id, badge_id, awarded_at, awarded_on, catalog_version, "
            "activity_ids) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (learner_id, badge_id) DO NOTHING",
            [(lid, badge, sqlite_time(now), on.isoformat(), version, used)
             for lid, _, badge, used, on in candidates])
        if cursor.rowcount == len(candidates):
            return candidates
    # some were there already (another evaluation): only the rows written now
    a = t.awards.c
    mine = {
        (int(lid), str(b))
        for lid, b in conn.execute(
            select(a.learner_id, a.badge_id).where(
                a.learner_id.in_({c[0] for c in candidates}), a.awarded_at == now
            )
        )
    }
    return [c for c in candidates if (c[0], c[2]) in mine]


def _pg_insert(
    cursor: RawCursor, candidates: list[Candidate], version: str, now: datetime
) -> list[Candidate]:
    """PostgreSQL: the candidates copied into a temporary table, then inserted in one
    statement, in their order (learners in id order, badges in catalog order), that returns
    the rows it wrote (those another evaluation wrote first are not)."""
    cursor.execute("CREATE TEMP TABLE IF NOT EXISTS award_days_stage (n integer, "
                   "learner_id integer, badge_id text, activity_ids text, awarded_on date) "
                   "ON COMMIT DELETE ROWS")
    with cursor.copy("COPY award_days_stage (n, learner_id, badge_id, activity_ids, awarded_on) "
                     "FROM STDIN") as copy:
        for n, (lid, _, badge, used, on) in enumerate(candidates):
            copy.write_row((n, lid, badge, used, on))
    cursor.execute(
        "INSERT INTO awards (learner_id, badge_id, awarded_at, catalog_version, activity_ids, "
        "awarded_on) "
        "SELECT learner_id, badge_id, %s, %s, activity_ids::json, awarded_on "
        "FROM award_days_stage "
        "ORDER BY n ON CONFLICT (learner_id, badge_id) DO NOTHING "
        "RETURNING learner_id, badge_id", (now, version))
    inserted = {(int(lid), str(badge)) for lid, badge in cursor.fetchall()}
    cursor.execute("DELETE FROM award_days_stage")
    return [c for c in candidates if (c[0], c[2]) in inserted]


def awards_listing(conn: Connection, learner_id: int | None) -> Sequence[Row[Any]]:
    """Every award (of one learner, when given) with its learner, oldest first."""
    a, lc = t.awards.c, t.learners.c
    query = (
        select(lc.participant, lc.name, a.badge_id, a.awarded_at, a.awarded_on,
               a.catalog_version, a.activity_ids, a.issued_at)
        .join(t.learners, lc.id == a.learner_id)
        .order_by(a.awarded_at, a.id)
    )
    if learner_id is not None:
        query = query.where(a.learner_id == learner_id)
    return conn.execute(query).all()
