"""Words of the portfolio pages added with issue 15 (the learner's own, the staff view and the
shared view): the summary on top, the download menu of each badge, revoked badges, who issued
them, the timeline of a shared view. The older portfolio texts are in ``web``."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "portfolio.toc": {"fr": "Sommaire du portfolio", "en": "Portfolio contents"},
    "portfolio.sec.summary": {"fr": "En bref", "en": "At a glance"},
    "portfolio.fig.badges": {"fr": "badges obtenus", "en": "badges earned"},
    "portfolio.fig.badges.one": {"fr": "badge obtenu", "en": "badge earned"},
    "portfolio.fig.hours": {"fr": "d'activités reconnues", "en": "of recognised activities"},
    "portfolio.fig.pathways": {"fr": "parcours achevés", "en": "pathways completed"},
    "portfolio.fig.pathways.one": {"fr": "parcours achevé", "en": "pathway completed"},
    "portfolio.pathways_done": {"fr": "Parcours achevés :", "en": "Pathways completed:"},
    "portfolio.territory": {"fr": "Territoire : {territory}", "en": "Territory: {territory}"},
    "portfolio.issuer": {"fr": "Badges délivrés par", "en": "Badges issued by"},
    "portfolio.clr_download": {
        "fr": "Télécharger le relevé complet (CLR)",
        "en": "Download the full record (CLR)",
    },
    "portfolio.download": {"fr": "Télécharger", "en": "Download"},
    "portfolio.download_label": {"fr": "Télécharger « {name} »", "en": "Download “{name}”"},
    "portfolio.fmt.json": {"fr": "Open Badges 3.0 (JSON)", "en": "Open Badges 3.0 (JSON)"},
    "portfolio.fmt.jwt": {"fr": "Open Badges 3.0 (VC-JWT)", "en": "Open Badges 3.0 (VC-JWT)"},
    "portfolio.fmt.png": {"fr": "Image PNG (badge intégré)", "en": "PNG image (badge inside)"},
    "portfolio.fmt.svg": {"fr": "Image SVG (badge intégré)", "en": "SVG image (badge inside)"},
    "portfolio.fmt.ob2": {"fr": "Open Badges 2.0 (JSON)", "en": "Open Badges 2.0 (JSON)"},
    "portfolio.revoked": {
        "fr": "révoqué le {date} — motif : {reason}",
        "en": "revoked on {date} — reason: {reason}",
    },
    "portfolio.tl.title": {"fr": "Jalons du parcours", "en": "Milestones"},
    "portfolio.tl.earned": {"fr": "badge obtenu : {name}", "en": "badge earned: {name}"},
    "portfolio.tl.revoked": {
        "fr": "badge révoqué depuis : {name}",
        "en": "badge since revoked: {name}",
    },
    "portfolio.tl.first": {"fr": "première activité reconnue", "en": "first recognised activity"},
}
