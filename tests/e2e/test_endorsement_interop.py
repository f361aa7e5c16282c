"""An endorsement by a third party with its own key, judged by verifiers written by others
(offline, loopback HTTP only): the Digital Credentials Consortium's verifier-core accepts the
issued credential that carries it and, run separately, the embedded EndorsementCredential
(which @digitalbazaar/vc accepts too), whose issuer (the endorser's did:key) is not the badge's."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

from apprenance.clock import fixed_clock
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.services.issuing.endorsers import endorse, init_endorser
from conftest import FIXED_NOW
from external_verifiers import judge
from issue_world import issuing_catalog, make_issuer, open_store, run_issue, seed, serve_folder


def test_verifiers_accept_the_credential_and_its_embedded_endorsement(tmp_path: Path) -> None:
    public = tmp_path / "out" / "public"
    with serve_folder(public) as base:
        store = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
        cat, urls = issuing_catalog(), HostedUrls(base)
        issuer_keys, endorser_keys = KeyStore(tmp_path / "keys"), KeyStore(tmp_path / "ek")
        seed(store, cat)
        make_issuer(store, issuer_keys, urls)
        uga = init_endorser(store, endorser_keys, slug="uga", name="Université Grenoble Alpes",
                            urls=urls, clock=fixed_clock(FIXED_NOW), country="FR",
                            url="https://www.univ-grenoble-alpes.fr")
        endorse(store, endorser_keys, cat, endorser="uga", badge="faire-1", urls=urls,
                clock=fixed_clock(FIXED_NOW), comment="1 ECTS en licence professionnelle",
                rng=random.Random(3))
        run_issue(store, cat, issuer_keys, urls, tmp_path / "out")
        store.dispose()
        path = sorted((tmp_path / "out").glob("*/faire-1.ob3.json"))[0]  # ana's (bob's too)
        credential = json.loads(path.read_text(encoding="utf-8"))
        [endorsement] = credential["credentialSubject"]["achievement"]["endorsement"]
        assert endorsement["issuer"]["id"] == uga.did != credential["issuer"]["id"]
        forged = copy.deepcopy(endorsement)
        forged["credentialSubject"]["endorsementComment"] = "30 ECTS en master"
        verdicts = judge(tmp_path, {"credential": credential, "endorsement": endorsement,
                                    "forged": forged})
    for name in ("credential", "endorsement"):
        assert verdicts[name]["verifierCore"]["verified"], (name, verdicts[name])
    # verify.mjs gives @digitalbazaar/vc no status checker: the endorsement has no status
    assert verdicts["endorsement"]["digitalbazaar"]["verified"], verdicts["endorsement"]
    assert not verdicts["forged"]["verifierCore"]["verified"]
    assert not verdicts["forged"]["digitalbazaar"]["verified"]
