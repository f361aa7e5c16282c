"""The pieces of ingest on their own: values, encodings, separators, streaming JSON, format
detection, xAPI agents, the keyword suggester and the export's formula neutralisation."""

from __future__ import annotations

import codecs
import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from apprenance.domain.catalog import ActivityType
from apprenance.domain.suggest import Suggester, stem, terms
from apprenance.errors import FieldError, JsonSyntaxError
from apprenance.importers import detect_format, json_stream
from apprenance.importers.canonical import Lookups, RowChecker, column_of
from apprenance.importers.csv_log import detect_separator
from apprenance.importers.encoding import sniff
from apprenance.importers.values import (
    is_absolute_iri,
    parse_handle,
    parse_hours,
    parse_url,
    parse_when,
)
from apprenance.importers.xapi import agent
from apprenance.services.ingest.rejects import clean_raw, neutralise


def fails(key: str, call: object, *args: object) -> None:
    with pytest.raises(FieldError) as caught:
        call(*args)  # type: ignore[operator]
    assert caught.value.key == key


def test_dates_and_date_times() -> None:
    assert parse_when("2025-03-01") == (datetime(2025, 3, 1, tzinfo=UTC), date(2025, 3, 1))
    moment, day = parse_when("2025-03-01T00:30:00+01:00")
    assert moment == datetime(2025, 2, 28, 23, 30, tzinfo=UTC) and day == date(2025, 3, 1)
    assert parse_when("2025-03-01 14:00")[0] == datetime(2025, 3, 1, 14, tzinfo=UTC)
    assert parse_when("2025-03-01T14:00:00.5Z")[0].microsecond == 500_000
    fails("date.impossible", parse_when, "2025-02-29")
    fails("date.month", parse_when, "2025-13-01")
    fails("date.time", parse_when, "2025-03-01T24:30:00Z")
    fails("date.format", parse_when, "01/03/2025")
    fails("date.format", parse_when, "20250301")
    fails("date.missing", parse_when, "  ")
    fails("date.year", parse_when, "1850-01-01")


def test_durations() -> None:
    assert parse_hours("1.5") == parse_hours("1,5") == parse_hours("PT1H30M") == 1.5
    assert parse_hours("PT0.5H") == parse_hours("PT30M") == parse_hours("PT1800S") == 0.5
    assert parse_hours("P0DT2H") == 2.0
    assert parse_hours(" 24 ") == 24.0
    for text, key in (("0", "duration.positive"), ("-1", "duration.positive"),
                      ("-PT1H", "duration.positive"), ("24.5", "duration.too_long"),
                      ("P1DT1H", "duration.too_long"), ("P1M", "duration.calendar"),
                      ("P1Y", "duration.calendar"), ("PT", "duration.iso"),
                      ("1h30", "duration.format"), ("1e3", "duration.format"),
                      ("", "duration.missing")):
        fails(key, parse_hours, text)
    fails("duration.iso", lambda v: parse_hours(v, iso_only=True), "2")


def test_handles_and_urls() -> None:
    assert parse_handle(" Lea.Marchand@Example.ORG ", "participant") == "lea.marchand@example.org"
    fails("handle.space", parse_handle, "lea marchand", "participant")
    fails("handle.formula", parse_handle, "=1+1", "participant")
    fails("handle.missing", parse_handle, "", "participant")
    fails("encoding.row", parse_handle, "caf\udce9", "participant")
    assert parse_url("https://ex.org/a?b=c") == "https://ex.org/a?b=c"
    for bad in ("javascript:alert(1)", "http:///x", "https://", "ftp://ex.org",
                "https://ex.org/a b", "/relative", "https://ex.org/\x07"):
        fails("url", parse_url, bad)
    assert is_absolute_iri("urn:uuid:1") and not is_absolute_iri("relative/x")


def test_header_names_and_separators() -> None:
    assert column_of(" Durée ") == column_of("duration") == column_of("HOURS") == "duree"
    assert column_of("Témoin") == "temoin" and column_of("humeur") is None
    assert detect_separator("id;date;participant,x\n") == ";"
    assert detect_separator("id\tdate\tparticipant\n") == "\t"
    assert detect_separator("participant\n") == ","


