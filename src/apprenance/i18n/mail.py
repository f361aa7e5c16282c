"""Words of the mail apprenance sends (badge received, sign-in link, coordinator invitation),
of the coordinator's mail page (/territoires/{t}/courriels), of the sign-in link request on
/connexion, and of ``apprenance mail``."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- the messages -------------------------------------------------------------------
    "mail.hello": {"fr": "Bonjour {name},", "en": "Hello {name},"},
    "mail.hello_anonymous": {"fr": "Bonjour,", "en": "Hello,"},
    "mail.footer": {
        "fr": "Message envoyé par apprenance ({site}). Si vous ne l'attendiez pas, vous pouvez "
              "l'ignorer : sans ce lien, personne ne peut se connecter à votre place.",
        "en": "Message sent by apprenance ({site}). If you did not expect it, you may ignore "
              "it: without this link, nobody can sign in in your place.",
    },
    "mail.link_fallback": {
        "fr": "Si le bouton ne marche pas, copiez cette adresse dans votre navigateur :",
        "en": "If the button does not work, copy this address into your browser:",
    },
    "mail.badge.subject": {"fr": "Vous avez reçu le badge «\u00a0{badge}\u00a0»",
                           "en": "You received the badge “{badge}”"},
    "mail.badge.body": {
        "fr": "{issuer} ({territory}) vous a délivré le badge «\u00a0{badge}\u00a0».",
        "en": "{issuer} ({territory}) issued you the badge “{badge}”.",
    },
    "mail.badge.body_no_territory": {
        "fr": "{issuer} vous a délivré le badge «\u00a0{badge}\u00a0».",
        "en": "{issuer} issued you the badge “{badge}”.",
    },
    "mail.badge.claim": {
        "fr": "Ouvrez votre badge pour le voir, le télécharger et le partager. Le lien vous "
              "connecte à votre portfolio ; il sert une seule fois et reste valable {days} "
              "jours. Ensuite, demandez un nouveau lien sur {signin}.",
        "en": "Open your badge to see it, download it and share it. The link signs you in to "
              "your portfolio; it works once and stays valid for {days} days. After that, ask "
              "for a new link on {signin}.",
    },
    "mail.badge.button": {"fr": "Voir mon badge", "en": "See my badge"},
    "mail.badge.image_alt": {"fr": "Image du badge «\u00a0{badge}\u00a0»",
                             "en": "Image of the badge “{badge}”"},
    "mail.signin.subject": {"fr": "Votre lien de connexion à apprenance",
                            "en": "Your sign-in link to apprenance"},
    "mail.signin.body": {
        "fr": "Voici votre lien personnel de connexion à votre portfolio. Il sert une seule "
              "fois et reste valable {hours} heures.",
        "en": "Here is your personal sign-in link to your portfolio. It works once and stays "
              "valid for {hours} hours.",
    },
    "mail.signin.body_days": {
        "fr": "Voici votre lien personnel de connexion à votre portfolio. Il sert une seule "
              "fois et reste valable {days} jours.",
        "en": "Here is your personal sign-in link to your portfolio. It works once and stays "
              "valid for {days} days.",
    },
    "mail.signin.button": {"fr": "Ouvrir mon portfolio", "en": "Open my portfolio"},
    "mail.invite.subject": {"fr": "Invitation à coordonner {territory} sur apprenance",
                            "en": "Invitation to coordinate {territory} on apprenance"},
    "mail.invite.body": {
        "fr": "Vous êtes invité·e à coordonner le territoire {territory} sur apprenance. Ce "
              "lien sert une seule fois et expire le {date}.",
        "en": "You are invited to coordinate the territory {territory} on apprenance. This "
              "link works once and expires on {date}.",
    },
    "mail.invite.button": {"fr": "Accepter l'invitation", "en": "Accept the invitation"},
    # --- the sign-in link request on /connexion ------------------------------------------
    "signin.request": {"fr": "Vous avez perdu votre lien de connexion ?",
                       "en": "Lost your sign-in link?"},
    "signin.request_help": {
        "fr": "Indiquez votre adresse électronique : si elle est connue, un nouveau lien y est "
              "envoyé.",
        "en": "Enter your email address: if it is known, a new link is sent to it.",
    },
    "signin.staff_title": {"fr": "Équipe d'un territoire", "en": "Territory staff"},
    "signin.request_email": {"fr": "Adresse électronique", "en": "Email address"},
    "signin.request_submit": {"fr": "Recevoir un nouveau lien", "en": "Send me a new link"},
    "signin.request_sent": {
        "fr": "Si cette adresse est connue, un lien de connexion vient d'y être envoyé. "
              "Regardez votre boîte de réception (et les indésirables) ; le lien reste "
              "valable 24 heures.",
        "en": "If this address is known, a sign-in link has just been sent to it. Look in "
              "your inbox (and the spam folder); the link stays valid for 24 hours.",
    },
    "signin.request_bad": {"fr": "Ce n'est pas une adresse électronique.",
                           "en": "This is not an email address."},
    # --- the coordinator's mail page -----------------------------------------------------
    "mailpage.title": {"fr": "Courriels envoyés — {name}", "en": "Mail sent — {name}"},
    "mailpage.link": {"fr": "Courriels envoyés", "en": "Mail sent"},
    "mailpage.failed_link": {"fr": "{n} courriels non distribués : voir les courriels",
                             "en": "{n} undelivered mails: see the mail"},
    "mailpage.failed_link.one": {"fr": "{n} courriel non distribué : voir les courriels",
                                 "en": "{n} undelivered mail: see the mail"},
    "mailpage.help": {
        "fr": "Les courriels envoyés aux personnes du territoire : badges reçus, liens de "
              "connexion. Ceux qui n'ont pas pu être distribués sont en tête ; "
              "«\u00a0Réessayer\u00a0» les renvoie (corrigez d'abord l'adresse si elle est "
              "fausse).",
        "en": "The mail sent to the territory's people: badges received, sign-in links. "
              "Those that could not be delivered come first; “Retry” sends them again (first "
              "fix the address if it is wrong).",
    },
    "mailpage.not_configured": {
        "fr": "L'envoi de courriels n'est pas configuré sur ce service (APPRENANCE_SMTP_HOST) : "
              "les courriels attendent dans la file.",
        "en": "Sending mail is not set up on this service (APPRENANCE_SMTP_HOST): the mail "
              "waits in the queue.",
    },
    "mailpage.none": {"fr": "Aucun courriel pour ce territoire.",
                      "en": "No mail for this territory."},
    "mailpage.queued_now": {"fr": "{n} courriels mis en file d'envoi.",
                            "en": "{n} mails queued for sending."},
    "mailpage.queued_now.one": {"fr": "{n} courriel mis en file d'envoi.",
                                "en": "{n} mail queued for sending."},
    "mailpage.retried": {"fr": "Le courriel à {recipient} est remis en file d'envoi.",
                         "en": "The mail to {recipient} is queued again."},
    "mailpage.col.recipient": {"fr": "Destinataire", "en": "Recipient"},
    "mailpage.col.subject": {"fr": "Objet", "en": "Subject"},
    "mailpage.col.status": {"fr": "État", "en": "Status"},
    "mailpage.col.attempts": {"fr": "Essais", "en": "Attempts"},
    "mailpage.col.error": {"fr": "Dernière erreur", "en": "Last error"},
    "mailpage.col.dates": {"fr": "Dates", "en": "Dates"},
    "mailpage.col.action": {"fr": "Action", "en": "Action"},
    "mailpage.queued_at": {"fr": "en file le {date}", "en": "queued on {date}"},
    "mailpage.sent_at": {"fr": "envoyé le {date}", "en": "sent on {date}"},
    "mailpage.retry": {"fr": "Réessayer", "en": "Retry"},
    "mailpage.retry_label": {"fr": "Réessayer le courriel à {recipient}",
                             "en": "Retry the mail to {recipient}"},
    "mailpage.status.queued": {"fr": "en attente", "en": "waiting"},
    "mailpage.status.sending": {"fr": "en cours d'envoi", "en": "being sent"},
    "mailpage.status.sent": {"fr": "envoyé", "en": "sent"},
    "mailpage.status.failed": {"fr": "échec", "en": "failed"},
    "mailpage.status.bounced": {"fr": "non distribué (retour)", "en": "bounced"},
    "mailpage.kind.badge-issued": {"fr": "badge reçu", "en": "badge received"},
    "mailpage.kind.sign-in": {"fr": "lien de connexion", "en": "sign-in link"},
    "mailpage.kind.invitation": {"fr": "invitation", "en": "invitation"},
    # --- apprenance mail ----------------------------------------------------------------
    "mail.cli.not_configured": {
        "fr": "l'envoi n'est pas configuré : définissez APPRENANCE_SMTP_HOST (docs/"
              "configuration.md)",
        "en": "sending is not set up: set APPRENANCE_SMTP_HOST (docs/configuration.md)",
    },
    "mail.cli.sent": {
        "fr": "{sent} envoyés, {retry} à réessayer plus tard, {failed} en échec.",
        "en": "{sent} sent, {retry} to retry later, {failed} failed.",
    },
    "mail.cli.empty": {"fr": "Aucun courriel dans la file.", "en": "No mail in the queue."},
    "mail.cli.bounces": {
        "fr": "{recorded} retours enregistrés, {unmatched} sans courriel correspondant.",
        "en": "{recorded} bounces recorded, {unmatched} matching no mail.",
    },
    "mail.cli.worker": {
        "fr": "Envoi des courriels toutes les {seconds} s (Ctrl+C pour arrêter).",
        "en": "Sending mail every {seconds} s (Ctrl+C to stop).",
    },
}
