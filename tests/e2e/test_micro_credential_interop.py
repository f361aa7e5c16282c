"""The example pathway's OB 3.0 credential, now carrying the micro-credential elements
(learning outcomes and EQF level as alignments, the other elements in the criteria, the
issuer's country in its address), judged by the Digital Credentials Consortium's verifier
(verifier-core: proof, issuer, status list served on loopback), offline."""

from __future__ import annotations

import json
import random
from pathlib import Path

from apprenance.clock import fixed_clock
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.services.issuing.issue import issue
from certificate_fixtures import ISSUED, example_store, real_catalog
from external_verifiers import judge
from issue_world import make_issuer, serve_folder

KARIM = "karim.benali@example.org"


def test_the_pathway_credential_with_its_elements_verifies(tmp_path: Path, home: Path) -> None:
    catalog = real_catalog(home)
    store = example_store(f"sqlite:///{tmp_path / 'store.sqlite3'}", catalog,
                          participants={KARIM})
    out = tmp_path / "out"
    with serve_folder(out / "public") as base:
        keys, urls = KeyStore(tmp_path / "keys"), HostedUrls(base)
        make_issuer(store, keys, urls)
        report = issue(store, catalog, keys, urls=urls, clock=fixed_clock(ISSUED), out=out,
                       participant=KARIM, rng=random.Random(3))
        store.dispose()
        assert report.issued, report.problems
        documents = {path.name.removesuffix(".ob3.json"): json.loads(path.read_text())
                     for path in sorted(out.glob("*/*.ob3.json"))
                     if path.name.startswith(("immersion-1an", "faire-2"))}
        pathway = documents["immersion-1an"]
        achievement = pathway["credentialSubject"]["achievement"]
        assert achievement["tag"] == ["micro-credential"]
        assert sum(a["targetType"] == "ext:LearningOutcome" for a in achievement["alignment"]) == 3
        assert "### Micro-certification" in achievement["criteria"]["narrative"] or \
            "### Micro-credential" in achievement["criteria"]["narrative"]
        assert pathway["issuer"]["address"]["addressCountryCode"] == "FR"
        verdicts = judge(tmp_path, documents)
    for name, verdict in verdicts.items():
        assert verdict["verifierCore"]["verified"], (name, verdict)
