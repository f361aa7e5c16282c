"""The one exception tree of apprenance, mapped to exit codes and HTTP statuses in one place.

::

    ApprenanceError                 exit 2, HTTP 400  (code "error")
    ├── ConfigError                 exit 2, HTTP 500  bad settings or home folder
    │   └── LocalPublicUrl          exit 2, HTTP 409  signing refused: the public URL is loopback
    ├── InputError                  exit 2, HTTP 400  input that stopped the job
    │   ├── UnreadableInput         exit 2, HTTP 400  a file that cannot be opened or decoded
    │   │   └── JsonSyntaxError     exit 2, HTTP 400  a JSON text that breaks at a line
    │   ├── UnknownFormat           exit 2, HTTP 400  a format name or file kind we do not read
    │   ├── TooLarge                exit 2, HTTP 413  an upload larger than the route takes
    │   ├── FieldError              exit 2, HTTP 400  a value of a log row refused (i18n key)
    │   ├── LookAlike               exit 2, HTTP 400  an identifier mixing scripts (ValueError)
    │   ├── UnsafeImage             exit 2, HTTP 400  an image refused (malformed, bomb, script)
    │   ├── BakingError             exit 2, HTTP 400  an image that cannot carry a credential
    │   ├── UnsafeYaml              exit 2, HTTP 422  a YAML document refused before it is built
    │   ├── CanonicalizationError   exit 2, HTTP 400  a document that is not valid JSON-LD
    │   ├── UnknownContext          exit 2, HTTP 400  a JSON-LD context that is not shipped
    │   ├── Ob2Problem              exit 2, HTTP 400  an OB 2.0 document unusable (a phrase)
    │   └── ResolutionError         exit 2, HTTP 400  a verification method without a key
    ├── NotFound                    exit 2, HTTP 404  a learner, badge, credential ... not found
    ├── Conflict                    exit 2, HTTP 409  the request clashes with what is stored
    ├── CatalogError                exit 2, HTTP 422  a framework, mapping or badge file is invalid
    ├── StoreError                  exit 2, HTTP 500  the database failed
    │   ├── StoreNotReady           exit 2, HTTP 500  not initialised, or behind (a phrase)
    │   ├── StoreUnavailable        exit 2, HTTP 503  the database cannot be reached
    │   └── CorruptTotals           exit 2, HTTP 500  stored totals altered outside apprenance
    ├── SigningError                exit 2, HTTP 500  a credential cannot be signed
    ├── Unauthenticated             exit 2, HTTP 401
    ├── PermissionDenied            exit 2, HTTP 403
    ├── WalletRefused               exit 2, HTTP 400/401  a wallet's request refused (OID4VCI code)
    └── ProblemsFound               exit 1, HTTP 422  the job ran and found a problem

Every error has a stable ``code`` (documented in docs/errors.md) and a message meant for people;
its exit code and HTTP status are the class attributes below (inherited unless set), read by the
two top-level handlers (``cli/main.py``, the web app's) and nowhere else. ``text(lang)`` is the
message in the reader's language, which those handlers show (``message`` stays the English
one, for logs and JSON bodies): an error that keeps its phrases (``CatalogError``, and the
``Phrased`` ones: ``Ob2Problem``, ``ResolutionError``, ``StoreNotReady``) speaks French or
English; any other says its message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any, ClassVar, Protocol

from apprenance.i18n.phrases import Phrase


class ApprenanceError(Exception):
    """Base of every error apprenance raises on purpose."""

    code: ClassVar[str] = "error"
    exit_code: ClassVar[int] = 2
    http_status: ClassVar[int] = 400

    def __init__(self, message: str, *, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (fr, en) when the error keeps it in any language; else
        ``message``."""
        return self.message

    def to_dict(self) -> dict[str, Any]:
        """The error as a JSON-ready object."""
        out: dict[str, Any] = {"error": self.code, "message": self.message}
        if self.details is not None:
            out["details"] = self.details
        return out


class ConfigError(ApprenanceError):
    code = "config"
    http_status = 500


class LocalPublicUrl(ConfigError):
    """Signing refused: the instance's public URL is loopback (``127.0.0.0/8``, ``::1``,
    ``localhost``), so what would be signed could be verified nowhere else. 409: the request
    is fine, the state of the instance (its settings) does not allow it; the message says
    what to set, so it is shown to the caller (a 5xx status would hide it)."""

    code = "local-public-url"
    http_status = 409


class InputError(ApprenanceError):
    code = "input"


class UnreadableInput(InputError):
    code = "unreadable-input"


