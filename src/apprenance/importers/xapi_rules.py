"""What xAPI 1.0.3 and 2.0 (IEEE 9274.1.1) require an LRS to refuse, checked on a whole
statement before apprenance reads it (docs/xapi.md, "Validation"): properties the specification
does not define, agents without exactly one inverse functional identifier, IRIs, UUIDs,
language maps, timestamps, durations, scores, attachments, voiding, authority. The rules follow
the ADL LRS conformance requirements (XAPI-00021 to XAPI-00107). ``FieldError`` names the JSON
path of the first property refused. What the apprenance profile then refuses (a Group as actor,
an object that is not an Activity, an unknown verb) is checked by ``importers.xapi``.
"""

from __future__ import annotations

import re
from typing import Any

from apprenance.errors import FieldError, InputError
from apprenance.i18n import t
from apprenance.importers.values import is_absolute_iri, is_uuid

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
STATEMENT_KEYS = frozenset({"id", "actor", "verb", "object", "result", "context", "timestamp",
                            "stored", "authority", "version", "attachments", "objectType"})
SUB_STATEMENT_KEYS = frozenset({"objectType", "actor", "verb", "object", "result", "context",
                                "timestamp", "attachments"})
AGENT_IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
AGENT_KEYS = frozenset({"objectType", "name", *AGENT_IFIS})
GROUP_KEYS = AGENT_KEYS | {"member"}
VERB_KEYS = frozenset({"id", "display"})
ACTIVITY_KEYS = frozenset({"objectType", "id", "definition"})
DEFINITION_KEYS = frozenset({"name", "description", "type", "moreInfo", "extensions",
                             "interactionType", "correctResponsesPattern", "choices", "scale",
                             "source", "target", "steps"})
COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")
INTERACTION_TYPES = frozenset({"true-false", "choice", "fill-in", "long-fill-in", "matching",
                               "performance", "sequencing", "likert", "numeric", "other"})
RESULT_KEYS = frozenset({"score", "success", "completion", "response", "duration",
                         "extensions"})
SCORE_KEYS = frozenset({"scaled", "raw", "min", "max"})
CONTEXT_KEYS = frozenset({"registration", "instructor", "team", "contextActivities",
                          "revision", "platform", "language", "statement", "extensions"})
CONTEXT_ACTIVITY_KEYS = frozenset({"parent", "grouping", "category", "other"})
ATTACHMENT_KEYS = frozenset({"usageType", "display", "description", "contentType", "length",
                             "sha2", "fileUrl"})
OBJECT_TYPES = frozenset({"Activity", "Agent", "Group", "SubStatement", "StatementRef"})

VERSION = re.compile(r"(1\.0|2\.0)(\.\d+)?")
SHA1 = re.compile(r"[0-9a-fA-F]{40}")
_SHA2 = re.compile(r"[0-9a-fA-F]{56}|[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128}")
_MIME = re.compile(r"[A-Za-z0-9][\w!#$&^.+-]*/[A-Za-z0-9][\w!#$&^.+-]*(\s*;.*)?", re.ASCII)
# RFC 5646 language tags: language(-extlang)(-script)(-region)(-variant)*(-extension)*(-x-...),
# or a private use tag alone.
_LANG = re.compile(
    r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z\d]{2,8})+)*(?:-[xX](?:-[A-Za-z\d]{1,8})+)?"
    r"|[xX](?:-[A-Za-z\d]{1,8})+", re.ASCII)
# ISO 8601 date-time, extended (2026-06-01T09:30:00.5+02:00) or basic (20260601T093000Z).
_TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt]\d{2}(?::\d{2}(?::\d{2}(?:[.,]\d+)?)?)?"
    r"(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?"
    r"|\d{8}[Tt]\d{2}(?:\d{2}(?:\d{2}(?:[.,]\d+)?)?)?(?:[Zz]|[+-]\d{2}(?:\d{2})?)?", re.ASCII)
# ISO 8601 duration, with years and months (the specification allows them) and a sign
# (ISO 8601-2; a negative one is then refused by the profile: "above zero").
_DURATION = re.compile(
    r"[+-]?P(?!$)(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?W)?(?:\d+(?:[.,]\d+)?D)?"
    r"(?:T(?=\d)(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?", re.ASCII)


