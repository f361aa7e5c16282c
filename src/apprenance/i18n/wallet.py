"""Words of the wallet page (a credential handed to a phone wallet) and of the OpenID4VCI
metadata wallets show."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "wallet.config_name": {"fr": "Badge numérique (Open Badges 3.0)",
                           "en": "Digital badge (Open Badges 3.0)"},
    "wallet.config_description": {
        "fr": "Un badge obtenu par des activités de projet, signé par son émetteur.",
        "en": "A badge earned through project activities, signed by its issuer."},
    "wallet.tx_code_prompt": {"fr": "Le code à 6 chiffres affiché sur la page apprenance",
                              "en": "The 6-digit code shown on the apprenance page"},
    "wallet.title": {"fr": "Mettre ce badge dans un portefeuille sur téléphone",
                     "en": "Put this badge in a phone wallet"},
    "wallet.badge": {"fr": "Badge : {name}", "en": "Badge: {name}"},
    "wallet.intro": {
        "fr": "Un portefeuille numérique est une application de téléphone qui garde vos "
              "badges et vous permet de les montrer. Le badge qu'il reçoit est lié à votre "
              "téléphone : il porte l'identifiant (DID) de votre portefeuille, et il reste "
              "signé par son émetteur et vérifiable par tous.",
        "en": "A digital wallet is a phone app that keeps your badges and lets you show "
              "them. The badge it receives is tied to your phone: it carries your wallet's "
              "identifier (DID), and it stays signed by its issuer and checkable by anyone."},
    "wallet.two_ways": {
        "fr": "Deux sortes de portefeuilles savent le recevoir :",
        "en": "Two kinds of wallets can receive it:"},
    "wallet.lcw_name": {"fr": "Learner Credential Wallet (LCW)",
                        "en": "Learner Credential Wallet (LCW)"},
    "wallet.lcw_about": {
        "fr": "L'application libre du Digital Credentials Consortium, faite pour les badges "
              "et diplômes (Android et iPhone).",
        "en": "The free app of the Digital Credentials Consortium, made for badges and "
              "diplomas (Android and iPhone)."},
    "wallet.oid_name": {"fr": "Un portefeuille OpenID4VCI",
                        "en": "An OpenID4VCI wallet"},
    "wallet.oid_about": {
        "fr": "Les portefeuilles qui suivent la norme européenne OpenID for Verifiable "
              "Credential Issuance (par exemple walt.id, Sphereon, Lissi, Altme) et "
              "acceptent les badges W3C.",
        "en": "Wallets following the OpenID for Verifiable Credential Issuance standard "
              "used in Europe (for instance walt.id, Sphereon, Lissi, Altme) that accept "
              "W3C badges."},
    "wallet.prepare": {"fr": "Afficher les QR codes", "en": "Show the QR codes"},
    "wallet.prepare_help": {
        "fr": "Les QR codes et liens sont valables {minutes} minutes et servent une seule "
              "fois. Vous pourrez en demander d'autres.",
        "en": "The QR codes and links last {minutes} minutes and work once. You can ask "
              "for new ones."},
    "wallet.revoked": {
        "fr": "Ce badge a été révoqué : il ne peut plus être envoyé vers un portefeuille.",
        "en": "This badge was revoked: it can no longer go to a wallet."},
    "wallet.expires": {"fr": "Valables jusqu'au {day} à {time} (UTC), pour un seul envoi.",
                       "en": "Valid until {day} at {time} (UTC), for one delivery."},
    "wallet.scan": {"fr": "Avec le téléphone, ouvrez le portefeuille et scannez ce QR code.",
                    "en": "On the phone, open the wallet and scan this QR code."},
    "wallet.on_phone": {"fr": "Vous lisez cette page sur le téléphone ?",
                        "en": "Reading this page on the phone?"},
    "wallet.lcw_open": {"fr": "Ouvrir dans Learner Credential Wallet",
                        "en": "Open in Learner Credential Wallet"},
    "wallet.oid_open": {"fr": "Ouvrir dans mon portefeuille", "en": "Open in my wallet"},
    "wallet.lcw_steps": {
        "fr": "Le portefeuille demande quel profil utiliser, puis reçoit le badge : "
              "acceptez-le.",
        "en": "The wallet asks which profile to use, then receives the badge: accept it."},
    "wallet.tx_code": {"fr": "Code à saisir dans le portefeuille quand il le demande :",
                       "en": "Code to type into the wallet when it asks:"},
    "wallet.qr_lcw": {"fr": "QR code pour Learner Credential Wallet",
                      "en": "QR code for Learner Credential Wallet"},
    "wallet.qr_oid": {"fr": "QR code pour un portefeuille OpenID4VCI",
                      "en": "QR code for an OpenID4VCI wallet"},
    "wallet.again": {"fr": "Demander de nouveaux QR codes", "en": "Ask for new QR codes"},
    "wallet.delivered_h": {"fr": "Déjà envoyé", "en": "Already delivered"},
    "wallet.delivered": {"fr": "Envoyé vers un portefeuille le {day} à {time} (UTC) par {protocol}",
                         "en": "Delivered to a wallet on {day} at {time} (UTC) by {protocol}"},
    "wallet.did": {"fr": "Identifiant du portefeuille (DID) :",
                   "en": "Wallet identifier (DID):"},
    "wallet.none_yet": {"fr": "Ce badge n'a encore été envoyé vers aucun portefeuille.",
                        "en": "This badge has not gone to any wallet yet."},
    "wallet.protocol.vcapi": {"fr": "échange VC-API (LCW)", "en": "VC-API exchange (LCW)"},
    "wallet.protocol.oid4vci": {"fr": "OpenID4VCI", "en": "OpenID4VCI"},
    "wallet.back_credential": {"fr": "Voir la page du badge", "en": "See the badge's page"},
    "wallet.back_portfolio": {"fr": "Retour au portfolio", "en": "Back to the portfolio"},
    "learner.erase.wallet_offers_deleted": {
        "fr": "offres et envois vers des portefeuilles supprimés",
        "en": "wallet offers and deliveries deleted"},
    "wallet.on_credential": {"fr": "Dans un portefeuille sur téléphone",
                              "en": "In a phone wallet"},
    "wallet.link": {"fr": "Mettre dans un portefeuille sur téléphone",
                    "en": "Put in a phone wallet"},
}
