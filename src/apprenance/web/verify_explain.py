"""A verification report for people, as the page ``/verifier`` shows it (issue 19).

- ``headline``: the verdict in one sentence that names what went wrong: valid, unreadable,
  revoked or suspended (only when the status check says so and nothing else failed), expired,
  not yet valid, else "not valid" with the names of the checks that failed.
- ``checks_for_people``: each check that ran, as a plain sentence chosen from the check's own
  outcome (a status check that failed because its list is not trustworthy never reads
  "revoked"), with the check's message — in the page's language — beside it.
- ``facts``: what the credential vouches for (``Report.vouches``): holder, badge or pathway,
  issuer, dates and status, the things docs/universities.md asks registrars to compare.

Every text comes from ``apprenance.i18n`` (``verify.plain.*``, ``verify.headline.*``,
``verify.page.*``), and each check's detail is ``Check.text(lang)``, the same message the CLI
prints: a French page holds no English sentence of the verifier's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from apprenance.credentials.verify.structure import parse_time
from apprenance.credentials.verify.verifier import Check, CheckStatus, Report
from apprenance.i18n import MESSAGES, t
from apprenance.i18n.dates import date_text

_HASH_SHOWN = 24  # characters of a hashed identifier shown (the whole value is in the title)


@dataclass(frozen=True)
class Line:
    """One check, for people: ``state`` is ok, failed or warning."""

    name: str
    label: str
    state: CheckStatus
    text: str
    detail: str


@dataclass(frozen=True)
class Fact:
    """One thing the credential states: a label, the value, and the full value when the
    value shown is shortened."""

    name: str
    label: str
    value: str
    full: str | None = None
    warn: bool = False


def check_label(name: str, lang: str) -> str:
    """The short name of a check (``verify.check.*``), as the CLI prints it."""
    key = f"verify.check.{name}"
    return t(key, lang) if key in MESSAGES else name


def _plain_key(check: Check, state: CheckStatus, report: Report) -> str:
    if state == "failed" and check.name == "status" and report.status in ("revoked",
                                                                          "suspended"):
        return f"verify.plain.status.{report.status}"
    if state == "failed" and check.name == "window" and report.window in ("expired",
                                                                          "not_yet_valid"):
        return f"verify.plain.window.{report.window}"
    return f"verify.plain.{check.name}.{state}"


def _plain(check: Check, state: CheckStatus, report: Report, lang: str) -> str:
    key = _plain_key(check, state, report)
    if key in MESSAGES:
        return t(key, lang)
    if state == "warning" and f"verify.plain.{check.name}.failed" in MESSAGES:
        return t(f"verify.plain.{check.name}.failed", lang)
    return t(f"verify.plain.other.{state}", lang, check=check_label(check.name, lang))


def checks_for_people(report: Report, lang: str) -> list[Line]:
    """Each check that ran (skipped ones aside), in order."""
    lines = []
    for check in report.checks:
        if check.status == "skipped":
            continue
        state: CheckStatus = (check.status if check.status in ("ok", "failed", "warning")
                              else "failed")
        lines.append(Line(check.name, check_label(check.name, lang), state,
                          _plain(check, state, report, lang), check.text(lang)))
    return lines


def _param(report: Report, name: str, value: str) -> str:
    for check in report.checks:
        if check.name == name and check.status == "failed" and value in check.params:
            return str(check.params[value])
    return "-"


def headline(report: Report, lang: str) -> tuple[str, str]:
    """``(kind, sentence)``: kind is valid, unreadable, revoked, suspended, expired,
    not_yet_valid or invalid."""
    if report.verdict == "unreadable":
        return "unreadable", t("verify.headline.unreadable", lang)
    if report.verified:
        return "valid", t("verify.headline.valid", lang)
    failed = report.failed_checks
    if failed == ["status"] and report.status in ("revoked", "suspended"):
        return str(report.status), t(f"verify.headline.{report.status}", lang)
    if failed == ["window"] and report.window == "expired":
        end = _param(report, "window", "end")
        return "expired", t("verify.headline.expired", lang, end=day(end, lang))
    if failed == ["window"] and report.window == "not_yet_valid":
        start = _param(report, "window", "start")
        return "not_yet_valid", t("verify.headline.not_yet_valid", lang,
                                  start=day(start, lang))
    names = failed or ["verify"]
    quoted = [t("verify.headline.check", lang, name=check_label(n, lang)) for n in names]
    listed = quoted[0] if len(quoted) == 1 else t(
        "verify.headline.and", lang, first=", ".join(quoted[:-1]), last=quoted[-1])
    key = "verify.headline.invalid" if len(names) == 1 else "verify.headline.invalid_many"
    return "invalid", t(key, lang, checks=listed)


def day(value: str | None, lang: str) -> str:
    """A date-time of the credential as a day people read: ``1 septembre 2026``; a value that
    is not a date-time is shown as it is."""
    moment = parse_time(value)
    if moment is None:
        return value or "-"
    return date_text(moment.date(), lang)


def _holder(holder: dict[str, Any], lang: str, recipient: str | None) -> list[Fact]:
    label = t("verify.page.holder", lang)
    out = []
    if holder.get("name"):
        out.append(Fact("holder", label, str(holder["name"])))
    elif holder.get("id"):
        out.append(Fact("holder", label, str(holder["id"])))
    for entry in holder.get("identifiers") or []:
        value = str(entry.get("value") or "")
        shown = value if len(value) <= _HASH_SHOWN else value[:_HASH_SHOWN] + "…"
        out.append(Fact("holder", label, t("verify.page.holder_hashed", lang,
                                           kind=entry.get("type") or "?", value=shown),
                        full=value if shown != value else None))
    if not out:
        out.append(Fact("holder", label, t("verify.page.holder_none", lang)))
    match = holder.get("recipient")
    if match in ("ok", "mismatch") and recipient:
        out.append(Fact("recipient", t("verify.page.recipient_fact", lang),
                        t(f"verify.page.recipient.{match}", lang, email=recipient),
                        warn=match != "ok"))
    return out


def _endorsers(report: Report, lang: str) -> list[Fact]:
    """Who endorses the achievement (third parties, with their own keys), and whether their
    signature holds."""
    out = []
    for nested in report.nested:
        if not (nested.role or "").startswith("achievement.endorsement"):
            continue
        issuer = (nested.vouches or {}).get("issuer") or {}
        name = str(issuer.get("name") or nested.issuer or "-")
        key = "verify.page.endorser.ok" if nested.verified else "verify.page.endorser.bad"
        out.append(Fact("endorsed_by", t("portfolio.endorsed_by", lang),
                        t(key, lang, name=name), warn=not nested.verified))
    return out


def facts(report: Report, lang: str, recipient: str | None = None) -> list[Fact]:
    """What the credential vouches for (empty when the report has nothing to say)."""
    found = report.vouches
    if not found:
        return []
    out = [Fact("document", t("verify.page.document", lang), str(found["document"]))] \
        if found.get("document") else []
    out += _holder(found.get("holder") or {}, lang, recipient)
    names = [a.get("name") or a.get("id") for a in found.get("achievements") or []]
    if found.get("endorses"):
        out.append(Fact("endorses", t("verify.page.endorses", lang), str(found["endorses"])))
    elif any(names) or found.get("name"):
        shown = ", ".join(str(n) for n in names if n) or str(found.get("name"))
        out.append(Fact("achievement", t("verify.page.achievement", lang), shown))
    issuer = found.get("issuer") or {}
    if issuer.get("name") or issuer.get("id"):
        shown = " — ".join(str(v) for v in (issuer.get("name"), issuer.get("id")) if v)
        out.append(Fact("issuer", t("verify.page.issuer", lang), shown))
    out += _endorsers(report, lang)
    out.append(Fact("issued", t("verify.page.issued", lang), day(found.get("issued"), lang)))
    if found.get("valid_from") and found.get("valid_from") != found.get("issued"):
        out.append(Fact("valid_from", t("verify.page.valid_from", lang),
                        day(found.get("valid_from"), lang)))
    until = found.get("valid_until")
    out.append(Fact("valid_until", t("verify.page.valid_until", lang),
                    day(until, lang) if until else t("verify.page.no_end", lang),
                    warn=report.window == "expired"))
    status = found.get("status") or "none"
    key = f"verify.page.status.{status}"
    out.append(Fact("status", t("verify.page.status", lang),
                    t(key, lang) if key in MESSAGES else str(status),
                    warn=status not in ("ok", "none")))
    return out
