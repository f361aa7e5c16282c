"""Words of the coordinators' back-office: invitations (command line and the admin's page)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "coordinator.invited": {
        "fr": "Invitation pour {email} (territoire {territory}) : lien de connexion à usage "
              "unique, valable jusqu'au {date} :",
        "en": "Invitation for {email} (territory {territory}): a single-use sign-in link, "
              "valid until {date}:",
    },
    "coordinator.none": {"fr": "Aucune invitation.", "en": "No invitations."},
    "coordinator.withdrawn": {
        "fr": "Invitation de {email} (territoire {territory}) retirée : le lien ne marche plus "
              "et la session qu'il a ouverte est fermée.",
        "en": "Invitation of {email} (territory {territory}) withdrawn: the link no longer "
              "works and the session it opened is closed.",
    },
    "coordinator.state.pending": {"fr": "en attente", "en": "pending"},
    "coordinator.state.used": {"fr": "utilisée", "en": "used"},
    "coordinator.state.expired": {"fr": "expirée", "en": "expired"},
    "coordinator.state.withdrawn": {"fr": "retirée", "en": "withdrawn"},
    "coordinators.title": {"fr": "Coordinateurs et coordinatrices",
                           "en": "Coordinators"},
    "coordinators.intro": {
        "fr": "Invitez une personne à coordonner un territoire : elle reçoit un lien de "
              "connexion à usage unique, sans mot de passe, qui ouvre ses pages pour ce "
              "territoire seulement.",
        "en": "Invite a person to coordinate a territory: they get a single-use sign-in link, "
              "no password, that opens their pages for that territory only.",
    },
    "coordinators.invite": {"fr": "Inviter", "en": "Invite"},
    "coordinators.invite_go": {"fr": "Créer le lien d'invitation",
                               "en": "Create the invitation link"},
    "coordinators.email": {"fr": "Adresse électronique", "en": "Email address"},
    "coordinators.territory": {"fr": "Territoire", "en": "Territory"},
    "coordinators.lang": {"fr": "Langue de ses pages", "en": "Language of their pages"},
    "coordinators.lang_browser": {"fr": "Celle de son navigateur",
                                  "en": "Their browser's"},
    "coordinators.no_territory": {
        "fr": "Aucun territoire n'est encore chargé : chargez d'abord sa description.",
        "en": "No territory is loaded yet: load its description first.",
    },
    "coordinators.link_title": {"fr": "Lien d'invitation de {email} ({territory})",
                                "en": "Invitation link for {email} ({territory})"},
    "coordinators.link_help": {
        "fr": "L'envoi de courriels n'est pas configuré : copiez ce lien et transmettez-le à "
              "la personne. Il n'est affiché qu'une fois, sert une seule fois et expire le "
              "{date}.",
        "en": "Sending mail is not set up: copy this link and pass it on to the person. It is "
              "shown once, works once and expires on {date}.",
    },
    "coordinators.link_mailed": {
        "fr": "Le lien part par courriel à {email}. Il est aussi affiché ici, une seule fois, "
              "au cas où le courriel n'arriverait pas ; il sert une seule fois et expire le "
              "{date}.",
        "en": "The link is on its way by mail to {email}. It is also shown here, once, in "
              "case the mail does not arrive; it works once and expires on {date}.",
    },
    "coordinator.mailed": {"fr": "Le lien part par courriel à {email}.",
                           "en": "The link is on its way by mail to {email}."},
    "coordinators.link_label": {"fr": "Lien de connexion", "en": "Sign-in link"},
    "coordinators.list": {"fr": "Invitations", "en": "Invitations"},
    "coordinators.state": {"fr": "État", "en": "State"},
    "coordinators.sent": {"fr": "Créée le", "en": "Created on"},
    "coordinators.actions": {"fr": "Actions", "en": "Actions"},
    "coordinators.withdraw": {"fr": "Retirer", "en": "Withdraw"},
    "coordinators.withdraw_one": {"fr": "Retirer l'invitation de {email} ({territory})",
                                  "en": "Withdraw the invitation of {email} ({territory})"},
    "nav.coordinators": {"fr": "Coordinateurs", "en": "Coordinators"},
}
