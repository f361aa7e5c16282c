"""A badge's micro-credential elements as (label, text) lines in one language: what the OB 3.0
criteria, the CLR and the PDF certificate write (the ELM export writes them as ELM classes,
``formats.elm``). The learner, the issuer, its country and the date belong to each award and
are added by the document that has them."""

from __future__ import annotations

from apprenance.domain.catalog import Badge, Catalog, text
from apprenance.domain.micro_credential import NOT_APPLICABLE, made_of, stacks_into
from apprenance.i18n import number, t

EQF_SCHEME = "http://data.europa.eu/snb/eqf/25831c2"


def eqf_uri(level: int) -> str:
    return f"http://data.europa.eu/snb/eqf/{level}"


def workload(badge: Badge, lang: str) -> str | None:
    ects = badge.credits.get("ects")
    if not ects:
        return None
    mc = badge.micro_credential
    if mc and mc.volume_hours:
        return t("mc.workload_hours", lang, ects=number(ects, lang),
                 hours=number(mc.volume_hours, lang))
    return t("mc.workload_value", lang, ects=number(ects, lang))


def element_lines(badge: Badge, catalog: Catalog, lang: str) -> list[tuple[str, str]]:
    """The elements ``badge`` declares or the catalog derives, in Annex I order."""
    mc = badge.micro_credential
    lines: list[tuple[str, str]] = []
    if mc:
        for outcome in mc.learning_outcomes:
            lines.append((t("mc.learning_outcomes", lang), text(outcome.text, lang)))
    load = workload(badge, lang)
    if load:
        lines.append((t("mc.workload", lang), load))
    if mc and mc.eqf_level is not None:
        level = (t("mc.eqf_not_applicable", lang) if mc.eqf_level == NOT_APPLICABLE
                 else t("mc.eqf_value", lang, level=mc.eqf_level))
        lines.append((t("mc.eqf_level", lang), level))
    if mc and mc.nqf_level:
        lines.append((t("mc.nqf_level", lang), mc.nqf_level))
    if mc and mc.assessment:
        lines.append((t("mc.assessment", lang), text(mc.assessment, lang)))
    if mc and mc.participation:
        lines.append((t("mc.participation", lang), t(f"mc.participation.{mc.participation}",
                                                      lang)))
    if mc and mc.quality_assurance:
        lines.append((t("mc.quality_assurance", lang), text(mc.quality_assurance, lang)))
    if mc and mc.prerequisites:
        lines.append((t("mc.prerequisites", lang), text(mc.prerequisites, lang)))
    into = stacks_into(badge.id, catalog)
    if into:
        lines.append((t("mc.stacks_into", lang),
                      ", ".join(text(p.name, lang) or p.id for p in into)))
    if badge.kind == "pathway":
        parts = made_of(badge, catalog)
        if parts:
            lines.append((t("mc.made_of", lang),
                          ", ".join(text(p.name, lang) or p.id for p in parts)))
    return lines


def has_elements(badge: Badge) -> bool:
    return badge.micro_credential is not None


def narrative(badge: Badge, catalog: Catalog, lang: str) -> str:
    """The elements as a Markdown section (appended to the OB 3.0 criteria narrative)."""
    lines = element_lines(badge, catalog, lang)
    if not lines:
        return ""
    colon = t("punct.colon", lang)
    body = "\n".join(f"- **{label}**{colon}{value}" for label, value in lines)
    return f"### {t('mc.title', lang)}\n\n{t('mc.reference', lang)}.\n\n{body}"
