"""Gathering what a learner's certificate states: territory and period, projects, hours per
pillar and vital function, competences, badges, the ECTS recommendation and the credential
that makes the PDF verifiable."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from apprenance.clock import Clock
from apprenance.contracts.territory import project_name
from apprenance.credentials.micro_credential_facts import element_lines
from apprenance.credentials.verify.inputs import COUNTRY_NAMES
from apprenance.db import learner_records_sql as sql
from apprenance.db.credentials_sql import certificate_credentials, learner_credentials
from apprenance.db.engine import Connection
from apprenance.db.issuing_sql import issuer_row
from apprenance.db.store import Store
from apprenance.domain.catalog import FUNCTIONS, PILLARS, Catalog, text
from apprenance.domain.certificate import (
    HOURS_PER_CREDIT_DEFAULT,
    BadgeLine,
    CertificateData,
    CompetenceLine,
    HoursLine,
    Issuer,
    ProjectLine,
    check_hours_per_credit,
    competence_level,
    recommended_ects,
    tally_competences,
)
from apprenance.domain.evidence import TOTAL, Totals
from apprenance.errors import Conflict, InputError, NotFound
from apprenance.i18n import t
from apprenance.services.evidence.totals import learner_facts
from apprenance.services.issuing.issuers import issuer_for
from apprenance.services.issuing.revocation import revoked_badges
from apprenance.services.people.directory import learner_id


@dataclass(frozen=True)
class CertificateOptions:
    """How certificates are made: language (None: each learner's own), credit rule, URLs."""

    lang: str | None = None
    default_lang: str = "fr"
    hours_per_credit: float = HOURS_PER_CREDIT_DEFAULT
    public_url: str = "http://127.0.0.1:8000"
    issuer: Issuer | None = None

    def __post_init__(self) -> None:
        try:
            check_hours_per_credit(self.hours_per_credit)
        except ValueError as exc:
            raise InputError(str(exc)) from None


def verify_url(public_url: str, credential_id: str) -> str:
    """Where anyone checks a credential: ``{public_url}/verify?credential=...``."""
    return f"{public_url.rstrip('/')}/verify?credential={quote(credential_id, safe='')}"


def pathway_of(catalog: Catalog, pathway: str) -> str:
    """``pathway`` when the catalog has it as a pathway, else NotFound."""
    badge = catalog.badges.get(pathway)
    if badge is None or badge.kind != "pathway":
        raise NotFound(f"no pathway {pathway!r} in the catalog")
    return pathway


def gather_certificate(
    store: Store, catalog: Catalog, participant: str, *, pathway: str | None = None,
    options: CertificateOptions | None = None, clock: Clock,
) -> CertificateData:
    """What ``participant``'s certificate states (for ``pathway`` when given: it must have been
    earned; else for the pathway earned last, if any)."""
    options = options or CertificateOptions()
    if pathway is not None:
        pathway_of(catalog, pathway)
    with store.transaction() as conn:
        lid = learner_id(conn, participant)
        return _gather(conn, catalog, lid, pathway, options, clock)


def _gather(
    conn: Connection, catalog: Catalog, lid: int, pathway: str | None,
    options: CertificateOptions, clock: Clock,
) -> CertificateData:
    learner = sql.learner_record(conn, lid)
    if learner["erased_at"] is not None:
        raise NotFound(f"learner {learner['participant']!r} was erased")
    lang = options.lang or learner["lang"] or options.default_lang
    facts = learner_facts(conn, catalog, lid)
    totals = Totals()
    for fact in facts:
        totals.add(fact)
    awards = _awards(conn, catalog, lid, lang)
    chosen = _chosen_pathway(awards, pathway, str(learner["participant"]))
    territory_id, territory_name = _territory(conn, learner, totals)
    credential_id, credential = _credential(conn, lid, chosen[1] if chosen else None)
    total = totals.hours.get((TOTAL, ""), 0.0)
    pathway_badge = catalog.badges.get(chosen[0].id) if chosen else None
    issuer = options.issuer or issuer_of(credential) or store_issuer(conn, territory_id) \
        or Issuer(name=territory_name or "apprenance", url=options.public_url)
    micro: tuple[tuple[str, str], ...] = ()
    if pathway_badge is not None and pathway_badge.micro_credential is not None:
        micro = (
            (t("mc.awarding_body", lang), issuer.name),
            (t("mc.country", lang), country_of(credential)),
            *element_lines(pathway_badge, catalog, lang),
        )
    return CertificateData(
        lang=lang,
        learner=str(learner["participant"]),
        name=str(learner["name"] or learner["participant"]),
        territory=territory_name,
        territory_id=territory_id,
        period_start=totals.first,
        period_end=totals.last,
        total_hours=total,
        activities=totals.counts.get((TOTAL, ""), 0),
        pillars=tuple(HoursLine(p, _label(catalog, f"pilier:{p}", lang, p),
                                totals.hours.get(("pillar", p), 0.0)) for p in PILLARS),
        functions=_functions(catalog, totals, lang),
        projects=_projects(conn, catalog, totals, lang),
        competences=_competences(catalog, facts, lang),
        badges=tuple(line for line, _ in awards),
        hours_per_credit=options.hours_per_credit,
        # credits are recommended only on a certificate a signed credential makes verifiable
        ects=recommended_ects(total, options.hours_per_credit) if credential_id else None,
        issuer=issuer,
        issued_on=clock().date(),
        pathway=chosen[0] if chosen else None,
        pathway_ects=(pathway_badge.credits.get("ects") if pathway_badge else None),
        credential_id=credential_id,
        verify_url=verify_url(options.public_url, credential_id) if credential_id else None,
        credential=credential,
        micro_credential=micro,
    )


def short_label(label: str) -> str:
    """The acronym a label ends with, when it has one: "Projet alimentaire territorial (PAT)"
    gives "PAT"."""
    found = re.search(r"\(([^()]{2,12})\)\s*$", label)
    return found.group(1) if found else label


def short_title(title: str) -> str:
    """A framework's short name: "GreenComp : cadre européen ..." gives "GreenComp"."""
    return re.split(r"\s?:\s", title, maxsplit=1)[0].strip() or title


def _label(catalog: Catalog, curie: str, lang: str, fallback: str) -> str:
    concept = catalog.concepts.get(curie)
    return text(concept.label, lang) if concept else fallback


def _awards(
    conn: Connection, catalog: Catalog, lid: int, lang: str
) -> list[tuple[BadgeLine, int]]:
    """The awards the certificate lists: a badge whose credentials were all revoked is no
    longer earned (neither listed nor counted, nor a pathway the certificate is for)."""
    revoked = revoked_badges(learner_credentials(conn, lid))
    out: list[tuple[BadgeLine, int]] = []
    for award_id, badge_id, awarded_at, awarded_on, issued_at in sql.learner_awards(conn, lid):
        if badge_id in revoked:
            continue
        badge = catalog.badges.get(badge_id)
        name = text(badge.name, lang) if badge else badge_id
        kind = badge.kind if badge else "badge"
        # awarded: the day the evidence met the rule; issued: the day it was signed
        out.append((BadgeLine(badge_id, name, kind, awarded_on or awarded_at.date(),
                              issued_at.date() if issued_at else None), int(award_id)))
    return sorted(out, key=lambda line: (line[0].awarded_on, line[1]))


def _chosen_pathway(
    awards: list[tuple[BadgeLine, int]], pathway: str | None, participant: str
) -> tuple[BadgeLine, int] | None:
    pathways = [(line, award) for line, award in awards if line.kind == "pathway"]
    if pathway is None:
        return pathways[-1] if pathways else None
    for line, award in pathways:
        if line.id == pathway:
            return line, award
    raise Conflict(f"{participant} has not completed the pathway {pathway!r}")


def _territory(
    conn: Connection, learner: Mapping[Any, Any], totals: Totals
) -> tuple[str | None, str]:
    territory_id = learner["territory_id"]
    if territory_id is None:
        worked = sorted(totals.keys_of("territory"),
                        key=lambda k: -totals.hours.get(("territory", k), 0.0))
        territory_id = worked[0] if worked else None
    if territory_id is None:
        return None, ""
    name = sql.territory_name(conn, territory_id)
    return str(territory_id), str(name or territory_id)


def _functions(catalog: Catalog, totals: Totals, lang: str) -> tuple[HoursLine, ...]:
    keys = totals.keys_of("function")
    ordered = [f for f in FUNCTIONS if f in keys] + sorted(k for k in keys if k not in FUNCTIONS)
    return tuple(HoursLine(f, _label(catalog, f"fonction:{f}", lang, f),
                           totals.hours.get(("function", f), 0.0)) for f in ordered)


def _projects(
    conn: Connection, catalog: Catalog, totals: Totals, lang: str
) -> tuple[ProjectLine, ...]:
    keys = totals.keys_of("project")
    if not keys:
        return ()
    rows = sql.projects_by_id(conn, keys)
    lines = []
    for key in keys:
        row = rows.get(key)
        name, functions, schemes = key, [], []
        if row is not None:
            name = project_name(row, lang)
            functions, schemes = list(row["functions"] or []), list(row["schemes"] or [])
        lines.append(ProjectLine(
            id=key, name=name,
            functions=tuple(_label(catalog, f"fonction:{f}", lang, f) for f in functions),
            schemes=tuple(short_label(_label(catalog, f"dispositif:{s}", lang, s))
                          for s in schemes),
            hours=totals.hours.get(("project", key), 0.0)))
    return tuple(sorted(lines, key=lambda line: (-line.hours, line.id)))


def _competences(catalog: Catalog, facts: list[Any], lang: str) -> tuple[CompetenceLine, ...]:
    lines = []
    for curie, tally in tally_competences(facts).items():
        concept = catalog.concepts.get(curie)
        prefix = curie.split(":", 1)[0]
        scheme = catalog.schemes.get(concept.scheme if concept else prefix)
        lines.append(CompetenceLine(
            curie=curie,
            label=text(concept.label, lang) if concept else curie,
            framework=short_title(text(scheme.title, lang)) if scheme else prefix,
            level=competence_level(tally.hours),
            hours=tally.hours, activities=tally.activities, attestations=tally.attestations))
    return tuple(sorted(lines, key=lambda c: (-c.hours, c.curie)))


def _credential(
    conn: Connection, lid: int, pathway_award: int | None
) -> tuple[str | None, dict[str, Any] | None]:
    """The newest unrevoked credential of the pathway award, else the learner's CLR."""
    rows = certificate_credentials(conn, lid, pathway_award)
    rows.sort(key=lambda r: 0 if pathway_award is not None and r[1] == pathway_award else 1)
    for cid, _, document in rows:
        if isinstance(document, dict):
            return cid, dict(document)
    return None, None


def country_of(credential: dict[str, Any] | None) -> str:
    """The issuer's country a credential names (OB 3.0 ``Profile.address``), else France."""
    issuer = credential.get("issuer") if credential else None
    address = issuer.get("address") if isinstance(issuer, dict) else None
    if isinstance(address, dict) and address.get("addressCountry"):
        return str(address["addressCountry"])
    return COUNTRY_NAMES["FR"]


def store_issuer(conn: Connection, territory: str | None) -> Issuer | None:
    """The issuer that signs this learner's credentials (the rule issuing follows: their
    territory's, else the only one, else the collective's), for a certificate that attaches
    none yet: so the "issued by" block names the same issuer for every learner."""
    try:
        row = issuer_row(conn, issuer_for(conn, territory))
    except NotFound:
        return None
    return None if row is None else Issuer(name=row.name, url=row.url or "")


def issuer_of(credential: dict[str, Any] | None) -> Issuer | None:
    """The issuer a credential names (OB 3.0 / CLR profile), as the certificate prints it."""
    if credential is None:
        return None
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        name = issuer.get("name")
        if isinstance(name, dict):  # a language map
            name = name.get("fr") or next(iter(name.values()), None)
        url = next((str(u) for u in (issuer.get("url"), issuer.get("id"))
                    if isinstance(u, str) and u.startswith(("https://", "http://"))), "")
        if name:
            return Issuer(name=str(name), url=url)
    return None


def batch_learners(
    store: Store, catalog: Catalog, *, territory: str | None = None,
    pathway: str | None = None,
) -> list[str]:
    """The learners a batch covers: those of ``territory`` (or everyone), holding ``pathway``
    when given; erased learners never."""
    if territory is not None:
        with store.transaction() as conn:
            known = sql.territory_exists(conn, territory)
        if not known:
            raise NotFound(f"no territory {territory!r}")
    if pathway is not None:
        pathway_of(catalog, pathway)
    with store.transaction() as conn:
        return sql.participants(conn, territory=territory, pathway=pathway)
