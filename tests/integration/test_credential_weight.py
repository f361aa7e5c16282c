"""Issue 19: credentials weigh what they must. Images are referenced by their hosted URL (the
artwork and the issuer's image hosted once), never carried as ``data:`` URIs in each
credential, each endorsement or each credential a CLR bundles; the baked image stays the
self-contained form; verification fetches no image."""

from __future__ import annotations

import base64
import json
import random
from datetime import date
from pathlib import Path

from apprenance.clock import fixed_clock
from apprenance.credentials.images.badge_png import badge_png
from apprenance.credentials.images.unbake import unbake
from apprenance.credentials.trust.data_integrity import check_proof
from apprenance.credentials.trust.keys import KeyStore, public_key_from_multibase
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.services.issuing.clr_records import build_clr
from apprenance.services.issuing.hosted import Sources, resolve
from apprenance.services.issuing.issue import get_credential
from apprenance.services.issuing.issuers import init_issuer
from apprenance.services.verify import verify_one
from builders import add_activity
from conftest import FIXED_NOW
from issue_world import ARTWORK, issuing_catalog, make_issuer, open_store, run_issue, seed

URLS = HostedUrls("http://127.0.0.1:9")
LOGO = badge_png(ARTWORK / "faire-1.svg")  # the issuer's image, given as a data: URI
LOGO_URI = "data:image/png;base64," + base64.b64encode(LOGO).decode("ascii")


def _verifies(document: dict[str, object]) -> bool:
    proof = document["proof"]
    assert isinstance(proof, dict)
    multibase = str(proof["verificationMethod"]).split("#")[1]
    return bool(check_proof(document, proof, public_key_from_multibase(multibase)).valid)


def _images(document: object) -> list[str]:
    """Every ``image.id`` in a JSON document, however deep (credentials, endorsements...)."""
    found: list[str] = []
    if isinstance(document, dict):
        image = document.get("image")
        if isinstance(image, dict) and isinstance(image.get("id"), str):
            found.append(image["id"])
        for value in document.values():
            found.extend(_images(value))
    elif isinstance(document, list):
        for value in document:
            found.extend(_images(value))
    return found


def _world(db_url: str, tmp_path: Path) -> tuple[Store, Catalog, KeyStore, Path]:
    store, cat, keys = open_store(db_url), issuing_catalog(), KeyStore(tmp_path / "keys")
    seed(store, cat)
    init_issuer(store, keys, slug="collectif", name="Collectif des Ressourceurs", urls=URLS,
                clock=fixed_clock(FIXED_NOW), image=LOGO_URI)
    out = tmp_path / "out"
    run_issue(store, cat, keys, URLS, out)
    return store, cat, keys, out


def test_images_are_hosted_once_and_credentials_point_to_them(db_url: str,
                                                               tmp_path: Path) -> None:
    store, cat, keys, out = _world(db_url, tmp_path)
    text = (out / "1-ana@x.org" / "faire-1.ob3.json").read_text()
    signed = json.loads(text)
    assert "data:" not in text  # neither the artwork nor the issuer's logo inline
    achievement = signed["credentialSubject"]["achievement"]
    assert achievement["image"]["id"] == "http://127.0.0.1:9/images/badges/faire-1.svg"
    assert signed["issuer"]["image"]["id"] == "http://127.0.0.1:9/issuers/collectif/image.png"
    assert signed["endorsement"], "the seed has an attested activity"
    assert set(_images(signed["endorsement"])) == {signed["issuer"]["image"]["id"]}
    # hosted once, in the public tree and by the server, byte for byte
    public = out / "public"
    artwork = (ARTWORK / "faire-1.svg").read_bytes()
    assert (public / "images/badges/faire-1.svg").read_bytes() == artwork
    assert (public / "issuers/collectif/image.png").read_bytes() == LOGO
    src = Sources(store, cat, keys, URLS)
    assert resolve(src, "/images/badges/faire-1.svg").body == artwork
    served_logo = resolve(src, "/issuers/collectif/image.png")
    assert served_logo.body == LOGO and served_logo.media_type == "image/png"
    hosted_achievement = resolve(src, "/achievements/faire-1.fr.json").body
    assert isinstance(hosted_achievement, dict)
    assert hosted_achievement["image"] == achievement["image"]
    # the baked PNG is the self-contained form: the picture with the credential inside
    baked = unbake((out / "1-ana@x.org" / "faire-1.png").read_bytes())
    assert baked is not None and json.loads(baked.text) == signed
    store.dispose()


def test_verification_fetches_no_image(db_url: str, tmp_path: Path) -> None:
    store, _, _, out = _world(db_url, tmp_path)
    fetched: list[str] = []

    def offline(url: str) -> bytes:  # the public tree, as a static server would answer
        fetched.append(url)
        return (out / "public" / URLS.path_of(url.split("#", 1)[0])).read_bytes()

    data = (out / "1-ana@x.org" / "faire-1.ob3.json").read_bytes()
    report = verify_one("faire-1.ob3.json", fetcher=offline, clock=fixed_clock(FIXED_NOW),
                        data=data)
    assert report.verified, report.to_dict()
    assert fetched and not [u for u in fetched if "/image" in u]
    store.dispose()


def test_the_clr_carries_no_image_data(db_url: str, tmp_path: Path) -> None:
    store, cat, keys, _ = _world(db_url, tmp_path)
    record = build_clr(store, cat, keys, "ana@x.org", pathway="parcours",
                       urls=URLS, clock=fixed_clock(FIXED_NOW), out=tmp_path / "clr.json",
                       rng=random.Random(3))
    text = (tmp_path / "clr.json").read_text()
    assert record.credentials == 4
    assert "data:" not in text  # before: each nested credential re-carried each image
    images = _images(json.loads(text))
    assert images and all(i.startswith("http://127.0.0.1:9/") for i in images)
    store.dispose()


def test_one_endorsement_per_endorser_whatever_the_attested_activities(db_store: Store,
                                                                         tmp_path: Path) -> None:
    """Two activities attested by the same resident: one signed endorsement naming both days
    (before: one signed EndorsementCredential per attestation, 60 % of the demo's weight)."""
    store, cat, keys = db_store, issuing_catalog(), KeyStore(tmp_path / "keys")
    add_activity(store, cat, participant="ana@x.org", day=date(2025, 2, 20), hours=3,
                 witness="marie.dupont@village.fr", witness_role="habitant")
    add_activity(store, cat, participant="ana@x.org", day=date(2025, 2, 22), hours=1,
                 witness="paul@mairie.fr", witness_role="elu")
    seed(store, cat)
    make_issuer(store, keys, URLS)
    report = run_issue(store, cat, keys, URLS, None, badge="faire-1")
    ana = next(c for c in report.issued if c.learner == "ana@x.org")
    doc = get_credential(store, ana.credential_id)["document"]
    by_name = {e["credentialSubject"]["endorsementComment"].split(" ")[0]: e
               for e in doc["endorsement"]}
    assert sorted(by_name) == ["marie.dupont", "paul"]
    lines = by_name["marie.dupont"]["credentialSubject"]["endorsementComment"].split("\n")
    assert len(lines) == 2 and "2025-02-20" in lines[0] and "2025-03-01" in lines[1]
    assert "2 activités" in by_name["marie.dupont"]["description"]
    assert all(_verifies(e) for e in doc["endorsement"])
