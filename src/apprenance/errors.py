"""The one exception tree of apprenance, mapped to exit codes and HTTP statuses in one place.

::

    ApprenanceError                 exit 2, HTTP 400  (code "error")
    ├── ConfigError                 exit 2, HTTP 500  bad settings or home folder
    │   └── LocalPublicUrl          exit 2, HTTP 409  signing refused: the public URL is loopback
    ├── InputError                  exit 2, HTTP 400  input that stopped the job
    │   ├── UnreadableInput         exit 2, HTTP 400  a file that cannot be opened or decoded
    │   ├── UnknownFormat           exit 2, HTTP 400  a format name or file kind we do not read
    │   └── TooLarge                exit 2, HTTP 413  an upload larger than the route takes
    ├── NotFound                    exit 2, HTTP 404  a learner, badge, credential ... not found
    ├── Conflict                    exit 2, HTTP 409  the request clashes with what is stored
    ├── CatalogError                exit 2, HTTP 422  a framework, mapping or badge file is invalid
    ├── StoreError                  exit 2, HTTP 500  the database failed
    │   └── StoreUnavailable        exit 2, HTTP 503  the database cannot be reached
    ├── SigningError                exit 2, HTTP 500  a credential cannot be signed
    ├── Unauthenticated             exit 2, HTTP 401
    ├── PermissionDenied            exit 2, HTTP 403
    └── ProblemsFound               exit 1, HTTP 422  the job ran and found a problem

Every error has a stable ``code`` (documented in docs/errors.md) and a message meant for people.
"""

from __future__ import annotations

from typing import Any, ClassVar


class ApprenanceError(Exception):
    """Base of every error apprenance raises on purpose."""

    code: ClassVar[str] = "error"
    exit_code: ClassVar[int] = 2
    http_status: ClassVar[int] = 400

    def __init__(self, message: str, *, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

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


class UnknownFormat(InputError):
    code = "unknown-format"


class TooLarge(InputError):
    code = "too-large"
    http_status = 413


class NotFound(ApprenanceError):
    code = "not-found"
    http_status = 404


class Conflict(ApprenanceError):
    code = "conflict"
    http_status = 409


class CatalogError(ApprenanceError):
    code = "catalog"
    http_status = 422


class StoreError(ApprenanceError):
    code = "store"
    http_status = 500


class StoreUnavailable(StoreError):
    code = "store-unavailable"
    http_status = 503


class SigningError(ApprenanceError):
    code = "signing"
    http_status = 500


class Unauthenticated(ApprenanceError):
    code = "unauthenticated"
    http_status = 401


class PermissionDenied(ApprenanceError):
    code = "forbidden"
    http_status = 403


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
    UnknownFormat,
    TooLarge,
    NotFound,
    Conflict,
    CatalogError,
    StoreError,
    StoreUnavailable,
    SigningError,
    Unauthenticated,
    PermissionDenied,
    ProblemsFound,
)
