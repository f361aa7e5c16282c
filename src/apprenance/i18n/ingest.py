"""Messages of the intake: ingest reports, problems of rows, rejects."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "ingest.too_long": {
        "fr": "valeur trop longue (plus de {limit} caractères)",
        "en": "value too long (over {limit} characters)",
    },
    "ingest.control": {
        "fr": "caractères de contrôle (NUL, tabulation, saut de ligne...) interdits ici",
        "en": "control characters (NUL, tab, line break...) are not allowed here",
    },
    "ingest.encoding.row": {
        "fr": "octets qui ne sont pas de l'UTF-8 dans cette ligne : enregistrez le fichier en "
            "UTF-8",
        "en": "bytes that are not UTF-8 on this line: save the file as UTF-8",
    },
    "ingest.date.missing": {"fr": "date manquante", "en": "missing date"},
    "ingest.date.format": {
        "fr": "« {value} » n'est pas une date ISO 8601 (AAAA-MM-JJ, ou AAAA-MM-JJThh:mm+01:00)",
        "en": "'{value}' is not an ISO 8601 date (YYYY-MM-DD, or YYYY-MM-DDThh:mm+01:00)",
    },
    "ingest.date.time": {
        "fr": "heure impossible dans « {value} »",
        "en": "impossible time of day in '{value}'",
    },
    "ingest.date.offset": {
        "fr": "décalage horaire impossible dans « {value} »",
        "en": "impossible UTC offset in '{value}'",
    },
    "ingest.date.month": {
        "fr": "date impossible « {value} » : il n'y a pas de mois {month}",
        "en": "impossible date '{value}': there is no month {month}",
    },
    "ingest.date.year": {
        "fr": "année invraisemblable dans « {value} »",
        "en": "implausible year in '{value}'",
    },
    "ingest.date.impossible": {
        "fr": "date impossible « {value} » : il n'y a pas de {day} {month}",
        "en": "impossible date '{value}': that month has no day {day}",
    },
    "ingest.duration.missing": {"fr": "durée manquante", "en": "missing duration"},
    "ingest.duration.iso": {
        "fr": "« {value} » n'est pas une durée ISO 8601 (par exemple PT1H30M)",
        "en": "'{value}' is not an ISO 8601 duration (e.g. PT1H30M)",
    },
    "ingest.duration.format": {
        "fr": "durée illisible « {value} » : des heures (1.5 ou 1,5) ou une durée ISO 8601 "
            "(PT1H30M)",
        "en": "unreadable duration '{value}': hours (1.5 or 1,5) or an ISO 8601 duration (PT1H30M)",
    },
    "ingest.duration.positive": {
        "fr": "la durée doit être positive, pas « {value} »",
        "en": "the duration must be above zero, not '{value}'",
    },
    "ingest.duration.too_long": {
        "fr": "durée invraisemblable « {value} » ({hours} h) : au plus 24 h par activité",
        "en": "implausible duration '{value}' ({hours} h): at most 24 h per activity",
    },
    "ingest.duration.calendar": {
        "fr": "durée en mois ou en années « {value} » : donnez des jours ou des heures",
        "en": "duration in months or years '{value}': give days or hours",
    },
    "ingest.duration.day_total": {
        "fr": "{participant} dépasserait 24 h le {day} ({before} h déjà, {total} h avec cette "
            "ligne)",
        "en": "{participant} would go over 24 h on {day} ({before} h already, {total} h with "
            "this row)",
    },
    "ingest.handle.missing": {"fr": "participant manquant", "en": "missing participant"},
    "ingest.handle.space": {
        "fr": "« {value} » contient une espace : un courriel ou un identifiant sans espace",
        "en": "'{value}' contains a space: an email or a handle without spaces",
    },
    "ingest.handle.formula": {
        "fr": "« {value} » commence par =, +, - ou @ : ce n'est pas un identifiant",
        "en": "'{value}' starts with =, +, - or @: not a handle",
    },
    "ingest.url": {
        "fr": "« {value} » n'est pas une URL http(s)",
        "en": "'{value}' is not an http(s) URL",
    },
    "ingest.territory.unknown": {
        "fr": "territoire inconnu « {value} » (chargez-le avec `apprenance territory`)",
        "en": "unknown territory '{value}' (load it with `apprenance territory`)",
    },
    "ingest.project.unknown": {
        "fr": "projet inconnu « {value} » (territoire {territory})",
        "en": "unknown project '{value}' (territory {territory})",
    },
    "ingest.project.elsewhere": {
        "fr": "le projet « {value} » appartient au territoire {owner}, pas à {territory}",
        "en": "project '{value}' belongs to territory {owner}, not {territory}",
    },
    "ingest.activity.missing": {"fr": "type d'activité manquant", "en": "missing activity type"},
    "ingest.function.unknown": {
        "fr": "fonction vitale inconnue « {value} » ({known})",
        "en": "unknown vital function '{value}' ({known})",
    },
    "ingest.role.unknown": {
        "fr": "rôle inconnu « {value} » (etudiant, habitant, elu ou agent)",
        "en": "unknown role '{value}' (etudiant, habitant, elu or agent)",
    },
    "ingest.witness.role": {
        "fr": "rôle de témoin inconnu « {value} » (etudiant, habitant, elu ou agent)",
        "en": "unknown witness role prefix '{value}' (etudiant, habitant, elu or agent)",
    },
    "ingest.witness.self": {
        "fr": "{value} ne peut pas être son propre témoin",
        "en": "{value} cannot be their own witness (self-attestation)",
    },
    "ingest.header.bad_name": {
        "fr": "nom de la colonne {column} illisible ou trop long",
        "en": "name of column {column} unreadable or too long",
    },
    "ingest.header.duplicate": {
        "fr": "colonne « {column} » en double dans l'en-tête",
        "en": "duplicate column '{column}' in the header",
    },
    "ingest.header.missing": {
        "fr": "colonnes obligatoires absentes de l'en-tête : {columns}",
        "en": "required columns missing from the header: {columns}",
    },
    "ingest.header.extras": {
        "fr": "plus de {limit} colonnes supplémentaires",
        "en": "more than {limit} extra columns",
    },
    "ingest.header.unreadable": {"fr": "en-tête illisible", "en": "unreadable header"},
    "ingest.row.unreadable": {"fr": "ligne illisible : {error}", "en": "unreadable row: {error}"},
    "ingest.row.separator": {
        "fr": "{got} champ(s) au lieu de {expected} : séparateur {other} au lieu de {separator} ?",
        "en": "{got} field(s) instead of {expected}: separator {other} instead of {separator}?",
    },
    "ingest.row.short": {
        "fr": "ligne tronquée : {got} champs au lieu de {expected}",
        "en": "truncated row: {got} fields instead of {expected}",
    },
    "ingest.row.long": {
        "fr": "{got} champs au lieu de {expected} (séparateur en trop ?)",
        "en": "{got} fields instead of {expected} (a stray separator?)",
    },
    "ingest.file.decode_from": {
        "fr": "fichier illisible à partir de la ligne {line} (encodage)",
        "en": "file unreadable from line {line} on (encoding)",
    },
    "ingest.file.decode": {
        "fr": "fichier illisible (encodage)",
        "en": "file unreadable (encoding)",
    },
    "ingest.file.directory": {
        "fr": "c'est un dossier, pas un fichier",
        "en": "this is a folder, not a file",
    },
    "ingest.file.unreadable": {
        "fr": "fichier illisible : {error}",
        "en": "cannot read the file: {error}",
    },
    "ingest.file.empty": {"fr": "fichier vide", "en": "empty file"},
    "ingest.file.utf32": {
        "fr": "fichier en UTF-32 : enregistrez-le en UTF-8",
        "en": "UTF-32 file: save it as UTF-8",
    },
    "ingest.file.spreadsheet": {
        "fr": "classeur (xlsx/xls), pas un CSV : exportez-le en « CSV UTF-8 »",
        "en": "a spreadsheet (xlsx/xls), not CSV: export it as 'CSV UTF-8'",
    },
    "ingest.file.utf16_no_bom": {
        "fr": "fichier en UTF-16 sans BOM : enregistrez-le en UTF-8",
        "en": "UTF-16 file without a BOM: save it as UTF-8",
    },
    "ingest.file.binary": {
        "fr": "fichier binaire (octets NUL), pas du texte",
        "en": "binary file (NUL bytes), not text",
    },
    "ingest.file.not_utf8": {
        "fr": "fichier qui n'est pas en UTF-8 (octet {byte} « {char} » ligne {line}, sans doute "
            "Latin-1/Windows-1252) : enregistrez-le en UTF-8",
        "en": "file not in UTF-8 (byte {byte} '{char}' on line {line}, probably "
            "Latin-1/Windows-1252): save it as UTF-8",
    },
    "ingest.json.duplicate_key": {"fr": "clé « {name} » en double", "en": "duplicate key '{name}'"},
    "ingest.json.type": {
        "fr": "valeur de type {kind} : un texte est attendu",
        "en": "a {kind} value: text expected",
    },
    "ingest.json.invalid": {
        "fr": "JSON invalide (colonne {column}) : {error}",
        "en": "invalid JSON (column {column}): {error}",
    },
    "ingest.json.not_object": {
        "fr": "un objet JSON est attendu, pas {kind}",
        "en": "a JSON object is expected, not {kind}",
    },
    "ingest.json.broken": {
        "fr": "JSON invalide ligne {line}, colonne {column} ({error}) : la suite du fichier "
            "n'est pas lue",
        "en": "invalid JSON at line {line}, column {column} ({error}): the rest of the file is "
            "not read",
    },
    "ingest.xapi.not_object": {
        "fr": "un objet est attendu, pas {kind}",
        "en": "an object is expected, not {kind}",
    },
    "ingest.xapi.unknown_property": {
        "fr": "propriété « {name} » inconnue de xAPI",
        "en": "'{name}' is not an xAPI statement property",
    },
    "ingest.xapi.null": {
        "fr": "valeur null interdite par xAPI",
        "en": "null value, forbidden by xAPI",
    },
    "ingest.xapi.uuid": {"fr": "« {value} » n'est pas un UUID", "en": "'{value}' is not a UUID"},
    "ingest.xapi.version": {
        "fr": "version xAPI non prise en charge « {value} »",
        "en": "unsupported xAPI version '{value}'",
    },
    "ingest.xapi.iri": {
        "fr": "« {value} » n'est pas un IRI absolu",
        "en": "'{value}' is not an absolute IRI",
    },
    "ingest.xapi.verb": {
        "fr": "verbe hors du profil apprenance « {value} » (docs/xapi.md)",
        "en": "verb outside the apprenance profile '{value}' (docs/xapi.md)",
    },
    "ingest.xapi.object_type": {
        "fr": "objet de type {value} : une activité (Activity) est attendue",
        "en": "object of type {value}: an Activity is expected",
    },
    "ingest.xapi.timestamp": {
        "fr": "horodatage manquant, sans heure ou hors ISO 8601 « {value} »",
        "en": "missing timestamp, one without a time or not ISO 8601 '{value}'",
    },
    "ingest.xapi.no_duration": {
        "fr": "result.duration manquant : apprenance a besoin du temps passé",
        "en": "result.duration missing: apprenance needs the time spent",
    },
    "ingest.xapi.group": {
        "fr": "un groupe comme acteur : une déclaration par personne",
        "en": "a Group as actor: one statement per person, please",
    },
    "ingest.xapi.agent_type": {
        "fr": "objectType « {value} » : Agent attendu",
        "en": "objectType '{value}': Agent expected",
    },
    "ingest.xapi.ifi": {
        "fr": "{count} identifiants ({names}) : un agent en a exactement un (mbox, "
            "mbox_sha1sum, openid ou account)",
        "en": "{count} identifiers ({names}): an agent has exactly one (mbox, mbox_sha1sum, "
            "openid or account)",
    },
    "ingest.xapi.mbox": {
        "fr": "« {value} » n'est pas un IRI mailto:",
        "en": "'{value}' is not a mailto: IRI",
    },
    "ingest.xapi.sha1": {
        "fr": "« {value} » n'est pas une empreinte SHA-1",
        "en": "'{value}' is not a SHA-1 hash",
    },
    "ingest.xapi.account_name": {"fr": "account.name manquant", "en": "missing account.name"},
    "ingest.xapi.void_ref": {
        "fr": "une annulation (voided) doit viser une déclaration (StatementRef)",
        "en": "a voiding statement must target a StatementRef",
    },
    "ingest.xapi.no_type": {
        "fr": "ni object.definition.type ni nom : impossible de savoir quelle activité",
        "en": "neither object.definition.type nor a name: cannot tell which activity",
    },
    "ingest.xapi.missing": {
        "fr": "propriété obligatoire manquante",
        "en": "required property missing",
    },
    "ingest.xapi.void_unknown": {
        "fr": "annule la déclaration {target}, qui n'est pas enregistrée",
        "en": "voids statement {target}, which is not stored",
    },
    "ingest.id.conflict_line": {
        "fr": "identifiant « {id} » déjà pris ligne {line} par une autre activité",
        "en": "id '{id}' already used on line {line} by another activity",
    },
    "ingest.id.conflict_stored": {
        "fr": "identifiant « {id} » déjà pris par une autre activité enregistrée ({where})",
        "en": "id '{id}' already used by another stored activity ({where})",
    },
    "ingest.summary": {
        "fr": "{accepted} acceptée(s) dont {unmapped} non reconnue(s), {duplicates} doublon(s), "
            "{rejected} rejetée(s).",
        "en": "{accepted} accepted ({unmapped} unmapped), {duplicates} duplicate(s), {rejected} "
            "rejected.",
    },
    "ingest.rejection": {
        "fr": "{file}:{line} [{field}] {reason}",
        "en": "{file}:{line} [{field}] {reason}",
    },
    "ingest.more_rejections": {
        "fr": "... et {count} autre(s) : `apprenance rejects list`",
        "en": "... and {count} more: `apprenance rejects list`",
    },
    "ingest.strict": {
        "fr": "{rejected} ligne(s) rejetée(s) (--strict)",
        "en": "{rejected} row(s) rejected (--strict)",
    },
    "rejects.none": {"fr": "Aucun rejet en attente.", "en": "No open rejects."},
    "rejects.exported": {
        "fr": "{count} rejet(s) exporté(s) dans {path}",
        "en": "{count} reject(s) exported to {path}",
    },
    "ingest.xapi.type_expected": {
        "fr": "objectType « {value} » : {expected} attendu",
        "en": "objectType '{value}': {expected} expected",
    },
    "ingest.xapi.object_kind": {
        "fr": "objectType « {value} » : Activity, Agent, Group, SubStatement ou StatementRef",
        "en": "objectType '{value}': Activity, Agent, Group, SubStatement or StatementRef",
    },
    "ingest.xapi.members": {
        "fr": "un groupe sans identifiant a une liste member d'agents, non vide",
        "en": "a Group without an identifier has a non-empty member list of Agents",
    },
    "ingest.xapi.authority_group": {
        "fr": "une autorité de type Group a exactement deux agents (OAuth)",
        "en": "an authority Group has exactly two Agents (OAuth)",
    },
    "ingest.xapi.nested_sub": {
        "fr": "une SubStatement ne contient pas de SubStatement",
        "en": "a SubStatement cannot contain a SubStatement",
    },
    "ingest.xapi.text": {"fr": "un texte est attendu", "en": "a string is expected"},
    "ingest.xapi.boolean": {"fr": "true ou false est attendu", "en": "true or false is expected"},
    "ingest.xapi.number": {
        "fr": "« {value} » n'est pas un nombre",
        "en": "'{value}' is not a number",
    },
    "ingest.xapi.scaled": {
        "fr": "score.scaled « {value} » hors de [-1, 1]",
        "en": "score.scaled '{value}' outside [-1, 1]",
    },
    "ingest.xapi.score_range": {
        "fr": "score.min {low} plus grand que score.max {high}",
        "en": "score.min {low} is above score.max {high}",
    },
    "ingest.xapi.score_raw": {
        "fr": "score.raw {value} hors de [min, max]",
        "en": "score.raw {value} outside [min, max]",
    },
    "ingest.xapi.activity_only": {
        "fr": "revision et platform ne valent que si l'objet est une Activity",
        "en": "revision and platform are only allowed when the object is an Activity",
    },
    "ingest.xapi.language": {
        "fr": "« {value} » n'est pas une étiquette de langue (RFC 5646)",
        "en": "'{value}' is not a language tag (RFC 5646)",
    },
    "ingest.xapi.empty": {
        "fr": "objet vide interdit par xAPI",
        "en": "empty object, forbidden by xAPI",
    },
    "ingest.xapi.not_list": {
        "fr": "une liste est attendue, pas {kind}",
        "en": "an array is expected, not {kind}",
    },
    "ingest.xapi.strings": {
        "fr": "une liste de textes est attendue",
        "en": "an array of strings is expected",
    },
    "ingest.xapi.interaction": {
        "fr": "interactionType inconnu « {value} »",
        "en": "unknown interactionType '{value}'",
    },
    "ingest.xapi.component_id": {
        "fr": "id de composant manquant ou en double « {value} »",
        "en": "interaction component id missing or repeated '{value}'",
    },
    "ingest.xapi.mime": {
        "fr": "« {value} » n'est pas un type de contenu (MIME)",
        "en": "'{value}' is not a content type (MIME)",
    },
    "ingest.xapi.length": {
        "fr": "« {value} » n'est pas une taille en octets",
        "en": "'{value}' is not a length in octets",
    },
    "ingest.xapi.sha2": {
        "fr": "« {value} » n'est pas une empreinte SHA-2 en hexadécimal",
        "en": "'{value}' is not a hexadecimal SHA-2 hash",
    },
    "ingest.xapi.refused": {
        "fr": "déclaration {index} : {field} : {reason}",
        "en": "statement {index}: {field}: {reason}",
    },
    "ingest.handle.mixed_script": {
        "fr": "« {value} » : « {part} » mêle des lettres {scripts} (un sosie d'une autre "
            "adresse) : écrivez-le dans un seul alphabet",
        "en": "'{value}': '{part}' mixes {scripts} letters (a look-alike of another address): "
            "write it in one script",
    },
    "ingest.scope.territory": {
        "fr": "territoire « {territory} » : hors de votre territoire, ligne non enregistrée",
        "en": "territory '{territory}': outside your territory, row not stored",
    },
    "ingest.scope.learner": {
        "fr": "{participant} appartient au territoire « {territory} », qui n'est pas le vôtre : "
            "ligne non enregistrée",
        "en": "{participant} belongs to territory '{territory}', which is not yours: row not "
            "stored",
    },
    "ingest.scope.void": {
        "fr": "annule la déclaration {target}, d'un autre territoire que le vôtre",
        "en": "voids statement {target}, of another territory than yours",
    },
    "ingest.note.cp1252": {
        "fr": "lu en Windows-1252 (enregistré par Excel, pas en UTF-8) : vérifiez les accents",
        "en": "read as Windows-1252 (saved by Excel, not as UTF-8): check the accents",
    },
    "rejects.reason_needed": {
        "fr": "indiquez une raison (--reason) pour écarter ce rejet",
        "en": "give a reason (--reason) to dismiss this reject",
    },
    "rejects.reason_long": {
        "fr": "raison trop longue (au plus {limit} caractères)",
        "en": "reason too long (at most {limit} characters)",
    },
    "rejects.not_found": {
        "fr": "aucun rejet n° {id} (voir `apprenance rejects list`)",
        "en": "no reject {id} (see `apprenance rejects list`)",
    },
    "rejects.source_gone": {
        "fr": "le fichier d'origine {file} n'est plus lisible : exportez avec --format csv",
        "en": "the source file {file} cannot be read any more: export with --format csv",
    },
    "rejects.several_sources": {
        "fr": "rejets de fichiers de formats ou de colonnes différents ({files}) : "
            "choisissez-en un avec --file",
        "en": "rejects of files with different formats or columns ({files}): choose one with "
            "--file",
    },
    "rejects.dismissed": {
        "fr": "rejet n° {id} écarté : {reason}",
        "en": "reject {id} dismissed: {reason}",
    },
}
