"""Helpers for credential tests: a sample OB 3.0 credential signed by our engine, status lists,
a loopback HTTP server answering URLs from a dict, and minimal baking (PNG iTXt, SVG) to feed
the unbaker. The issuing side's interop tests (revocation, did:web) reuse these."""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

from apprenance.credentials.jsonld.contexts import OB_V3, VC_V2
from apprenance.credentials.trust import data_integrity as di
from apprenance.credentials.trust.did import did_key, did_key_vm
from apprenance.credentials.trust.keys import SigningKey, key_from_seed
from apprenance.credentials.trust.status_list import encode_bits, set_bit
from apprenance.credentials.verify.structure import identity_hash

ISSUER_KEY = key_from_seed(bytes(range(1, 33)))
SIGNED_AT = datetime(2026, 9, 1, 9, 30, tzinfo=UTC)
LEARNER_EMAIL = "camille@example.org"


def sample_credential(issuer: str | None = None, *, status: dict[str, Any] | None = None,
                      salt: str = "s4lt") -> dict[str, Any]:
    """An unsigned OB 3.0 credential like the ones apprenance issues."""
    issuer = issuer or did_key(ISSUER_KEY.public_multibase)
    credential: dict[str, Any] = {
        "@context": [VC_V2, OB_V3],
        "id": "urn:uuid:6f1b8a52-8f0e-4d38-9d5e-4b1a6c1d2e3f",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Collectif des Combes",
                   "url": "https://combes.example.org"},
        "validFrom": "2026-09-01T00:00:00Z",
        "validUntil": "2031-09-01T00:00:00Z",
        "name": "Animer un jardin partagé 🌱",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityType": "emailAddress",
                            "hashed": True, "salt": salt,
                            "identityHash": identity_hash(LEARNER_EMAIL, salt)}],
            "activityStartDate": "2026-03-01T00:00:00Z",
            "achievement": {
                "id": "https://combes.example.org/badges/jardin",
                "type": ["Achievement"], "name": "Jardin partagé",
                "description": "A animé un jardin partagé pendant une saison.",
                "criteria": {"narrative": "40 heures d'activités attestées, dont 10 d'animation."},
                "achievementType": "Competency", "inLanguage": "fr", "creditsAvailable": 2.5,
                "alignment": [{"type": ["Alignment"], "targetName": "Collaborer",
                               "targetUrl": "https://example.org/esco/collaborer",
                               "targetFramework": "ESCO", "targetCode": "S1.0"}],
            },
            "result": [{"type": ["Result"], "value": "42.5",
                        "resultDescription": "https://combes.example.org/badges/jardin#heures"}],
        },
        "evidence": [{"type": ["Evidence"], "name": "Saison 2026",
                      "narrative": "Plantations, ateliers, fête des récoltes."}],
    }
    if status is not None:
        credential["credentialStatus"] = status
    return credential


def signed(credential: dict[str, Any], key: SigningKey = ISSUER_KEY,
           vm: str | None = None) -> dict[str, Any]:
    return di.sign(credential, key, vm or did_key_vm(key.public_multibase), created=SIGNED_AT)


def status_entry(list_url: str, index: int) -> dict[str, Any]:
    return {"id": f"{list_url}#{index}", "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation", "statusListIndex": str(index),
            "statusListCredential": list_url}


def status_list_credential(list_url: str, revoked: list[int], key: SigningKey = ISSUER_KEY,
                           size: int = 131072, vm: str | None = None) -> dict[str, Any]:
    """A signed status list; ``vm``: the verification method (and so the issuer, its DID) to
    sign with, by default the did:key of ``key``."""
    bits = bytearray(size // 8)
    for index in revoked:
        set_bit(bits, index)
    issuer = vm.split("#", 1)[0] if vm else did_key(key.public_multibase)
    return signed({
        "@context": [VC_V2], "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer, "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": f"{list_url}#list", "type": "BitstringStatusList",
                              "statusPurpose": "revocation", "encodedList": encode_bits(bits)},
    }, key, vm)


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, bytes]] = {}

    def do_GET(self) -> None:
        body = self.routes.get(self.path)
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        return


@contextmanager
def loopback_server(routes: dict[str, bytes]) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 answering ``routes`` (path -> body); yields its base URL."""
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(
        ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def tiny_png(extra: bytes = b"") -> bytes:
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + extra
            + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b""))


def baked_png(text: str, *, compressed: bool = False) -> bytes:
    data = text.encode("utf-8")
    body = (b"openbadgecredential\0" + (b"\x01\x00" if compressed else b"\x00\x00") + b"\0\0"
            + (zlib.compress(data) if compressed else data))
    return tiny_png(_chunk(b"iTXt", body))


def baked_svg(text: str, *, as_attribute: bool = False) -> bytes:
    inner = (f'<openbadges:credential verify="{text}"/>' if as_attribute
             else f"<openbadges:credential><![CDATA[{text}]]></openbadges:credential>")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" width="1" height="1">'
            f"{inner}<rect width=\"1\" height=\"1\"/></svg>").encode()
