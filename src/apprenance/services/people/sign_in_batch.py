"""Sign-in links for several learners of a territory at once, for a coordinator to pass on
(or to mail: services/mail/queue.py): one single-use link per learner, and the same as a CSV for a
French spreadsheet (``;``, UTF-8 with a byte order mark, CRLF, no cell that runs as a formula).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from apprenance.clock import Clock
from apprenance.db.store import Store
from apprenance.errors import InputError, PermissionDenied
from apprenance.services.certificates.credits_export import inert
from apprenance.services.people import access, directory

MAX_DAYS = 30


@dataclass(frozen=True)
class SignInLink:
    learner: str
    name: str
    url: str
    expires_at: datetime


def territory_learners(store: Store, territory: str) -> list[dict[str, str]]:
    """learner, name of every learner of ``territory`` (not erased), by identifier."""
    return [{"learner": str(x["learner"]), "name": str(x.get("name") or x["learner"])}
            for x in directory.list_learners(store, territories=[territory], limit=10**7)]


def chosen_learners(store: Store, territory: str, chosen: Sequence[str] | None, *,
                    known: dict[str, str] | None = None) -> list[str]:
    """The chosen learners (``None``: every learner of the territory), each once; one of
    another territory is refused (403), none chosen is an input error."""
    if known is None:
        known = {x["learner"]: x["name"] for x in territory_learners(store, territory)}
    if chosen is None:
        wanted = list(known)
    else:
        wanted = list(dict.fromkeys(directory.get_learner(store, p)["learner"] for p in chosen))
        strangers = [p for p in wanted if p not in known]
        if strangers:
            raise PermissionDenied(f"not a learner of territory {territory!r}: {strangers[0]}")
    if not wanted:
        raise InputError("learners: choose at least one learner")
    return wanted


def links_for(store: Store, territory: str, chosen: Sequence[str] | None, *, public_url: str,
              days: int, clock: Clock) -> list[SignInLink]:
    """One new sign-in link for each chosen learner (``None``: every learner of the
    territory), valid ``days`` days. A learner of another territory is refused (403), before
    any link is made."""
    if not 1 <= days <= MAX_DAYS:
        raise InputError(f"days: from 1 to {MAX_DAYS}, not {days}")
    known = {x["learner"]: x["name"] for x in territory_learners(store, territory)}
    wanted = chosen_learners(store, territory, chosen, known=known)
    ttl = timedelta(days=days)
    base = public_url.rstrip("/")
    out = []
    for participant in wanted:
        token = access.create_sign_in_link(store, participant, clock=clock, ttl=ttl)
        out.append(SignInLink(participant, known[participant], f"{base}/connexion/{token}",
                              clock() + ttl))
    return out


def links_csv(links: Sequence[SignInLink], header: Sequence[str]) -> bytes:
    """The links as CSV: name, identifier, link, valid until (ISO 8601, UTC)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for link in links:
        writer.writerow([inert(link.name), inert(link.learner), link.url,
                         link.expires_at.isoformat(timespec="minutes")])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