def check_statement(stmt: Any) -> None:
    """``FieldError`` for the first rule of the specification the statement breaks."""
    _object_of(stmt, "(statement)")
    _keys(stmt, STATEMENT_KEYS, "")
    if stmt.get("objectType", "Statement") != "Statement":
        raise FieldError("objectType", "xapi.type_expected", expected="Statement",
                         value=_short(stmt["objectType"]))
    _no_nulls(stmt, "")
    if "id" in stmt:
        _uuid(stmt["id"], "id")
    if "version" in stmt and not (isinstance(stmt["version"], str)
                                  and VERSION.fullmatch(stmt["version"])):
        raise FieldError("version", "xapi.version", value=_short(stmt["version"]))
    for key in ("timestamp", "stored"):
        if key in stmt:
            _timestamp(stmt[key], key)
    if "authority" in stmt:
        _authority(stmt["authority"])
    if "attachments" in stmt:
        _attachments(stmt["attachments"], "attachments")
    _core(stmt, "")


def require_valid(stmt: Any, index: int, lang: str = "en") -> None:
    """``InputError`` (HTTP 400) naming the statement's index in the request and the property
    refused, for a statement an LRS must refuse (the whole request is then refused)."""
    try:
        check_statement(stmt)
    except FieldError as error:
        reason = t(f"ingest.{error.key}", lang, **error.values)
        raise InputError(
            t("ingest.xapi.refused", lang, index=index, field=error.field, reason=reason),
            details={"statement": index, "field": error.field, "reason": error.key},
        ) from None


def _core(stmt: dict[str, Any], at: str) -> None:
    """What statements and sub-statements share: actor, verb, object, result, context."""
    check_actor(_required(stmt, "actor", at), f"{at}actor")
    verb = _object_of(_required(stmt, "verb", at), f"{at}verb")
    _keys(verb, VERB_KEYS, f"{at}verb.")
    _iri(verb.get("id"), f"{at}verb.id")
    if "display" in verb:
        _language_map(verb["display"], f"{at}verb.display")
    obj = _object_of(_required(stmt, "object", at), f"{at}object")
    kind = _object(obj, f"{at}object", sub=bool(at))
    if verb["id"] == VOIDED and kind != "StatementRef":
        raise FieldError(f"{at}object.objectType", "xapi.void_ref")
    if "result" in stmt:
        _result(_object_of(stmt["result"], f"{at}result"), f"{at}result.")
    if "context" in stmt:
        _context(_object_of(stmt["context"], f"{at}context"), f"{at}context.", kind)


def check_actor(value: Any, where: str) -> None:
    """An Agent, or a Group (anonymous with members, or identified by one identifier)."""
    actor = _object_of(value, where)
    kind = actor.get("objectType", "Agent")
    if kind == "Group":
        _group(actor, where)
    elif kind == "Agent":
        check_agent(actor, where)
    else:
        raise FieldError(f"{where}.objectType", "xapi.agent_type", value=_short(kind))


def check_agent(value: Any, where: str) -> None:
    """An Agent: its properties, a name that is text, exactly one valid identifier."""
    agent = _object_of(value, where)
    _keys(agent, AGENT_KEYS, f"{where}.")
    if agent.get("objectType", "Agent") != "Agent":
        raise FieldError(f"{where}.objectType", "xapi.agent_type",
                         value=_short(agent["objectType"]))
    ifis = [k for k in AGENT_IFIS if k in agent]
    if len(ifis) != 1:
        raise FieldError(where, "xapi.ifi", count=len(ifis), names=", ".join(ifis) or "-")
    _identity(agent, where)


def _group(group: dict[str, Any], where: str) -> None:
    _keys(group, GROUP_KEYS, f"{where}.")
    ifis = [k for k in AGENT_IFIS if k in group]
    if len(ifis) > 1:
        raise FieldError(where, "xapi.ifi", count=len(ifis), names=", ".join(ifis))
    members = group.get("member", [])
    if not isinstance(members, list) or (not ifis and not members):
        raise FieldError(f"{where}.member", "xapi.members")
    for n, member in enumerate(members):
        check_agent(member, f"{where}.member[{n}]")
    if ifis:
        _identity(group, where)


