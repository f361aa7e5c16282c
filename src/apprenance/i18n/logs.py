"""Words of the territory's logs pages: sending activity logs, the result of an upload, the
rejected rows (correct, dismiss), and the command line's refusal of a file rejected whole."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "ingest.all_rejected": {
        "fr": "toutes les lignes de {files} ont été rejetées : rien n'en est enregistré",
        "en": "every row of {files} was rejected: nothing of it is stored",
    },
    "logs.colon": {"fr": " : ", "en": ": "},  # between a label and its value
    "logs.title": {"fr": "Journaux d'activités", "en": "Activity logs"},
    "logs.intro": {
        "fr": "Envoyez les journaux des activités du territoire : les lignes valides sont "
            "enregistrées, les autres sont mises de côté pour que vous les corrigiez. Envoyer "
            "deux fois le même fichier n'enregistre rien deux fois.",
        "en": "Send the logs of the territory's activities: valid rows are stored, the others "
            "are set aside for you to correct. Sending the same file twice stores nothing "
            "twice.",
    },
    "logs.files": {"fr": "Fichiers de journaux", "en": "Log files"},
    "logs.files_help": {
        "fr": "Un ou plusieurs fichiers : CSV (virgules ou points-virgules, tel qu'Excel "
            "l'enregistre, en UTF-8 ou Windows-1252), JSON Lines, ou déclarations xAPI (JSON). "
            "Au plus {count} fichiers de {size} Mo chacun.",
        "en": "One or several files: CSV (commas or semicolons, as Excel saves it, in UTF-8 "
            "or Windows-1252), JSON Lines, or xAPI statements (JSON). At most {count} files "
            "of {size} MB each.",
    },
    "logs.format": {"fr": "Format", "en": "Format"},
    "logs.format.auto": {"fr": "Reconnaître tout seul", "en": "Detect it"},
    "logs.format.csv": {"fr": "CSV", "en": "CSV"},
    "logs.format.jsonl": {"fr": "JSON Lines", "en": "JSON Lines"},
    "logs.format.xapi": {"fr": "Déclarations xAPI (JSON)", "en": "xAPI statements (JSON)"},
    "logs.send": {"fr": "Envoyer les fichiers", "en": "Send the files"},
    "logs.progress": {"fr": "Envoi des fichiers", "en": "Sending the files"},
    "logs.progress_done": {
        "fr": "Fichiers reçus, lecture des lignes…",
        "en": "Files received, reading the rows…",
    },
    "logs.progress_failed": {
        "fr": "L'envoi a échoué : vérifiez la connexion et réessayez.",
        "en": "Sending failed: check the connection and try again.",
    },
    "logs.waiting": {
        "fr": "Lignes rejetées en attente : {count}",
        "en": "Rejected rows waiting: {count}",
    },
    "logs.see_rejects": {"fr": "Voir les lignes rejetées", "en": "See the rejected rows"},
    "logs.send_more": {"fr": "Envoyer d'autres fichiers", "en": "Send more files"},
    "logs.back": {"fr": "Retour au territoire : {name}", "en": "Back to the territory: {name}"},
    "logs.link": {"fr": "Envoyer des journaux", "en": "Send logs"},
    "logs.result.title": {"fr": "Résultat de l'envoi", "en": "Upload result"},
    "logs.new_awards": {"fr": "{n} nouveaux badges obtenus avec ces activités, à relire avant de "
                              "les délivrer :",
                        "en": "{n} new badges earned with these activities, to review before "
                              "issuing them:"},
    "logs.new_awards.one": {"fr": "{n} nouveau badge obtenu avec ces activités, à relire avant "
                                  "de le délivrer :",
                            "en": "{n} new badge earned with these activities, to review before "
                                  "issuing it:"},
    "logs.col.file": {"fr": "Fichier", "en": "File"},
    "logs.col.accepted": {"fr": "Enregistrées", "en": "Accepted"},
    "logs.col.duplicates": {"fr": "Doublons", "en": "Duplicates"},
    "logs.col.unmapped": {"fr": "Non reconnues", "en": "Unmapped"},
    "logs.col.rejected": {"fr": "Rejetées", "en": "Rejected"},
    "logs.col.line": {"fr": "Ligne", "en": "Line"},
    "logs.col.field": {"fr": "Champ", "en": "Field"},
    "logs.col.reason": {"fr": "Motif", "en": "Reason"},
    "logs.col.raw": {"fr": "Ligne d'origine", "en": "Original row"},
    "logs.counts_caption": {
        "fr": "Lignes de chaque fichier", "en": "Rows of each file",
    },
    "logs.result.fine": {
        "fr": "Tout est enregistré.", "en": "Everything is stored.",
    },
    "logs.result.some_rejected": {
        "fr": "Les lignes valides sont enregistrées ; {count} ligne(s) rejetée(s) à corriger "
            "ci-dessous.",
        "en": "The valid rows are stored; {count} rejected row(s) to correct below.",
    },
    "logs.result.all_rejected": {
        "fr": "Erreur : toutes les lignes de « {file} » ont été rejetées, rien n'en est "
            "enregistré. Corrigez les lignes ci-dessous, ou le fichier, puis envoyez-le à "
            "nouveau.",
        "en": "Error: every row of “{file}” was rejected, nothing of it is stored. Correct "
            "the rows below, or the file, then send it again.",
    },
    "logs.result.empty": {
        "fr": "Erreur : « {file} » est vide.", "en": "Error: “{file}” is empty.",
    },
    "logs.result.too_large": {
        "fr": "Erreur : « {file} » dépasse {size} Mo.",
        "en": "Error: “{file}” is larger than {size} MB.",
    },
    "logs.result.refused": {
        "fr": "Erreur : « {file} » est refusé : {reason}",
        "en": "Error: “{file}” is refused: {reason}",
    },
    "logs.result.duplicates_help": {
        "fr": "Doublons : lignes déjà enregistrées, qui ne comptent pas deux fois.",
        "en": "Duplicates: rows stored already, which do not count twice.",
    },
    "logs.result.unmapped_help": {
        "fr": "Non reconnues : activités d'un type que le référentiel ne connaît pas, "
            "enregistrées, à classer sur la page du territoire.",
        "en": "Unmapped: activities of a type the catalog does not know, stored, to classify "
            "on the territory page.",
    },
    "logs.none_chosen": {
        "fr": "Choisissez au moins un fichier.", "en": "Choose at least one file.",
    },
    "logs.too_many": {
        "fr": "Au plus {count} fichiers à la fois.", "en": "At most {count} files at once.",
    },
    "logs.rejects.title": {"fr": "Lignes rejetées", "en": "Rejected rows"},
    "logs.rejects.of_upload": {
        "fr": "Lignes rejetées de cet envoi", "en": "Rejected rows of this upload",
    },
    "logs.rejects.none": {
        "fr": "Aucune ligne rejetée en attente.", "en": "No rejected row waiting.",
    },
    "logs.rejects.more": {
        "fr": "Seules les {count} premières sont montrées.",
        "en": "Only the first {count} are shown.",
    },
    "logs.whole_file": {"fr": "tout le fichier", "en": "whole file"},
    "logs.fix.summary": {"fr": "Corriger", "en": "Correct"},
    "logs.fix.submit": {"fr": "Enregistrer la correction", "en": "Save the correction"},
    "logs.fix.text.jsonl": {"fr": "Ligne JSON corrigée", "en": "Corrected JSON line"},
    "logs.fix.text.xapi": {"fr": "Déclaration xAPI corrigée", "en": "Corrected xAPI statement"},
    "logs.fix.here_not": {
        "fr": "Cette ligne ne se corrige pas ici : corrigez le fichier et envoyez-le à "
            "nouveau, ou écartez-la.",
        "en": "This row cannot be corrected here: correct the file and send it again, or "
            "dismiss it.",
    },
    "logs.fix.cells": {
        "fr": "la ligne corrigée doit avoir {count} champs",
        "en": "the corrected row must have {count} fields",
    },
    "logs.fix.too_long": {
        "fr": "un champ dépasse {limit} caractères", "en": "a field is longer than {limit} "
        "characters",
    },
    "logs.fix.empty": {"fr": "la correction est vide", "en": "the correction is empty"},
    "logs.fix.one_line": {
        "fr": "une ligne JSON tient sur une seule ligne",
        "en": "a JSON line must fit on one line",
    },
    "logs.fix.cannot": {
        "fr": "cette ligne ne se corrige pas ici : corrigez le fichier ou écartez-la",
        "en": "this row cannot be corrected here: correct the file or dismiss it",
    },
    "logs.dismiss.summary": {"fr": "Écarter", "en": "Dismiss"},
    "logs.dismiss.reason": {"fr": "Pourquoi l'écarter ?", "en": "Why dismiss it?"},
    "logs.dismiss.submit": {"fr": "Écarter cette ligne", "en": "Dismiss this row"},
    "logs.done.fixed": {
        "fr": "Ligne corrigée et enregistrée : son rejet est clos.",
        "en": "Row corrected and stored: its reject is closed.",
    },
    "logs.done.again": {
        "fr": "La correction est rejetée à son tour : voyez son motif ci-dessous.",
        "en": "The correction was rejected in turn: see its reason below.",
    },
    "logs.done.dismissed": {"fr": "Ligne écartée.", "en": "Row dismissed."},
}
