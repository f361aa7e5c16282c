"""Bitstring Status List (and its predecessor StatusList2021): the bitstring, and the check.

The list is a bitstring, gzip-compressed and base64url-encoded (with the multibase prefix
``u`` for Bitstring Status List; StatusList2021 omits it). Bit 0 is the most significant bit
of the first byte. A credential's ``credentialStatus`` names the list credential and an index;
the bit set means revoked (or suspended, by the list's purpose).

``check_status`` fetches the list credential through the resolver, checks that it is issued by
the credential's own issuer (anyone can sign a list saying "not revoked"), has it verified by
the caller's ``verify_list`` (signature and validity window), then reads the bit.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import json
import zlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from apprenance.credentials.trust.did import Fetcher
from apprenance.errors import ApprenanceError, InputError
from apprenance.i18n import t

MIN_BITS = 131_072  # 16 KiB: the specification's minimum, for group privacy
ENTRY_TYPES = ("BitstringStatusListEntry", "StatusList2021Entry")
LIST_TYPES = {
    "BitstringStatusListEntry": ("BitstringStatusListCredential", "BitstringStatusList"),
    "StatusList2021Entry": ("StatusList2021Credential", "StatusList2021"),
}


def encode_bits(bits: bytes, *, multibase: bool = True) -> str:
    """``encodedList`` of a bitstring: gzip, base64url without padding, ``u`` prefix."""
    text = base64.urlsafe_b64encode(gzip.compress(bits, mtime=0)).decode("ascii").rstrip("=")
    return "u" + text if multibase else text


def decode_bits(encoded: str) -> bytes:
    """The bitstring of an ``encodedList`` (with or without the ``u`` prefix)."""
    text = encoded[1:] if encoded.startswith("u") else encoded
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        return gzip.decompress(raw)
    except (binascii.Error, ValueError, OSError, EOFError, zlib.error):
        raise InputError("the status list's encodedList is not gzip+base64url data") from None


def bit_is_set(bits: bytes, index: int) -> bool:
    """Bit ``index`` of the list (0 = most significant bit of the first byte)."""
    if index < 0 or index >= len(bits) * 8:
        raise InputError(f"status index {index} is outside the list ({len(bits) * 8} bits)")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def set_bit(bits: bytearray, index: int, value: bool = True) -> None:
    """Set (or clear) bit ``index`` in place."""
    if index < 0 or index >= len(bits) * 8:
        raise InputError(f"status index {index} is outside the list ({len(bits) * 8} bits)")
    mask = 0x80 >> (index % 8)
    if value:
        bits[index // 8] |= mask
    else:
        bits[index // 8] &= ~mask & 0xFF


@dataclass(frozen=True)
class StatusResult:
    """``state``: ``ok``, ``revoked`` (or ``suspended``), or ``error`` (cannot be trusted);
    ``key`` and ``params``: the message (``verify.status.*``), in any language."""

    state: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    purpose: str = ""
    list_url: str = ""

    @property
    def message(self) -> str:
        return t(self.key, "en", **self.params)


VerifyList = Callable[[dict[str, Any]], object | None]
"""Checks a status list credential; returns why it cannot be trusted (a text, or phrases in
any language: ``credentials.phrases``), or ``None``."""


def _types(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [x for x in value if isinstance(x, str)] if isinstance(value, list) else []


def _issuer(document: dict[str, Any]) -> str | None:
    issuer = document.get("issuer")
    value = issuer.get("id") if isinstance(issuer, dict) else issuer
    return value if isinstance(value, str) else None


def check_entry(
    entry: Any, fetcher: Fetcher, verify_list: VerifyList, *, issuer: str | None = None,
    trusted: Collection[str] = (),
) -> StatusResult:
    """The state of one ``credentialStatus`` entry of a credential issued by ``issuer``: the
    list must be issued by that same issuer (or by one of ``trusted``)."""
    if not isinstance(entry, dict):
        return StatusResult("error", "verify.status.not_object")
    kind = next((x for x in _types(entry.get("type")) if x in ENTRY_TYPES), None)
    if kind is None:
        return StatusResult("error", "verify.status.unsupported", {"type": entry.get("type")})
    url = entry.get("statusListCredential")
    purpose = str(entry.get("statusPurpose", ""))
    try:
        index = int(entry.get("statusListIndex", ""))
    except (TypeError, ValueError):
        return StatusResult("error", "verify.status.index", {}, purpose)
    if not isinstance(url, str):
        return StatusResult("error", "verify.status.no_list", {}, purpose)
    where = {"url": url}
    try:
        listed = json.loads(fetcher(url))
    except ApprenanceError as exc:
        return StatusResult("error", "verify.status.fetch", {**where, "reason": exc.message},
                            purpose, url)
    except ValueError:
        return StatusResult("error", "verify.status.not_json", where, purpose, url)
    if not isinstance(listed, dict):
        return StatusResult("error", "verify.status.not_json", where, purpose, url)
    credential_type, subject_type = LIST_TYPES[kind]
    if credential_type not in _types(listed.get("type")):
        return StatusResult("error", "verify.status.list_type",
                            {**where, "type": credential_type}, purpose, url)
    list_issuer = _issuer(listed)
    if list_issuer != issuer and list_issuer not in trusted:
        return StatusResult("error", "verify.status.other_issuer",
                            {**where, "list_issuer": list_issuer, "issuer": issuer},
                            purpose, url)
    problem = verify_list(listed)
    if problem is not None:
        return StatusResult("error", "verify.status.untrusted", {**where, "reason": problem},
                            purpose, url)
    subject = listed.get("credentialSubject")
    if not isinstance(subject, dict) or subject_type not in _types(subject.get("type")):
        return StatusResult("error", "verify.status.subject_type",
                            {**where, "type": subject_type}, purpose, url)
    if subject.get("statusPurpose") != purpose:
        return StatusResult("error", "verify.status.purpose",
                            {"list": subject.get("statusPurpose"), "entry": purpose},
                            purpose, url)
    try:
        set_ = bit_is_set(decode_bits(str(subject.get("encodedList", ""))), index)
    except InputError as exc:
        return StatusResult("error", "verify.status.bits", {"reason": exc.message}, purpose, url)
    if set_:
        state = "revoked" if purpose == "revocation" else "suspended"
        return StatusResult(state, f"verify.status.{state}", {**where, "index": index},
                            purpose, url)
    return StatusResult("ok", "verify.status.clear", {"index": index,
                        "purpose": purpose or "revocation"}, purpose, url)


def check_status(
    credential: dict[str, Any], fetcher: Fetcher, verify_list: VerifyList,
    trusted: Collection[str] = (),
) -> StatusResult | None:
    """The combined state of every status entry (``None`` when the credential has none);
    each list must be issued by the credential's issuer (or by one of ``trusted``)."""
    entries = credential.get("credentialStatus")
    if entries is None:
        return None
    issuer = _issuer(credential)
    results = [
        check_entry(e, fetcher, verify_list, issuer=issuer, trusted=trusted)
        for e in (entries if isinstance(entries, list) else [entries])
    ]
    for state in ("error", "revoked", "suspended"):
        for result in results:
            if result.state == state:
                return result
    return results[0] if results else None
