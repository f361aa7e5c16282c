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
    "input.nul": {
        "fr": "le caractère NUL (%00, \\u0000) n'est pas accepté",
        "en": "the NUL character (%00, \\u0000) is not accepted",
    },
}
