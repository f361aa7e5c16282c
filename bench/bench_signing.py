"""Signing and verification speed, per credential, on one typical Open Badges 3.0 credential:

* ours: ``data_integrity.sign`` (eddsa-rdfc-2022, the undefined-term check included) and
  ``services.verify.verify_one`` (parse, terms, signature, issuer key, window, structure);
* PyLD baseline, same run: PyLD canonicalization + the naive expand/compact term check, and
  PyLD canonicalization for verification;
* the DCC JavaScript issuer (@digitalcredentials/vc) and verifier-core, same credential, when
  ``tests/interop/node_modules`` is installed (``make interop-deps``).

Run: ``.venv/bin/python bench/bench_signing.py [ROUNDS]``. Prints medians in milliseconds."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe

from apprenance.clock import fixed_clock
from apprenance.credentials.jsonld.canonical import canonicalize_pyld
from apprenance.credentials.jsonld.contexts import OB_V3, VC_V2
from apprenance.credentials.jsonld.terms import undefined_terms_roundtrip
from apprenance.credentials.trust import data_integrity as di
from apprenance.credentials.trust.did import did_key, did_key_vm
from apprenance.credentials.trust.fetchers import refuse
from apprenance.credentials.trust.keys import b58encode, key_from_seed
from apprenance.credentials.verify.structure import identity_hash
from apprenance.services.verify import verify_one

REPO = Path(__file__).resolve().parents[1]
INTEROP = REPO / "tests" / "interop"
KEY = key_from_seed(bytes([7]) * 32)
ISSUER = did_key(KEY.public_multibase)
VM = did_key_vm(KEY.public_multibase)
NOW = datetime(2026, 9, 15, 10, 0, tzinfo=UTC)


def typical_credential(number: int) -> dict[str, Any]:
    """An OB 3.0 credential shaped like apprenance's: alignments, results, evidence."""
    base = "https://combes.example.org"
    return {
        "@context": [VC_V2, OB_V3],
        "id": f"urn:uuid:00000000-0000-4000-8000-{number:012d}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": ISSUER, "type": ["Profile"], "name": "Collectif des Combes",
                   "url": base, "email": "contact@combes.example.org"},
        "validFrom": "2026-09-01T00:00:00Z", "validUntil": "2031-09-01T00:00:00Z",
        "name": "Animer un jardin partagé",
        "description": "Reconnaissance des apprentissages menés au jardin partagé des Combes.",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityType": "emailAddress",
                            "hashed": True, "salt": f"salt{number}",
                            "identityHash": identity_hash(f"learner{number}@example.org",
                                                          f"salt{number}")}],
            "activityStartDate": "2026-03-01T00:00:00Z",
            "activityEndDate": "2026-08-30T00:00:00Z",
            "creditsEarned": 2.5,
            "achievement": {
                "id": f"{base}/badges/jardin", "type": ["Achievement"],
                "name": "Jardin partagé", "achievementType": "Competency",
                "description": "A animé un jardin partagé pendant une saison complète.",
                "criteria": {"id": f"{base}/badges/jardin#criteria",
                             "narrative": "40 heures attestées dont 10 d'animation."},
                "creditsAvailable": 2.5, "inLanguage": "fr",
                "image": {"id": f"{base}/badges/jardin.png", "type": "Image"},
                "alignment": [
                    {"type": ["Alignment"], "targetName": name, "targetFramework": "ESCO",
                     "targetUrl": f"https://esco.example.org/skill/{code}", "targetCode": code,
                     "targetType": "ext:ESCO"}
                    for code, name in (("S1.0", "Collaborer"), ("S2.3", "Cultiver"),
                                       ("T4.1", "Animer un groupe"))],
            },
            "result": [{"type": ["Result"], "value": f"{10 + i}.5",
                        "resultDescription": f"{base}/badges/jardin#pilier{i}"}
                       for i in range(6)],
        },
        "evidence": [{"id": f"{base}/activities/{number}-{i}", "type": ["Evidence"],
                      "name": f"Activité {i}", "narrative": f"Atelier de plantation n°{i}.",
                      "genre": "activity"} for i in range(5)],
    }


