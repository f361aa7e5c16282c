"""The issuer's private key and the passphrase never leave the keys folder: ``apprenance
--debug demo`` runs as a real process with the key passphrase set and every debug log line
captured to a file; its output, its logs and every file it wrote outside ``HOME/keys`` are
searched for the key material in every usual encoding, and for the passphrase."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from apprenance.credentials.trust.keys import KeyStore, b58encode
from conftest import FIXED_NOW

PASSPHRASE = "Sel de Guérande & thym 2026"
ED25519_PRIVATE_MULTICODEC = b"\x80\x26"


def encodings(secret: bytes) -> set[bytes]:
    """``secret`` in hex (both cases), base64 (padded or not), base64url, multibase
    (base58btc ``z``, base64url ``u``, base16 ``f``)."""
    b64 = base64.b64encode(secret)
    url = base64.urlsafe_b64encode(secret)
    return {secret, secret.hex().encode(), secret.hex().upper().encode(), b64,
            b64.rstrip(b"="), url.rstrip(b"="), b"z" + b58encode(secret).encode(),
            b"u" + url.rstrip(b"="), b"f" + secret.hex().encode()}


def key_material(keys_folder: Path) -> set[bytes]:
    """Every way the stored private keys could show: raw seed, multicodec multibase, PKCS#8
    DER and the lines of its unencrypted PEM body, the encrypted files' bodies."""
    found: set[bytes] = set()
    files = sorted(keys_folder.rglob("*.pem"))
    assert files
    for pem in files:
        issuer, kid = pem.parent.name, pem.stem
        key = KeyStore(keys_folder, PASSPHRASE).load(issuer, kid).private
        assert isinstance(key, Ed25519PrivateKey)
        seed = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                 serialization.NoEncryption())
        der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        plain = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption())
        found |= encodings(seed) | encodings(der)
        found.add(b"z" + b58encode(ED25519_PRIVATE_MULTICODEC + seed).encode())
        for pem_text in (plain, pem.read_bytes()):
            body = [line for line in pem_text.splitlines() if line and b"-----" not in line]
            found.add(b"".join(body))
            found.update(line for line in body if len(line) >= 16)
    return found


@pytest.mark.slow
def test_debug_demo_never_shows_the_private_key_or_the_passphrase(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPRENANCE_")}
    env.update(APPRENANCE_KEY_PASSPHRASE=PASSPHRASE, APPRENANCE_LANG="en",
               APPRENANCE_FAKE_NOW=FIXED_NOW.isoformat())
    work = tmp_path / "work"
    work.mkdir()
    home = work / "home"
    stdout, log = tmp_path / "stdout.txt", tmp_path / "debug.log"
    with stdout.open("wb") as out, log.open("wb") as err:
        done = subprocess.run([sys.executable, "-m", "apprenance", "--home", str(home),
                               "--debug", "demo"], cwd=work, env=env, stdout=out, stderr=err,
                              timeout=1500, check=False)
    logged = log.read_bytes()
    assert done.returncode == 0, logged[-3000:].decode("utf-8", "replace")
    assert b"Demo finished" in stdout.read_bytes()
    # debug logging was on, and told of the keys (stored, loaded) by their public ids
    assert logged.count(b"DEBUG apprenance.keys: issuer collectif: key z6Mk") >= 2
    keys = home / "keys"
    pem = next(keys.rglob("*.pem")).read_bytes()
    assert b"BEGIN ENCRYPTED PRIVATE KEY" in pem  # encrypted at rest with the passphrase
    secrets = key_material(keys) | {PASSPHRASE.encode("utf-8")}
    searched = {"stdout": stdout.read_bytes()}
    searched.update({f"log line {i}": line for i, line in enumerate(logged.splitlines())})
    for path in work.rglob("*"):
        if path.is_file() and keys not in path.parents:
            searched[str(path.relative_to(work))] = path.read_bytes()
    assert len(searched) > 200 and any(".sqlite3" in name for name in searched)
    leaks = [(name, secret[:12]) for name, data in searched.items() for secret in secrets
             if secret in data]
    assert leaks == []
