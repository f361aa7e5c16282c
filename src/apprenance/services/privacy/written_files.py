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

from apprenance.clock import Clock
from apprenance.db import erasure_sql, privacy_sql
from apprenance.db.store import Store
from apprenance.errors import ConfigError
from apprenance.importers.values import learner_key


def record_written(store: Store, participants: Iterable[str], path: Path, kind: str, *,
                   clock: Clock, shared: bool = False) -> None:
    """Remember that ``path`` was written for each of ``participants`` (unknown ones are
    skipped: nothing to erase); writing the same file again only updates its time."""
    where = str(path.resolve())
    keys = sorted({learner_key(p) for p in participants})
    now = clock()
    with store.transaction() as conn:
        privacy_sql.record_written(conn, keys, where, kind, shared, now)


def written_for(store: Store, learner_id: int) -> list[dict[str, Any]]:
    """The recorded files of the learner (for their export: right of access)."""
    with store.transaction() as conn:
        rows = privacy_sql.written_rows(conn, learner_id)
    return [{"path": p, "kind": k, "shared": s, "written_at": at.isoformat()}
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
    out = Settled()
    root = home.resolve() if home is not None else None
    with store.transaction() as conn:
        rows = privacy_sql.written_rows(conn, learner_id)
    for raw, _kind, shared, _at in rows:
        path = Path(raw)
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
        erasure_sql.forget_written(conn, learner_id)
    return out
