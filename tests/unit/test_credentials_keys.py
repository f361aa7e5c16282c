"""Issuer keys: generation, storage (mode 0600, encryption), rotation, no leaks."""

from __future__ import annotations

import logging
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from apprenance.credentials.trust.did import did_key, did_key_document, did_web_document
from apprenance.credentials.trust.keys import (
    KeyStore,
    b58decode,
    b58encode,
    generate_key,
    public_key_from_multibase,
)
from apprenance.errors import InputError, NotFound, SigningError

NOW = datetime(2026, 9, 15, 10, 0, tzinfo=UTC)


def _private_bytes(key: object) -> list[bytes]:
    raw = key.private.private_bytes(  # type: ignore[attr-defined]
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
        serialization.NoEncryption())
    return [raw, raw.hex().encode(), b58encode(raw).encode()]


def test_private_key_file_is_0600_in_a_0700_folder(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    key = store.create("collectif", now=NOW)
    pem = tmp_path / "keys" / "collectif" / f"{key.kid}.pem"
    assert stat.S_IMODE(pem.stat().st_mode) == 0o600
    assert stat.S_IMODE(pem.parent.stat().st_mode) == 0o700
    assert b"BEGIN PRIVATE KEY" in pem.read_bytes()
    assert store.load("collectif", key.kid).public_multibase == key.public_multibase


def test_passphrase_encrypts_the_key_at_rest(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys", passphrase="correct horse")
    key = store.create("collectif", now=NOW)
    pem = (tmp_path / "keys" / "collectif" / f"{key.kid}.pem").read_bytes()
    assert b"BEGIN ENCRYPTED PRIVATE KEY" in pem
    for secret in _private_bytes(key):
        assert secret not in pem
    assert store.current("collectif").kid == key.kid
    with pytest.raises(SigningError, match="APPRENANCE_KEY_PASSPHRASE"):
        KeyStore(tmp_path / "keys").load("collectif", key.kid)
    with pytest.raises(SigningError, match="wrong passphrase"):
        KeyStore(tmp_path / "keys", passphrase="wrong").load("collectif", key.kid)


def test_rotation_keeps_old_keys_listed_and_loadable(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    first = store.create("collectif", now=NOW)
    second = store.rotate("collectif", now=datetime(2027, 1, 1, tzinfo=UTC))
    infos = store.public_keys("collectif")
    assert [i.kid for i in infos] == [first.kid, second.kid]
    assert infos[0].retired_at == "2027-01-01T00:00:00+00:00" and infos[1].retired_at is None
    assert store.current("collectif").kid == second.kid
    assert store.load("collectif", first.kid).kid == first.kid
    did = "did:web:example.org"
    document = did_web_document(did, [i.public_multibase for i in infos])
    assert document["assertionMethod"] == [f"{did}#{first.kid}", f"{did}#{second.kid}"]


def test_missing_and_invalid_issuers(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    with pytest.raises(NotFound):
        store.current("nobody")
    with pytest.raises(InputError):
        store.create("../escape", now=NOW)


def test_key_material_never_shows_in_repr_logs_or_output(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    store = KeyStore(tmp_path / "keys", passphrase="secret-pass")
    key = store.create("collectif", now=NOW)
    logging.getLogger("apprenance.test").info("created %s in %r", key, store)
    print(key, repr(key), store, store.public_keys("collectif"))
    captured = capsys.readouterr()
    shown = (captured.out + captured.err + caplog.text).encode()
    for secret in _private_bytes(key):
        assert secret not in shown
    assert b"secret-pass" not in shown
    assert key.public_multibase.encode() in shown


def test_multibase_and_did_key_round_trip() -> None:
    key = generate_key()
    assert key.public_multibase.startswith("z6Mk")
    assert public_key_from_multibase(key.public_multibase) == key.public
    assert b58decode(b58encode(b"\0\0abc")) == b"\0\0abc"
    document = did_key_document(did_key(key.public_multibase))
    assert document["verificationMethod"][0]["publicKeyMultibase"] == key.public_multibase
    with pytest.raises(InputError):
        public_key_from_multibase("z" + b58encode(b"\x12\x00" + b"1" * 32))
