"""The canonical activity log: its columns (French names, English accepted) and the checks that
turn one row into an ``ActivityRecord`` or a ``FieldError``.

This is the hot path of ``apprenance ingest``: one ``RowChecker.check`` call per row, with every
value that repeats (dates, durations, participants, types, ...) parsed once and looked up in a
bounded cache afterwards. CSV rows, JSON Lines objects and xAPI statements all end here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from hashlib import sha256
from typing import Any

from apprenance.contracts.records import LINE_FIELD, ActivityRecord
from apprenance.domain.catalog import FUNCTIONS, ActivityType
from apprenance.domain.roles import fold, parse_role
from apprenance.domain.suggest import Suggester
from apprenance.errors import FieldError
from apprenance.importers.values import (
    MAX_LENGTH,
    parse_handle,
    parse_hours,
    parse_url,
    parse_when,
    unprintable,
)

COLUMNS: tuple[str, ...] = (
    "date", "participant", "nom", "role", "territoire", "projet", "fonction", "activite",
    "description", "duree", "temoin", "preuve", "id",
)
REQUIRED: tuple[str, ...] = ("date", "participant", "activite", "duree")
DATE, PART, NAME, ROLE, TERR, PROJ, FUNC, ACT, DESC, DUR, WIT, URL, ID = range(len(COLUMNS))

# Header names as people write them (folded: lower case, no accents) -> canonical column.
HEADER_NAMES: dict[str, str] = {
    **{c: c for c in COLUMNS},
    "name": "nom", "territory": "territoire", "project": "projet", "function": "fonction",
    "activity": "activite", "activity-type": "activite", "type": "activite",
    "duration": "duree", "hours": "duree", "heures": "duree", "witness": "temoin",
    "evidence": "preuve", "url": "preuve", "vital-function": "fonction",
    "fonction-vitale": "fonction", "type-d-activite": "activite",
}
MAX_EXTRA_COLUMNS = 50
_CACHE_LIMIT = 100_000
_IDENTITY = tuple(range(len(COLUMNS)))


def column_of(header: str) -> str | None:
    """The canonical column for a header cell (``Durée``, ``duration``, ...), else None."""
    key = fold(header.strip()).replace("_", "-").replace(" ", "-").replace("'", "-")
    return HEADER_NAMES.get(key)


@dataclass(frozen=True)
class Lookups:
    """What the checks compare values with: the catalog's activity types and the territories
    and projects in the store."""

    activity_types: Mapping[str, ActivityType]
    territories: frozenset[str]
    projects: Mapping[str, str | None]  # project id -> its territory
    suggester: Suggester

    @classmethod
    def build(
        cls, activity_types: Mapping[str, ActivityType], territories: frozenset[str],
        projects: Mapping[str, str | None],
    ) -> Lookups:
        return cls(activity_types, territories, projects, Suggester(activity_types))


class RowChecker:
    """Checks rows whose values are given in ``COLUMNS`` order (or through ``index``).

    Each cache maps the text as written to its parsed value (always truthy); values that fail
    are not cached, so only bad rows pay for parsing again."""

    def __init__(self, lookups: Lookups, source_file: str) -> None:
        self.lookups = lookups
        self.source_file = source_file
        self._types = _type_names(lookups.activity_types)
        self._functions = {fold(f): f for f in FUNCTIONS}
        self._caches: tuple[dict[str, Any], ...] = tuple({} for _ in range(7))
        self._gets = tuple(cache.get for cache in self._caches)
        self._suggestions: dict[str, str | None] = {}

    def _fill(self, which: int, raw: str, parse: Callable[[str], Any]) -> Any:
        value = parse(raw)
        cache = self._caches[which]
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[raw] = value
        return value

    def check(
        self, row: list[str], line: int, index: tuple[int, ...] = _IDENTITY,
        extra: dict[str, Any] | None = None, source_ref: str | None = None,
        witness: tuple[str | None, str | None, str] | None = None,
    ) -> ActivityRecord:
        """The record for ``row`` (values at ``index``), or ``FieldError``.

        ``witness`` (role, who, key), when given, replaces the ``temoin`` column (xAPI)."""
        i_date, i_part, i_name, i_role, i_terr, i_proj, i_func, i_act, i_desc, i_dur, i_wit, \
            i_url, i_id = index
        g_part, g_date, g_who, g_place, g_kind, g_dur, g_wit = self._gets
        fill = self._fill
        raw = row[i_part]
        part = g_part(raw) or fill(0, raw, _participant)
        raw = row[i_date]
        when = g_date(raw) or fill(1, raw, _when)
        raw = row[i_name] + "\x1f" + row[i_role]
        who = g_who(raw) or fill(2, raw, _who)
        raw = row[i_terr] + "\x1f" + row[i_proj]
        place = g_place(raw) or fill(3, raw, self._place)
        raw = row[i_act] + "\x1f" + row[i_func]
        kind = g_kind(raw) or fill(4, raw, self._kind)
        raw = row[i_dur]
        dur = g_dur(raw) or fill(5, raw, _duration)
        if witness is None:
            raw = row[i_wit]
            wit = g_wit(raw) or fill(6, raw, _witness)
        else:
            wit = witness
        if wit[1] is not None and wit[1] == part:
            raise FieldError("temoin", "witness.self", value=part)
        raw = row[i_url]
        url = _url(raw) if raw else None
        desc = row[i_desc].strip()
        if len(desc) > 10_000:
            raise FieldError("description", "too_long", limit=MAX_LENGTH["description"])
        text = "\x1f".join((part, when[2], place[2], kind[3], dur[1], desc, wit[2], url or "",
                            _extra_text(extra) if extra else ""))
        if "\x00" in text:
            raise FieldError("description" if "\x00" in desc else "(extra)", "control")
        try:
            content_hash = sha256(text.encode()).hexdigest()
        except UnicodeEncodeError:
            raise FieldError(LINE_FIELD, "encoding.row") from None
        rid = row[i_id]
        if rid:
            rid = rid.strip()
            if len(rid) > 200:
                raise FieldError("id", "too_long", limit=MAX_LENGTH["id"])
            if not rid.isprintable():
                raise FieldError("id", unprintable(rid))
        return {
            "id": rid or content_hash,
            "content_hash": content_hash,
            "participant": part,
            "learner_name": who[0],
            "learner_role": who[1],
            "occurred_at": when[0],
            "occurred_on": when[1],
            "territory_id": place[0],
            "project_id": place[1],
            "function": kind[1],
            "activity_type": kind[0],
            "suggested_type": None if kind[2] else self._suggest(kind[0], desc),
            "duration_hours": dur[0],
            "description": desc or None,
            "evidence_url": url,
            "extra": extra or None,
            "witness": wit[1],
            "witness_role": wit[0],
            "source_file": self.source_file,
            "source_line": line,
            "source_ref": source_ref,
            "voided": False,
            "assigned_type": None,
        }

    def _place(self, key: str) -> tuple[str | None, str | None, str]:
        raw_territory, _, raw_project = key.partition("\x1f")
        territory = raw_territory.strip() or None
        project = raw_project.strip() or None
        known = self.lookups
        if territory is not None:
            if len(territory) > MAX_LENGTH["territoire"]:
                raise FieldError("territoire", "too_long", limit=MAX_LENGTH["territoire"])
            if territory not in known.territories:
                raise FieldError("territoire", "territory.unknown", value=territory)
        if project is not None:
            if len(project) > MAX_LENGTH["projet"]:
                raise FieldError("projet", "too_long", limit=MAX_LENGTH["projet"])
            if project not in known.projects:
                raise FieldError(
                    "projet", "project.unknown", value=project, territory=territory or "-"
                )
            owner = known.projects[project]
            if territory is None:
                territory = owner
            elif owner is not None and owner != territory:
                raise FieldError(
                    "projet", "project.elsewhere", value=project, territory=territory,
                    owner=owner,
                )
        return territory, project, f"{territory or ''}\x1f{project or ''}"

    def _kind(self, key: str) -> tuple[str, str | None, bool, str]:
        raw_activity, _, raw_function = key.partition("\x1f")
        activity = raw_activity.strip()
        if not activity:
            raise FieldError("activite", "activity.missing")
        if len(activity) > MAX_LENGTH["activite"]:
            raise FieldError("activite", "too_long", limit=MAX_LENGTH["activite"])
        if not activity.isprintable():
            raise FieldError("activite", unprintable(activity))
        type_id = self._types.get(fold(activity), activity)
        kind = self.lookups.activity_types.get(type_id)
        function: str | None = None
        if raw_function.strip():
            function = self._functions.get(fold(raw_function.strip()).replace(" ", "-"))
            if function is None:
                raise FieldError(
                    "fonction", "function.unknown", value=raw_function.strip()[:50],
                    known=", ".join(FUNCTIONS),
                )
        elif kind is not None and kind.functions:
            function = kind.functions[0]
        return type_id, function, kind is not None, f"{function or ''}\x1f{type_id}"

    def _suggest(self, activity: str, description: str) -> str | None:
        key = f"{activity}\x1f{description}"
        if key not in self._suggestions:
            if len(self._suggestions) >= 10_000:
                self._suggestions.clear()
            self._suggestions[key] = self.lookups.suggester.suggest(activity, description)
        return self._suggestions[key]


def _type_names(kinds: Mapping[str, ActivityType]) -> dict[str, str]:
    """Folded ids and labels of the activity types -> their id (``Atelier cuisine`` works)."""
    names: dict[str, str] = {}
    for type_id, kind in kinds.items():
        for label in kind.label.values():
            names.setdefault(fold(label).strip(), type_id)
            names.setdefault(fold(label).strip().replace(" ", "-"), type_id)
    for type_id in kinds:
        names[fold(type_id)] = type_id
    return names


def _when(raw: str) -> tuple[Any, Any, str]:
    moment, day = parse_when(raw)
    return moment, day, f"{day.isoformat()}\x1f{moment.isoformat()}"


def _participant(raw: str) -> str:
    return parse_handle(raw, "participant")


def _who(key: str) -> tuple[str | None, str | None]:
    """(name, role) of the learner, from ``name\x1frole``."""
    raw_name, _, raw_role = key.partition("\x1f")
    name = raw_name.strip()
    if len(name) > MAX_LENGTH["nom"]:
        raise FieldError("nom", "too_long", limit=MAX_LENGTH["nom"])
    if not name.isprintable():
        raise FieldError("nom", unprintable(name))
    value = raw_role.strip()
    role: str | None = None
    if value:
        role = parse_role(value) if len(value) <= MAX_LENGTH["role"] else None
        if role is None:
            raise FieldError("role", "role.unknown", value=value[:40])
    return name or None, role


def _duration(raw: str) -> tuple[float, str]:
    hours = parse_hours(raw)
    return hours, repr(hours)


def _witness(raw: str) -> tuple[str | None, str | None, str]:
    value = raw.strip()
    if not value:
        return None, None, ""
    if len(value) > MAX_LENGTH["temoin"]:
        raise FieldError("temoin", "too_long", limit=MAX_LENGTH["temoin"])
    role: str | None = None
    prefix, sep, rest = value.partition(":")
    if sep:
        role = parse_role(prefix)
        if role is None:
            raise FieldError("temoin", "witness.role", value=prefix[:40])
        value = rest
    who = parse_handle(value, "temoin")
    return role, who, f"{role or ''}:{who}"


def _url(raw: str) -> str | None:
    return parse_url(raw) if raw.strip() else None  # not cached: evidence URLs rarely repeat


def _extra_text(extra: Mapping[str, Any]) -> str:
    return "\x1e".join(f"{k}={extra[k]}" for k in sorted(extra))
