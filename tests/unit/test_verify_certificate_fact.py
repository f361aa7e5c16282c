"""The /verifier page's facts for a certificate: the PDF's own title comes first, labelled as
unsigned, before what the credential vouches for (fr/en); a credential that is not a PDF has
no such line."""

from __future__ import annotations

import pytest

from apprenance.credentials.verify.verifier import Report
from apprenance.web.verify_explain import facts

VOUCHES = {"holder": {"name": None, "id": None, "identifiers": [], "recipient": None},
           "achievements": [{"id": "urn:x", "name": "Parcours immersif", "type": None}],
           "issuer": {"id": "did:key:z6Mk", "name": "Collectif des Ressourceurs"},
           "issued": "2026-09-15T10:00:00Z", "valid_from": "2026-09-15T10:00:00Z",
           "valid_until": None, "status": None, "endorses": None, "name": None}


@pytest.mark.parametrize(("lang", "label"), [("fr", "Attestation (titre du PDF, non signé)"),
                                             ("en", "Certificate (the PDF's title, unsigned)")])
def test_the_certificate_title_is_shown_first_and_said_unsigned(lang: str, label: str) -> None:
    report = Report(source="lea.pdf")
    report.vouches = {**VOUCHES, "document": "Parcours immersif — Léa Marchand"}
    shown = facts(report, lang)
    assert (shown[0].name, shown[0].label, shown[0].value) == (
        "document", label, "Parcours immersif — Léa Marchand")
    names = [f.name for f in shown]
    assert {"achievement", "issuer", "issued"} <= set(names)
    report.vouches = dict(VOUCHES)
    assert "document" not in [f.name for f in facts(report, lang)]
