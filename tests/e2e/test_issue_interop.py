"""What we issue, judged by tools written by others, offline (loopback HTTP only):
verifier-core and @digitalbazaar/vc (with a Bitstring Status List check) for Open Badges 3.0,
1EdTech's badgecheck (its own venv) for Open Badges 2.0, hosted and baked."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from apprenance.clock import fixed_clock
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.services.issuing.clr_records import build_clr
from apprenance.services.issuing.revocation import revoke
from conftest import FIXED_NOW
from external_verifiers import INTEROP, badgecheck, judge
from issue_world import issuing_catalog, make_issuer, open_store, run_issue, seed, serve_folder


def _status_judge(tmp_path: Path, credentials: dict[str, dict[str, Any]]) -> dict[str, Any]:
    files = []
    for name, credential in credentials.items():
        path = tmp_path / f"s-{name}.json"
        path.write_text(json.dumps(credential, ensure_ascii=False), encoding="utf-8")
        files.append(str(path))
    done = subprocess.run(["node", str(INTEROP / "verify_status.mjs"), *files],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return {Path(r["file"]).stem.removeprefix("s-"): r["digitalbazaar"]
            for r in json.loads(done.stdout)}


def _issued(tmp_path: Path, base: str, did_method: str) -> tuple[Any, Any, Any, Path]:
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    cat, keys, urls = issuing_catalog(), KeyStore(tmp_path / "keys"), HostedUrls(base)
    seed(store, cat)
    make_issuer(store, keys, urls, did_method=did_method)
    out = tmp_path / "out"
    run_issue(store, cat, keys, urls, out)
    return store, keys, urls, out


def _documents(out: Path) -> dict[str, dict[str, Any]]:
    found = {}
    for path in sorted(out.glob("*/*.ob3.json")):
        doc = json.loads(path.read_text())
        found[f"{path.parent.name.split('-')[0]}-{path.name.removesuffix('.ob3.json')}"] = doc
        for i, endorsement in enumerate(doc.get("endorsement", [])):
            found[f"{path.parent.name.split('-')[0]}-{path.name[:-9]}-endorsement{i}"] = \
                endorsement
    return found


@pytest.mark.parametrize("did_method", ["key", "web"])
def test_every_issued_credential_verifies_and_a_revoked_one_fails_on_status(
    tmp_path: Path, did_method: str
) -> None:
    public = tmp_path / "out" / "public"
    with serve_folder(public) as base:
        store, keys, urls, out = _issued(tmp_path, base, did_method)
        documents = _documents(out)
        assert len(documents) == 10  # 6 credentials, 4 endorsements of the attested activity
        verdicts = judge(tmp_path, documents)
        status = _status_judge(tmp_path, documents)
        for name in documents:
            assert verdicts[name]["verifierCore"]["verified"], (name, verdicts[name])
            assert status[name]["verified"], (name, status[name])
        target = documents["1-faire-1"]
        revoke(store, keys, target["id"], reason="test", urls=urls,
               clock=fixed_clock(FIXED_NOW), out=out)
        after = judge(tmp_path, {"revoked": target, "other": documents["1-alim"]})
        after_status = _status_judge(tmp_path, {"revoked": target, "other": documents["1-alim"]})
        store.dispose()
    assert not after["revoked"]["verifierCore"]["verified"]
    assert "revocation_status" in after["revoked"]["verifierCore"]["errors"]
    assert not after_status["revoked"]["verified"]
    assert "revocation" in " ".join(after_status["revoked"]["errors"])
    assert after["other"]["verifierCore"]["verified"] and after_status["other"]["verified"]


def _set(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(document)
    node = out
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return out


def test_tampering_with_issued_fields_makes_both_verifiers_fail(tmp_path: Path) -> None:
    with serve_folder(tmp_path / "out" / "public") as base:
        store, _, _, out = _issued(tmp_path, base, "key")
        doc = _documents(out)["1-faire-1"]
        subject = ("credentialSubject",)
        cases = {
            "result": _set(doc, (*subject, "result", 1, "value"), "600"),
            "name": _set(doc, (*subject, "achievement", "name"), "Expert"),
            "credits": _set(doc, (*subject, "creditsEarned"), 30.0),
            "until": _set(doc, ("validUntil",), "2099-01-01T00:00:00Z"),
            "evidence": _set(doc, ("evidence", 0, "narrative"), "100 h"),
            "status": _set(doc, ("credentialStatus", "statusListIndex"), "1"),
            "hash": _set(doc, (*subject, "identifier", 0, "salt"), "00"),
            "endorsement": _set(doc, ("endorsement", 0, "credentialSubject",
                                      "endorsementComment"), "Bravo !"),
        }
        verdicts = judge(tmp_path, cases)
        store.dispose()
    for name, verdict in verdicts.items():
        assert not verdict["verifierCore"]["verified"], name
        assert not verdict["digitalbazaar"]["verified"], name


def test_the_clr_verifies_with_digitalbazaar(tmp_path: Path) -> None:
    with serve_folder(tmp_path / "out" / "public") as base:
        store, keys, urls, _ = _issued(tmp_path, base, "key")
        record = build_clr(store, issuing_catalog(), keys, "ana@x.org", pathway="parcours",
                           urls=urls, clock=fixed_clock(FIXED_NOW))
        status = _status_judge(tmp_path, {"clr": record.document})
        store.dispose()
    assert status["clr"]["verified"], status


def test_ob2_assertions_validate_with_badgecheck_hosted_and_baked(tmp_path: Path) -> None:
    with serve_folder(tmp_path / "out" / "public") as base:
        store, keys, urls, out = _issued(tmp_path, base, "key")
        folder = out / "1-ana@x.org"
        assertion = json.loads((folder / "faire-1.ob2.json").read_text())
        inputs = [assertion["id"], str(folder / "faire-1.ob2.png"),
                  str(folder / "faire-1.ob2.svg")]
        good = badgecheck("ana@x.org", inputs)
        wrong = badgecheck("eve@x.org", [assertion["id"]])
        revoke(store, keys, assertion["id"], reason="fraude", urls=urls,
               clock=fixed_clock(FIXED_NOW), out=out)
        revoked = badgecheck("ana@x.org", [assertion["id"]])
        store.dispose()
    for verdict in good:
        assert verdict["valid"] and not verdict["revoked"], verdict
    assert not wrong[0]["valid"]
    # badgecheck does not fail a revoked hosted assertion: we check the flag ourselves
    assert revoked[0]["revoked"]