class JsonSyntaxError(UnreadableInput):
    """The file stops being valid JSON at ``line``; nothing after it can be read. The importers
    turn it into a rejected row (``json.broken``)."""

    def __init__(self, message: str, line: int, column: int, snippet: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.snippet = snippet


class UnknownFormat(InputError):
    code = "unknown-format"


class TooLarge(InputError):
    code = "too-large"
    http_status = 413


class FieldError(InputError):
    """A value that cannot be accepted: which field, and why (an i18n key under ``ingest.``).
    The importers keep it as a rejected row (``contracts.records.Problem``); ``message`` is
    the key."""

    def __init__(self, field: str, key: str, /, **values: Any) -> None:
        super().__init__(key)
        self.field = field
        self.key = key
        self.values = values

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        # handed from the process that reads a large file (``services/ingest/read_apart``)
        return partial(FieldError, **self.values), (self.field, self.key)


class LookAlike(InputError, ValueError):
    """An identifier with a part mixing scripts: ``part`` and the ``scripts`` it mixes
    (``domain.identifiers``). Still a ``ValueError``, as it was before it joined the tree."""

    def __init__(self, value: str, part: str, scripts: tuple[str, ...]) -> None:
        super().__init__(f"{value!r}: {part!r} mixes {', '.join(scripts)} letters")
        self.value = value
        self.part = part
        self.scripts = scripts


class UnsafeImage(InputError):
    """An image refused: malformed, too large, a decompression bomb, or an SVG with active or
    external content."""

    code = "unsafe-image"


class BakingError(InputError):
    """An image that cannot carry a credential (not PNG/SVG, too large, malformed)."""

    code = "baking"


class UnsafeYaml(InputError):
    """A YAML document refused before it is built: too many aliases, too large once they are
    expanded, an alias inside its own anchor, or nested too deeply."""

    code = "unsafe-yaml"
    http_status = 422


class CanonicalizationError(InputError):
    """A document that is not valid JSON-LD for its contexts."""


class UnknownContext(InputError):
    """A credential names a JSON-LD context apprenance does not ship (never fetched)."""

    code = "input"


class Phrased:
    """Mixin of an error that keeps its message as a phrase (``i18n.phrases``): ``text(lang)``
    in French or English, ``message`` in English."""

    def __init__(self, key: str, /, **params: Any) -> None:
        self.phrase = Phrase(key, params)
        super().__init__(str(self.phrase))  # type: ignore[call-arg]  # the error's own

    def text(self, lang: str = "en") -> str:
        return self.phrase.text(lang)


class Ob2Problem(Phrased, InputError):
    """An Open Badges 2.0 document that cannot be fetched, read or used."""


class ResolutionError(Phrased, InputError):
    """A verification method that cannot be resolved to a public key."""


class NotFound(ApprenanceError):
    code = "not-found"
    http_status = 404


class Conflict(ApprenanceError):
    code = "conflict"
    http_status = 409


class Localized(Protocol):
    """Something said in any language (a catalog ``Problem``, a ``Phrase``)."""

    def text(self, lang: str, /) -> str: ...


class CatalogError(ApprenanceError):
    """A catalog file is invalid. Raised with its ``header`` (a phrase: how many errors) and
    its ``problems`` (each naming file, line and field), the error is told in any language
    (``text``); ``message`` and ``details`` are the text and lines in the language it was
    raised in."""

    code = "catalog"
    http_status = 422

    def __init__(self, message: str, *, details: Any = None, header: Localized | None = None,
                 problems: Sequence[Localized] = ()) -> None:
        super().__init__(message, details=details)
        self.header = header
        self.problems = tuple(problems)

    def text(self, lang: str = "en") -> str:
        if self.header is None:
            return self.message
        return "\n".join([self.header.text(lang), *(p.text(lang) for p in self.problems)])


class StoreError(ApprenanceError):
    code = "store"
    http_status = 500


class StoreNotReady(Phrased, StoreError):
    """The store is missing, or behind this version's schema: what to run, in any language."""


class StoreUnavailable(StoreError):
    code = "store-unavailable"
    http_status = 503


class CorruptTotals(StoreError):
    """A stored value that is not totals in this format: the store was altered outside
    apprenance (``domain.evidence_codec``)."""


class SigningError(ApprenanceError):
    code = "signing"
    http_status = 500


class Unauthenticated(ApprenanceError):
    code = "unauthenticated"
    http_status = 401


class PermissionDenied(ApprenanceError):
    code = "forbidden"
    http_status = 403


class WalletRefused(ApprenanceError):
    """A phone wallet's request refused, with the error code its protocol defines
    (OpenID4VCI 1.0 / RFC 6749: ``invalid_grant``, ``invalid_proof``, ``invalid_nonce``,
    ``invalid_token`` ...) in ``protocol_code``; the web handler answers it as that protocol
    says (``{"error": ..., "error_description": ...}``)."""

    code = "wallet-refused"

    def __init__(self, protocol_code: str, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.protocol_code = protocol_code
        self.status = status  # 400, or 401 for a missing or bad access token


class ProblemsFound(ApprenanceError):
    code = "problems-found"
    exit_code = 1
    http_status = 422


ALL_ERRORS: tuple[type[ApprenanceError], ...] = (
    ApprenanceError,
    ConfigError,
    LocalPublicUrl,
    InputError,
    UnreadableInput,
    JsonSyntaxError,
    UnknownFormat,
    TooLarge,
    FieldError,
    LookAlike,
    UnsafeImage,
    BakingError,
    UnsafeYaml,
    CanonicalizationError,
    UnknownContext,
    Ob2Problem,
    ResolutionError,
    NotFound,
    Conflict,
    CatalogError,
    StoreError,
    StoreUnavailable,
    CorruptTotals,
    SigningError,
    Unauthenticated,
    PermissionDenied,
    WalletRefused,
    ProblemsFound,
)


@contextmanager
def foreign_parser(refuse: Callable[[Exception], ApprenanceError]) -> Iterator[None]:
    """Run a third-party parser that raises whatever its own parsers raise on hostile input
    (rdflib's six syntaxes, openbadges-bakery over pypng and minidom): any ``Exception`` in
    the block becomes ``refuse(exc)``, raised without the library's traceback. The one broad
    catch outside the two top-level handlers: these libraries document no exception of their
    own, and a hostile file must be refused as input, never crash the job."""
    try:
        yield
    except Exception as exc:  # the library raises anything: see the docstring
        raise refuse(exc) from None
