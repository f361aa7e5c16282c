"""Messages of the error tree, as the command line and the API print them."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "error.internal": {
        "fr": "Erreur interne inattendue ({kind}). Relancez avec --debug pour le détail, et "
            "signalez-la.",
        "en": "Unexpected internal error ({kind}). Run again with --debug for details, and "
            "report it.",
    },
    "error.prefix": {"fr": "Erreur", "en": "Error"},
    "yaml.invalid": {"fr": "YAML invalide : {problem}", "en": "invalid YAML: {problem}"},
    "yaml.unsafe.aliases": {
        "fr": "YAML refusé : plus de {limit} alias (*nom) dans le document",
        "en": "invalid YAML: more than {limit} aliases (*name) in the document",
    },
    "yaml.unsafe.recursive": {
        "fr": "YAML refusé : un alias (*nom) à l'intérieur de sa propre ancre (&nom)",
        "en": "invalid YAML: an alias (*name) inside its own anchor (&name)",
    },
    "yaml.unsafe.expansion_nodes": {
        "fr": "YAML refusé : une fois développés, les alias (*nom) ajouteraient plus de {limit} "
            "valeurs",
        "en": "invalid YAML: once expanded, the aliases (*name) would add more than {limit} values",
    },
    "yaml.unsafe.expansion_size": {
        "fr": "YAML refusé : une fois développés, les alias (*nom) ajouteraient plus de {limit} "
            "caractères",
        "en": "invalid YAML: once expanded, the aliases (*name) would add more than {limit} "
            "characters",
    },
    "yaml.unsafe.deep": {
        "fr": "YAML refusé : imbriqué trop profondément (plus de {limit} niveaux)",
        "en": "invalid YAML: nested too deeply (more than {limit} levels)",
    },
    "store.not_initialised": {
        "fr": "le magasin n'est pas initialisé : lancez d'abord `apprenance init`",
        "en": "the store is not initialised: run `apprenance init` first",
    },
    "store.behind": {
        "fr": "le magasin est au schéma {revision}, cette version demande le {needed} : "
            "lancez `apprenance init` pour le mettre à jour",
        "en": "the store is at schema {revision}, this version needs {needed}: "
            "run `apprenance init` to upgrade it",
    },
    # a large file is read by a process of its own (services/ingest/read_apart): what the
    # transaction under way wrote is undone, what earlier ones committed stays
    "ingest.reader.stopped": {
        "fr": "le processus qui lisait le fichier s'est arrêté sans dire pourquoi (arrêté, "
            "ou à court de mémoire) : les lignes déjà enregistrées le restent, relancez "
            "l'ingestion (elle reprend sans doublon)",
        "en": "the process reading the file stopped without saying why (killed, or out of "
            "memory): the rows already stored stay, run the ingest again (it goes on "
            "without duplicates)",
    },
    "ingest.reader.sums_missing": {
        "fr": "le processus qui lisait le fichier s'est arrêté avant d'envoyer les totaux des "
            "lignes lues : rien de la transaction en cours n'est enregistré, relancez "
            "l'ingestion",
        "en": "the process reading the file stopped before sending the totals of the rows it "
            "read: nothing of the transaction under way is stored, run the ingest again",
    },
    "ingest.reader.sums_stray": {
        "fr": "le processus qui lisait le fichier a envoyé des totaux sans lignes : rien de la "
            "transaction en cours n'est enregistré, relancez l'ingestion",
        "en": "the process reading the file sent totals of no rows: nothing of the "
            "transaction under way is stored, run the ingest again",
    },
    "ingest.reader.sums_unknown": {
        "fr": "le processus qui lisait le fichier a envoyé des totaux pour des participants "
            "qui ne sont pas des apprenant·es ({participants}) : rien de la transaction en "
            "cours n'est enregistré, relancez l'ingestion",
        "en": "the process reading the file sent totals for participants who are not "
            "learners ({participants}): nothing of the transaction under way is stored, run "
            "the ingest again",
    },
    "input.nul": {
        "fr": "le caractère NUL (%00, \\u0000) n'est pas accepté",
        "en": "the NUL character (%00, \\u0000) is not accepted",
    },
}
