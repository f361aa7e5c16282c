"""Writes the bad-input corpus of `apprenance ingest` next to this file, and expected.json: for
each file, how many rows must be accepted and which rejections it must give (line, field, and a
piece of the English reason). Run it again after changing a case: `python generate.py`.

Every CSV case is a header, a good row, the broken row (line 3) and another good row, unless
the whole file is broken. The store the tests ingest into knows the territory ``val`` (projects
``jardin`` and ``bois``) and the territory ``autre`` (project ``ailleurs``).
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
HEADER = ("id,date,participant,nom,role,territoire,projet,fonction,activite,description,duree,"
          "temoin,preuve")
FILE = "(fichier)"
LINE = "(ligne)"
UUID = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f{}"


def good(case: str, n: int, sep: str = ",") -> str:
    fields = [f"{case}-{n}", f"2025-03-0{n}", "alice@example.org", "Alice", "habitant", "val",
              "jardin", "alimentation", "atelier-cuisine", f"Atelier {n}", "2", "", ""]
    return sep.join(fields)


def row(case: str, sep: str = ",", **values: str) -> str:
    fields = {"id": f"{case}-bad", "date": "2025-03-05", "participant": "bob@example.org",
              "nom": "Bob", "role": "etudiant", "territoire": "val", "projet": "bois",
              "fonction": "habitat", "activite": "chantier-participatif",
              "description": "Chantier", "duree": "3", "temoin": "", "preuve": ""}
    fields.update(values)
    return sep.join(fields[k] for k in HEADER.split(","))


def sandwich(case: str, bad: str, sep: str = ",", header: str = HEADER) -> str:
    return "\n".join([header.replace(",", sep), good(case, 1, sep), bad, good(case, 2, sep)]) + "\n"


ANY = -1  # a rejection whose line is not checked


def rejection(line: int | None, field: str, reason: str, **more: Any) -> dict[str, Any]:
    """An expected rejection; ``line`` None for a whole file, ``ANY`` when not checked."""
    found = {"field": field, "reason": reason, **more}
    return found if line == ANY else {"line": line, **found}


CASES: dict[str, tuple[str | bytes, dict[str, Any]]] = {}


def case(name: str, content: str | bytes, accepted: int, *rejections: dict[str, Any],
         **more: Any) -> None:
    CASES[name] = (content, {"accepted": accepted, "rejected": len(rejections),
                             "rejections": list(rejections), **more})


def bad_field(name: str, field: str, value: str, reason: str) -> None:
    case(f"{name}.csv", sandwich(name, row(name, **{field: value})), 2,
         rejection(3, field, reason))


def statement(n: int, **changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": UUID.format(n),
        "actor": {"objectType": "Agent", "name": "Alice", "mbox": "mailto:alice@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/attended", "display": {"en-US": "attended"}},
        "object": {"objectType": "Activity",
                   "id": f"https://w3id.org/apprenance/xapi/activities/val/x-{n}",
                   "definition": {"type": "https://w3id.org/apprenance/xapi/activity-types/"
                                          "atelier-cuisine",
                                  "description": {"fr-FR": f"Atelier {n}"}}},
        "result": {"duration": "PT2H"},
        "context": {"contextActivities": {"grouping": [
            {"id": "https://w3id.org/apprenance/xapi/projects/jardin"},
            {"id": "https://w3id.org/apprenance/xapi/territories/val"}]},
            "extensions": {"https://w3id.org/apprenance/xapi/ext/function": "alimentation",
                           "https://w3id.org/apprenance/xapi/ext/role": "habitant"}},
        "timestamp": f"2025-04-0{n}T10:00:00+02:00",
        "version": "1.0.3",
    }
    for path, value in changes.items():
        target = base
        keys = path.split("__")
        for key in keys[:-1]:
            target = target[key]
        if value is None:
            target.pop(keys[-1], None)
        else:
            target[keys[-1]] = value
    return base


def xapi_case(name: str, broken: dict[str, Any], field: str, reason: str) -> None:
    body = json.dumps([statement(1), broken, statement(3)], ensure_ascii=False, indent=1)
    line = body.splitlines().index(" {", body.splitlines().index(" {") + 1) + 1
    case(f"{name}.json", body + "\n", 2,
         rejection(line, field, reason, statement_id=broken.get("id")))


def build() -> None:
    # --- encodings ---------------------------------------------------------------------------
    text = sandwich("latin1", row("latin1", description="Fête de la soupe et réunion"))
    case("latin1.csv", text.encode("latin-1"), 3)  # read as Windows-1252, with a note
    filler = "".join(row(f"pad{i}", id=f"pad-{i}", participant=f"p{i}@example.org") + "\n"
                     for i in range(700))  # more than the 64 KiB the encoding sniffer reads
    late_bytes = (HEADER + "\n" + filler).encode() + row(
        "late", description="Caf\xe9 citoyen").encode("latin-1") + b"\n" + (
        good("late", 2) + "\n").encode()
    case("latin1-late.csv", late_bytes, 701, rejection(702, LINE, "bytes that are not UTF-8"))
    case("utf16-bom.csv", codecs.BOM_UTF16_LE + sandwich(
        "utf16", row("utf16", duree="-1")).encode("utf-16-le"), 2,
        rejection(3, "duree", "must be above zero"))
    case("utf16-no-bom.csv", sandwich("utf16nb", row("utf16nb")).encode("utf-16-le"), 0,
         rejection(None, FILE, "UTF-16 file without a BOM"))
    case("utf32.csv", codecs.BOM_UTF32_LE + "id\n".encode("utf-32-le"), 0,
         rejection(None, FILE, "UTF-32"))
    case("utf8-bom.csv", codecs.BOM_UTF8 + sandwich(
        "bom", row("bom", date="2025-02-29")).encode(), 2,
        rejection(3, "date", "impossible date '2025-02-29'"))
    case("binary.csv", b"\x89PNG\r\n\x1a\n" + (b"\x00\x00\x00\rIHDR" + bytes(range(1, 200))) * 10,
         0, rejection(None, FILE, "binary file"))
    case("xlsx.csv", b"PK\x03\x04" + b"\x14\x00" * 200, 0, rejection(None, FILE, "spreadsheet"))
    case("nul-in-row.csv", sandwich("nul", row("nul", description="Ate\x00lier")), 2,
         rejection(3, "description", "control characters"))
    case("empty.csv", "", 0, rejection(None, FILE, "empty file"))
    # --- separators, columns, lines ------------------------------------------------------------
    case("mixed-separators.csv", sandwich("mixsep", row("mixsep"), sep=";"), 2,
        rejection(3, LINE, "separator ',' instead of ';'"))
    case("semicolon-decimal-comma.csv", sandwich(
        "semi", row("semi", sep=";", duree="1,5,0"), sep=";") + row(
        "semi", sep=";", id="semi-ok", duree="1,5") + "\n", 3,
        rejection(3, "duree", "unreadable duration '1,5,0'"))
    case("tab-separated.csv", sandwich("tab", row("tab", sep="\t", duree="0"), sep="\t"), 2,
         rejection(3, "duree", "above zero"))
    case("missing-column.csv", "\n".join([
        HEADER.replace(",duree", ""), "x,2025-03-01,a@b.org,A,habitant,val,jardin,"
        "alimentation,atelier-cuisine,Atelier,,"]) + "\n", 0,
        rejection(1, "(en-tête)", "required columns missing from the header: duree"))
    case("duplicate-column.csv", sandwich("dupcol", row("dupcol") + ",2",
                                          header=HEADER + ",duration"), 0,
         rejection(1, "(en-tête)", "duplicate column 'duration'"))
    case("unknown-header.csv", "fecha,persona,horas\n2025-03-01,a@b.org,2\n", 0,
         rejection(1, "(en-tête)", "required columns missing"))
    case("extra-field.csv", sandwich("extraf", row("extraf") + ",en trop"), 2,
         rejection(3, LINE, "14 fields instead of 13"))
    case("truncated-row.csv", sandwich("trunc", ",".join(row("trunc").split(",")[:10])), 2,
         rejection(3, LINE, "truncated row: 10 fields instead of 13"))
    case("unclosed-quote.csv", "\n".join([HEADER, good("quote", 1), good("quote", 2),
                                          row("quote", description='"Atelier sans fin')]) + "\n",
         2, rejection(4, LINE, "truncated row"))
    case("multiline-then-bad.csv", "\n".join([
        HEADER, row("ml", id="ml-1", description='"Trois\nlignes\nde description"'),
        row("ml", id="ml-2", duree="PT0S"), good("ml", 2)]) + "\n", 2,
        rejection(5, "duree", "above zero"))
    case("blank-lines.csv", "\n".join([HEADER, good("blank", 1), "", ",,,,,,,,,,,,",
                                       row("blank", date="2025-3-5"), "", good("blank", 2)])
         + "\n", 2, rejection(5, "date", "not an ISO 8601 date"))
    case("crlf.csv", sandwich("crlf", row("crlf", duree="25")).replace("\n", "\r\n"), 2,
         rejection(3, "duree", "at most 24 h"))
    case("english-header.csv", sandwich(
        "english", row("english", fonction="mobility"),
        header="id,date,participant,name,role,territory,project,function,activity,"
               "description,duration,witness,evidence"), 2,
         rejection(3, "fonction", "unknown vital function 'mobility'"))
    case("extra-columns-kept.csv", "\n".join([
        HEADER + ",commentaire", good("xcol", 1) + ",ok", row("xcol", role="maire") + ",non",
        good("xcol", 2) + ","]) + "\n", 2, rejection(3, "role", "unknown role 'maire'"))
    # --- participant ---------------------------------------------------------------------------
    bad_field("participant-missing", "participant", "", "missing participant")
    bad_field("participant-space", "participant", "bob dupont@example.org", "contains a space")
    bad_field("participant-formula", "participant", "=cmd|calc!A0", "starts with =")
    bad_field("participant-control", "participant", '"bob\x07@example.org"', "control")
    bad_field("name-control", "nom", "Bob\x1b[31m", "control characters")
    # --- dates ---------------------------------------------------------------------------------
    bad_field("date-feb30", "date", "2025-02-30", "impossible date '2025-02-30'")
    bad_field("date-month13", "date", "2026-13-05", "there is no month 13")
    bad_field("date-french", "date", "14/06/2025", "not an ISO 8601 date")
    bad_field("date-hour25", "date", "2025-10-12T25:30:00+02:00", "impossible time of day")
    bad_field("date-missing", "date", "", "missing date")
    bad_field("date-year", "date", "0999-01-01", "implausible year")
    bad_field("date-offset", "date", "2025-03-01T10:00:00+25:00", "impossible")
    bad_field("date-words", "date", "hier", "not an ISO 8601 date")
    # --- durations -----------------------------------------------------------------------------
    bad_field("duration-negative", "duree", "-2", "above zero")
    bad_field("duration-zero", "duree", "0", "above zero")
    bad_field("duration-26h", "duree", "26", "at most 24 h per activity")
    bad_field("duration-iso-25h", "duree", "PT25H", "at most 24 h")
    bad_field("duration-two-days", "duree", "P2D", "at most 24 h")
    bad_field("duration-words", "duree", "deux heures", "unreadable duration")
    bad_field("duration-months", "duree", "P1M", "months or years")
    bad_field("duration-nan", "duree", "nan", "unreadable duration")
    bad_field("duration-missing", "duree", "", "missing duration")
    bad_field("duration-iso-garbage", "duree", "PTxH", "not an ISO 8601 duration")
    case("day-over-24h.csv", "\n".join([
        HEADER, row("day", id="day-a", duree="10"), row("day", id="day-b", duree="10"),
        row("day", id="day-c", duree="6"), good("day", 2)]) + "\n", 3,
        rejection(4, "duree", "would go over 24 h on 2025-03-05 (20 h already, 26 h"))
    # --- lengths and formulas ------------------------------------------------------------------
    bad_field("field-100k-description", "description", "x" * 100_000, "over 10000 characters")
    bad_field("field-100k-participant", "participant", "p" * 100_000, "over 320 characters")
    bad_field("field-100k-id", "id", "i" * 100_000, "over 200 characters")
    bad_field("field-long-activity", "activite", "a" * 101, "over 100 characters")
    case("formula-hyperlink.csv", sandwich("formula", row(
        "formula", description='"=HYPERLINK(""http://evil.example"",""clic"")"')), 3,
        stored={"formula-bad": '=HYPERLINK("http://evil.example","clic")'})
    case("formula-variants.csv", "\n".join([
        HEADER, row("fv", id="fv-1", description="+33 6 12 34 56 78"),
        row("fv", id="fv-2", description="-2+3"), row("fv", id="fv-3", description="@SUM(A1)"),
        row("fv", id="fv-4", description='"=1+1"', date="2025-03-06")]) + "\n", 4,
        stored={"fv-3": "@SUM(A1)", "fv-4": "=1+1"})
    # --- values against the catalog and the store ----------------------------------------------
    bad_field("function-unknown", "fonction", "mobilite", "unknown vital function 'mobilite'")
    bad_field("role-unknown", "role", "benevole", "unknown role 'benevole'")
    bad_field("witness-role-unknown", "temoin", "maire:paul@example.org",
              "unknown witness role prefix 'maire'")
    bad_field("witness-self", "temoin", "etudiant:bob@example.org", "their own witness")
    bad_field("witness-space", "temoin", "habitant:paul henry@example.org", "contains a space")
    bad_field("url-javascript", "preuve", "javascript:alert(1)", "not an http(s) URL")
    bad_field("url-ftp", "preuve", "ftp://example.org/x.pdf", "not an http(s) URL")
    bad_field("url-relative", "preuve", "/preuves/photo.jpg", "not an http(s) URL")
    bad_field("url-space", "preuve", "https://example.org/ma photo.jpg", "not an http(s) URL")
    bad_field("territory-unknown", "territoire", "val-de-sere", "unknown territory 'val-de-sere'")
    bad_field("project-unknown", "projet", "projet-inconnu", "unknown project 'projet-inconnu'")
    bad_field("project-elsewhere", "projet", "ailleurs", "belongs to territory autre")
    bad_field("activity-empty", "activite", "", "missing activity type")
    bad_field("id-control", "id", '"a\tb"', "control characters")
    case("id-conflict.csv", "\n".join([
        HEADER, good("conf", 1), row("conf", id="conf-1"), good("conf", 2)]) + "\n", 2,
        rejection(3, "id", "already used on line 2 by another activity"))
    # --- JSON Lines ----------------------------------------------------------------------------
    line = json.dumps({"id": "jl-1", "date": "2025-03-01", "participant": "alice@example.org",
                       "activity": "atelier-cuisine", "duration": 2, "territory": "val",
                       "project": "jardin"})
    line2 = line.replace("jl-1", "jl-2").replace("03-01", "03-02")
    case("jsonl-invalid.jsonl", f"{line}\n{{\"id\": \"jl-x\", date: 1}}\n{line2}\n", 2,
         rejection(2, LINE, "invalid JSON"))
    case("jsonl-truncated.jsonl", f"{line}\n{line2}\n{line2[:40]}", 2,
         rejection(3, LINE, "invalid JSON"))
    case("jsonl-not-object.jsonl", f"{line}\n[1, 2]\n{line2}\n", 2,
         rejection(2, LINE, "a JSON object is expected, not list"))
    numeric = line2.replace("jl-2", "jl-3").replace('"alice@example.org"', "42")
    case("jsonl-number-participant.jsonl", f"{line}\n{numeric}\n{line2}\n", 2,
         rejection(2, "participant", "a int value: text expected"))
    case("jsonl-duplicate-key.jsonl",
         f"{line}\n{line2[:-1]}, \"duree\": 3}}\n{line2.replace('jl-2', 'jl-4')}\n", 2,
         rejection(2, "duree", "duplicate key 'duree'"))
    # --- xAPI ----------------------------------------------------------------------------------
    two = statement(2)
    two["actor"]["account"] = {"homePage": "https://lrs.example.org", "name": "alice"}
    xapi_case("xapi-two-identifiers", two, "actor", "2 identifiers (mbox, account)")
    xapi_case("xapi-no-identifier", statement(2, actor__mbox=None), "actor", "0 identifiers")
    xapi_case("xapi-relative-verb", statement(2, verb__id="attended"), "verb.id",
              "not an absolute IRI")
    xapi_case("xapi-relative-object", statement(2, object__id="activities/x-2"), "object.id",
              "not an absolute IRI")
    xapi_case("xapi-relative-type", statement(2, object__definition__type="atelier-cuisine"),
              "object.definition.type", "not an absolute IRI")
    xapi_case("xapi-bad-duration", statement(2, result__duration="2 hours"), "result.duration",
              "not an ISO 8601 duration")
    xapi_case("xapi-duration-30h", statement(2, result__duration="PT30H"), "result.duration",
              "at most 24 h")
    xapi_case("xapi-no-duration", statement(2, result__duration=None), "result.duration",
              "needs the time spent")
    xapi_case("xapi-bad-uuid", statement(2, id="statement-2"), "id", "not a UUID")
    xapi_case("xapi-unknown-verb", statement(2, verb__id="http://adlnet.gov/expapi/verbs/"
                                                "launched"), "verb.id", "outside the apprenance")
    group = statement(2)
    group["actor"] = {"objectType": "Group", "member": [group["actor"]]}
    xapi_case("xapi-group-actor", group, "actor", "Group as actor")
    xapi_case("xapi-null", statement(2, result__success=None) | {"authority": None},
              "authority", "null value")
    xapi_case("xapi-unknown-property", statement(2) | {"colour": "red"}, "colour",
              "not an xAPI statement property")
    xapi_case("xapi-date-only", statement(2, timestamp="2025-04-02"), "timestamp",
              "without a time")
    xapi_case("xapi-version", statement(2, version="0.95"), "version",
              "unsupported xAPI version")
    xapi_case("xapi-mbox", statement(2, actor__mbox="alice@example.org"), "actor.mbox",
              "not a mailto: IRI")
    xapi_case("xapi-agent-object", statement(2, object={"objectType": "Agent", "mbox":
                                                         "mailto:x@example.org"}),
              "object.objectType", "an Activity is expected")
    xapi_case("xapi-territory-unknown", statement(2, context__contextActivities={
        "grouping": [{"id": "https://w3id.org/apprenance/xapi/territories/nulle-part"}]}),
        "context.contextActivities", "unknown territory 'nulle-part'")
    witness = statement(2)
    witness["context"]["instructor"] = {"mbox": "mailto:paul@example.org"}
    witness["context"]["extensions"]["https://w3id.org/apprenance/xapi/ext/witness-role"] = (
        "maire")
    xapi_case("xapi-witness-role", witness, "context.extensions.witness-role",
              "unknown witness role prefix 'maire'")
    void = statement(2)
    void["verb"] = {"id": "http://adlnet.gov/expapi/verbs/voided"}
    void["object"] = {"objectType": "StatementRef", "id": UUID.format(9)}
    del void["result"], void["context"]
    body = json.dumps([statement(1), void, statement(3)], indent=1)
    line = body.splitlines().index(" {", body.splitlines().index(" {") + 1) + 1
    case("xapi-void-unknown.json", body + "\n", 2,
         rejection(line, "object.id", f"voids statement {UUID.format(9)}, which is not stored",
                   statement_id=UUID.format(2)))
    full = json.dumps([statement(1), statement(2), statement(3)], indent=1)
    cut = full[: full.index(UUID.format(3)) + 10]
    case("xapi-truncated.json", cut, 2, rejection(ANY, FILE, "truncated JSON"))
    garbage = full.replace('"verb": {', '"verb": {,', 1)
    case("xapi-invalid-json.json", garbage, 0, rejection(ANY, FILE, "invalid JSON at line"))
    page = {"statements": [statement(1), statement(2, result__duration="-PT1H"), statement(3)],
            "more": ""}
    text = json.dumps(page, indent=1)
    case("xapi-statement-result.json", text + "\n", 2,
         rejection(ANY, "result.duration", "above zero", statement_id=UUID.format(2)))
    lines = "\n".join(json.dumps(s) for s in (
        statement(1), statement(2, actor__mbox="mailto:bob@example.org",
                                actor__openid="https://bob.example.org"), statement(3)))
    case("xapi-lines.json", lines + "\n", 2, rejection(2, "actor", "2 identifiers"))
    case("not-json.json", "ceci n'est pas du JSON\n", 0,
         rejection(1, FILE, "expected '[' or '{'"))


def main() -> None:
    build()
    expected: dict[str, Any] = {}
    for name, (content, verdict) in CASES.items():
        path = HERE / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        expected[name] = verdict
    (HERE / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(CASES)} cases written to {HERE}")


if __name__ == "__main__":
    main()