def _identity(agent: dict[str, Any], where: str) -> None:
    if "name" in agent and not isinstance(agent["name"], str):
        raise FieldError(f"{where}.name", "xapi.text")
    if "mbox" in agent:
        mbox = agent["mbox"]
        if not (isinstance(mbox, str) and mbox.lower().startswith("mailto:")
                and "@" in mbox and is_absolute_iri(mbox)):
            raise FieldError(f"{where}.mbox", "xapi.mbox", value=_short(mbox))
    elif "mbox_sha1sum" in agent:
        digest = agent["mbox_sha1sum"]
        if not (isinstance(digest, str) and SHA1.fullmatch(digest)):
            raise FieldError(f"{where}.mbox_sha1sum", "xapi.sha1", value=_short(digest))
    elif "openid" in agent:
        _iri(agent["openid"], f"{where}.openid")
    else:
        account = _object_of(agent["account"], f"{where}.account")
        _keys(account, frozenset({"homePage", "name"}), f"{where}.account.")
        _iri(account.get("homePage"), f"{where}.account.homePage")
        name = account.get("name")
        if not isinstance(name, str) or not name:
            raise FieldError(f"{where}.account.name", "xapi.account_name")


def _authority(value: Any) -> None:
    """An Agent, or a Group of exactly two Agents (an OAuth consumer and a user)."""
    authority = _object_of(value, "authority")
    if authority.get("objectType") == "Group":
        _keys(authority, frozenset({"objectType", "member"}), "authority.")
        members = authority.get("member")
        if not isinstance(members, list) or len(members) != 2:
            raise FieldError("authority.member", "xapi.authority_group")
        for n, member in enumerate(members):
            check_agent(member, f"authority.member[{n}]")
    else:
        check_agent(authority, "authority")


def _object(obj: dict[str, Any], where: str, *, sub: bool) -> str:
    kind = obj.get("objectType", "Activity")
    if not isinstance(kind, str) or kind not in OBJECT_TYPES:
        raise FieldError(f"{where}.objectType", "xapi.object_kind", value=_short(kind))
    if kind == "Activity":
        _activity(obj, where)
    elif kind == "StatementRef":
        _statement_ref(obj, where)
    elif kind == "SubStatement":
        if sub:
            raise FieldError(f"{where}.objectType", "xapi.nested_sub")
        _keys(obj, SUB_STATEMENT_KEYS, f"{where}.")
        if "timestamp" in obj:
            _timestamp(obj["timestamp"], f"{where}.timestamp")
        if "attachments" in obj:
            _attachments(obj["attachments"], f"{where}.attachments")
        _core(obj, f"{where}.")
    else:
        check_actor(obj, where)
    return str(kind)


def _activity(activity: Any, where: str) -> None:
    activity = _object_of(activity, where)
    _keys(activity, ACTIVITY_KEYS, f"{where}.")
    if activity.get("objectType", "Activity") != "Activity":
        raise FieldError(f"{where}.objectType", "xapi.type_expected", expected="Activity",
                         value=_short(activity["objectType"]))
    _iri(activity.get("id"), f"{where}.id")
    if "definition" not in activity:
        return
    definition = _object_of(activity["definition"], f"{where}.definition")
    at = f"{where}.definition."
    _keys(definition, DEFINITION_KEYS, at)
    for key in ("name", "description"):
        if key in definition:
            _language_map(definition[key], at + key)
    for key in ("type", "moreInfo"):
        if key in definition:
            _iri(definition[key], at + key)
    if "extensions" in definition:
        _extensions(definition["extensions"], at + "extensions")
    kind = definition.get("interactionType")
    if kind is not None and (not isinstance(kind, str) or kind not in INTERACTION_TYPES):
        raise FieldError(at + "interactionType", "xapi.interaction", value=_short(kind))
    if "correctResponsesPattern" in definition:
        pattern = definition["correctResponsesPattern"]
        if kind is None:
            raise FieldError(at + "interactionType", "xapi.missing")
        if not isinstance(pattern, list) or not all(isinstance(p, str) for p in pattern):
            raise FieldError(at + "correctResponsesPattern", "xapi.strings")
    for key in COMPONENT_LISTS:
        if key in definition:
            _components(definition[key], at + key)


