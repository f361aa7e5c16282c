"""Words of the coordinator's triage of unmapped activities (choose, confirm, undo) and of
the territory's dashboard (coverage, progress, recent activity, what waits)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- triage of unmapped activities ------------------------------------------------
    "triage.title": {"fr": "Activités à classer", "en": "Activities to sort"},
    "triage.intro": {
        "fr": "Ces activités portent un type que la table de correspondance ne connaît pas : "
              "elles ne comptent pour aucun badge tant que vous ne leur donnez pas un type "
              "connu. Rien ne change avant votre confirmation, et chaque choix peut être annulé.",
        "en": "These activities carry a type the activity mapping does not know: they count "
              "towards no badge until you give them a known type. Nothing changes before you "
              "confirm, and every choice can be undone.",
    },
    "triage.none": {"fr": "Aucune activité à classer.", "en": "No activity to sort."},
    "triage.open": {"fr": "Classer les activités non reconnues ({count})",
                    "en": "Sort the unmapped activities ({count})"},
    "triage.group": {"fr": "Type «\u00a0{type}\u00a0» : {n} activités, {hours} h",
                     "en": "Type “{type}”: {n} activities, {hours} h"},
    "triage.group.one": {"fr": "Type «\u00a0{type}\u00a0» : une activité, {hours} h",
                         "en": "Type “{type}”: one activity, {hours} h"},
    "triage.suggested": {"fr": "Type suggéré : {type}", "en": "Suggested type: {type}"},
    "triage.no_suggestion": {"fr": "Pas de suggestion : choisissez un type.",
                             "en": "No suggestion: choose a type."},
    "triage.choose": {"fr": "— choisir un type —", "en": "— choose a type —"},
    "triage.type_for": {"fr": "Type pour l'activité du {date} ({who})",
                        "en": "Type for the activity of {date} ({who})"},
    "triage.type_for_all": {"fr": "Type pour les {count} activités «\u00a0{type}\u00a0»",
                            "en": "Type for the {count} “{type}” activities"},
    "triage.check": {"fr": "Vérifier avant de classer", "en": "Review before assigning"},
    "triage.check_all": {"fr": "Vérifier avant de tout classer",
                         "en": "Review before assigning all"},
    "triage.all_at_once": {"fr": "Toutes les activités de ce type d'un coup",
                           "en": "All activities of this type at once"},
    "triage.one_by_one": {"fr": "Une par une", "en": "One by one"},
    "triage.empty_type": {
        "fr": "Choisissez un type dans la liste (champ «\u00a0type\u00a0») : rien n'a été classé.",
        "en": "Choose a type from the list (field “type”): nothing was assigned.",
    },
    "triage.confirm_title": {"fr": "Confirmer le classement", "en": "Confirm the assignment"},
    "triage.confirm_intro": {
        "fr": "Voici ce qui changera si vous confirmez. Rien n'est encore enregistré.",
        "en": "This is what will change if you confirm. Nothing is recorded yet.",
    },
    "triage.was": {"fr": "Type d'origine", "en": "Original type"},
    "triage.adds": {"fr": "Heures ajoutées par pilier", "en": "Hours added per pillar"},
    "triage.adds_functions": {"fr": "Heures ajoutées par fonction vitale",
                              "en": "Hours added per vital function"},
    "triage.adds_nothing": {
        "fr": "Ces activités comptaient déjà : les heures passent d'un type à l'autre.",
        "en": "These activities already counted: their hours move from one type to another.",
    },
    "triage.may_complete": {"fr": "Badges que cela peut compléter",
                            "en": "Badges this may complete"},
    "triage.completes_none": {"fr": "Aucun badge n'est complété par ce classement.",
                              "en": "No badge is completed by this assignment."},
    "triage.confirm": {"fr": "Confirmer et réévaluer", "en": "Confirm and re-evaluate"},
    "triage.cancel": {"fr": "Revenir sans rien changer", "en": "Go back without changing anything"},
    "triage.done_title": {"fr": "Classement enregistré", "en": "Assignment recorded"},
    "triage.done": {
        "fr": "{n} activités comptent maintenant comme «\u00a0{type}\u00a0». Personnes réévaluées "
              "aussitôt : {evaluated}.",
        "en": "{n} activities now count as “{type}”. People re-evaluated at once: "
              "{evaluated}.",
    },
    "triage.done.one": {
        "fr": "L'activité compte maintenant comme «\u00a0{type}\u00a0». Personnes "
              "réévaluées aussitôt : {evaluated}.",
        "en": "The activity now counts as “{type}”. People re-evaluated at once: {evaluated}.",
    },
    "triage.summary": {"fr": "{n} activités ({hours} h) compteront comme «\u00a0{type}\u00a0».",
                       "en": "{n} activities ({hours} h) will count as “{type}”."},
    "triage.summary.one": {"fr": "Une activité ({hours} h) comptera comme «\u00a0{type}\u00a0».",
                           "en": "One activity ({hours} h) will count as “{type}”."},
    "triage.awarded": {"fr": "Badges obtenus maintenant (en attente de délivrance)",
                       "en": "Badges now awarded (waiting to be issued)"},
    "triage.awarded_none": {"fr": "Aucun nouveau badge pour l'instant.",
                            "en": "No new badge for now."},
    "triage.undo": {"fr": "Annuler ce classement", "en": "Undo this assignment"},
    "triage.undo_one": {"fr": "Annuler le classement de l'activité du {date} ({who})",
                        "en": "Undo the assignment of the activity of {date} ({who})"},
    "triage.undone_title": {"fr": "Classement annulé", "en": "Assignment undone"},
    "triage.undone_unmapped": {
        "fr": "L'activité ne compte plus comme «\u00a0{type}\u00a0» : elle est de nouveau à "
              "classer.",
        "en": "The activity no longer counts as “{type}”: it is waiting to be sorted again.",
    },
    "triage.undone_own": {
        "fr": "L'activité ne compte plus comme «\u00a0{type}\u00a0» mais de nouveau comme "
              "«\u00a0{own}\u00a0».",
        "en": "The activity no longer counts as “{type}” but as “{own}” again.",
    },
    "triage.withdrawn": {"fr": "Badges repris", "en": "Badges taken back"},
    "triage.withdrawn_help": {
        "fr": "Ils n'avaient pas encore été délivrés et les activités ne suffisent plus :",
        "en": "They had not been issued yet and the activities no longer meet their rules:",
    },
    "triage.kept": {"fr": "Badges conservés", "en": "Badges kept"},
    "triage.kept_help": {
        "fr": "Ils citaient cette activité et restent enregistrés : un badge délivré se "
              "révoque depuis la page de sa certification.",
        "en": "They cited this activity and stay recorded: an issued badge is revoked from "
              "its credential's page.",
    },
    "triage.issued": {"fr": "déjà délivré", "en": "already issued"},
    "triage.not_issued": {"fr": "pas encore délivré", "en": "not issued yet"},
    "triage.assigned": {"fr": "Activités classées à la main", "en": "Activities assigned by hand"},
    "triage.assigned_none": {"fr": "Aucune activité classée à la main.",
                             "en": "No activity assigned by hand."},
    "triage.back": {"fr": "Retour aux activités à classer", "en": "Back to the activities to sort"},
    "triage.to_territory": {"fr": "Retour au territoire", "en": "Back to the territory"},
    "triage.col.type": {"fr": "Type reçu", "en": "Type received"},
    "triage.col.assigned": {"fr": "Compte comme", "en": "Counts as"},
    "triage.col.hours": {"fr": "Heures", "en": "Hours"},
    # --- dashboard --------------------------------------------------------------------
    "dashboard.title": {"fr": "Tableau de bord", "en": "Dashboard"},
    "dashboard.figures": {"fr": "En bref", "en": "At a glance"},
    "dashboard.hours": {"fr": "heures reconnues", "en": "hours recognised"},
    "dashboard.people": {"fr": "apprenant·es", "en": "learners"},
    "dashboard.badges": {"fr": "badges obtenus", "en": "badges awarded"},
    "dashboard.pending": {"fr": "à délivrer", "en": "to issue"},
    "dashboard.unmapped_tag": {"fr": "à classer", "en": "to sort"},
    "dashboard.to_sort": {"fr": "activités à classer", "en": "activities to sort"},
    "dashboard.rejects": {"fr": "lignes rejetées en attente", "en": "rejected rows waiting"},
    "dashboard.rejects.one": {"fr": "ligne rejetée en attente", "en": "rejected row waiting"},
    "dashboard.pillars": {"fr": "Heures par pilier", "en": "Hours per pillar"},
    "dashboard.functions": {"fr": "Heures par fonction vitale", "en": "Hours per vital function"},
    "dashboard.projects": {"fr": "Heures par projet et par pilier",
                           "en": "Hours per project and pillar"},
    "dashboard.projects_functions": {"fr": "Fonctions vitales de chaque projet (heures)",
                                     "en": "Vital functions of each project (hours)"},
    "dashboard.no_project": {"fr": "Sans projet", "en": "No project"},
    "dashboard.chart_values": {"fr": "{title} : {values}", "en": "{title}: {values}"},
    "dashboard.table": {"fr": "Les mêmes valeurs en tableau", "en": "The same values as a table"},
    "dashboard.progress": {"fr": "Progression des apprenant·es", "en": "Learners' progress"},
    "dashboard.next": {"fr": "Badge le plus proche", "en": "Closest badge"},
    "dashboard.conditions": {"fr": "{met} conditions remplies sur {of}",
                             "en": "{met} of {of} conditions met"},
    "dashboard.conditions.one": {"fr": "{met} condition remplie sur {of}",
                                 "en": "{met} of {of} conditions met"},
    "dashboard.all_done": {"fr": "tous obtenus", "en": "all earned"},
    "dashboard.not_started": {"fr": "aucune condition remplie pour l'instant",
                              "en": "no condition met yet"},
    "dashboard.recent": {"fr": "Activité récente", "en": "Recent activity"},
    "dashboard.recent_none": {"fr": "Aucune activité pour l'instant.",
                              "en": "No activity yet."},
    "dashboard.total": {"fr": "Total", "en": "Total"},
    "dashboard.more": {"fr": "et {n} autres", "en": "and {n} more"},
    "dashboard.more.one": {"fr": "et une autre", "en": "and one more"},
}