def test_encodings_are_sniffed() -> None:
    assert sniff(b"date,participant\n", complete=True) == ("utf-8", "surrogateescape")
    assert sniff(codecs.BOM_UTF8 + b"date\n", complete=True)[0] == "utf-8-sig"
    assert sniff(codecs.BOM_UTF16_LE + "date\n".encode("utf-16-le"), complete=True)[0] == (
        "utf-16")
    for head, key in ((b"date\ncaf\xe9\n", "file.not_utf8"),
                      ("date\n".encode("utf-16-le"), "file.utf16_no_bom"),
                      (b"", "file.empty"), (b"PK\x03\x04....", "file.spreadsheet")):
        fails(key, lambda h: sniff(h, complete=True), head)
    # CSV files (legacy=True): not UTF-8 but Windows-1252 is read as Windows-1252; valid UTF-8
    # (with or without BOM) stays UTF-8; bytes Windows-1252 does not define are still refused
    assert sniff(b"date\ncaf\xe9\n", complete=True, legacy=True)[0] == "cp1252"
    assert sniff("date\ncafé\n".encode(), complete=True, legacy=True)[0] == "utf-8"
    assert sniff(codecs.BOM_UTF8 + "café\n".encode(), complete=True, legacy=True)[0] == (
        "utf-8-sig")
    fails("file.not_utf8", lambda h: sniff(h, complete=True, legacy=True), b"caf\xe9\x81\n")
    fails("file.not_utf8", lambda h: sniff(h, complete=True, legacy=True),
          codecs.BOM_UTF8 + b"caf\xe9\n")
    # a multi-byte character cut by the end of the sniffed part is not an error
    assert sniff("caf\u00e9".encode()[:-1], complete=False)[0] == "utf-8"


def test_streaming_json_shapes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_stream, "CHUNK", 7)  # values cross chunk boundaries
    text = '[\n {"a": 1},\n {"b": "x y z"}, 12345678901234,\n {"c": [1, 2]}\n]\n'
    assert list(json_stream.iter_values(io.StringIO(text))) == [
        (2, {"a": 1}), (3, {"b": "x y z"}), (3, 12345678901234), (4, {"c": [1, 2]})]
    page = '{"more": "/next",\n "statements": [\n  {"id": 1},\n  {"id": 2}\n ]}'
    assert list(json_stream.iter_values(io.StringIO(page))) == [(3, {"id": 1}), (4, {"id": 2})]
    objects = '{"id": 1}\n{\n "id": 2\n}\n'
    assert [v for _, v in json_stream.iter_values(io.StringIO(objects))] == [{"id": 1},
                                                                             {"id": 2}]
    seen = []
    with pytest.raises(JsonSyntaxError) as broken:
        for item in json_stream.iter_values(io.StringIO('[{"id": 1},\n{"id": 2, "x": "abc')):
            seen.append(item)
    assert seen == [(1, {"id": 1})] and broken.value.message == "truncated JSON"
    assert broken.value.line == 2
    with pytest.raises(JsonSyntaxError):
        list(json_stream.iter_values(io.StringIO('[1] [2]')))


def test_formats_are_detected(tmp_path: Path) -> None:
    cases = {"a.csv": "x", "a.JSONL": "{}", "a.json": "{}", "a.log": '[{"verb": 1}]',
             "b.log": '{"verb": {"id": "x"}}\n', "c.log": '{"date": "2025-01-01"}\n',
             "d.log": "{\n", "e.log": "date,participant\n"}
    found = {}
    for name, content in cases.items():
        (tmp_path / name).write_text(content)
        found[name] = detect_format(tmp_path / name)
    assert found == {"a.csv": "csv", "a.JSONL": "jsonl", "a.json": "xapi", "a.log": "xapi",
                     "b.log": "xapi", "c.log": "jsonl", "d.log": "xapi", "e.log": "csv"}


def test_xapi_agents_have_exactly_one_identifier() -> None:
    assert agent({"mbox": "mailto:A@B.org", "name": "A"}, "actor") == ("a@b.org", "A")
    assert agent({"mbox_sha1sum": "A" * 40}, "actor")[0] == "sha1:" + "a" * 40
    assert agent({"account": {"homePage": "https://lrs.org", "name": "u1"}}, "actor")[0] == (
        "u1@lrs.org")
    assert agent({"openid": "https://id.example.org/u"}, "actor")[0] == (
        "https://id.example.org/u")
    fails("xapi.ifi", agent, {"mbox": "mailto:a@b.org", "openid": "https://x.org"}, "actor")
    fails("xapi.ifi", agent, {"name": "nobody"}, "actor")
    fails("xapi.group", agent, {"objectType": "Group", "member": []}, "actor")
    fails("xapi.sha1", agent, {"mbox_sha1sum": "abc"}, "actor")
    fails("xapi.iri", agent, {"account": {"homePage": "lrs", "name": "u"}}, "actor")


KINDS = {
    "atelier-cuisine": ActivityType(
        "atelier-cuisine", {"fr": "Atelier cuisine", "en": "Cooking workshop"}, {"faire": 1.0},
        {}, ("alimentation",),
        {"fr": ("atelier cuisine", "cuisine", "repas", "anti-gaspillage"),
         "en": ("cooking workshop", "cooking", "meal", "food waste")}),
    "atelier-participatif": ActivityType(
        "atelier-participatif", {"fr": "Atelier participatif", "en": "Participatory workshop"},
        {"faire": 1.0}, {}, (), {"fr": ("co-construction",), "en": ("co-creation",)}),
    "reunion-publique": ActivityType(
        "reunion-publique", {"fr": "Réunion publique", "en": "Public meeting"}, {"faire": 1.0},
        {}, (), {"fr": ("réunion publique", "débat"), "en": ("public meeting",)}),
}


