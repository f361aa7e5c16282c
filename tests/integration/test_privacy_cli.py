"""``apprenance learner export|erase`` through the real entry point; the salted recipient
identifiers (a new salt per credential); share links that expire and can be revoked."""

from __future__ import annotations

import json
import os
import stat
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from apprenance.clock import fixed_clock
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db.store import Store
from apprenance.errors import NotFound, StoreError
from apprenance.services.issuing.issue import get_credential
from apprenance.services.people import access
from apprenance.services.privacy import report as privacy
from apprenance.services.privacy.report import erase_learner, export_learner
from conftest import FIXED_NOW
from issue_world import issuing_catalog, make_issuer, run_issue, seed
from privacy_world import LEA, PASSPHRASE, build

URL = "http://127.0.0.1:9"
URL_OF = HostedUrls(URL)


@pytest.fixture
def world_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    build(tmp_path).app.close()
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", FIXED_NOW.isoformat())
    monkeypatch.setenv("APPRENANCE_PUBLIC_URL", URL)
    return tmp_path / "home"


def test_learner_export_and_erase_commands(cli: Any, world_home: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    home = world_home
    printed = cli("--home", home, "learner", "export", LEA.upper())
    assert printed.code == 0, printed.err
    document = printed.json()
    assert isinstance(document, dict) and document["learner"]["participant"] == LEA
    target = tmp_path / "export" / "lea.json"
    written = cli("--home", home, "learner", "export", LEA, "--out", target, "--json")
    assert written.code == 0 and written.json()["out"] == str(target)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert json.loads(target.read_text(encoding="utf-8"))["activities"] == document["activities"]
    human = cli("--home", home, "--lang", "en", "learner", "export", LEA, "--out", target)
    assert human.code == 0 and "exported to" in human.out
    assert cli("--home", home, "learner", "export", "nobody@x.org").code == 2

    refused = cli("--home", home, "learner", "erase", LEA)  # not a terminal: --yes needed
    assert refused.code == 2 and "--yes" in refused.err
    # the keys are encrypted: without the passphrase, nothing is changed
    out = home / "credentials"
    locked = cli("--home", home, "learner", "erase", LEA, "--yes", "--out", out)
    assert locked.code == 2 and "APPRENANCE_KEY_PASSPHRASE" in locked.err
    assert "Traceback" not in locked.err
    assert cli("--home", home, "learner", "export", LEA).code == 0
    monkeypatch.setenv("APPRENANCE_KEY_PASSPHRASE", PASSPHRASE)
    erased = cli("--home", home, "learner", "erase", LEA, "--yes", "--out", out, "--json")
    assert erased.code == 0, erased.err
    report = erased.json()
    assert isinstance(report, dict) and report["learner"].startswith("erased-")
    assert len(report["credentials_revoked"]) == len(
        [c for c in document["credentials"] if c["format"] == "ob3"])
    assert report["kept"]["activities"] == len(document["activities"])
    assert report["folders_removed"] and report["compacted"] is True
    assert any(f.startswith("uploads/") for f in report["files_to_review"])
    shown = cli("--home", home, "--lang", "en", "learner", "erase", "jonas.weber@example.org",
                "--yes")
    assert shown.code == 0 and "erased: now erased-" in shown.out
    assert "xAPI statements deleted" in shown.out and "to review" in shown.out
    gone = cli("--home", home, "learner", "export", LEA)
    assert gone.code == 2 and "no learner" in gone.err
    again = cli("--home", home, "--lang", "en", "learner", "erase", report["learner"], "--yes")
    assert again.code == 0 and "already erased" in again.out


def test_a_new_salt_for_every_recipient_identifier(db_store: Store, tmp_path: Path) -> None:
    """OB 3.0 identifiers and OB 2.0 recipients: each credential hashes the address with
    its own salt, so two credentials of one learner cannot be linked by their hashes."""
    store, cat = db_store, issuing_catalog()
    keys = KeyStore(tmp_path / "keys")
    seed(store, cat)
    make_issuer(store, keys, URL_OF)
    report = run_issue(store, cat, keys, URL_OF, None)
    document = export_learner(store, "ana@x.org", clock=fixed_clock(FIXED_NOW))
    ob3 = [c for c in document["credentials"] if c["format"] == "ob3"]
    assert len(ob3) == len([c for c in report.issued if c.learner == "ana@x.org"]) >= 3
    salts, hashes = [], []
    for cred in ob3:
        [ident] = cred["document"]["credentialSubject"]["identifier"]
        recipient = cred["ob2_assertion"]["recipient"]
        salts += [ident["salt"], recipient["salt"]]
        hashes += [ident["identityHash"], recipient["identity"]]
        assert len(ident["salt"]) >= 32 and "ana@x.org" not in json.dumps(cred["document"])
    assert len(set(salts)) == len(salts) and len(set(hashes)) == len(hashes)


def test_share_links_expire_and_can_be_revoked(db_store: Store) -> None:
    store = db_store
    seed(store, issuing_catalog())
    day0 = fixed_clock(FIXED_NOW)
    link = access.create_share_link(store, "ana@x.org", clock=day0, days=3)
    forever = access.create_share_link(store, "ana@x.org", clock=day0, days=None)
    assert access.resolve_share_link(store, link["token"], clock=day0) == "ana@x.org"
    later = fixed_clock(FIXED_NOW + timedelta(days=3, seconds=1))
    with pytest.raises(NotFound):
        access.resolve_share_link(store, link["token"], clock=later)
    assert [x["id"] for x in access.share_links_of(store, "ana@x.org", clock=later)] == [
        forever["id"]]
    assert access.resolve_share_link(store, forever["token"], clock=later) == "ana@x.org"
    access.revoke_share_link(store, "ana@x.org", forever["id"], clock=later)
    with pytest.raises(NotFound):
        access.resolve_share_link(store, forever["token"], clock=later)
    with pytest.raises(NotFound):  # not twice, and not someone else's
        access.revoke_share_link(store, "ana@x.org", forever["id"], clock=later)
    with pytest.raises(NotFound):
        access.revoke_share_link(store, "bob@x.org", link["id"], clock=later)


def test_an_interrupted_erasure_is_finished_by_running_it_again(
        db_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, cat, keys = db_store, issuing_catalog(), KeyStore(tmp_path / "keys")
    seed(store, cat)
    make_issuer(store, keys, URL_OF)
    issued = [c.credential_id for c in run_issue(store, cat, keys, URL_OF, None).issued
              if c.learner == "ana@x.org"]
    clock = fixed_clock(FIXED_NOW)

    def crash(*args: Any) -> None:
        raise StoreError("the database went away")

    monkeypatch.setattr(privacy, "_redact", crash)
    with pytest.raises(StoreError, match="finish with `apprenance learner erase erased-") as exc:
        erase_learner(store, keys, "ana@x.org", urls=URL_OF, clock=clock)
    pseudonym = str(exc.value).rsplit("erase ", 1)[1].strip("`")
    assert "proof" in get_credential(store, issued[0])["document"]  # not redacted yet
    monkeypatch.undo()
    done = erase_learner(store, keys, pseudonym, urls=URL_OF, clock=clock)
    assert done.resumed and done.learner == pseudonym and done.revoked == []
    assert all(get_credential(store, c)["revoked"] for c in issued)
    assert all("proof" not in get_credential(store, c)["document"] for c in issued)