def median_ms(action: Callable[[int], Any], rounds: int, warmup: int = 20) -> float:
    times = []
    for i in range(rounds + warmup):
        start = time.perf_counter()
        action(i)
        if i >= warmup:
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def pyld_sign(credential: dict[str, Any]) -> dict[str, Any]:
    """The plain way: the naive term check, then PyLD canonicalization of both parts."""
    assert not undefined_terms_roundtrip(credential)
    options = di.proof_options(VM, NOW)
    config = {**options, "@context": credential["@context"]}
    data = (di._digest(canonicalize_pyld(config))
            + di._digest(canonicalize_pyld(credential)))
    return {**credential, "proof": {**options, "proofValue": "z" + b58encode(KEY.sign(data))}}


def pyld_verify(signed: dict[str, Any]) -> None:
    proof = signed["proof"]
    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    config["@context"] = signed["@context"]
    data = di._digest(canonicalize_pyld(config)) + di._digest(canonicalize_pyld(unsigned))
    from apprenance.credentials.trust.keys import multibase_decode

    KEY.public.verify(multibase_decode(proof["proofValue"]), data)


def dcc_figures(rounds: int) -> dict[str, Any] | None:
    if not (INTEROP / "node_modules").is_dir() or shutil.which("node") is None:
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(typical_credential(0), handle, ensure_ascii=False)
    done = subprocess.run(["node", str(INTEROP / "bench.mjs"), handle.name, str(rounds)],
                          capture_output=True, text=True, timeout=600, check=False)
    Path(handle.name).unlink()
    if done.returncode != 0:
        print(done.stderr[-1500:], file=sys.stderr)
        return None
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    credentials = [typical_credential(i) for i in range(rounds + 20)]
    signed = [di.sign(c, KEY, VM, created=NOW) for c in credentials]
    blobs = [json.dumps(s, ensure_ascii=False).encode() for s in signed]
    clock = fixed_clock(NOW)
    assert verify_one("bench", fetcher=refuse, clock=clock, data=blobs[0]).verified

    sign_ms = median_ms(lambda i: di.sign(credentials[i], KEY, VM, created=NOW), rounds)
    verify_ms = median_ms(
        lambda i: verify_one("bench", fetcher=refuse, clock=clock, data=blobs[i]), rounds)
    pyld_rounds = max(20, rounds // 5)
    pyld_sign_ms = median_ms(lambda i: pyld_sign(credentials[i]), pyld_rounds, warmup=3)
    pyld_verify_ms = median_ms(lambda i: pyld_verify(signed[i]), pyld_rounds, warmup=3)
    dcc = dcc_figures(rounds)

    size = len(blobs[0])
    print(f"# Signing and verification, one OB 3.0 credential ({size} bytes signed)")
    print(f"machine: {describe()}")
    print(f"rounds: {rounds} (PyLD baseline: {pyld_rounds}); medians per credential")
    print(f"ours   sign eddsa-rdfc-2022 + term check : {sign_ms:7.3f} ms")
    print(f"ours   verify (all checks, did:key)      : {verify_ms:7.3f} ms")
    print(f"PyLD   sign + naive term check           : {pyld_sign_ms:7.3f} ms")
    print(f"PyLD   verify (canonicalize + check sig) : {pyld_verify_ms:7.3f} ms")
    if dcc is None:
        print("DCC    (not measured: run `make interop-deps`)")
        return
    print(f"DCC    @digitalcredentials/vc issue      : {dcc['issue_ms']:7.3f} ms")
    print(f"DCC    verifier-core verify              : {dcc['verify_ms']:7.3f} ms "
          f"({dcc['verified']}/{dcc['rounds']} verified)")
    print(f"ratios: sign {dcc['issue_ms'] / sign_ms:.1f}x faster than DCC issue "
          f"(target >= 2x), verify {dcc['verify_ms'] / verify_ms:.1f}x faster than "
          f"verifier-core (target >= 1x); vs PyLD: sign {pyld_sign_ms / sign_ms:.1f}x, "
          f"verify {pyld_verify_ms / verify_ms:.1f}x")


if __name__ == "__main__":
    main()
