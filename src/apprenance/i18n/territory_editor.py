"""Words of the territory description pages: upload, form, preview, saved, problems."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "tedit.title": {"fr": "Description du territoire : {name}",
                    "en": "Territory description: {name}"},
    "tedit.title_new": {"fr": "Nouveau territoire", "en": "New territory"},
    "tedit.intro": {
        "fr": "Chargez le fichier YAML du territoire, ou modifiez-le ci-dessous. Avant "
              "d'enregistrer, vous verrez ce qui change et devrez confirmer.",
        "en": "Upload the territory's YAML file, or edit it below. Before saving, you will "
              "see what changes and be asked to confirm.",
    },
    "tedit.back": {"fr": "Retour au territoire", "en": "Back to the territory"},
    "tedit.edit_link": {"fr": "Modifier la description du territoire",
                        "en": "Edit the territory description"},
    "tedit.new_link": {"fr": "Créer un territoire", "en": "Create a territory"},
    "tedit.download": {"fr": "Télécharger la description (YAML)",
                       "en": "Download the description (YAML)"},
    "tedit.upload": {"fr": "Charger un fichier", "en": "Upload a file"},
    "tedit.file": {"fr": "Fichier YAML du territoire", "en": "Territory YAML file"},
    "tedit.file_help": {
        "fr": "Le même format que la commande « apprenance territory FICHIER ».",
        "en": "The same format as the command “apprenance territory FILE”.",
    },
    "tedit.upload_go": {"fr": "Vérifier le fichier", "en": "Check the file"},
    "tedit.form": {"fr": "Modifier dans le formulaire", "en": "Edit in the form"},
    "tedit.id": {"fr": "Identifiant", "en": "Identifier"},
    "tedit.name": {"fr": "Nom", "en": "Name"},
    "tedit.villages": {"fr": "Communes", "en": "Villages"},
    "tedit.projects": {"fr": "Projets", "en": "Projects"},
    "tedit.learners": {"fr": "Apprenant·es", "en": "Learners"},
    "tedit.functions": {"fr": "Fonctions vitales", "en": "Vital functions"},
    "tedit.functions_help": {"fr": "Séparées par des virgules, parmi : {list}",
                             "en": "Separated by commas, among: {list}"},
    "tedit.schemes": {"fr": "Dispositifs (PAT, PCAET…)", "en": "Schemes (PAT, PCAET…)"},
    "tedit.participant": {"fr": "Adresse électronique", "en": "Email address"},
    "tedit.role": {"fr": "Rôle", "en": "Role"},
    "tedit.lang": {"fr": "Langue", "en": "Language"},
    "tedit.lang.fr": {"fr": "français", "en": "French"},
    "tedit.lang.en": {"fr": "anglais", "en": "English"},
    "tedit.none": {"fr": "(aucun)", "en": "(none)"},
    "tedit.remove": {"fr": "Retirer", "en": "Remove"},
    "tedit.row": {"fr": "{section}, ligne {n}", "en": "{section}, row {n}"},
    "tedit.colon": {"fr": " : ", "en": ": "},
    "tedit.row_new": {"fr": "(nouvelle ligne)", "en": "(new row)"},
    "tedit.summary": {
        "fr": "Ajouts : {added} · modifications : {changed} · retraits : {removed} · "
              "déplacements refusés : {refused}",
        "en": "Added: {added} · changed: {changed} · removed: {removed} · "
              "moves refused: {refused}",
    },
    "tedit.blank_help": {"fr": "Les lignes vides servent à ajouter ; elles sont ignorées.",
                         "en": "Empty rows are for adding; they are ignored."},
    "tedit.more": {"fr": "Ajouter des lignes", "en": "Add rows"},
    "tedit.preview_go": {"fr": "Voir les changements", "en": "See the changes"},
    "tedit.problems": {"fr": "À corriger avant d'enregistrer", "en": "To fix before saving"},
    "tedit.problems_form": {"fr": "Rien n'a été enregistré. Corrigez les champs signalés :",
                            "en": "Nothing was saved. Fix the fields marked:"},
    "tedit.problems_file": {"fr": "Rien n'a été enregistré. Le fichier a ces problèmes :",
                            "en": "Nothing was saved. The file has these problems:"},
    "tedit.preview": {"fr": "Changements à enregistrer : {name}",
                      "en": "Changes to save: {name}"},
    "tedit.saved": {"fr": "Description enregistrée : {name}", "en": "Description saved: {name}"},
    "tedit.saved_intro": {"fr": "Voici ce qui a changé :", "en": "This is what changed:"},
    "tedit.saved.counts": {
        "fr": "{projects} projet(s) et {learners} apprenant·e(s) dans la description, dont "
              "{new} nouvelle(s) personne(s).",
        "en": "{projects} project(s) and {learners} learner(s) in the description, "
              "{new} of them new.",
    },
    "tedit.nothing": {"fr": "Aucun changement : la description enregistrée est déjà celle-ci.",
                      "en": "No change: the stored description is already this one."},
    "tedit.confirm": {"fr": "Confirmer et enregistrer", "en": "Confirm and save"},
    "tedit.cancel": {"fr": "Annuler, revenir à la description",
                     "en": "Cancel, back to the description"},
    "tedit.kind.territory": {"fr": "Territoire", "en": "Territory"},
    "tedit.kind.village": {"fr": "Commune", "en": "Village"},
    "tedit.kind.project": {"fr": "Projet", "en": "Project"},
    "tedit.kind.learner": {"fr": "Apprenant·e", "en": "Learner"},
    "tedit.action.added": {"fr": "ajouté", "en": "added"},
    "tedit.action.changed": {"fr": "modifié ({fields})", "en": "changed ({fields})"},
    "tedit.action.removed": {"fr": "retiré", "en": "removed"},
    "tedit.action.kept": {
        "fr": "absent de la description : reste enregistré (une description n'efface ni "
              "projet ni personne)",
        "en": "not in the description: stays stored (a description deletes no project and "
              "no person)",
    },
    "tedit.action.refused": {
        "fr": "inscrit·e dans le territoire {other} : reste dans ce territoire, non déplacé·e",
        "en": "enrolled in territory {other}: stays there, not moved",
    },
    "tedit.action.moved": {"fr": "déplacé·e depuis le territoire {other}",
                           "en": "moved from territory {other}"},
    "tedit.move": {
        "fr": "Déplacer aussi les {count} personne(s) d'un autre territoire dans « {territory} », "
              "avec tout leur historique (administrateurs seulement)",
        "en": "Also move the {count} person(s) of another territory into “{territory}”, with "
              "their whole history (admins only)",
    },
    "tedit.col.what": {"fr": "Élément", "en": "Item"},
    "tedit.col.change": {"fr": "Changement", "en": "Change"},
    "tedit.err.missing": {"fr": "obligatoire", "en": "required"},
    "tedit.err.empty": {"fr": "ne doit pas être vide", "en": "must not be empty"},
    "tedit.err.too_long": {"fr": "trop long", "en": "too long"},
    "tedit.err.pattern": {
        "fr": "lettres sans accents, chiffres, « . », « _ » ou « - » seulement, sans espace",
        "en": "letters without accents, digits, “.”, “_” or “-” only, no spaces",
    },
    "tedit.err.text": {"fr": "doit être un texte", "en": "must be text"},
    "tedit.err.list": {"fr": "doit être une liste", "en": "must be a list"},
    "tedit.err.mapping": {"fr": "doit être une suite de champs « nom: valeur »",
                          "en": "must be a set of “name: value” fields"},
    "tedit.err.date": {"fr": "date attendue (AAAA-MM-JJ)", "en": "a date is expected (YYYY-MM-DD)"},
    "tedit.err.participant": {
        "fr": "une adresse électronique ou un identifiant sans espace",
        "en": "an email address or a handle without spaces",
    },
    "tedit.err.role": {"fr": "rôle parmi etudiant, habitant, elu, agent",
                       "en": "role among etudiant, habitant, elu, agent"},
    "tedit.err.lang": {"fr": "langue fr ou en", "en": "language fr or en"},
    "tedit.err.other": {"fr": "valeur refusée ({problem})", "en": "value refused ({problem})"},
    "tedit.err.empty_file": {"fr": "le fichier est vide", "en": "the file is empty"},
    "tedit.err.too_large": {"fr": "le fichier dépasse {limit} Kio",
                            "en": "the file is larger than {limit} KiB"},
    "tedit.err.utf8": {"fr": "le fichier n'est pas du texte UTF-8",
                       "en": "the file is not UTF-8 text"},
    "tedit.err.other_territory": {
        "fr": "ce fichier décrit le territoire « {found} », pas « {territory} »",
        "en": "this file describes territory “{found}”, not “{territory}”",
    },
}
