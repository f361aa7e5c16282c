"""Keys an endorser keeps elsewhere: a private key file read for one signature (never copied,
never stored by the instance) and the public key registered in its place.

A private key file is a PEM PKCS#8 Ed25519 key (``openssl genpkey -algorithm ed25519``),
encrypted or not; a public key is given as a PEM file (``openssl pkey -pubout``) or as its
Multikey text (``z6Mk...``). Key material never appears in a message or a log.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from apprenance.credentials.trust.keys import (
    SigningKey,
    public_key_from_multibase,
    public_key_multibase,
)
from apprenance.errors import InputError, SigningError

MAX_KEY_FILE = 64 * 1024


def _read(path: Path, what: str) -> bytes:
    try:
        if path.stat().st_size > MAX_KEY_FILE:
            raise InputError(f"{path} is too large to be {what}")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {what} {path}: {exc.strerror or exc}") from None


def read_private_key(path: Path, ask: Callable[[], str] | None = None,
                     passphrase: str | None = None) -> SigningKey:
    """The Ed25519 private key in the PEM file ``path``; an encrypted one is opened with
    ``passphrase``, else the one ``ask`` returns."""
    data = _read(path, "a private key file")
    encrypted = b"ENCRYPTED" in data.split(b"\n", 1)[0]
    secret: bytes | None = None
    if encrypted:
        given = passphrase if passphrase else ask() if ask is not None else None
        if not given:
            raise SigningError(f"the key file {path.name} is encrypted: its passphrase is "
                               "needed (run the command on a terminal to be asked for it)")
        secret = given.encode("utf-8")
    try:
        private = serialization.load_pem_private_key(data, password=secret)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise SigningError(f"cannot open the key file {path.name}: not a PEM private key, "
                           "wrong passphrase or damaged file") from None
    if not isinstance(private, Ed25519PrivateKey):
        raise SigningError(f"the key file {path.name} does not hold an Ed25519 key")
    return SigningKey(private)


def read_public_key(given: str) -> str:
    """The Multikey (``z6Mk...``) of a public key given as its Multikey text or as the path
    of a PEM public key file."""
    text = given.strip()
    if text.startswith("z6Mk"):
        public_key_from_multibase(text)  # InputError when it is not an Ed25519 key
        return text
    data = _read(Path(text), "a public key file")
    try:
        public = serialization.load_pem_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise InputError(f"{Path(text).name} is not a PEM public key (openssl pkey -pubout) "
                         "nor a Multikey z6Mk...") from None
    if not isinstance(public, Ed25519PublicKey):
        raise InputError(f"{Path(text).name} does not hold an Ed25519 public key")
    return public_key_multibase(public)
