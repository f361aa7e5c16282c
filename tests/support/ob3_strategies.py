"""Hypothesis strategies: Open Badges 3.0 credentials shaped like the ones apprenance issues
(and a little wilder), for the property tests of canonicalization and the term check."""

from __future__ import annotations

import string
from datetime import UTC, datetime
from typing import Any

from hypothesis import strategies as st

from apprenance.credentials.jsonld.contexts import OB_V3, VC_V1, VC_V2

# Text that every canonicalizer escapes the same way: no surrogates, and no control
# characters but LF and CR (PyLD, rdf-canonize 4 and 5 disagree on the others).
PORTABLE = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="".join(chr(c) for c in [*range(0x20), 0x7F] if c not in (10, 13)),
)
texts = st.text(PORTABLE, min_size=1, max_size=40)
# Characters around the UTF-16 / code point ordering difference, and awkward ASCII.
tricky = st.sampled_from(["é", "\uff01", "\ue000", "😀", "\U0001f331", '"', "\\", "\n", "\r",
                          "<", "ß", "中", " "])
names = st.one_of(texts, st.lists(tricky, min_size=1, max_size=6).map("".join))
slugs = st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=12)
urls = slugs.map(lambda s: f"https://example.org/{s}")
dids = st.text(string.ascii_letters + string.digits, min_size=8, max_size=16).map(
    lambda s: f"did:example:{s}")
moments = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1),
                       timezones=st.just(UTC)).map(
    lambda d: d.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ"))
numbers = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6),
    st.sampled_from([0, 0.5, 1.0, 3.25, 10**21, 1e22, 12.0]),
)


def _optional(draw: st.DrawFn, key: str, strategy: st.SearchStrategy[Any],
              into: dict[str, Any]) -> None:
    if draw(st.booleans()):
        into[key] = draw(strategy)


@st.composite
def alignments(draw: st.DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = {"type": ["Alignment"], "targetName": draw(names),
                            "targetUrl": draw(urls)}
    _optional(draw, "targetFramework", names, item)
    _optional(draw, "targetCode", slugs, item)
    _optional(draw, "targetType", st.sampled_from(["ext:ESCO", "CFItem", "Skill"]), item)
    _optional(draw, "targetDescription", names, item)
    return item


@st.composite
def achievements(draw: st.DrawFn) -> dict[str, Any]:
    achievement: dict[str, Any] = {
        "id": draw(urls), "type": ["Achievement"], "name": draw(names),
        "description": draw(names),
        "criteria": draw(st.one_of(
            st.fixed_dictionaries({"narrative": names}),
            st.fixed_dictionaries({"id": urls, "narrative": names}))),
    }
    _optional(draw, "achievementType", st.sampled_from(["Badge", "Competency", "Award"]),
              achievement)
    _optional(draw, "creditsAvailable", numbers, achievement)
    _optional(draw, "inLanguage", st.sampled_from(["fr", "en", "oc"]), achievement)
    _optional(draw, "image", urls.map(lambda u: {"id": u + ".png", "type": "Image"}),
              achievement)
    _optional(draw, "alignment", st.lists(alignments(), max_size=4), achievement)
    _optional(draw, "tag", st.lists(names, max_size=4), achievement)
    _optional(draw, "resultDescription", st.lists(st.fixed_dictionaries({
        "id": urls, "type": st.just(["ResultDescription"]), "name": names,
        "resultType": st.sampled_from(["Status", "ext:Hours", "RubricCriterionLevel"])}),
        max_size=3), achievement)
    return achievement


@st.composite
def evidence_items(draw: st.DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = {"type": ["Evidence"], "narrative": draw(names)}
    _optional(draw, "id", urls, item)
    _optional(draw, "name", names, item)
    _optional(draw, "genre", st.sampled_from(["activity", "attestation"]), item)
    return item


@st.composite
def ob3_credentials(draw: st.DrawFn, *, vc_v1: bool | None = None) -> dict[str, Any]:
    """An OpenBadgeCredential (VC 2.0, sometimes VC 1.1) with optional parts of every kind."""
    use_v1 = draw(st.booleans()) if vc_v1 is None else vc_v1
    subject: dict[str, Any] = {"type": ["AchievementSubject"], "achievement": draw(achievements())}
    if draw(st.booleans()):
        subject["id"] = draw(dids)
    else:
        subject["identifier"] = [{
            "type": "IdentityObject", "identityType": "emailAddress", "hashed": True,
            "identityHash": "sha256$" + "ab" * 32, "salt": draw(slugs)}]
    _optional(draw, "activityStartDate", moments, subject)
    _optional(draw, "creditsEarned", numbers, subject)
    _optional(draw, "result", st.lists(st.fixed_dictionaries({
        "type": st.just(["Result"]), "resultDescription": urls, "value": names}),
        max_size=3), subject)
    issuer: dict[str, Any] = {"id": draw(dids), "type": ["Profile"], "name": draw(names)}
    _optional(draw, "url", urls, issuer)
    _optional(draw, "email", slugs.map(lambda s: f"{s}@example.org"), issuer)
    credential: dict[str, Any] = {
        "@context": [VC_V1 if use_v1 else VC_V2, OB_V3],
        "id": draw(urls),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer,
        "name": draw(names),
        "credentialSubject": subject,
        ("issuanceDate" if use_v1 else "validFrom"): draw(moments),
    }
    _optional(draw, "description", names, credential)
    _optional(draw, "expirationDate" if use_v1 else "validUntil", moments, credential)
    if draw(st.booleans()):
        items = draw(st.lists(evidence_items(), max_size=4))
        if items and draw(st.booleans()):
            items.append(dict(items[0]))  # identical blank nodes: the n-degree algorithm
        credential["evidence"] = items
    if not use_v1 and draw(st.booleans()):
        index = draw(st.integers(min_value=0, max_value=131071))
        credential["credentialStatus"] = {
            "id": f"https://example.org/status/1#{index}", "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation", "statusListIndex": str(index),
            "statusListCredential": "https://example.org/status/1"}
    return credential
