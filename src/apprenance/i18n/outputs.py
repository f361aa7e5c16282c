"""Words of the coordinator's outputs: the territory's certificates as one ZIP, the credits
export, learners' sign-in links in bulk, and revoking a credential with a reason."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "outputs.link": {"fr": "Certificats, export des crédits et liens de connexion",
                     "en": "Certificates, credits export and sign-in links"},
    "outputs.title": {"fr": "Certificats, crédits et liens — {name}",
                      "en": "Certificates, credits and links — {name}"},
    "outputs.back": {"fr": "Retour au territoire", "en": "Back to the territory"},
    "outputs.back_outputs": {"fr": "Retour aux certificats, crédits et liens",
                             "en": "Back to certificates, credits and links"},
    # certificates as one ZIP
    "outputs.certs": {"fr": "Certificats de tout le territoire (ZIP)",
                      "en": "Certificates of the whole territory (ZIP)"},
    "outputs.certs_help": {
        "fr": "Un certificat PDF pour chaque personne qui a au moins un badge ({count}), en "
              "français (la langue de cette page), réunis dans un seul fichier ZIP. La "
              "préparation peut prendre quelques minutes : vous pouvez quitter la page et "
              "revenir.",
        "en": "A PDF certificate for each person holding at least one badge ({count}), in "
              "English (the language of this page), gathered in one ZIP file. Preparing it "
              "may take a few minutes: you may leave the page and come back.",
    },
    "outputs.certs_none": {"fr": "Personne n'a encore de badge : aucun certificat à préparer.",
                           "en": "Nobody holds a badge yet: no certificate to prepare."},
    "outputs.certs_start": {"fr": "Préparer le ZIP des certificats",
                            "en": "Prepare the certificates ZIP"},
    "outputs.certs_last": {"fr": "Dernier lot préparé depuis le démarrage du service :",
                           "en": "Last batch prepared since the service started:"},
    "outputs.job_title": {"fr": "Certificats — {name}", "en": "Certificates — {name}"},
    "outputs.job.running": {"fr": "Préparation en cours — certificats prêts : {done} sur "
                                  "{total}.",
                            "en": "Preparing — certificates ready: {done} of {total}."},
    "outputs.job.done": {"fr": "Prêt : {written} certificats dans le fichier ZIP.",
                         "en": "Ready: {written} certificates in the ZIP file."},
    "outputs.job.done.one": {"fr": "Prêt : {written} certificat dans le fichier ZIP.",
                             "en": "Ready: {written} certificate in the ZIP file."},
    "outputs.job.failed": {"fr": "La préparation a échoué : {error}. Relancez-la.",
                           "en": "Preparing failed: {error}. Start it again."},
    "outputs.job.failed.interrupted": {
        "fr": "La préparation a été interrompue (le service s'est arrêté). Relancez-la.",
        "en": "Preparing was interrupted (the service stopped). Start it again.",
    },
    "outputs.job.failed.disk": {
        "fr": "La préparation a échoué : le serveur ne peut pas écrire les fichiers (disque "
              "plein ou dossier protégé). Prévenez la personne qui administre le service.",
        "en": "Preparing failed: the server cannot write the files (disk full or folder "
              "protected). Tell the person who runs the service.",
    },
    "outputs.job.failed.internal": {
        "fr": "La préparation a échoué sur une erreur interne. Relancez-la ; si cela se "
              "reproduit, prévenez la personne qui administre le service.",
        "en": "Preparing failed on an internal error. Start it again; if it happens again, "
              "tell the person who runs the service.",
    },
    "outputs.job.state.running": {"fr": "en cours", "en": "in progress"},
    "outputs.job.state.done": {"fr": "prêt", "en": "ready"},
    "outputs.job.state.failed": {"fr": "échoué", "en": "failed"},
    "outputs.job_progress": {"fr": "Avancement des certificats",
                             "en": "Progress of the certificates"},
    "outputs.job_refresh": {"fr": "Actualiser", "en": "Refresh"},
    "outputs.job_refresh_help": {
        "fr": "La page se met à jour seule ; sinon, actualisez-la.",
        "en": "The page updates itself; otherwise, refresh it.",
    },
    "outputs.job_download": {"fr": "Télécharger le ZIP ({written} certificats)",
                             "en": "Download the ZIP ({written} certificates)"},
    "outputs.job_download.one": {"fr": "Télécharger le ZIP ({written} certificat)",
                                 "en": "Download the ZIP ({written} certificate)"},
    "outputs.job_skipped": {"fr": "Sans certificat", "en": "Without a certificate"},
    "outputs.job_lang": {"fr": "Langue des certificats : {language}.",
                         "en": "Language of the certificates: {language}."},
    "outputs.lang.fr": {"fr": "français", "en": "French"},
    "outputs.lang.en": {"fr": "anglais", "en": "English"},
    # credits export
    "outputs.credits": {"fr": "Export des crédits", "en": "Credits export"},
    "outputs.credits_help": {
        "fr": "Pour les services de scolarité des universités : une ligne par personne et "
              "par parcours (heures par pilier et par fonction vitale, crédits ECTS "
              "recommandés, lien de vérification de la preuve signée), et les compétences "
              "atteintes dans un second tableau. Le CSV s'ouvre dans un tableur réglé en "
              "français (séparateur point-virgule, virgule décimale) ; le classeur XLSX "
              "réunit les deux tableaux.",
        "en": "For universities' registrars: one row per person and pathway (hours per "
              "pillar and per vital function, recommended ECTS credits, the link to verify "
              "the signed credential), and the competences reached in a second table. The "
              "CSV opens in a spreadsheet set to French (semicolon separator, decimal comma); "
              "the XLSX workbook holds both tables.",
    },
    "outputs.credits_download": {"fr": "Télécharger l'export des crédits (CSV)",
                                 "en": "Download the credits export (CSV)"},
    "outputs.credits_competences": {"fr": "Compétences atteintes (CSV)",
                                    "en": "Competences reached (CSV)"},
    "outputs.credits_xlsx": {"fr": "Classeur Excel (XLSX, deux feuilles)",
                             "en": "Excel workbook (XLSX, two sheets)"},
    # the credits export's columns and sheets (CSV, XLSX, command line)
    "credits.col.identifier": {"fr": "Identifiant", "en": "Identifier"},
    "credits.col.name": {"fr": "Nom", "en": "Name"},
    "credits.col.pathway": {"fr": "Parcours (identifiant)", "en": "Pathway (identifier)"},
    "credits.col.pathway_name": {"fr": "Parcours", "en": "Pathway"},
    "credits.col.period_start": {"fr": "Début de la période", "en": "Period start"},
    "credits.col.period_end": {"fr": "Fin de la période", "en": "Period end"},
    "credits.col.days": {"fr": "Jours", "en": "Days"},
    "credits.col.activities": {"fr": "Activités", "en": "Activities"},
    "credits.col.hours_total": {"fr": "Heures au total", "en": "Total hours"},
    "credits.col.hours_pillar": {"fr": "Heures — {label}", "en": "Hours — {label}"},
    "credits.col.hours_function": {"fr": "Heures — {label}", "en": "Hours — {label}"},
    "credits.col.hours_per_credit": {"fr": "Heures par crédit", "en": "Hours per credit"},
    "credits.col.ects_recommended": {"fr": "Crédits ECTS recommandés",
                                     "en": "Recommended ECTS credits"},
    "credits.col.competences_count": {"fr": "Compétences atteintes (voir la 2e feuille)",
                                      "en": "Competences reached (see the 2nd sheet)"},
    "credits.col.credential_url": {"fr": "Adresse de vérification de la preuve",
                                   "en": "Credential verification URL"},
    "credits.comp.identifier": {"fr": "Identifiant", "en": "Identifier"},
    "credits.comp.pathway": {"fr": "Parcours (identifiant)", "en": "Pathway (identifier)"},
    "credits.comp.competence": {"fr": "Compétence (identifiant)",
                                "en": "Competence (identifier)"},
    "credits.comp.label": {"fr": "Compétence", "en": "Competence"},
    "credits.comp.framework": {"fr": "Référentiel", "en": "Framework"},
    "credits.comp.level": {"fr": "Niveau", "en": "Level"},
    "credits.comp.hours": {"fr": "Heures", "en": "Hours"},
    "credits.comp.activities": {"fr": "Activités", "en": "Activities"},
    "credits.comp.attestations": {"fr": "Attestations", "en": "Attestations"},
    "credits.sheet.rows": {"fr": "Crédits", "en": "Credits"},
    "credits.sheet.competences": {"fr": "Compétences", "en": "Competences"},
    "credits.sheet.title": {"fr": "Recommandation de crédits ECTS",
                            "en": "ECTS credit recommendation"},
    "credits.skipped.no_credential": {
        "fr": "aucune preuve signée : délivrer d'abord son relevé (apprenance clr)",
        "en": "no signed credential: issue their record first (apprenance clr)"},
    # sign-in links in bulk
    "outputs.links": {"fr": "Liens de connexion des personnes",
                      "en": "People's sign-in links"},
    "outputs.links_help": {
        "fr": "Chaque lien est à usage unique et ouvre le portfolio de la personne, sans mot "
              "de passe. Les liens donnés auparavant restent valables jusqu'à leur échéance.",
        "en": "Each link works once and opens the person's portfolio, with no password. "
              "Links given before stay valid until they expire.",
    },
    "outputs.links_mail_help": {
        "fr": "« Envoyer par courriel » envoie à chaque personne son lien à son adresse ; les "
              "autres boutons les affichent ou les téléchargent, pour les transmettre vous-même.",
        "en": "“Send by mail” sends each person their link at their address; the other "
              "buttons show or download them, for you to pass on.",
    },
    "outputs.links_no_mail": {
        "fr": "L'envoi de courriels n'est pas configuré sur ce service : transmettez vous-même "
              "chaque lien à sa personne (en main propre ou par un message qui lui est "
              "adressé).",
        "en": "Sending mail is not set up on this service: pass each link on to its person "
              "yourself (by hand or in a message to them).",
    },
    "outputs.links_mail": {"fr": "Envoyer par courriel", "en": "Send by mail"},
    "outputs.links_who": {"fr": "Pour qui ?", "en": "For whom?"},
    "outputs.links_all": {"fr": "Toutes les personnes du territoire ({count})",
                          "en": "Every person of the territory ({count})"},
    "outputs.links_days": {"fr": "Durée de validité", "en": "Valid for"},
    "outputs.links_days_n": {"fr": "{days} jours", "en": "{days} days"},
    "outputs.links_days_1": {"fr": "1 jour", "en": "1 day"},
    "outputs.links_show": {"fr": "Créer et afficher les liens",
                           "en": "Create and show the links"},
    "outputs.links_csv": {"fr": "Créer et télécharger en CSV", "en": "Create and download as CSV"},
    "outputs.links_made": {
        "fr": "{count} liens créés, valables jusqu'au {date}. Transmettez chacun à sa "
              "personne : cette page ne les affichera plus.",
        "en": "{count} links created, valid until {date}. Pass each on to its person: this "
              "page will not show them again.",
    },
    "outputs.links_made.one": {
        "fr": "{count} lien créé, valable jusqu'au {date}. Transmettez-le à sa personne : "
              "cette page ne l'affichera plus.",
        "en": "{count} link created, valid until {date}. Pass it on to its person: this "
              "page will not show it again.",
    },
    "outputs.links_dont_open": {
        "fr": "N'utilisez pas ces liens vous-même : le bouton qu'ils ouvrent connecte à la "
              "place de la personne et use le lien.",
        "en": "Do not use these links yourself: the button they open signs in as the person "
              "and uses the link up.",
    },
    "outputs.links_title": {"fr": "Liens de connexion — {name}",
                            "en": "Sign-in links — {name}"},
    "outputs.links_none": {"fr": "Choisissez au moins une personne.",
                           "en": "Choose at least one person."},
    "outputs.col.person": {"fr": "Personne", "en": "Person"},
    "outputs.col.link": {"fr": "Lien de connexion", "en": "Sign-in link"},
    "outputs.col.until": {"fr": "Valable jusqu'au", "en": "Valid until"},
    "outputs.col.identifier": {"fr": "Identifiant", "en": "Identifier"},
    # revoking a credential
    "outputs.revoke.open": {"fr": "Révoquer…", "en": "Revoke…"},
    "outputs.revoke.open_label": {"fr": "Révoquer le titre « {name} »",
                          "en": "Revoke the credential “{name}”"},
    "outputs.revoke.title": {"fr": "Révoquer un titre", "en": "Revoke a credential"},
    "outputs.revoke.badge": {"fr": "Titre", "en": "Credential"},
    "outputs.revoke.person": {"fr": "Personne", "en": "Person"},
    "outputs.revoke.issued": {"fr": "Délivré le", "en": "Issued on"},
    "outputs.revoke.warning": {
        "fr": "La révocation est définitive : les vérificateurs ne reconnaîtront plus ce titre, "
              "et la personne le verra révoqué dans son portfolio. Le motif est publié dans la "
              "liste de révocation de l'émetteur.",
        "en": "Revocation is final: verifiers will no longer accept this credential, and the "
              "person will see it revoked in their portfolio. The reason is published in the "
              "issuer's revocation list.",
    },
    "outputs.revoke.reason": {"fr": "Motif de la révocation (obligatoire)",
                      "en": "Reason for the revocation (required)"},
    "outputs.revoke.confirm": {"fr": "Je confirme la révocation définitive de ce titre",
                       "en": "I confirm the final revocation of this credential"},
    "outputs.revoke.submit": {"fr": "Révoquer définitivement", "en": "Revoke for good"},
    "outputs.revoke.cancel": {"fr": "Annuler", "en": "Cancel"},
    "outputs.revoke.need_reason": {"fr": "Motif : indiquez pourquoi ce titre est révoqué.",
                           "en": "Reason: say why this credential is revoked."},
    "outputs.revoke.need_confirm": {"fr": "Confirmation : cochez la case pour confirmer.",
                            "en": "Confirmation: tick the box to confirm."},
    "outputs.revoke.done": {"fr": "Le titre « {name} » est révoqué.",
                            "en": "The credential “{name}” is revoked."},
    "outputs.revoke.revoked": {"fr": "révoqué le {date} — motif : {reason}",
                       "en": "revoked on {date} — reason: {reason}"},
    "outputs.revoke.already": {"fr": "Ce titre est déjà révoqué.",
                       "en": "This credential is already revoked."},
}
