"""Issuer keys: Ed25519 generation, multibase encoding, and storage in the home folder.

Layout: ``HOME/keys/ISSUER/index.json`` (public part: key ids, multibase public keys, dates,
which key is current) and one ``KID.pem`` per private key (PKCS#8, mode 0600, encrypted with
``APPRENANCE_KEY_PASSPHRASE`` when it is set: ``issuer init`` refuses to write a key without
one unless told ``--no-passphrase``, docs/security.md). An encrypted key needs the passphrase:
given, or asked once (``ask``, the command line on a terminal) when a key must be opened.
Rotation adds a key and retires the current one: retired keys stay listed (their public keys
keep verifying earlier credentials) and their private files stay on disk. Key material never
appears in a message, log or ``repr``.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from apprenance.errors import ConfigError, InputError, NotFound, SigningError

log = logging.getLogger("apprenance.keys")  # key ids and folders only, never key material
ED25519_PUB_PREFIX = b"\xed\x01"
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(_B58)}
_ISSUER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def b58encode(data: bytes) -> str:
    """Base58 (bitcoin alphabet)."""
    number = int.from_bytes(data, "big")
    out = []
    while number:
        number, rest = divmod(number, 58)
        out.append(_B58[rest])
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        index = _B58_INDEX.get(char)
        if index is None:
            raise InputError(f"not base58: unexpected character {char!r}")
        number = number * 58 + index
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def multibase_decode(text: str) -> bytes:
    """Bytes of a multibase ``z`` (base58btc) string."""
    if not text.startswith("z"):
        raise InputError(f"unsupported multibase encoding {text[:1]!r} (expected 'z')")
    return b58decode(text[1:])


def public_key_multibase(key: Ed25519PublicKey) -> str:
    """The Multikey form of an Ed25519 public key: ``z6Mk...``."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "z" + b58encode(ED25519_PUB_PREFIX + raw)


def public_key_from_multibase(text: str) -> Ed25519PublicKey:
    """An Ed25519 public key from its Multikey / Ed25519VerificationKey2020 form."""
    data = multibase_decode(text)
    if len(data) != 34 or not data.startswith(ED25519_PUB_PREFIX):
        raise InputError("not an Ed25519 public key (multicodec 0xed01, 32 bytes)")
    return Ed25519PublicKey.from_public_bytes(data[2:])


@dataclass(frozen=True, repr=False)
class SigningKey:
    """An Ed25519 private key with its id; ``repr`` and ``str`` show only the public key."""

    private: Ed25519PrivateKey

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    @property
    def public_multibase(self) -> str:
        return public_key_multibase(self.public)

    @property
    def kid(self) -> str:
        """The key's fragment id in a DID document: its multibase public key."""
        return self.public_multibase

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)

    def __repr__(self) -> str:
        return f"SigningKey(public={self.public_multibase})"

    __str__ = __repr__


def generate_key() -> SigningKey:
    """A new random Ed25519 key."""
    return SigningKey(Ed25519PrivateKey.generate())


def key_from_seed(seed: bytes) -> SigningKey:
    """The Ed25519 key of a 32-byte seed (test vectors, deterministic tests)."""
    if len(seed) != 32:
        raise InputError("an Ed25519 seed has 32 bytes")
    return SigningKey(Ed25519PrivateKey.from_private_bytes(seed))


@dataclass(frozen=True)
class PublicKeyInfo:
    """The public record of one stored key."""

    kid: str
    public_multibase: str
    created_at: str
    retired_at: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kid": self.kid,
            "public_multibase": self.public_multibase,
            "created_at": self.created_at,
            "retired_at": self.retired_at,
        }


