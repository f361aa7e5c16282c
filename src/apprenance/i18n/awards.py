"""Words of awards review (the coordinator's page of badges to issue: evidence per criterion,
issue all or a selection, hold back with a reason, release) and of held awards on the
command line."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "awards.title": {"fr": "Badges à délivrer", "en": "Badges to issue"},
    "awards.territory": {"fr": "Territoire : {name}", "en": "Territory: {name}"},
    "awards.nav": {"fr": "Badges à délivrer", "en": "Badges to issue"},
    "awards.back": {"fr": "Retour au territoire", "en": "Back to the territory"},
    "awards.intro": {
        "fr": "Les règles du référentiel ont attribué ces badges et parcours, qui ne sont pas "
              "encore délivrés. Vérifiez les preuves critère par critère, puis délivrez-les "
              "tous ou une sélection, ou retenez-en un en disant pourquoi : il ne sera délivré "
              "par personne tant que vous ne l'aurez pas libéré.",
        "en": "The rules of the framework awarded these badges and pathways, which are not "
              "issued yet. Check the evidence criterion by criterion, then issue them all or a "
              "selection, or hold one back saying why: nobody will issue it until you "
              "release it.",
    },
    "awards.summary": {
        "fr": "En attente de délivrance : {pending} · retenus : {held}",
        "en": "Waiting to be issued: {pending} · held back: {held}",
    },
    "awards.none_but_held": {
        "fr": "Aucun autre badge en attente : les badges retenus sont listés plus bas.",
        "en": "No other badge waiting: the held badges are listed below.",
    },
    "awards.pending": {"fr": "En attente ({n})", "en": "Waiting ({n})"},
    "awards.none_pending": {
        "fr": "Aucun badge en attente : tout ce que les règles ont attribué est délivré.",
        "en": "No badge waiting: everything the rules awarded has been issued.",
    },
    "awards.pick": {"fr": "Délivrer : {badge} à {name}", "en": "Issue: {badge} to {name}"},
    "awards.kind.badge": {"fr": "Badge", "en": "Badge"},
    "awards.kind.pathway": {"fr": "Parcours", "en": "Pathway"},
    "awards.met_on": {"fr": "critères remplis le {date}", "en": "criteria met on {date}"},
    "awards.not_in_catalog": {
        "fr": "Ce badge n'est plus dans le référentiel : ses critères ne peuvent pas être "
              "montrés.",
        "en": "This badge is no longer in the catalog: its criteria cannot be shown.",
    },
    "awards.criteria": {"fr": "Preuves, critère par critère", "en": "Evidence, criterion by "
                                                                    "criterion"},
    "awards.met": {"fr": "rempli", "en": "met"},
    "awards.unmet": {"fr": "non rempli", "en": "not met"},
    "awards.unmet_help": {
        "fr": "Ce critère n'est plus rempli aujourd'hui (activité annulée ou requalifiée "
              "depuis l'attribution) : vérifiez avant de délivrer.",
        "en": "This criterion is no longer met today (an activity voided or retyped since "
              "the award): check before issuing.",
    },
    "awards.hours": {"fr": "{hours} h", "en": "{hours} h"},
    "awards.hours_counted": {"fr": "{counted} h comptées (sur {hours} h d'activité)",
                             "en": "{counted} h counted (of {hours} h of activity)"},
    "awards.col.counted": {"fr": "Comptées", "en": "Counted"},
    "awards.activities.one": {"fr": "{n} activité", "en": "{n} activity"},
    "awards.activities": {"fr": "{n} activités", "en": "{n} activities"},
    "awards.projects.one": {"fr": "projet : {names}", "en": "project: {names}"},
    "awards.projects": {"fr": "projets : {names}", "en": "projects: {names}"},
    "awards.attested.one": {"fr": "{n} attestée", "en": "{n} attested"},
    "awards.attested": {"fr": "{n} attestées", "en": "{n} attested"},
    "awards.no_activity": {"fr": "aucune activité", "en": "no activity"},
    "awards.badges_held": {"fr": "badges obtenus : {ids}", "en": "badges earned: {ids}"},
    "awards.badges_none": {"fr": "aucun de ces badges obtenu", "en": "none of these badges earned"},
    "awards.see.one": {"fr": "Voir l'activité", "en": "See the activity"},
    "awards.see": {"fr": "Voir les {n} activités", "en": "See the {n} activities"},
    "awards.col.date": {"fr": "Date", "en": "Date"},
    "awards.col.activity": {"fr": "Activité", "en": "Activity"},
    "awards.col.hours": {"fr": "Durée (h)", "en": "Length (h)"},
    "awards.col.project": {"fr": "Projet", "en": "Project"},
    "awards.col.attested": {"fr": "Attestée", "en": "Attested"},
    "awards.yes": {"fr": "oui", "en": "yes"},
    "awards.no": {"fr": "non", "en": "no"},
    "awards.issue_title": {"fr": "Délivrer", "en": "Issue"},
    "awards.issue_help": {
        "fr": "Cochez les badges à délivrer, ou délivrez tout ce qui est en attente (les "
              "badges retenus ne sont jamais délivrés).",
        "en": "Tick the badges to issue, or issue everything waiting (held badges are never "
              "issued).",
    },
    "awards.issue_selected": {"fr": "Délivrer la sélection", "en": "Issue the selection"},
    "awards.issue_all": {"fr": "Tout délivrer ({n})", "en": "Issue all ({n})"},
    "awards.hold": {"fr": "Retenir ce badge", "en": "Hold this badge back"},
    "awards.hold_reason": {"fr": "Raison (obligatoire)", "en": "Reason (required)"},
    "awards.hold_help": {
        "fr": "Par exemple : attestation à vérifier avec le porteur du projet.",
        "en": "For example: attestation to check with the project lead.",
    },
    "awards.hold_go": {"fr": "Retenir", "en": "Hold back"},
    "awards.held_title": {"fr": "Retenus ({n})", "en": "Held back ({n})"},
    "awards.held_help": {
        "fr": "Ces badges ne sont délivrés ni par cette page, ni par l'API, ni par la ligne de "
              "commande, tant qu'ils ne sont pas libérés.",
        "en": "These badges are issued neither by this page, the API nor the command line "
              "until they are released.",
    },
    "awards.held_why": {"fr": "Raison : {reason}", "en": "Reason: {reason}"},
    "awards.held_when": {"fr": "retenu le {date}", "en": "held back on {date}"},
    "awards.release": {"fr": "Libérer", "en": "Release"},
    "awards.release_one": {"fr": "Libérer : {badge} de {name}",
                           "en": "Release: {badge} of {name}"},
    "awards.done.held": {
        "fr": "Badge retenu : il ne sera pas délivré tant que vous ne l'aurez pas libéré.",
        "en": "Badge held back: it will not be issued until you release it.",
    },
    "awards.done.released": {
        "fr": "Badge libéré : il sera délivré avec les autres.",
        "en": "Badge released: it will be issued with the others.",
    },
    "awards.issued.one": {"fr": "{n} badge délivré.", "en": "{n} badge issued."},
    "awards.issued": {"fr": "{n} badges délivrés.", "en": "{n} badges issued."},
    "awards.issued_none": {"fr": "Aucun badge délivré.", "en": "No badge issued."},
    "awards.issued_held.one": {
        "fr": "{n} badge retenu n'a pas été délivré.",
        "en": "{n} held badge was not issued.",
    },
    "awards.issued_held": {
        "fr": "{n} badges retenus n'ont pas été délivrés.",
        "en": "{n} held badges were not issued.",
    },
    "awards.issued_problems": {
        "fr": "{n} badge(s) n'ont pas pu être délivrés : {details}",
        "en": "{n} badge(s) could not be issued: {details}",
    },
    "awards.issued_item": {"fr": "{badge} à {name}", "en": "{badge} to {name}"},
    "awards.portfolio": {"fr": "portfolio", "en": "portfolio"},
    "awards.credential": {"fr": "certification (JSON)", "en": "credential (JSON)"},
    "awards.error.selection": {
        "fr": "Cochez au moins un badge à délivrer, ou choisissez « Tout délivrer ».",
        "en": "Tick at least one badge to issue, or choose “Issue all”.",
    },
    "awards.error.reason.required": {
        "fr": "Écrivez la raison pour laquelle vous retenez ce badge.",
        "en": "Write why you are holding this badge back.",
    },
    "awards.error.reason.too-long": {
        "fr": "La raison fait au plus 500 caractères.",
        "en": "The reason is at most 500 characters long.",
    },
    "awards.territory_held": {
        "fr": "Retenus, non délivrés : {n}.",
        "en": "Held back, not issued: {n}.",
    },
    "learner.erase.hold_reasons_cleared": {
        "fr": "raisons de badges retenus effacées",
        "en": "reasons of held-back awards cleared",
    },
    "issue.held.one": {
        "fr": "{n} badge retenu par un·e coordinateur·rice n'a pas été délivré "
              "(libérez-le sur la page « Badges à délivrer » du territoire).",
        "en": "{n} award held back by a coordinator was not issued (release it on the "
              "territory's “Badges to issue” page).",
    },
    "issue.held": {
        "fr": "{n} badges retenus par un·e coordinateur·rice n'ont pas été délivrés "
              "(libérez-les sur la page « Badges à délivrer » du territoire).",
        "en": "{n} awards held back by a coordinator were not issued (release them on "
              "the territory's “Badges to issue” page).",
    },
}
