"""`apprenance verify` fetching over loopback HTTP: did:web documents, status lists, and a URL
given as the input."""

from __future__ import annotations

import json

from apprenance.clock import fixed_clock
from apprenance.credentials.trust.did import did_web_document, did_web_from_url, resolve_key
from apprenance.credentials.trust.fetchers import HttpFetcher, caching
from apprenance.services.verify import verify_one
from conftest import FIXED_NOW
from credential_world import (
    ISSUER_KEY,
    loopback_server,
    sample_credential,
    signed,
    status_entry,
    status_list_credential,
)


def test_did_web_and_status_lists_over_loopback_http() -> None:
    routes: dict[str, bytes] = {}
    with loopback_server(routes) as base:
        did = did_web_from_url(base.replace("http://", "https://") + "/issuers/combes")
        vm = f"{did}#{ISSUER_KEY.public_multibase}"
        routes["/issuers/combes/did.json"] = json.dumps(
            did_web_document(did, [ISSUER_KEY.public_multibase])).encode()
        list_url = f"{base}/status/1"
        routes["/status/1"] = json.dumps(status_list_credential(list_url, [7], vm=vm)).encode()
        fetcher = caching(HttpFetcher(loopback_only=True, loopback_plain_http=True))
        assert resolve_key(vm, fetcher).controller == did
        clock = fixed_clock(FIXED_NOW)
        for index, expected in ((3, "ok"), (7, "revoked")):
            credential = signed(sample_credential(did, status=status_entry(list_url, index)),
                                vm=vm)
            data = json.dumps(credential).encode()
            report = verify_one("c.json", fetcher=fetcher, clock=clock, data=data)
            assert (report.signature, report.status) == ("valid", expected), report.checks
        tampered = status_list_credential(list_url, [], vm=vm)
        tampered["credentialSubject"]["encodedList"] = status_list_credential(
            list_url, [3], vm=vm)["credentialSubject"]["encodedList"]
        routes["/status/1"] = json.dumps(tampered).encode()
        credential = signed(sample_credential(did, status=status_entry(list_url, 3)), vm=vm)
        report = verify_one("c.json", fetcher=HttpFetcher(loopback_only=True,
                            loopback_plain_http=True), clock=clock,
                            data=json.dumps(credential).encode())
        assert report.status == "error" and not report.verified


def test_a_url_input_is_fetched_through_the_fetcher() -> None:
    routes = {"/c.json": json.dumps(signed(sample_credential())).encode(), "/empty": b""}
    with loopback_server(routes) as base:
        fetcher = HttpFetcher(loopback_only=True)
        clock = fixed_clock(FIXED_NOW)
        assert verify_one(f"{base}/c.json", fetcher=fetcher, clock=clock).verified
        assert verify_one(f"{base}/missing", fetcher=fetcher, clock=clock).verdict == "unreadable"
        assert verify_one(f"{base}/empty", fetcher=fetcher, clock=clock).verdict == "unreadable"