def _components(value: Any, where: str) -> None:
    if not isinstance(value, list):
        raise FieldError(where, "xapi.not_list", kind=type(value).__name__)
    seen: set[str] = set()
    for n, item in enumerate(value):
        component = _object_of(item, f"{where}[{n}]")
        _keys(component, frozenset({"id", "description"}), f"{where}[{n}].")
        ident = component.get("id")
        if not isinstance(ident, str) or not ident or ident in seen:
            raise FieldError(f"{where}[{n}].id", "xapi.component_id", value=_short(ident))
        seen.add(ident)
        if "description" in component:
            _language_map(component["description"], f"{where}[{n}].description")


def _statement_ref(ref: Any, where: str) -> None:
    ref = _object_of(ref, where)
    _keys(ref, frozenset({"objectType", "id"}), f"{where}.")
    if ref.get("objectType") != "StatementRef":
        raise FieldError(f"{where}.objectType", "xapi.type_expected", expected="StatementRef",
                         value=_short(ref.get("objectType")))
    _uuid(ref.get("id"), f"{where}.id")


def _result(result: dict[str, Any], at: str) -> None:
    _keys(result, RESULT_KEYS, at)
    for key in ("success", "completion"):
        if key in result and not isinstance(result[key], bool):
            raise FieldError(at + key, "xapi.boolean")
    if "response" in result and not isinstance(result["response"], str):
        raise FieldError(at + "response", "xapi.text")
    duration = result.get("duration")
    if duration is not None and not (isinstance(duration, str)
                                     and _DURATION.fullmatch(duration.upper())):
        raise FieldError(at + "duration", "duration.iso", value=_short(duration))
    if "extensions" in result:
        _extensions(result["extensions"], at + "extensions")
    if "score" in result:
        _score(_object_of(result["score"], at + "score"), at + "score.")


def _score(score: dict[str, Any], at: str) -> None:
    _keys(score, SCORE_KEYS, at)
    for key, item in score.items():
        if isinstance(item, bool) or not isinstance(item, int | float):
            raise FieldError(at + key, "xapi.number", value=_short(item))
    low, high, raw = score.get("min"), score.get("max"), score.get("raw")
    if "scaled" in score and not -1 <= score["scaled"] <= 1:
        raise FieldError(at + "scaled", "xapi.scaled", value=_short(score["scaled"]))
    if low is not None and high is not None and low > high:
        raise FieldError(at + "max", "xapi.score_range", low=low, high=high)
    if raw is not None and ((low is not None and raw < low)
                            or (high is not None and raw > high)):
        raise FieldError(at + "raw", "xapi.score_raw", value=raw)


def _context(context: dict[str, Any], at: str, object_kind: str) -> None:
    _keys(context, CONTEXT_KEYS, at)
    if "registration" in context:
        _uuid(context["registration"], at + "registration")
    if "instructor" in context:
        check_actor(context["instructor"], at + "instructor")
    if "team" in context:
        team = _object_of(context["team"], at + "team")
        if team.get("objectType") != "Group":
            raise FieldError(at + "team.objectType", "xapi.type_expected", expected="Group",
                             value=_short(team.get("objectType")))
        _group(team, at + "team")
    for key in ("revision", "platform"):
        if key in context:
            if not isinstance(context[key], str):
                raise FieldError(at + key, "xapi.text")
            if object_kind != "Activity":
                raise FieldError(at + key, "xapi.activity_only")
    if "language" in context and not (isinstance(context["language"], str)
                                      and _LANG.fullmatch(context["language"])):
        raise FieldError(at + "language", "xapi.language", value=_short(context["language"]))
    if "statement" in context:
        _statement_ref(context["statement"], at + "statement")
    if "extensions" in context:
        _extensions(context["extensions"], at + "extensions")
    if "contextActivities" in context:
        where = at + "contextActivities"
        activities = _object_of(context["contextActivities"], where)
        if not activities:
            raise FieldError(where, "xapi.empty")
        _keys(activities, CONTEXT_ACTIVITY_KEYS, where + ".")
        for kind, items in activities.items():
            listed = items if isinstance(items, list) else [items]
            for n, item in enumerate(listed):
                _activity(item, f"{where}.{kind}[{n}]")