class KeyStore:
    """Issuer keys under ``folder`` (normally ``HOME/keys``)."""

    def __init__(self, folder: Path, passphrase: str | None = None, *,
                 ask: Callable[[], str] | None = None, role: str = "issuer") -> None:
        self.folder = folder
        self.role = role  # whose keys, in messages: "issuer", or "endorser" (endorser-keys)
        self._passphrase = passphrase.encode("utf-8") if passphrase else None
        self._ask = ask  # asked once, when an encrypted key is opened without a passphrase

    @property
    def encrypts(self) -> bool:
        """Whether the keys this store writes are encrypted (a passphrase was given)."""
        return self._passphrase is not None

    def __repr__(self) -> str:
        return f"KeyStore({self.folder}, encrypted={self._passphrase is not None})"

    def _issuer_dir(self, issuer: str) -> Path:
        if not _ISSUER_NAME.match(issuer):
            raise InputError(f"invalid issuer name for key storage: {issuer!r}")
        return self.folder / issuer

    def _index(self, issuer: str) -> dict[str, Any]:
        path = self._issuer_dir(issuer) / "index.json"
        if not path.exists():
            return {"current": None, "keys": []}
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"unreadable key index {path}: {exc}") from None
        return data

    def _write_index(self, issuer: str, index: dict[str, Any]) -> None:
        path = self._issuer_dir(issuer) / "index.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(index, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)

    def add(self, issuer: str, key: SigningKey, *, now: datetime) -> PublicKeyInfo:
        """Store ``key`` as the issuer's current key; the previous current key is retired."""
        folder = self._issuer_dir(issuer)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(folder, 0o700)
        encryption: serialization.KeySerializationEncryption = (
            serialization.BestAvailableEncryption(self._passphrase)
            if self._passphrase
            else serialization.NoEncryption()
        )
        pem = key.private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
        )
        path = folder / f"{key.kid}.pem"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise ConfigError(f"a key with id {key.kid} is already stored") from None
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        index = self._index(issuer)
        stamp = now.isoformat()
        for entry in index["keys"]:
            if entry["retired_at"] is None:
                entry["retired_at"] = stamp
        index["keys"].append(
            {
                "kid": key.kid,
                "public_multibase": key.public_multibase,
                "created_at": stamp,
                "retired_at": None,
            }
        )
        index["current"] = key.kid
        self._write_index(issuer, index)
        log.debug("%s %s: key %s stored in %s (%s)", self.role, issuer, key.kid, folder,
                  "encrypted" if self._passphrase else "not encrypted: no passphrase set")
        return PublicKeyInfo(key.kid, key.public_multibase, stamp, None)

    def create(self, issuer: str, *, now: datetime) -> SigningKey:
        """Generate and store the issuer's first (or next) key."""
        key = generate_key()
        self.add(issuer, key, now=now)
        return key

    rotate = create

    def public_keys(self, issuer: str) -> list[PublicKeyInfo]:
        """Every key of the issuer, oldest first (retired ones included)."""
        return [
            PublicKeyInfo(e["kid"], e["public_multibase"], e["created_at"], e["retired_at"])
            for e in self._index(issuer)["keys"]
        ]

    def current_kid(self, issuer: str) -> str:
        kid = self._index(issuer).get("current")
        if not kid:
            raise NotFound(f"issuer {issuer!r} has no key yet (run `apprenance issuer init`)")
        return str(kid)

    def current(self, issuer: str) -> SigningKey:
        return self.load(issuer, self.current_kid(issuer))

    def load(self, issuer: str, kid: str) -> SigningKey:
        """The private key ``kid`` of the issuer, decrypted with the passphrase if needed."""
        path = self._issuer_dir(issuer) / f"{kid}.pem"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise NotFound(f"no private key {kid} for {self.role} {issuer!r}") from None
        encrypted = b"ENCRYPTED" in data.split(b"\n", 1)[0]
        if encrypted and self._passphrase is None and self._ask is not None:
            asked, self._ask = self._ask(), None
            self._passphrase = asked.encode("utf-8") if asked else None
        if encrypted and self._passphrase is None:
            raise SigningError(
                f"the private key of {self.role} {issuer!r} is encrypted: set "
                "APPRENANCE_KEY_PASSPHRASE"
                " (or run the command on a terminal to be asked for it)"
            )
        try:
            private = serialization.load_pem_private_key(
                data, password=self._passphrase if encrypted else None
            )
        except (ValueError, TypeError, UnsupportedAlgorithm):
            raise SigningError(
                f"cannot open the private key of {self.role} {issuer!r}: wrong passphrase "
                "or damaged file"
            ) from None
        if not isinstance(private, Ed25519PrivateKey):
            raise SigningError(f"the key {kid} of {self.role} {issuer!r} is not an Ed25519 key")
        key = SigningKey(private)
        if key.kid != kid:
            raise SigningError(f"the key file {path.name} does not hold key {kid}")
        log.debug("%s %s: key %s loaded from %s", self.role, issuer, kid, path.parent)
        return key

    def check_current(self) -> list[str]:
        """Open every issuer's current key (``SigningError`` when one cannot be: encrypted
        without a passphrase, wrong passphrase); the issuers checked."""
        if not self.folder.is_dir():
            return []
        checked = []
        for folder in sorted(p for p in self.folder.iterdir() if (p / "index.json").is_file()):
            if self._index(folder.name).get("current"):
                self.current(folder.name)
                checked.append(folder.name)
        return checked
