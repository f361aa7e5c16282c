"""Messages of the command line: store, territories, issuing, learners."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "init.created": {
        "fr": "Magasin créé ({url}), schéma {revision}.",
        "en": "Store created ({url}), schema {revision}.",
    },
    "init.upgraded": {
        "fr": "Magasin mis à jour ({url}) : schéma {before} → {revision}.",
        "en": "Store upgraded ({url}): schema {before} → {revision}.",
    },
    "init.current": {
        "fr": "Magasin déjà à jour ({url}), schéma {revision}.",
        "en": "Store already up to date ({url}), schema {revision}.",
    },
    "territory.loaded": {
        "fr": "Territoire {territory} : {projects} projets, {learners} apprenant·es ({new} "
            "nouveaux).",
        "en": "Territory {territory}: {projects} projects, {learners} learners ({new} new).",
    },
    "serve.healed": {
        "fr": "Reprise après un arrêt brutal — déclarations xAPI ingérées à nouveau : "
            "{statements} ; fichiers reçus ingérés à nouveau : {uploads}.",
        "en": "Recovered from an abrupt stop — xAPI statements ingested again: {statements}; "
            "received files ingested again: {uploads}.",
    },
    "demo.done": {
        "fr": "Démo terminée. Tout est dans {home}",
        "en": "Demo finished. Everything is in {home}",
    },
    "evaluate.done": {
        "fr": "{evaluated} apprenant·es évalué·es, {new} nouveaux badges.",
        "en": "{evaluated} learners evaluated, {new} new awards.",
    },
    "awards.none": {"fr": "Aucun badge décerné.", "en": "No awards."},
    "clr.name": {"fr": "Relevé de parcours : {pathways}", "en": "Pathway record: {pathways}"},
    "clr.name_all": {"fr": "Relevé des badges", "en": "Record of badges"},
    "clr.description": {
        "fr": "{count} certifications signées, avec les liens entre le parcours et les badges "
            "qui le composent.",
        "en": "{count} signed credentials, with the links between the pathway and the badges it "
            "is made of.",
    },
    "clr.done": {
        "fr": "CLR {id} ({count} certifications) écrit dans {out}.",
        "en": "CLR {id} ({count} credentials) written to {out}.",
    },
    "issuer.created": {"fr": "Émetteur {id} créé : {did}", "en": "Issuer {id} created: {did}"},
    "issuer.rotated": {
        "fr": "Émetteur {id} : nouvelle clé ({keys} au total), {did}",
        "en": "Issuer {id}: new key ({keys} in all), {did}",
    },
    "issuer.none": {
        "fr": "Aucun émetteur (apprenance issuer init --name ...).",
        "en": "No issuer yet (apprenance issuer init --name ...).",
    },
    "issue.done": {
        "fr": "{count} certifications délivrées dans {out}.",
        "en": "{count} credentials issued into {out}.",
    },
    "issue.problems": {
        "fr": "{count} badges n'ont pas pu être délivrés.",
        "en": "{count} awards could not be issued.",
    },
    "revoke.done": {
        "fr": "{id} révoquée (bit {index} de {list}).",
        "en": "{id} revoked (bit {index} of {list}).",
    },
    "unmapped.none": {
        "fr": "Toutes les activités sont reconnues.",
        "en": "Every activity is mapped.",
    },
    "unmapped.row.one": {
        "fr": "{type} : {n} activité, {hours} h — suggestion : {suggested}",
        "en": "{type}: {n} activity, {hours} h — suggested: {suggested}",
    },
    "unmapped.row": {
        "fr": "{type} : {n} activités, {hours} h — suggestion : {suggested}",
        "en": "{type}: {n} activities, {hours} h — suggested: {suggested}",
    },
    "assign.done": {
        "fr": "Activité {id} : type {type} (auparavant {before}).",
        "en": "Activity {id}: type {type} (was {before}).",
    },
    "assign.unknown_type": {
        "fr": "type d'activité inconnu du catalogue : {type}",
        "en": "activity type not in the catalog: {type}",
    },
    "assign.unknown_activity": {
        "fr": "aucune activité d'identifiant {id}",
        "en": "no activity with id {id}",
    },
    "api_docs.missing": {
        "fr": "La documentation interactive de l'API a besoin des fichiers de Swagger UI, "
            "absents de cette installation (paquet swagger-ui-bundle). La description de "
            "l'API est là :",
        "en": "The interactive API documentation needs Swagger UI's files, missing from this "
            "installation (package swagger-ui-bundle). The API description is here:",
    },
    "learner.exported": {
        "fr": "Données de {learner} exportées dans {out} ({activities} activités, {credentials} "
            "certifications).",
        "en": "Data of {learner} exported to {out} ({activities} activities, {credentials} "
            "credentials).",
    },
    "learner.erase.confirm": {
        "fr": "Effacer les données personnelles de {learner} et révoquer ses certifications ? "
            "C'est définitif",
        "en": "Erase the personal data of {learner} and revoke their credentials? This cannot "
            "be undone",
    },
    "learner.erase.needs_yes": {
        "fr": "l'effacement de {learner} est définitif : confirmez avec --yes",
        "en": "erasing {learner} cannot be undone: confirm with --yes",
    },
    "learner.erase.done": {
        "fr": "{learner} effacé·e : désormais {pseudonym} ; {credentials} certification(s) "
            "révoquée(s) ; {activities} activités ({hours} h) restent comptées dans les "
            "statistiques.",
        "en": "{learner} erased: now {pseudonym}; {credentials} credential(s) revoked; "
            "{activities} activities ({hours} h) still count in the statistics.",
    },
    "learner.erase.resumed": {
        "fr": "{pseudonym} était déjà effacé·e : effacement terminé ({credentials} "
            "certification(s) révoquée(s) maintenant).",
        "en": "{pseudonym} was already erased: erasure completed ({credentials} credential(s) "
            "revoked now).",
    },
    "learner.erase.review": {
        "fr": "  à revoir (nomme encore la personne) : {path}",
        "en": "  to review (still names the person): {path}",
    },
    "learner.erase.count": {"fr": "  {n:>6}  {what}", "en": "  {n:>6}  {what}"},
    "learner.erase.activities_cleared": {
        "fr": "activités sans description ni preuve",
        "en": "activities without description nor evidence URL",
    },
    "learner.erase.attestations_received_cleared": {
        "fr": "attestations reçues sans commentaire",
        "en": "attestations received, comments cleared",
    },
    "learner.erase.attestations_given": {
        "fr": "attestations données, sous le pseudonyme",
        "en": "attestations given, under the pseudonym",
    },
    "learner.erase.rejects_purged": {
        "fr": "lignes rejetées supprimées",
        "en": "rejected rows deleted",
    },
    "learner.erase.statements_deleted": {
        "fr": "déclarations xAPI supprimées",
        "en": "xAPI statements deleted",
    },
    "learner.erase.statements_deidentified": {
        "fr": "déclarations xAPI témoignées, anonymisées",
        "en": "witnessed xAPI statements de-identified",
    },
    "learner.erase.share_links_revoked": {
        "fr": "liens de partage révoqués",
        "en": "share links revoked",
    },
    "learner.erase.sign_in_links_revoked": {
        "fr": "liens de connexion expirés",
        "en": "sign-in links expired",
    },
    "learner.erase.tokens_revoked": {
        "fr": "jetons et sessions révoqués",
        "en": "tokens and sessions revoked",
    },
    "learner.erase.oauth_clients_revoked": {
        "fr": "clients OAuth révoqués",
        "en": "OAuth clients revoked",
    },
    "territory.move.refused": {
        "fr": "{participant} est dans le territoire {old} : pas déplacé·e vers {new} (il faut "
            "--move-learners, ou move_learners=true pour l'API, réservé aux admins)",
        "en": "{participant} is in territory {old}: not moved to {new} (this needs "
            "--move-learners, or move_learners=true on the API, for admins)",
    },
    "territory.move.done": {
        "fr": "{participant} déplacé·e du territoire {old} vers {new}, avec tout son historique",
        "en": "{participant} moved from territory {old} to {new}, with their whole history",
    },
    "territory.move.admin_only": {
        "fr": "déplacer des apprenant·es d'un territoire à l'autre est réservé aux admins",
        "en": "moving learners from one territory to another is for admins",
    },
    "issuer.no_email": {
        "fr": "Sans --email, l'émetteur {id} ne délivre pas d'Open Badges 2.0 (la norme exige "
            "une adresse de contact de l'émetteur) : seuls les Open Badges 3.0 le seront.",
        "en": "Without --email, issuer {id} issues no Open Badges 2.0 (the standard requires "
            "the issuer's contact address): only Open Badges 3.0 are issued.",
    },
    "issue.no_ob2": {
        "fr": "L'émetteur {issuer} n'a pas d'adresse e-mail : la forme Open Badges 2.0 n'est "
            "pas délivrée (la norme l'exige) ; les Open Badges 3.0 le sont. Pour l'OB 2.0, "
            "créez un émetteur avec `apprenance issuer init --email ADRESSE`.",
        "en": "Issuer {issuer} has no email address: the Open Badges 2.0 form is not issued "
            "(the standard requires one); Open Badges 3.0 are. For OB 2.0, create an issuer "
            "with `apprenance issuer init --email ADDRESS`.",
    },
    "url.local": {
        "fr": "Signature refusée : l'adresse publique {url} est locale. Une certification "
            "signée avec elle ne se vérifie nulle part ailleurs, et son statut serait ce que "
            "répond le port local du vérificateur. Définissez APPRENANCE_PUBLIC_URL (ou "
            "--public-url) avec l'adresse publique de l'instance, ou, pour un essai local, "
            "passez --allow-local-url (APPRENANCE_ALLOW_LOCAL_URL=1 ; au serveur : "
            "`apprenance serve --allow-local-url`).",
        "en": "Signing refused: the public URL {url} is local. A credential signed with it "
            "verifies nowhere else, and its status would be whatever answers on the "
            "verifier's own port. Set APPRENANCE_PUBLIC_URL (or --public-url) to the "
            "instance's public address, or, for a local trial, pass --allow-local-url "
            "(APPRENANCE_ALLOW_LOCAL_URL=1; for the server: `apprenance serve "
            "--allow-local-url`).",
    },
    "key.prompt": {
        "fr": "Phrase de passe des clés de l'émetteur",
        "en": "Passphrase of the issuer keys",
    },
    "key.prompt.new": {
        "fr": "Phrase de passe qui chiffrera la clé privée",
        "en": "Passphrase to encrypt the private key with",
    },
    "key.prompt.again": {"fr": "La même, encore une fois", "en": "The same again"},
    "key.passphrase_required": {
        "fr": "Clé privée non écrite : elle est chiffrée par une phrase de passe. Définissez "
            "APPRENANCE_KEY_PASSPHRASE (ou lancez la commande dans un terminal pour la "
            "saisir) ; --no-passphrase l'écrit en clair (une démo, un essai).",
        "en": "Private key not written: it is encrypted with a passphrase. Set "
            "APPRENANCE_KEY_PASSPHRASE (or run the command on a terminal to type it); "
            "--no-passphrase writes it unencrypted (a demo, a trial).",
    },
    "key.unencrypted": {
        "fr": "Attention : la clé privée de l'émetteur {id} est écrite EN CLAIR dans {folder} "
            "(mode 0600) ; qui lit ce fichier signe en son nom. En production, définissez "
            "APPRENANCE_KEY_PASSPHRASE.",
        "en": "Warning: the private key of issuer {id} is written UNENCRYPTED in {folder} (mode "
            "0600); whoever reads that file signs as the issuer. In production, set "
            "APPRENANCE_KEY_PASSPHRASE.",
    },
    "learner.erase.deleted": {"fr": "  supprimé : {path}", "en": "  deleted: {path}"},
    "learner.erase.mention": {
        "fr": "  à revoir (texte d'une autre personne qui la nomme) : {table} {id} {field}",
        "en": "  to review (someone else's text naming them): {table} {id} {field}",
    },
}