def test_suggestions_fold_case_accents_and_endings() -> None:
    assert stem("cuisines") == stem("cuisine") == "cuisin"
    assert terms("Atelier de CUISINE des restes") == [stem("atelier"), "cuisin", "rest"]
    suggest = Suggester(KINDS).suggest
    assert suggest("atelier de cuisine des restes") == "atelier-cuisine"
    assert suggest("Cooking workshops with leftovers") == "atelier-cuisine"
    assert suggest("REUNION PUBLIQUE au village") == "reunion-publique"
    assert suggest("débats") == "reunion-publique"
    assert suggest("co-construction du projet", None) == "atelier-participatif"
    assert suggest("balade thermographique") is None
    assert suggest("atelier") is None  # one word shared by two types is not enough


def test_checker_caches_only_good_values() -> None:
    checker = RowChecker(Lookups.build(KINDS, frozenset({"val"}), {"p": "val"}), "/x.csv")
    row = ["2025-03-01", "ann", "", "", "val", "p", "", "atelier-cuisine", "", "2", "", "",
           "", ""]
    fails("date.impossible", checker.check, [*row[:0], "2025-02-30", *row[1:]], 2)
    record = checker.check(row, 3)
    assert record["function"] == "alimentation" and record["territory_id"] == "val"
    fails("date.impossible", checker.check, ["2025-02-30", *row[1:]], 4)
    unmapped = checker.check(["2025-03-01", "ann", "", "", "", "", "habitat", "cuisine-restes",
                              "atelier de cuisine", "2", "", "", "", ""], 5)
    assert (unmapped["activity_type"], unmapped["suggested_type"]) == ("cuisine-restes",
                                                                       "atelier-cuisine")
    assert unmapped["id"] == unmapped["content_hash"] != record["content_hash"]


def test_exports_neutralise_formulas_and_keep_raw_bytes_readable() -> None:
    assert [neutralise(v) for v in ("=1+1", "+33", "-2", "@A1", "\tx", "ok")] == [
        "'=1+1", "'+33", "'-2", "'@A1", "'\tx", "ok"]
    assert clean_raw("caf\udce9\x00") == "caf\\xe9\\x00"
    assert clean_raw("x" * 300_000).endswith("[100000 more characters]")


def test_day_totals_grow_both_ways_and_fall_back_for_wide_spans() -> None:
    from apprenance.services.ingest.days import GROW_DAYS, SPAN_LIMIT, DayLimit, DayTotals

    totals = DayTotals()
    day = date(2025, 3, 10).toordinal()
    totals.set(7, day, 2.0)
    totals.set(7, day + 3, 1.5)
    totals.set(7, day - 2, 4.0)  # before the first day: the array grows at its start
    assert [totals.get(7, day + k) for k in (-2, -1, 0, 1, 3, 4)] == [4.0, 0, 2.0, 0, 1.5, 0]
    # each growth leaves room for a month more: the days there hold no hours
    assert totals.slots == 1 + (3 + GROW_DAYS) + (2 + GROW_DAYS) and totals.get(8, day) == 0.0
    assert totals.get(7, day - 2 - GROW_DAYS) == 0.0 == totals.get(7, day + 3 + GROW_DAYS)
    totals.set(7, day + SPAN_LIMIT, 3.0)  # over ten years: a dictionary from now on
    assert totals.get(7, day + SPAN_LIMIT) == 3.0 and totals.get(7, day - 2) == 4.0
    assert totals.slots == 4
    limit = DayLimit()
    limit.new_learner(7)
    assert limit.fits(7, day, 20.0) == (True, 0.0, 20.0)
    assert limit.fits(7, day, 4.5) == (False, 20.0, 24.5)
    assert limit.fits(7, day, 4.0) == (True, 20.0, 24.0)


def test_every_input_format_is_read_listed_and_offered_by_the_upload() -> None:
    from typing import get_args

    from apprenance.errors import UnknownFormat
    from apprenance.importers import FORMATS, READERS, read_log
    from apprenance.web.api_territories import LogFormatName

    assert FORMATS == tuple(READERS) == get_args(LogFormatName) == ("csv", "jsonl", "xapi")
    with pytest.raises(UnknownFormat, match="unknown log format 'xml': use one of csv, jsonl"):
        read_log(Path("a.xml"), "xml", "a.xml", "a.xml", None)  # type: ignore[arg-type]
