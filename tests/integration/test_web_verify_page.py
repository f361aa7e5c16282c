"""The verification page tells the truth (issue 19): the headline and each failed check name the
check that actually failed, in the page's language (no English detail inside a French page);
"revoked" only when the status check says so; what the credential vouches for is shown, and
the same on the JSON API."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest

from apprenance.credentials.trust.keys import key_from_seed
from apprenance.errors import NotFound
from credential_world import (
    LEARNER_EMAIL,
    sample_credential,
    signed,
    status_entry,
    status_list_credential,
)
from web_world import LEA, World, build_world

OTHER_KEY = key_from_seed(bytes(range(90, 122)))
LIST_URL = "https://lists.example.org/status/1"
# English sentences of the verifier that must never appear inside a French page
ENGLISH = ["the signature does not match", "The signature does not match", "not revoked",
           "is issued by", "The issuer has revoked it", "valid from", "expired on",
           "proof verified with", "the first context is", "an Open Badges 3.0 credential",
           "every term is defined", "Checks that failed", "What the credential states"]


def _lists(url: str) -> bytes:
    if url == LIST_URL:  # a status list signed by someone else than the credential's issuer
        return json.dumps(status_list_credential(LIST_URL, [], key=OTHER_KEY)).encode()
    if url == "https://lists.example.org/.well-known/did.json":  # lists no key at all
        return json.dumps({"@context": ["https://www.w3.org/ns/did/v1"],
                           "id": "did:web:lists.example.org"}).encode()
    raise NotFound(f"no {url}")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    w = build_world(tmp_path_factory.mktemp("verify-page"))
    issued = w.client.post("/api/v1/credentials/issue", headers=w.headers("coordinator"),
                           json={})
    assert issued.status_code == 200 and issued.json()["issued"] >= 1, issued.text
    w.app.extra_fetcher = _lists  # type: ignore[attr-defined]
    return w


def _issued(world: World, index: int = 0) -> dict[str, Any]:
    found = world.client.get(f"/api/v1/learners/{LEA}/credentials",
                             headers=world.headers("learner")).json()
    cred = [c for c in found if c["format"] == "ob3"][index]
    cid = str(cred["id"]).removeprefix("urn:uuid:")
    document = world.client.get(f"/api/v1/credentials/{cid}/json",
                                headers=world.headers("learner")).json()
    assert isinstance(document, dict)
    return document


def _page(world: World, document: dict[str, Any], lang: str, recipient: str = "") -> str:
    response = world.client.post(
        f"/verifier?lang={lang}", data={"recipient": recipient},
        files={"file": ("badge.json", json.dumps(document).encode(), "application/json")})
    assert response.status_code == 200, response.text
    return response.text


def _verdict(page: str) -> str:
    found = re.search(r'<div class="verdict[^>]*>(.*?)</div>', page, re.S)
    assert found, page
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(1)))


def _failed_lines(page: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", " ", m)) for m in
            re.findall(r'<li class="failed"[^>]*>(.*?)</li>', page, re.S)]


def _tampered(world: World) -> dict[str, Any]:
    document = json.loads(json.dumps(_issued(world)))
    document["credentialSubject"]["achievement"]["name"] = "Faux badge"
    return document


def test_a_tampered_signature_names_the_signature_not_revocation(world: World) -> None:
    fr = _page(world, _tampered(world), "fr")
    verdict = _verdict(fr)
    assert "«\u00a0signature\u00a0»" in verdict and "révoqu" not in verdict, verdict
    failed = _failed_lines(fr)
    assert len(failed) == 1 and "signature" in failed[0], failed
    assert "La signature ne correspond pas" in failed[0]
    assert "la signature ne correspond pas à la preuve" in failed[0]  # the translated detail
    for phrase in ENGLISH:
        assert phrase not in fr, phrase
    en = _verdict(_page(world, _tampered(world), "en"))
    assert "“signature” check failed" in en and "revoked" not in en, en


def test_a_status_list_of_another_issuer_is_not_called_a_revocation(world: World) -> None:
    credential = signed(sample_credential(status=status_entry(LIST_URL, 7)))
    fr = _page(world, credential, "fr")
    verdict = _verdict(fr)
    assert "«\u00a0statut\u00a0»" in verdict and "révoqué" not in verdict, verdict
    failed = _failed_lines(fr)
    assert len(failed) == 1 and "n'a pas pu être établi" in failed[0], failed
    assert "pas par l'émetteur de la preuve" in failed[0]
    assert "L'émetteur l'a révoqué" not in fr
    for phrase in ENGLISH:
        assert phrase not in fr, phrase
    en = _page(world, credential, "en")
    assert "“status” check failed" in _verdict(en) and "has revoked" not in en


def test_an_expired_credential_says_expired(world: World) -> None:
    credential = sample_credential()
    credential["validFrom"], credential["validUntil"] = ("2025-01-01T00:00:00Z",
                                                         "2026-06-30T00:00:00Z")
    fr = _page(world, signed(credential), "fr")
    assert "il a expiré le 30\u00a0juin 2026" in _verdict(fr), _verdict(fr)
    assert "Le badge a expiré." in fr and "révoqué" not in _verdict(fr)
    for phrase in ENGLISH:
        assert phrase not in fr, phrase
    en = _page(world, signed(credential), "en")
    assert "it expired on 30\u00a0June 2026" in _verdict(en)


def test_a_revoked_credential_says_revoked_and_the_facts_show_it(world: World) -> None:
    document = _issued(world, -1)
    cid = str(document["id"]).removeprefix("urn:uuid:")
    done = world.client.post(f"/api/v1/credentials/{cid}/revoke", json={"reason": "erreur"},
                             headers=world.headers("coordinator"))
    assert done.status_code == 200, done.text
    fr = _page(world, document, "fr")
    assert "l'émetteur l'a révoqué" in _verdict(fr), _verdict(fr)
    assert "L'émetteur l'a révoqué." in _failed_lines(fr)[0]
    assert re.search(r"<dt>Statut</dt><dd>révoqué</dd>", fr), fr
    en = _page(world, document, "en")
    assert "the issuer has revoked it" in _verdict(en)
    api = world.client.post("/api/v1/verify/credential?lang=fr", json=document).json()
    assert api["failed_checks"] == ["status"] and api["vouches_for"]["status"] == "revoked"
    status = next(c for c in api["checks"] if c["check"] == "status")
    assert status["text"].startswith("révoqué") and status["message"].startswith("revoked")


def test_a_valid_credential_shows_what_it_vouches_for(world: World) -> None:
    document = _issued(world)
    fr = _page(world, document, "fr")
    assert "authentique et valide" in _verdict(fr)
    facts = html.unescape(fr[fr.index('id="facts"'):fr.index('id="checks"')])
    assert "Communauté de communes du Val de Serre" in facts
    assert document["issuer"]["id"] in facts
    badge = document["credentialSubject"]["achievement"]["name"]
    assert badge in facts and "<dt>Titulaire</dt>" in facts and "<dt>Délivré le</dt>" in facts
    for phrase in ENGLISH:
        assert phrase not in fr, phrase
    en = _page(world, document, "en")
    assert "<dt>Holder</dt>" in en and "<dt>Issuer</dt>" in en and "genuine and valid" in en


def test_the_recipient_field_says_whether_it_matches(world: World) -> None:
    credential = signed(sample_credential())
    good = _page(world, credential, "fr", recipient=LEARNER_EMAIL)
    assert "correspond à l'adresse indiquée" in html.unescape(good)
    assert "authentique et valide" in _verdict(good)
    bad = _page(world, credential, "fr", recipient="quelqu.un@example.org")
    assert "ne correspond PAS à l'adresse indiquée" in html.unescape(bad)
    assert "«\u00a0titulaire\u00a0»" in _verdict(bad), _verdict(bad)
    api = world.client.post("/api/v1/verify", data={"recipient": "quelqu.un@example.org"},
                            files={"file": ("c.json", json.dumps(credential).encode())}).json()
    assert api["vouches_for"]["holder"]["recipient"] == "mismatch"
    assert api["failed_checks"] == ["recipient"]


def test_an_unreadable_file_says_so(world: World) -> None:
    response = world.client.post("/verifier?lang=fr",
                                 files={"file": ("x.txt", b"pas un badge", "text/plain")})
    assert "ne contient pas de badge lisible" in _verdict(response.text)
    assert 'id="facts"' not in response.text


def test_a_key_the_issuer_does_not_list_is_explained_in_french(world: World) -> None:
    issuer = "did:web:lists.example.org"
    credential = signed(sample_credential(issuer), vm=f"{issuer}#key-1")
    fr = html.unescape(_page(world, credential, "fr"))
    assert "«\u00a0signature\u00a0»" in _verdict(fr) and "révoqu" not in _verdict(fr)
    assert f"{issuer} ne déclare pas la clé {issuer}#key-1" in fr
    assert "does not list the key" not in fr


def test_a_forged_vc_jwt_is_explained_in_french(world: World) -> None:
    from apprenance.credentials.trust import jwt

    found = world.client.get(f"/api/v1/learners/{LEA}/credentials",
                             headers=world.headers("learner")).json()
    cid = str(next(c for c in found if c["format"] == "ob3")["id"]).removeprefix("urn:uuid:")
    token = world.client.get(f"/api/v1/credentials/{cid}/jwt",
                             headers=world.headers("learner")).text.strip()
    signing_input = token.rsplit(".", 1)[0]
    forged = signing_input + "." + jwt.b64url(OTHER_KEY.sign(signing_input.encode()))
    response = world.client.post("/verifier?lang=fr",
                                 files={"file": ("badge.jwt", forged.encode(), "text/plain")})
    fr = html.unescape(response.text)
    assert "«\u00a0signature\u00a0»" in _verdict(fr) and "révoqu" not in _verdict(fr)
    assert "la signature du JWT ne correspond pas" in fr
    assert "the JWT signature does not match" not in fr


def test_several_failed_checks_are_all_named(world: World) -> None:
    response = world.client.post("/verifier?lang=fr",
                                 files={"file": ("x.json", b"{}", "application/json")})
    assert ("échec des contrôles «\u00a0contexte\u00a0» et «\u00a0signature\u00a0»"
            in _verdict(response.text))


@pytest.mark.parametrize(("header", "lang"), [
    ("en-GB,en;q=0.9", "en"), ("fr-FR,fr;q=0.9,en;q=0.8", "fr"), ("de-DE,en;q=0.5", "en"),
    ("de", "fr"), ("en;q=0.2,fr;q=0.8", "fr"), ("", "fr"),
])
def test_the_page_follows_the_browser_language(world: World, header: str, lang: str) -> None:
    page = world.client.get("/verifier", headers={"accept-language": header})
    assert f'<html lang="{lang}">' in page.text
    chosen = world.client.get("/verifier?lang=fr", headers={"accept-language": header})
    assert '<html lang="fr">' in chosen.text  # ?lang= wins
