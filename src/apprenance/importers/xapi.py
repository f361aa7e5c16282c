"""Reading xAPI 1.0.3 and 2.0 (IEEE 9274.1.1) statements: a JSON array, one statement per line,
or an LRS ``StatementResult`` page. Statements are validated as the specification requires, then
mapped to the canonical fields through the apprenance profile (docs/xapi.md) and checked like a
CSV row. Voiding statements become ``Void``s.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from apprenance.contracts.records import FILE_FIELD, ActivityRecord, Batch, Problem, Void
from apprenance.domain.roles import parse_role
from apprenance.errors import FieldError, JsonSyntaxError
from apprenance.importers.canonical import COLUMNS, Lookups, RowChecker
from apprenance.importers.encoding import TextSource, open_text
from apprenance.importers.json_stream import iter_values
from apprenance.importers.jsonl_log import iter_lines
from apprenance.importers.values import is_absolute_iri, parse_handle, parse_hours
from apprenance.importers.xapi_rules import AGENT_IFIS, VOIDED, check_agent, check_statement

PROFILE = "https://w3id.org/apprenance/xapi/"
ADL = "http://adlnet.gov/expapi/verbs/"
VERBS: frozenset[str] = frozenset({
    ADL + "attended", ADL + "completed", ADL + "experienced",
    PROFILE + "verbs/facilitated", PROFILE + "verbs/contributed",
})
TYPE_PREFIX = PROFILE + "activity-types/"
PROJECT_PREFIX = PROFILE + "projects/"
TERRITORY_PREFIX = PROFILE + "territories/"
EXT_FUNCTION = PROFILE + "ext/function"
EXT_ROLE = PROFILE + "ext/role"
EXT_WITNESS_ROLE = PROFILE + "ext/witness-role"
EXT_EVIDENCE = PROFILE + "ext/evidence"

# Where a canonical field comes from in a statement, to name it in a rejection.
FIELD_PATHS = {
    "date": "timestamp", "participant": "actor", "nom": "actor.name",
    "role": "context.extensions.role", "territoire": "context.contextActivities",
    "projet": "context.contextActivities", "fonction": "context.extensions.function",
    "activite": "object.definition.type", "description": "object.definition.description",
    "duree": "result.duration", "temoin": "context.instructor",
    "preuve": "result.extensions.evidence", "id": "id",
}


def read_xapi(
    path: Path, label: str, source: str, lookups: Lookups, batch_size: int = 2000
) -> Iterator[Batch]:
    """Batches of records, voids and problems for the xAPI file ``path``."""
    src = open_text(path)
    checker = RowChecker(lookups, source)
    batch = Batch()
    with src:
        try:
            for line, value, raw in _statements(src):
                _one(checker, batch, label, line, value, raw)
                if len(batch) >= batch_size:
                    batch.position = src.position
                    yield batch
                    batch = Batch()
        except JsonSyntaxError as exc:
            batch.problems.append(Problem(
                label, exc.line, FILE_FIELD, "json.broken",
                {"error": exc.message, "line": exc.line, "column": exc.column}, exc.snippet))
        except UnicodeDecodeError:
            batch.problems.append(Problem(label, None, FILE_FIELD, "file.decode", {},
                                          f"<{label}: undecodable>"))
        batch.position = src.position
        yield batch


def _statements(src: TextSource) -> Iterator[tuple[int, Any, str]]:
    """(line, statement or syntax error, raw text) in file order; one statement per line is
    read line by line, so that one broken line does not stop the rest."""
    first = src.text.readline()
    rest_is_lines = False
    if first.lstrip().startswith("{"):
        try:
            value = json.loads(first)
            rest_is_lines = isinstance(value, dict) and "statements" not in value
        except RecursionError:  # a whole statement on the line, nested too deeply
            rest_is_lines = True
        except ValueError:  # the reader below says what is wrong, and where
            rest_is_lines = False
    src.text.seek(0)
    if rest_is_lines:
        yield from iter_lines(src.text)
        return
    for line, value in iter_values(src.text):
        yield line, value, ""


def _one(checker: RowChecker, batch: Batch, label: str, line: int, value: Any, raw: str) -> None:
    sid = value.get("id") if isinstance(value, dict) else None
    sid = sid if isinstance(sid, str) else None
    if isinstance(value, JsonSyntaxError):
        batch.problems.append(Problem(label, line, "(statement)", "json.invalid",
                                      {"error": value.message, "column": value.column}, raw))
        return
    raw = raw or json.dumps(value, ensure_ascii=False)
    try:
        found = statement(checker, value, line)
    except FieldError as error:
        batch.problems.append(Problem.of(error, label, line, raw, sid))
        return
    if isinstance(found, str):
        batch.voids.append(Void(str(sid), found, label, line, raw))
    else:
        batch.records.append(found)


def statement(checker: RowChecker, stmt: Any, line: int) -> ActivityRecord | str:
    """The record for a statement, or the id of the statement it voids; ``FieldError`` when the
    statement is not valid xAPI or not usable by apprenance."""
    check_statement(stmt)
    sid = stmt.get("id")
    participant, name = agent(stmt.get("actor"), "actor")
    verb = _dict(stmt.get("verb"), "verb")
    verb_id = verb.get("id")
    if not is_absolute_iri(verb_id):
        raise FieldError("verb.id", "xapi.iri", value=str(verb_id)[:200])
    obj = _dict(stmt.get("object"), "object")
    if verb_id == VOIDED:
        return _voided(obj)
    if verb_id not in VERBS:
        raise FieldError("verb.id", "xapi.verb", value=str(verb_id)[:200])
    kind = obj.get("objectType", "Activity")
    if kind != "Activity":
        raise FieldError("object.objectType", "xapi.object_type", value=str(kind)[:40])
    if not is_absolute_iri(obj.get("id")):
        raise FieldError("object.id", "xapi.iri", value=str(obj.get("id"))[:200])
    definition = _dict(obj.get("definition", {}), "object.definition")
    context = _dict(stmt.get("context", {}), "context")
    result = _dict(stmt.get("result", {}), "result")
    ext = _extensions(context.get("extensions", {}), "context.extensions")
    result_ext = _extensions(result.get("extensions", {}), "result.extensions")
    territory, project = _places(context.get("contextActivities", {}))
    when = stmt.get("timestamp", stmt.get("stored"))
    if not isinstance(when, str) or "T" not in when.upper():
        raise FieldError("timestamp", "xapi.timestamp", value=str(when)[:40])
    duration = result.get("duration")
    if duration is None:
        raise FieldError("result.duration", "xapi.no_duration")
    if not isinstance(duration, str):
        raise FieldError("result.duration", "duration.iso", value=str(duration)[:40])
    parse_hours(duration, "result.duration", iso_only=True)
    row = [""] * (len(COLUMNS) + 1)
    row[0:13] = [
        when, participant, name, _text(ext.get(EXT_ROLE)), territory, project,
        _text(ext.get(EXT_FUNCTION)), _activity(definition), _lang(definition, context),
        duration, "", _text(result_ext.get(EXT_EVIDENCE)), sid or "",
    ]
    extra = {"verb": verb_id, "object": obj["id"]}
    try:
        return checker.check(row, line, extra=extra, source_ref=sid,
                             witness=_witness(context, ext))
    except FieldError as error:
        raise FieldError(FIELD_PATHS.get(error.field, error.field), error.key,
                         **error.values) from None


def agent(value: Any, where: str) -> tuple[str, str]:
    """(participant, name) of an Agent; exactly one inverse functional identifier."""
    actor = _dict(value, where)
    if actor.get("objectType", "Agent") == "Group":
        raise FieldError(where, "xapi.group")
    check_agent(actor, where)
    ifi = next(k for k in AGENT_IFIS if k in actor)
    id_value, name = actor[ifi], actor.get("name")
    name = name if isinstance(name, str) else ""
    if ifi == "mbox":
        return parse_handle(str(id_value)[7:], f"{where}.mbox"), name
    if ifi == "mbox_sha1sum":
        return "sha1:" + str(id_value).lower(), name
    if ifi == "openid":
        return parse_handle(str(id_value), f"{where}.openid"), name
    home, account_name = id_value["homePage"], id_value["name"]
    host = urlsplit(str(home)).netloc or str(home)
    return parse_handle(f"{account_name}@{host}", f"{where}.account.name"), name


def _voided(obj: dict[str, Any]) -> str:
    return str(obj["id"])  # check_statement made sure it is a StatementRef with a UUID


def _witness(
    context: Mapping[str, Any], ext: Mapping[str, Any]
) -> tuple[str | None, str | None, str]:
    instructor = context.get("instructor")
    raw_role = _text(ext.get(EXT_WITNESS_ROLE)).strip()
    role = parse_role(raw_role) if raw_role else None
    if raw_role and role is None:
        raise FieldError("context.extensions.witness-role", "witness.role", value=raw_role[:40])
    if instructor is None:
        return None, None, ""
    who, _ = agent(instructor, "context.instructor")
    return role, who, f"{role or ''}:{who}"


def _places(value: Any) -> tuple[str, str]:
    activities = _dict(value, "context.contextActivities")
    territory = project = ""
    for kind, items in activities.items():
        listed = items if isinstance(items, list) else [items]
        for item in listed:
            entry = _dict(item, f"context.contextActivities.{kind}")
            iri = entry.get("id")
            if not is_absolute_iri(iri):
                raise FieldError(f"context.contextActivities.{kind}", "xapi.iri",
                                 value=str(iri)[:200])
            if str(iri).startswith(TERRITORY_PREFIX):
                territory = str(iri)[len(TERRITORY_PREFIX):]
            elif str(iri).startswith(PROJECT_PREFIX):
                project = str(iri)[len(PROJECT_PREFIX):]
    return territory, project


def _activity(definition: Mapping[str, Any]) -> str:
    kind = definition.get("type")
    if kind is not None:
        if not is_absolute_iri(kind):
            raise FieldError("object.definition.type", "xapi.iri", value=str(kind)[:200])
        kind = str(kind)
        return kind[len(TYPE_PREFIX):] if kind.startswith(TYPE_PREFIX) else kind
    names = definition.get("name")
    if isinstance(names, dict) and names:
        return _text(next(iter(names.values())))
    raise FieldError("object.definition.type", "xapi.no_type")


def _lang(definition: Mapping[str, Any], context: Mapping[str, Any]) -> str:
    texts = definition.get("description") or definition.get("name") or {}
    if not isinstance(texts, dict) or not texts:
        return ""
    wanted = context.get("language")
    for key in (wanted, "fr-FR", "fr", "en-US", "en-GB", "en"):
        if key in texts:
            return _text(texts[key])
    return _text(next(iter(texts.values())))


def _extensions(value: Any, where: str) -> dict[str, Any]:
    ext = _dict(value, where)
    for key in ext:
        if not is_absolute_iri(key):
            raise FieldError(where, "xapi.iri", value=str(key)[:200])
    return ext


def _dict(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        raise FieldError(where, "xapi.missing")
    if not isinstance(value, dict):
        raise FieldError(where, "xapi.not_object", kind=type(value).__name__)
    return value


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else json.dumps(value)
