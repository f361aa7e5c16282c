"""The files the command line wrote for learners, recorded in the store (``written_files``) so
that an erasure finds every one of them, whatever its name or format (a PDF certificate is
read by name only by the home-folder search, and ``--out`` may point anywhere):

- ``record_written`` after ``certificate --out`` (one learner or a batch), ``learner export
  --out``, ``clr --out`` and ``export credits --out`` (a ``shared`` file: several people);
- ``settle_written`` during the erasure: a learner's own file inside the home folder is
  deleted, one outside it (or a shared one) is listed for review; the records go (their paths
  may name the person).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update

from apprenance.clock import Clock
from apprenance.db import tables as t
from apprenance.db.store import Store
from apprenance.errors import ConfigError
from apprenance.importers.values import learner_key


def record_written(store: Store, participants: Iterable[str], path: Path, kind: str, *,
                   clock: Clock, shared: bool = False) -> None:
    """Remember that ``path`` was written for each of ``participants`` (unknown ones are
    skipped: nothing to erase); writing the same file again only updates its time."""
    where = str(path.resolve())
    keys = sorted({learner_key(p) for p in participants})
    w = t.written_files.c
    now = clock()
    with store.transaction() as conn:
        ids = conn.execute(select(t.learners.c.id).where(
            t.learners.c.participant.in_(keys))).scalars().all()
        known = set(conn.execute(select(w.learner_id).where(
            w.path == where, w.learner_id.in_(ids))).scalars())
        if known:
            conn.execute(update(t.written_files).where(w.path == where,
                                                       w.learner_id.in_(known))
                         .values(written_at=now, kind=kind, shared=shared))
        fresh = [{"learner_id": lid, "path": where, "kind": kind, "shared": shared,
                  "written_at": now} for lid in ids if lid not in known]
        if fresh:
            conn.execute(t.written_files.insert(), fresh)


def written_for(store: Store, learner_id: int) -> list[dict[str, Any]]:
    """The recorded files of the learner (for their export: right of access)."""
    w = t.written_files.c
    with store.transaction() as conn:
        rows = conn.execute(select(w.path, w.kind, w.shared, w.written_at)
                            .where(w.learner_id == learner_id).order_by(w.path)).all()
    return [{"path": str(p), "kind": str(k), "shared": bool(s), "written_at": at.isoformat()}
            for p, k, s, at in rows]


@dataclass
class Settled:
    deleted: list[str] = field(default_factory=list)  # relative to the home folder
    to_review: list[str] = field(default_factory=list)  # relative inside it, else absolute


def _shown(path: Path, home: Path | None) -> str:
    if home is not None and path.is_relative_to(home):
        return str(path.relative_to(home))
    return str(path)


def settle_written(store: Store, learner_id: int, home: Path | None) -> Settled:
    """Delete the learner's own recorded files inside ``home``, list the others (outside it,
    shared with other people, or every one when no home is given), forget the records. A
    file already gone is skipped."""
    w = t.written_files.c
    out = Settled()
    root = home.resolve() if home is not None else None
    with store.transaction() as conn:
        rows = conn.execute(select(w.path, w.shared).where(w.learner_id == learner_id)
                            .order_by(w.path)).all()
    for raw, shared in rows:
        path = Path(str(raw))
        if not path.is_file():
            continue
        if root is not None and path.is_relative_to(root) and not shared:
            try:
                path.unlink()
            except OSError as exc:
                raise ConfigError(f"cannot remove {path}: {exc.strerror or exc}") from None
            out.deleted.append(_shown(path, root))
        else:
            out.to_review.append(_shown(path, root))
    with store.transaction() as conn:
        conn.execute(delete(t.written_files).where(w.learner_id == learner_id))
    return out
