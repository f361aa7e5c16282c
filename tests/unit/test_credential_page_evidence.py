"""The badge page's evidence list from what the credential states (``ob3.evidence``): each
entry matched to its activity and written in the page's language (type, date, hours,
project name, witnesses), the entry summing up the activities past ``MAX_EVIDENCE`` too,
and an entry that matches no activity shown as stated."""

from __future__ import annotations

from datetime import date, timedelta

from apprenance.credentials.formats.ob3 import MAX_EVIDENCE, evidence
from apprenance.credentials.verify.inputs import EvidenceItem, HostedUrls
from apprenance.i18n.dates import date_text
from apprenance.services.credential_page import EvidenceActivity, evidence_entries

URLS = HostedUrls("https://b.example.org")
CID = "urn:uuid:00000000-0000-4000-8000-000000000001"
FIRST = date(2026, 1, 1)


def _items(n: int) -> list[EvidenceItem]:
    return [EvidenceItem(activity_id=f"a{i:03}", day=FIRST + timedelta(days=i), hours=2,
                         label="Chantier participatif", project="legumerie-cantines",
                         witness_roles=("habitant",) if i % 2 else ())
            for i in range(n)]


def _activities(items: list[EvidenceItem]) -> list[EvidenceActivity]:
    """The page's view of the same activities, newest first, in English."""
    return [EvidenceActivity(day=i.day, label="Participatory work site",
                             stated_label=i.label, hours=i.hours, project="Shared hub",
                             roles=("resident-entrepreneur",) if i.witness_roles else ())
            for i in sorted(items, key=lambda i: (i.day, i.activity_id), reverse=True)]


def _document(items: list[EvidenceItem]) -> dict[str, object]:
    return {"id": CID, "evidence": evidence(tuple(items), URLS, "fr", credential_id=CID)}


def test_each_entry_is_written_in_the_page_s_language() -> None:
    items = _items(3)
    shown = evidence_entries(_document(items), URLS, _activities(items), "en")
    assert [e["anchor"] for e in shown] == ["preuve-1", "preuve-2", "preuve-3"]
    newest = shown[0]
    assert newest["name"] == "Participatory work site" and newest["day"] == FIRST + timedelta(2)
    assert newest["narrative"] == "2 h · Shared hub"
    assert shown[1]["narrative"] == "2 h · Shared hub · attested by: resident-entrepreneur"
    assert all("legumerie" not in e["narrative"] and "2026-" not in e["narrative"]
               for e in shown)


def test_the_summing_up_entry_too() -> None:
    items = _items(MAX_EVIDENCE + 3)
    shown = evidence_entries(_document(items), URLS, _activities(items), "en")
    assert len(shown) == MAX_EVIDENCE + 1
    assert shown[-1]["name"] == "Other activities"
    assert shown[-1]["narrative"] == (f"3 more activities (6 h) from {date_text(FIRST, 'en')} "
                                      f"to {date_text(FIRST + timedelta(2), 'en')}.")


def test_an_entry_of_no_activity_is_shown_as_stated() -> None:
    items = _items(2)
    document = _document(items)
    shown = evidence_entries(document, URLS, _activities(items[:1]), "en")  # one voided since
    stated = document["evidence"]
    assert isinstance(stated, list)
    assert shown[0]["narrative"] == stated[0]["narrative"] and shown[0]["day"] is None
    assert shown[1]["name"] == "Participatory work site"
