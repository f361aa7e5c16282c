"""Run 1EdTech's Open Badges 2.0 validator (badgecheck 1.2.0) offline, in its own venv.

    badgecheck-venv/bin/python badgecheck_run.py RECIPIENT INPUT...

INPUT is an assertion URL (served on 127.0.0.1) or a baked image file. Prints one JSON array:
per input, ``valid``, the error messages, and the assertion's ``revoked`` flag (the validator
does not fail revoked hosted assertions; the caller checks it). Offline: loopback requests go
through, the Open Badges 2.0 context URL is answered from the copy badgecheck bundles, and
any other URL is refused.
"""

import json
import sys

import requests
from Crypto.PublicKey.RSA import RsaKey
from jose import jwk
from openbadges import verify
from openbadges.verifier.openbadges_context import OPENBADGES_CONTEXT_V2_DICT

CONTEXT_URLS = ("https://w3id.org/openbadges/v2", "https://openbadgespec.org/v2/context.json")
_real_send = requests.Session.send


def _send(self, request, **kwargs):
    url = request.url
    if url.startswith(("http://127.0.0.1", "http://localhost")):
        return _real_send(self, request, **kwargs)
    if url.rstrip("/") in CONTEXT_URLS:
        response = requests.Response()
        response.status_code = 200
        response.url = url
        response.headers["Content-Type"] = "application/ld+json"
        response._content = json.dumps(OPENBADGES_CONTEXT_V2_DICT).encode("utf-8")
        response.request = request
        return response
    raise requests.ConnectionError("offline: refusing " + url)


requests.Session.send = _send

# Signed assertions: badgecheck hands ``jwk.construct`` a pycryptodome RSA key object, which
# python-jose 3.3 (the version that installs here, with no pycryptodome backend) refuses
# ("Unable to parse an RSA_JWK from key"). Give it the key's PEM instead.
_real_construct = jwk.construct


def _construct(key_data, algorithm=None):
    if isinstance(key_data, RsaKey):
        key_data = key_data.export_key().decode("ascii")
    return _real_construct(key_data, algorithm)


jwk.construct = _construct


def main():
    recipient = sys.argv[1]
    out = []
    for item in sys.argv[2:]:
        if item.startswith("http"):
            report = verify(item, recipient_profile={"email": recipient})
        else:
            with open(item, "rb") as handle:
                report = verify(handle, recipient_profile={"email": recipient})
        messages = [m.get("result", "") for m in report["report"]["messages"]
                    if m.get("messageLevel") == "ERROR"]
        assertion = next((n for n in report.get("graph", []) if n.get("type") == "Assertion"), {})
        out.append({"input": item, "valid": bool(report["report"]["valid"]),
                    "errors": messages, "revoked": bool(assertion.get("revoked", False)),
                    "recipientProfile": report["report"].get("recipientProfile")})
    sys.stdout.write(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