def _attachments(value: Any, where: str) -> None:
    if not isinstance(value, list):
        raise FieldError(where, "xapi.not_list", kind=type(value).__name__)
    for n, item in enumerate(value):
        at = f"{where}[{n}]."
        attachment = _object_of(item, f"{where}[{n}]")
        _keys(attachment, ATTACHMENT_KEYS, at)
        _iri(attachment.get("usageType"), at + "usageType")
        _language_map(_required(attachment, "display", at), at + "display")
        if "description" in attachment:
            _language_map(attachment["description"], at + "description")
        content_type = _required(attachment, "contentType", at)
        if not (isinstance(content_type, str) and _MIME.fullmatch(content_type)):
            raise FieldError(at + "contentType", "xapi.mime", value=_short(content_type))
        length = _required(attachment, "length", at)
        if isinstance(length, bool) or not isinstance(length, int) or length < 0:
            raise FieldError(at + "length", "xapi.length", value=_short(length))
        sha2 = _required(attachment, "sha2", at)
        if not (isinstance(sha2, str) and _SHA2.fullmatch(sha2)):
            raise FieldError(at + "sha2", "xapi.sha2", value=_short(sha2))
        if "fileUrl" in attachment:
            _iri(attachment["fileUrl"], at + "fileUrl")


def _language_map(value: Any, where: str) -> None:
    texts = _object_of(value, where)
    for tag, text in texts.items():
        if not _LANG.fullmatch(tag):
            raise FieldError(where, "xapi.language", value=_short(tag))
        if not isinstance(text, str):
            raise FieldError(f"{where}.{tag}", "xapi.text")


def _extensions(value: Any, where: str) -> None:
    for key in _object_of(value, where):
        if not is_absolute_iri(key):
            raise FieldError(where, "xapi.iri", value=_short(key, 200))


def _timestamp(value: Any, where: str) -> None:
    if not isinstance(value, str) or not _TIMESTAMP.fullmatch(value):
        raise FieldError(where, "xapi.timestamp", value=_short(value, 40))


def _uuid(value: Any, where: str) -> None:
    if not (isinstance(value, str) and is_uuid(value)):
        raise FieldError(where, "xapi.uuid", value=_short(value))


def _iri(value: Any, where: str) -> None:
    if not is_absolute_iri(value):
        raise FieldError(where, "xapi.iri", value=_short(value, 200))


def _keys(value: dict[str, Any], allowed: frozenset[str], at: str) -> None:
    for key in value:
        if key not in allowed:
            raise FieldError(f"{at}{key}"[:200], "xapi.unknown_property", name=str(key)[:100])


def _required(value: dict[str, Any], key: str, at: str) -> Any:
    if key not in value:
        raise FieldError(f"{at}{key}", "xapi.missing")
    return value[key]


def _object_of(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        raise FieldError(where, "xapi.missing")
    if not isinstance(value, dict):
        raise FieldError(where, "xapi.not_object", kind=type(value).__name__)
    return value


def _no_nulls(value: Any, path: str) -> None:
    """The specification forbids null values anywhere but inside extensions (walked without
    recursion: a deeply nested value is refused by the property checks, not a stack overflow)."""
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        item, at = stack.pop()
        if isinstance(item, dict):
            for key, sub in reversed(list(item.items())):
                if sub is None:
                    raise FieldError(f"{at}{key}", "xapi.null")
                if key != "extensions":
                    stack.append((sub, f"{at}{key}."))
        elif isinstance(item, list):
            stack.extend((sub, at) for sub in reversed(item))


def _short(value: Any, limit: int = 80) -> str:
    return str(value)[:limit]
