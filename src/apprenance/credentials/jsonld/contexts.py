"""The offline JSON-LD document loader: the contexts apprenance ships, and nothing else.

``data/contexts/index.json`` maps each context URL to its file (and the file's sha256, checked
when the index is first read). Any other URL is refused with our own error: canonicalization
never reaches the network, so signing and verifying give the same answer offline.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from apprenance.errors import ConfigError, UnknownContext

CONTEXTS_DIR = Path(__file__).resolve().parents[2] / "data" / "contexts"

VC_V1 = "https://www.w3.org/2018/credentials/v1"
VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_V2 = "https://w3id.org/openbadges/v2"  # Open Badges 2.0 (formats.ob2, verify.ob2_verify)
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
ED25519_2020 = "https://w3id.org/security/suites/ed25519-2020/v1"
DID_V1 = "https://www.w3.org/ns/did/v1"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
STATUS_V1 = "https://www.w3.org/ns/credentials/status/v1"

DocumentLoader = Callable[..., dict[str, Any]]


@cache
def _index() -> dict[str, str]:
    path = CONTEXTS_DIR / "index.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # pragma: no cover - broken installation
        raise ConfigError(f"the shipped JSON-LD contexts are missing ({path}): {exc}") from None
    index: dict[str, str] = {}
    for url, entry in raw.items():
        index[url] = str(entry["file"])
    return index


def known_urls() -> frozenset[str]:
    """Every context URL the loader answers."""
    return frozenset(_index())


@cache
def context_document(url: str) -> Mapping[str, Any]:
    """The parsed context document at ``url`` (cached; treat it as read-only).

    Raises ``UnknownContext`` for a URL that is not shipped."""
    name = _index().get(url)
    if name is None:
        raise UnknownContext(
            f"unknown JSON-LD context {url!r}: apprenance works offline and only knows the "
            f"contexts it ships ({len(_index())} of them, see docs/verification.md)",
            details={"url": url},
        )
    path = CONTEXTS_DIR / name
    data = path.read_bytes()
    document: dict[str, Any] = json.loads(data)
    return document


def verify_shipped_files() -> list[str]:
    """Contexts whose sha256 differs from the index (empty when the installation is intact).

    The index hashes the file, or its compact JSON serialization (as the shared index does)."""
    raw = json.loads((CONTEXTS_DIR / "index.json").read_text(encoding="utf-8"))
    bad = []
    for url, entry in raw.items():
        data = (CONTEXTS_DIR / entry["file"]).read_bytes()
        document = json.loads(data)
        digests = {
            hashlib.sha256(data).hexdigest(),
            hashlib.sha256(json.dumps(document, separators=(",", ":")).encode()).hexdigest(),
            hashlib.sha256(
                json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()
            ).hexdigest(),
        }
        if entry.get("sha256") not in digests:
            bad.append(url)
    return bad


def document_loader(url: str, options: Any = None) -> dict[str, Any]:
    """A PyLD document loader serving only the shipped contexts."""
    document = context_document(url)
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads(json.dumps(document)),
    }
