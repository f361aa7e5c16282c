"""The credential a wallet receives: the learner's OB 3.0 badge re-issued for the holder's
DID. Everything the learner earned stays as signed at issuing (achievement, results,
evidence, endorsements, validity, the hashed identifier) and so does its status list entry:
revoking the badge revokes the wallet's copy. What changes: a new ``id``,
``credentialSubject.id`` = the holder DID the wallet proved, and a new proof by the issuer's
current key."""

from __future__ import annotations

import copy
import secrets
import uuid
from datetime import datetime
from typing import Any

from apprenance.credentials.trust.data_integrity import sign
from apprenance.credentials.trust.keys import KeyStore
from apprenance.db.store import Store
from apprenance.services.issuing.issuers import signer


def for_holder(document: dict[str, Any], holder_did: str, *, store: Store, keys: KeyStore,
               issuer: str, now: datetime) -> dict[str, Any]:
    """``document`` (a signed OpenBadgeCredential) re-issued to ``holder_did``."""
    unsigned = copy.deepcopy({k: v for k, v in document.items() if k != "proof"})
    unsigned["id"] = f"urn:uuid:{uuid.UUID(bytes=secrets.token_bytes(16), version=4)}"
    subject = unsigned.get("credentialSubject")
    if isinstance(subject, dict):
        subject = {"id": holder_did, **{k: v for k, v in subject.items() if k != "id"}}
        unsigned["credentialSubject"] = subject
    s = signer(store, keys, issuer)
    return sign(unsigned, s.key, s.verification_method, created=now)
