"""xAPI statements for the refusal tests: a valid statement of the example file, a way to
change one property, and what the specification refuses (ADL conformance requirements
XAPI-00021 to 00107) with the field named and the reason key."""

from __future__ import annotations

import copy
import json
from typing import Any

from apprenance.bootstrap import bundled
from web_world import LEA

ADL = "http://adlnet.gov/expapi/verbs/"
AGENT = {"mbox": "mailto:someone@example.org"}


def examples() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(
        (bundled("examples") / "activites-xapi.json").read_text(encoding="utf-8"))
    return data


def base() -> dict[str, Any]:
    """A statement of the example file, valid for the specification and the profile."""
    return copy.deepcopy(next(s for s in examples() if s["actor"].get("mbox") == f"mailto:{LEA}"))


def set_path(stmt: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    *parents, last = path.split(".")
    node = stmt
    for key in parents:
        node = node.setdefault(key, {})
    node[last] = value
    return stmt


# (path set, value, field named, reason key)
REFUSED: list[tuple[str, Any, str, str]] = [
    ("colour", "blue", "colour", "xapi.unknown_property"),
    ("actor.openid", "https://id.example.org/lea", "actor", "xapi.ifi"),
    ("actor.email", "lea@example.org", "actor.email", "xapi.unknown_property"),
    ("actor.name", ["Léa"], "actor.name", "xapi.text"),
    ("actor.objectType", "Person", "actor.objectType", "xapi.agent_type"),
    ("verb.id", "attended", "verb.id", "xapi.iri"),
    ("verb.id", "http://adlnet.gov/expapi/verbs/<attended>", "verb.id", "xapi.iri"),
    ("verb.display", {"english!": "attended"}, "verb.display", "xapi.language"),
    ("verb.description", {"en": "x"}, "verb.description", "xapi.unknown_property"),
    ("object.id", "https://example.org/a b", "object.id", "xapi.iri"),
    ("object.id", "https://example.org/%zz", "object.id", "xapi.iri"),
    ("object.objectType", "Thing", "object.objectType", "xapi.object_kind"),
    # a list where a name is expected: once a TypeError (unhashable), found by Hypothesis
    ("object.objectType", ["Activity"], "object.objectType", "xapi.object_kind"),
    ("object.definition.interactionType", {"a": 1}, "object.definition.interactionType",
     "xapi.interaction"),
    ("object.definition.name", {"fr_FR": "Atelier"}, "object.definition.name", "xapi.language"),
    ("object.definition.moreInfo", "pas un IRI", "object.definition.moreInfo", "xapi.iri"),
    ("object.definition.interactionType", "essay", "object.definition.interactionType",
     "xapi.interaction"),
    ("object.definition.correctResponsesPattern", ["a"], "object.definition.interactionType",
     "xapi.missing"),
    ("id", "1234", "id", "xapi.uuid"),
    ("id", "41e5d472f4b342f7a7ed1eefb1e3bc65", "id", "xapi.uuid"),
    ("version", "0.95", "version", "xapi.version"),
    ("version", "3.0.0", "version", "xapi.version"),
    ("timestamp", "01/06/2026 09:30", "timestamp", "xapi.timestamp"),
    ("timestamp", "2026-06-01T9:30", "timestamp", "xapi.timestamp"),
    ("stored", "hier", "stored", "xapi.timestamp"),
    ("result.duration", "4h30", "result.duration", "duration.iso"),
    ("result.duration", "PT", "result.duration", "duration.iso"),
    ("result.score", {"scaled": 1.5}, "result.score.scaled", "xapi.scaled"),
    ("result.score", {"scaled": "0.5"}, "result.score.scaled", "xapi.number"),
    ("result.score", {"raw": 12, "min": 0, "max": 10}, "result.score.raw", "xapi.score_raw"),
    ("result.score", {"min": 10, "max": 0}, "result.score.max", "xapi.score_range"),
    ("result.success", "yes", "result.success", "xapi.boolean"),
    ("result.extensions", {"evidence": "x"}, "result.extensions", "xapi.iri"),
    ("context.extensions", {"role": "etudiant"}, "context.extensions", "xapi.iri"),
    ("context.registration", "r-1", "context.registration", "xapi.uuid"),
    ("context.language", "fr_FR", "context.language", "xapi.language"),
    ("context.contextActivities", {}, "context.contextActivities", "xapi.empty"),
    ("context.contextActivities", {"sibling": [{"id": "https://example.org/p"}]},
     "context.contextActivities.sibling", "xapi.unknown_property"),
    ("context.statement", {"objectType": "StatementRef", "id": "x"}, "context.statement.id",
     "xapi.uuid"),
    ("context.team", AGENT, "context.team.objectType", "xapi.type_expected"),
    ("context.instructor", {"mbox": "julien@example.org"}, "context.instructor.mbox",
     "xapi.mbox"),
    ("authority", {"name": "LRS"}, "authority", "xapi.ifi"),
    ("authority", {"objectType": "Group", "member": [AGENT, AGENT, AGENT]}, "authority.member",
     "xapi.authority_group"),
    ("attachments", {"usageType": "https://example.org/u"}, "attachments", "xapi.not_list"),
    ("attachments", [{"usageType": "signature", "display": {"en": "s"}}],
     "attachments[0].usageType", "xapi.iri"),
    ("attachments", [{"usageType": "https://example.org/u", "display": {"en": "s"},
                      "contentType": "application/pdf", "length": -1, "sha2": "ab" * 32}],
     "attachments[0].length", "xapi.length"),
    ("object", {"objectType": "StatementRef", "id": "nope"}, "object.id", "xapi.uuid"),
    ("object", {"objectType": "Agent", "name": "nobody"}, "object", "xapi.ifi"),
    ("object", {"objectType": "SubStatement", "actor": AGENT,
                "verb": {"id": ADL + "attended"}, "object": {
                    "objectType": "SubStatement", "actor": AGENT,
                    "verb": {"id": ADL + "attended"}, "object": {"id": "https://e.org/a"}}},
     "object.object.objectType", "xapi.nested_sub"),
    ("object", {"objectType": "SubStatement", "id": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f1",
                "actor": AGENT, "verb": {"id": ADL + "attended"},
                "object": {"id": "https://e.org/a"}}, "object.id", "xapi.unknown_property"),
]
