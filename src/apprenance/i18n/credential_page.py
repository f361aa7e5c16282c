"""Words of a credential's public page (``/credentials/{uuid}``): the badge, its holder, the
live verification, the learner's choice to make the page public, LinkedIn and sharing, the
downloads and the evidence."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "cred.kind.badge": {"fr": "Badge numérique ouvert", "en": "Open digital badge"},
    "cred.kind.pathway": {"fr": "Parcours reconnu", "en": "Recognised pathway"},
    "cred.image_alt": {"fr": "Image du badge « {name} »", "en": "Image of the badge “{name}”"},
    "cred.awarded_to": {"fr": "Obtenu par", "en": "Earned by"},
    "cred.holder_anonymous": {
        "fr": "Obtenu par une personne apprenante du territoire « {territory} »",
        "en": "Earned by a learner of “{territory}”"},
    "cred.issued_by": {"fr": "Délivré par", "en": "Issued by"},
    "cred.territory": {"fr": "territoire : {name}", "en": "territory: {name}"},
    "cred.facts": {"fr": "Dates et identifiant", "en": "Dates and identifier"},
    "cred.awarded_on": {"fr": "Obtenu le", "en": "Earned on"},
    "cred.issued_on": {"fr": "Délivré (signé) le", "en": "Issued (signed) on"},
    "cred.valid_until": {"fr": "Valable jusqu'au", "en": "Valid until"},
    "cred.no_end": {"fr": "sans date de fin", "en": "no end date"},
    "cred.revoked_on": {"fr": "Révoqué le", "en": "Revoked on"},
    "cred.identifier": {"fr": "Identifiant", "en": "Identifier"},
    # the live verification
    "cred.verif.title_ok": {"fr": "Vérification en direct", "en": "Live verification"},
    "cred.verif.title_bad": {"fr": "Vérification en direct : attention",
                             "en": "Live verification: warning"},
    "cred.verdict.valid": {"fr": "Vérifié : signé par {signer}, non révoqué.",
                           "en": "Verified: signed by {signer}, not revoked."},
    "cred.verdict.revoked": {"fr": "Révoqué le {date} ({reason}) : ce badge ne vaut plus.",
                             "en": "Revoked on {date} ({reason}): this badge no longer holds."},
    "cred.verdict.revoked_status": {
        "fr": "Révoqué : la liste de statut de l'émetteur le dit.",
        "en": "Revoked: the issuer's status list says so."},
    "cred.verdict.no_reason": {"fr": "sans motif donné", "en": "no reason given"},
    "cred.verdict.expired": {"fr": "Expiré : ce badge était valable jusqu'au {date}.",
                             "en": "Expired: this badge was valid until {date}."},
    "cred.verdict.failed": {"fr": "La vérification a échoué. {why}",
                            "en": "Verification failed. {why}"},
    "cred.verif.live": {
        "fr": "Vérification faite à l'instant ({date}) par apprenance : signature, émetteur, "
              "dates de validité et révocation.",
        "en": "Checked just now ({date}) by apprenance: signature, issuer, validity dates and "
              "revocation."},
    "cred.verif.what": {"fr": "Ce qui a été vérifié", "en": "What was checked"},
    "cred.verif.report": {"fr": "Le rapport de vérification complet",
                           "en": "The full verification report"},
    "cred.verif.own": {"fr": "Vérifier vous-même un fichier de badge",
                       "en": "Verify a badge file yourself"},
    # the learner's controls
    "cred.mine.title": {"fr": "Votre badge : qui voit cette page", "en": "Your badge: who sees "
                        "this page"},
    "cred.staff.title": {"fr": "Pour l'équipe du territoire", "en": "For the territory's team"},
    "cred.mine.public": {
        "fr": "Cette page est publique depuis le {date} : elle montre votre nom et vos "
              "activités une à une. Tout le monde peut l'ouvrir avec son adresse.",
        "en": "This page has been public since {date}: it shows your name and your activities "
              "one by one. Anyone with its address can open it."},
    "cred.mine.private": {
        "fr": "Cette page est privée : elle dit « une personne apprenante du territoire "
              "{territory} » et ne montre que les totaux de vos activités. Le badge reste "
              "vérifiable par tous.",
        "en": "This page is private: it says “a learner of {territory}” and shows only the "
              "totals of your activities. The badge can still be verified by anyone."},
    "cred.staff.public": {
        "fr": "Cette page est publique depuis le {date} : la personne qui détient ce badge a "
              "choisi d'y montrer son nom et ses activités une à une.",
        "en": "This page has been public since {date}: the person holding this badge chose to "
              "show their name and their activities one by one."},
    "cred.staff.private": {
        "fr": "Cette page est privée : pour le public, elle dit « une personne apprenante du "
              "territoire {territory} » et ne montre que les totaux des activités.",
        "en": "This page is private: to the public it says “a learner of {territory}” and "
              "shows only the totals of the activities."},
    "cred.mine.erased": {"fr": "Les données de cette personne ont été effacées : la page ne "
                         "nomme personne.",
                         "en": "This person's data was erased: the page names no one."},
    "cred.mine.make_public": {"fr": "Rendre la page publique (nom et activités)",
                              "en": "Make the page public (name and activities)"},
    "cred.mine.make_private": {"fr": "Rendre la page privée", "en": "Make the page private"},
    "cred.staff.only_learner": {
        "fr": "Vous voyez le nom parce que vous êtes de l'équipe. Seule la personne qui "
              "détient ce badge peut rendre la page publique.",
        "en": "You see the name because you are on the team. Only the person who holds this "
              "badge may make the page public."},
    "cred.linkedin.title": {"fr": "LinkedIn", "en": "LinkedIn"},
    "cred.linkedin.add": {"fr": "Ajouter à mon profil LinkedIn",
                          "en": "Add to LinkedIn profile"},
    "cred.linkedin.help": {
        "fr": "LinkedIn ouvre son formulaire « Licences et certifications » déjà rempli : nom "
              "du badge, émetteur, date, identifiant et adresse de cette page.",
        "en": "LinkedIn opens its “Licenses & certifications” form already filled in: badge "
              "name, issuer, date, identifier and the address of this page."},
    "cred.linkedin.private": {
        "fr": "Pour ajouter ce badge à LinkedIn ou le partager, rendez d'abord la page "
              "publique : LinkedIn renvoie vers cette page, qui doit alors montrer votre nom.",
        "en": "To add this badge to LinkedIn or share it, first make the page public: LinkedIn "
              "links to this page, which must then show your name."},
    "cred.linkedin.not_valid": {
        "fr": "Ce badge n'est plus valable (révoqué ou expiré) : il n'est plus proposé pour "
              "LinkedIn ni au partage.",
        "en": "This badge no longer holds (revoked or expired): it is no longer offered for "
              "LinkedIn or sharing."},
    "cred.download.title": {"fr": "Télécharger le badge", "en": "Download the badge"},
    "cred.download.json": {"fr": "Open Badges 3.0 (JSON)", "en": "Open Badges 3.0 (JSON)"},
    "cred.download.jwt": {"fr": "Open Badges 3.0 (VC-JWT)", "en": "Open Badges 3.0 (VC-JWT)"},
    "cred.download.png": {"fr": "Image PNG (badge intégré)", "en": "PNG image (badge inside)"},
    "cred.download.svg": {"fr": "Image SVG (badge intégré)", "en": "SVG image (badge inside)"},
    "cred.download.ob2": {"fr": "Open Badges 2.0 (JSON)", "en": "Open Badges 2.0 (JSON)"},
    # sharing
    "cred.share.title": {"fr": "Partager", "en": "Share"},
    "cred.share.link": {"fr": "Adresse de cette page", "en": "Address of this page"},
    "cred.share.copy": {"fr": "Copier le lien", "en": "Copy link"},
    "cred.share.copied": {"fr": "Lien copié", "en": "Link copied"},
    "cred.share.linkedin": {"fr": "Partager sur LinkedIn", "en": "Share on LinkedIn"},
    "cred.share.mail": {"fr": "Envoyer par e-mail", "en": "Send by e-mail"},
    "cred.share.no_tracking": {
        "fr": "De simples liens : aucun script d'un autre site ne tourne sur cette page.",
        "en": "Plain links: no other site's script runs on this page."},
    "cred.share.mail_subject": {"fr": "Mon badge « {name} »", "en": "My badge “{name}”"},
    "cred.share.mail_body": {
        "fr": "Bonjour,\n\nVoici mon badge « {name} », délivré par {issuer}. Il se vérifie "
              "en ligne ici :\n{url}\n",
        "en": "Hello,\n\nHere is my badge “{name}”, issued by {issuer}. It can be verified "
              "online here:\n{url}\n"},
    "cred.og.title_named": {"fr": "{holder} — {name}", "en": "{holder} — {name}"},
    "cred.og.description": {"fr": "Badge délivré par {issuer} (territoire : {territory}). {text}",
                            "en": "Badge issued by {issuer} (territory: {territory}). {text}"},
    # about and alignments
    "cred.about": {"fr": "À propos de ce badge", "en": "About this badge"},
    "cred.criteria": {"fr": "Critères d'obtention", "en": "Criteria"},
    "cred.alignments": {"fr": "Compétences et référentiels", "en": "Competences and frameworks"},
    # evidence
    "cred.evidence.title": {"fr": "Ce qui a été fait pour l'obtenir", "en": "What was done to "
                            "earn it"},
    "cred.evidence.hours": {"fr": "d'activités", "en": "of activities"},
    "cred.evidence.activities.one": {"fr": "activité", "en": "activity"},
    "cred.evidence.activities": {"fr": "activités", "en": "activities"},
    "cred.evidence.projects.one": {"fr": "projet du territoire", "en": "territory project"},
    "cred.evidence.projects": {"fr": "projets du territoire", "en": "territory projects"},
    "cred.evidence.attested.one": {"fr": "activité attestée par un témoin",
                                   "en": "activity attested by a witness"},
    "cred.evidence.attested": {"fr": "activités attestées par des témoins",
                               "en": "activities attested by witnesses"},
    "cred.evidence.requested": {
        "fr": "Badge délivré sur la demande de l'apprenant, examinée et acceptée par le "
              "coordinateur : aucune heure d'activité n'est comptée, les preuves de "
              "l'apprenant en témoignent.",
        "en": "Badge issued on the learner's request, reviewed and accepted by the "
              "coordinator: no activity hours are counted, the learner's evidence stands "
              "behind it."},
    "cred.evidence.declared_by": {
        "fr": "Badge déclaratif : délivré sur la seule déclaration de l'apprenant, sans heure "
              "d'activité comptée.",
        "en": "Declared badge: issued on the learner's own declaration, with no activity "
              "hours counted."},
    "cred.evidence.brought_words.one": {"fr": "récit de l'apprenant",
                                        "en": "account by the learner"},
    "cred.evidence.brought_words": {"fr": "récits de l'apprenant",
                                    "en": "accounts by the learner"},
    "cred.evidence.brought_links.one": {"fr": "lien apporté", "en": "link given"},
    "cred.evidence.brought_links": {"fr": "liens apportés", "en": "links given"},
    "cred.evidence.brought_files.one": {"fr": "fichier joint", "en": "file attached"},
    "cred.evidence.brought_files": {"fr": "fichiers joints", "en": "files attached"},
    "cred.evidence.span": {"fr": "Du {first} au {last}.", "en": "From {first} to {last}."},
    "cred.evidence.witnesses": {"fr": "Témoins : {roles}.", "en": "Witnesses: {roles}."},
    "cred.evidence.project_list": {"fr": "Projets : {projects}.", "en": "Projects: {projects}."},
    "cred.evidence.pillars": {"fr": "Heures pondérées par pilier de l'UNESCO",
                              "en": "Weighted hours per UNESCO pillar"},
    "cred.evidence.pillar": {"fr": "Pilier", "en": "Pillar"},
    "cred.evidence.weighted": {"fr": "Heures pondérées", "en": "Weighted hours"},
    "cred.evidence.functions": {"fr": "Heures par fonction du territoire",
                                "en": "Hours per function of the territory"},
    "cred.evidence.function": {"fr": "Fonction", "en": "Function"},
    "cred.evidence.hours_col": {"fr": "Heures", "en": "Hours"},
    "cred.evidence.details": {"fr": "Les activités une à une", "en": "The activities one by one"},
    "cred.evidence.link": {"fr": "Voir la trace de cette activité",
                           "en": "See the record of this activity"},
    "cred.evidence.private": {
        "fr": "Le détail des activités n'est visible que si la personne qui détient ce badge "
              "rend la page publique. Les totaux ci-dessus sont ceux que le badge certifie.",
        "en": "The activities one by one are shown only if the person holding this badge "
              "makes the page public. The totals above are those the badge certifies."},
}
