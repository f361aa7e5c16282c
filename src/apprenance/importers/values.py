"""Parsing one value of an activity log: dates, durations, identifiers, evidence URLs.

Each parser takes the text as written and returns the normalised value, or raises
``FieldError``. They are called through the caches of ``importers.canonical`` (the same text
repeats a lot in a log), so they favour clarity over speed.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from apprenance.domain.identifiers import normalise_identifier
from apprenance.errors import FieldError, InputError, LookAlike
from apprenance.i18n import t

MAX_HOURS = 24.0  # one activity, and one learner's total for one day

# Longest accepted value per field (characters); longer values are rejected, not cut.
MAX_LENGTH: dict[str, int] = {
    "id": 200,
    "date": 40,
    "participant": 320,
    "nom": 200,
    "role": 40,
    "territoire": 100,
    "projet": 100,
    "fonction": 50,
    "activite": 100,
    "description": 10_000,
    "duree": 40,
    "temoin": 340,
    "preuve": 2_000,
    "(extra)": 1_000,
}

_ISO_DURATION = re.compile(
    r"P(?!$)(?:(?P<w>\d+(?:[.,]\d+)?)W)?(?:(?P<d>\d+(?:[.,]\d+)?)D)?"
    r"(?:T(?!$)(?:(?P<h>\d+(?:[.,]\d+)?)H)?(?:(?P<m>\d+(?:[.,]\d+)?)M)?"
    r"(?:(?P<s>\d+(?:[.,]\d+)?)S)?)?",
)
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TIME = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?"
    r"(?P<tz>Z|z|[+-]\d{2}(?::?\d{2})?)?"
)
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_MONTH_NAMES = ("", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                "septembre", "octobre", "novembre", "décembre")


def parse_when(text: str, field: str = "date") -> tuple[datetime, date]:
    """An ISO 8601 date or date-time: (the instant in UTC, the day as written).

    A date alone is that day at 00:00 UTC. A date-time without offset is read as UTC."""
    value = text.strip()
    if not value:
        raise FieldError(field, "date.missing")
    if len(value) > MAX_LENGTH["date"]:
        raise FieldError(field, "too_long", limit=MAX_LENGTH["date"])
    if _DATE_ONLY.fullmatch(value):
        day = _calendar_day(value, field)
        return datetime(day.year, day.month, day.day, tzinfo=UTC), day
    match = _DATE_TIME.fullmatch(value)
    if match is None:
        raise FieldError(field, "date.format", value=value[:40])
    day = _calendar_day(match["day"], field)
    try:
        moment = datetime.fromisoformat(value.replace(",", ".").replace("z", "Z"))
    except ValueError:
        raise FieldError(field, "date.time", value=value) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    elif moment.utcoffset() is not None and abs(moment.utcoffset() or timedelta()) > timedelta(
        hours=14
    ):
        raise FieldError(field, "date.offset", value=value)
    return moment.astimezone(UTC), day


def _calendar_day(text: str, field: str) -> date:
    year, month, day = (int(x) for x in text.split("-"))
    if not 1 <= month <= 12:
        raise FieldError(field, "date.month", value=text, month=month)
    if year < 1900 or year > 2999:
        raise FieldError(field, "date.year", value=text)
    try:
        return date(year, month, day)
    except ValueError:
        raise FieldError(
            field, "date.impossible", value=text, day=day, month=_MONTH_NAMES[month]
        ) from None


def parse_hours(text: str, field: str = "duree", *, iso_only: bool = False) -> float:
    """Hours, from a decimal number (``1.5``, ``1,5``) or an ISO 8601 duration (``PT1H30M``).

    Must be above 0 and at most 24 hours."""
    value = text.strip()
    if not value:
        raise FieldError(field, "duration.missing")
    if len(value) > MAX_LENGTH["duree"]:
        raise FieldError(field, "too_long", limit=MAX_LENGTH["duree"])
    upper = value.upper()
    if upper.startswith(("P", "-P", "+P")):
        hours = _iso_hours(upper, value, field)
    elif iso_only:
        raise FieldError(field, "duration.iso", value=value)
    elif _DECIMAL.fullmatch(value):
        hours = float(value.replace(",", "."))
    else:
        raise FieldError(field, "duration.format", value=value[:40])
    if hours != hours or hours <= 0:  # NaN or not positive
        raise FieldError(field, "duration.positive", value=value)
    if hours > MAX_HOURS:
        raise FieldError(field, "duration.too_long", value=value, hours=_h(hours))
    return round(hours, 6)


def _iso_hours(upper: str, value: str, field: str) -> float:
    if upper.startswith("-"):
        raise FieldError(field, "duration.positive", value=value)
    match = _ISO_DURATION.fullmatch(upper.lstrip("+"))
    if match is None:
        if re.fullmatch(r"P.*\d(Y|M).*", upper.split("T")[0]):
            raise FieldError(field, "duration.calendar", value=value)
        raise FieldError(field, "duration.iso", value=value)
    parts = {k: float(v.replace(",", ".")) if v else 0.0 for k, v in match.groupdict().items()}
    return (
        parts["w"] * 168 + parts["d"] * 24 + parts["h"] + parts["m"] / 60 + parts["s"] / 3600
    )


def _h(hours: float) -> str:
    return f"{hours:.2f}".rstrip("0").rstrip(".")


def parse_handle(text: str, field: str) -> str:
    """A participant or witness: an email or a stable handle, without spaces, in its one
    written form (``domain.identifiers.normalise_identifier``: NFKC, lower case, no trailing
    dot); a part mixing Latin with Cyrillic or Greek letters is refused."""
    value = text.strip()
    if not value:
        raise FieldError(field, "handle.missing")
    if len(value) > MAX_LENGTH["participant"]:
        raise FieldError(field, "too_long", limit=MAX_LENGTH["participant"])
    try:
        value = normalise_identifier(value)
    except LookAlike as exc:
        raise FieldError(field, "handle.mixed_script", value=value[:80], part=exc.part[:80],
                         scripts=", ".join(exc.scripts)) from None
    if len(value) > MAX_LENGTH["participant"]:
        raise FieldError(field, "too_long", limit=MAX_LENGTH["participant"])
    if any(c.isspace() for c in value):
        raise FieldError(field, "handle.space", value=value)
    if not value.isprintable():
        raise FieldError(field, unprintable(value))
    if value.startswith(("=", "+", "-", "@")):
        raise FieldError(field, "handle.formula", value=value)
    return value


def learner_key(text: str) -> str:
    """The stored form of a learner named by a person (a command-line argument, a URL): the
    same normalisation as the importers; ``InputError`` for a look-alike."""
    try:
        return normalise_identifier(text)
    except LookAlike as exc:
        raise InputError(t("ingest.handle.mixed_script", "en", value=text.strip()[:80],
                           part=exc.part[:80], scripts=", ".join(exc.scripts))) from None


def parse_url(text: str, field: str = "preuve") -> str:
    """An evidence URL: absolute http or https, with a host, without spaces."""
    value = text.strip()
    if len(value) > MAX_LENGTH["preuve"]:
        raise FieldError(field, "too_long", limit=MAX_LENGTH["preuve"])
    scheme, sep, rest = value.partition("://")
    if (
        not sep or scheme.lower() not in ("http", "https") or not rest
        or rest[0] in "/?#@:" or " " in value or not value.isprintable()
    ):
        raise FieldError(field, "url", value=value[:80])
    return value


def unprintable(value: str) -> str:
    """The reason key for a value with characters that cannot be shown: bytes that were not
    UTF-8 (decoded as lone surrogates), or control characters."""
    if any("\udc80" <= c <= "\udcff" for c in value):
        return "encoding.row"
    return "control"


def is_uuid(text: str) -> bool:
    return bool(_UUID.fullmatch(text))


_IRI_FORBIDDEN = frozenset('<>"{}|\\^`')
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def is_absolute_iri(text: object) -> bool:
    """Whether ``text`` is an absolute IRI (RFC 3987): a scheme, a colon, then no spaces, no
    control characters, none of ``<>"{}|\\^``` and ``%`` only before two hex digits."""
    if not isinstance(text, str) or not text or not text.isprintable():
        return False
    if any(c.isspace() or c in _IRI_FORBIDDEN for c in text) or _BAD_PERCENT.search(text):
        return False
    scheme, sep, rest = text.partition(":")
    return bool(sep and rest and re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme))
