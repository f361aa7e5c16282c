"""Use case: verify credentials given as files, URLs or baked images.

``verify_inputs`` reads each input (a JSON file, a VC-JWT, a PNG or SVG badge with a baked
credential, or an http(s) URL answering one of those), runs the verifier — Open Badges 2.0
assertions (JSON, JWS, or baked with the OB 2.0 bakery format) go to ``ob2_verify`` — and
returns one report per input. A resolver map (``--resolve``) answers URLs from local files;
with a map, or with ``offline=True``, nothing is fetched from the network.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.credentials.images.unbake import Baked, unbake
from apprenance.credentials.pdf.attach import credential_in_pdf, pdf_title
from apprenance.credentials.trust.did import Fetcher
from apprenance.credentials.trust.fetchers import HttpFetcher, MapFetcher, caching, chain, refuse
from apprenance.credentials.trust.jwt import b64url_decode, looks_like_jwt
from apprenance.credentials.verify.ob2_verify import looks_like_ob2, verify_ob2
from apprenance.credentials.verify.verifier import Report, parse_text, verify_document
from apprenance.errors import ApprenanceError, UnknownFormat
from apprenance.i18n.phrases import reason_of

MAX_INPUT = 16 * 1024 * 1024


@dataclass
class VerifyRun:
    """Every report of one run, and the exit status they imply."""

    reports: list[Report]

    @property
    def unreadable(self) -> list[Report]:
        return [r for r in self.reports if r.verdict == "unreadable"]

    @property
    def invalid(self) -> list[Report]:
        return [r for r in self.reports if r.verdict == "invalid"]

    @property
    def all_valid(self) -> bool:
        return all(r.verified for r in self.reports)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """Every report as JSON; with ``lang``, each check also has its ``text`` in it."""
        return {
            "verified": self.all_valid,
            "valid": len(self.reports) - len(self.invalid) - len(self.unreadable),
            "invalid": len(self.invalid),
            "unreadable": len(self.unreadable),
            "results": [r.to_dict(lang) for r in self.reports],
        }


def build_fetcher(
    resolve_map: Path | None = None, *, offline: bool = False, loopback_only: bool = False
) -> Fetcher:
    """The fetcher for a run: the resolve map first; the network unless offline or mapped."""
    parts: list[Fetcher] = []
    if resolve_map is not None:
        parts.append(MapFetcher.from_file(resolve_map))
    if offline or resolve_map is not None:
        parts.append(refuse)
    else:
        parts.append(HttpFetcher(loopback_only=loopback_only))
    return caching(chain(*parts))


def _read(source: str, fetcher: Fetcher) -> bytes:
    if source.startswith(("http://", "https://")):
        return fetcher(source)
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > MAX_INPUT:
            raise UnknownFormat(f"{source} is larger than {MAX_INPUT} bytes")
        return path.read_bytes()
    except OSError as exc:
        raise ApprenanceError(f"cannot read {source}: {exc.strerror or exc}") from None


def verify_one(
    source: str, *, fetcher: Fetcher, clock: Clock, recipient: str | None = None,
    data: bytes | None = None, status_issuers: Collection[str] = (),
) -> Report:
    """Verify one input; read failures become an ``unreadable`` report, never an exception.
    ``status_issuers``: issuers whose status lists are trusted besides each credential's own
    issuer (``--status-issuer``)."""
    try:
        return _verify_one(source, fetcher=fetcher, clock=clock, recipient=recipient, data=data,
                           status_issuers=status_issuers)
    except RecursionError:  # JSON nested deeper than the parsers and the JSON-LD walk go
        report = Report(source=source)
        report.parse = "error"
        report.say("parse", "failed", "verify.read.too_deep")
        return report


def _verify_one(
    source: str, *, fetcher: Fetcher, clock: Clock, recipient: str | None,
    data: bytes | None, status_issuers: Collection[str],
) -> Report:
    report = Report(source=source)
    embedded: tuple[str, int] | None = None
    baked: Baked | None = None
    try:
        raw = _read(source, fetcher) if data is None else data
        embedded = credential_in_pdf(raw)
        baked = unbake(raw) if embedded is None else None
        if embedded is not None:
            report.say("pdf", "ok", "verify.read.pdf", count=embedded[1])
            text = embedded[0]
        elif baked is not None:
            report.say("unbake", "ok", "verify.read.baked", container=baked.container.upper(),
                       version=baked.version)
            report.format = f"baked-{baked.container}"
            text = baked.text
        else:
            text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.parse = "error"
        report.say("parse", "failed", "verify.read.binary")
        return report
    except ApprenanceError as exc:
        report.parse = "error"
        report.say("parse", "failed", "verify.msg.reason", reason=reason_of(exc))
        return report
    twice = duplicate_key(text)
    if twice is not None:
        report.parse = "error"
        report.say("parse", "failed", "verify.read.twice", name=repr(twice))
        return report
    if baked.version == "2.0" if baked is not None else looks_like_ob2(text):
        url = source if data is None and source.startswith(("http://", "https://")) else None
        try:
            return verify_ob2(text, report, fetcher=fetcher, now=clock(), recipient=recipient,
                              source_url=url, baked=baked)
        except ApprenanceError as exc:
            report.signature = report.signature or "invalid"
            report.say("verify", "failed", "verify.msg.reason", reason=reason_of(exc))
            return report
    credential, decoded = parse_text(text, report)
    if embedded is not None:
        report.format = "pdf"
    if credential is None:
        return report
    try:
        done = verify_document(credential, report, fetcher=fetcher, now=clock(),
                               recipient=recipient, decoded_jwt=decoded,
                               status_issuers=status_issuers)
        if embedded is not None and done.vouches is not None:
            # what the certificate shows (its title: pathway and holder), beside what the
            # attached credential vouches for: unsigned, for a person to compare
            done.vouches["document"] = pdf_title(raw)
        return done
    except ApprenanceError as exc:
        report.signature = report.signature or "invalid"
        report.say("verify", "failed", "verify.msg.reason", reason=reason_of(exc))
        return report


def duplicate_key(text: str) -> str | None:
    """The first key written twice in one object of the JSON ``text`` (or of a JWS payload),
    else None; text that is not JSON is left to the parsers, which say why."""
    stripped = text.strip()
    if looks_like_jwt(stripped):
        try:
            stripped = b64url_decode(stripped.split(".")[1]).decode("utf-8")
        except (ApprenanceError, ValueError, IndexError):
            return None
    if not stripped.startswith("{"):
        return None
    found: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _ in items:
            if key in seen and not found:
                found.append(key)
            seen.add(key)
        return dict(items)

    try:
        json.loads(stripped, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return None
    return found[0] if found else None


def verify_inputs(
    sources: Iterable[str], *, fetcher: Fetcher, clock: Clock, recipient: str | None = None,
    status_issuers: Collection[str] = (),
) -> VerifyRun:
    """Verify every input, in order."""
    return VerifyRun([verify_one(s, fetcher=fetcher, clock=clock, recipient=recipient,
                                 status_issuers=status_issuers)
                      for s in sources])
