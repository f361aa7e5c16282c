"""Words of the web pages (back-office, portfolio, sign-in, errors)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "portfolio.issued_on": {"fr": "émis le {date}", "en": "issued on {date}"},
    "site.name": {"fr": "apprenance", "en": "apprenance"},
    "site.tagline": {
        "fr": "Reconnaître ce que l'on apprend en menant des projets de territoire",
        "en": "Recognising what people learn by doing territorial projects",
    },
    "nav.skip": {"fr": "Aller au contenu", "en": "Skip to content"},
    "nav.portfolio": {"fr": "Mon portfolio", "en": "My portfolio"},
    "nav.verify": {"fr": "Vérifier un badge", "en": "Verify a badge"},
    "nav.signin": {"fr": "Se connecter", "en": "Sign in"},
    "nav.signout": {"fr": "Se déconnecter", "en": "Sign out"},
    "nav.territory": {"fr": "Mon territoire", "en": "My territory"},
    "nav.lang": {"fr": "English", "en": "Français"},
    "home.title": {"fr": "Bienvenue", "en": "Welcome"},
    "home.learner": {
        "fr": "Apprenant·e ? Ouvrez le lien de connexion reçu par courriel : pas de mot de "
            "passe à retenir.",
        "en": "Learner? Open the sign-in link you received by email: no password to remember.",
    },
    "home.verify": {
        "fr": "Vous avez reçu un badge ou une attestation ? Vérifiez-le ici.",
        "en": "Received a badge or a certificate? Check it here.",
    },
    "signin.title": {"fr": "Connexion", "en": "Sign in"},
    "signin.link": {
        "fr": "Ce lien vous connecte à votre portfolio. Il ne sert qu'une fois.",
        "en": "This link signs you in to your portfolio. It works once.",
    },
    "signin.go": {"fr": "Ouvrir mon portfolio", "en": "Open my portfolio"},
    "signin.staff": {
        "fr": "Équipe d'un territoire : collez votre jeton d'accès.",
        "en": "Territory staff: paste your access token.",
    },
    "signin.token": {"fr": "Jeton d'accès", "en": "Access token"},
    "signin.submit": {"fr": "Se connecter", "en": "Sign in"},
    "portfolio.title": {"fr": "Portfolio de {name}", "en": "{name}'s portfolio"},
    "portfolio.summary": {
        "fr": "{hours} h d'activités ({count} activités), du {first} au {last}.",
        "en": "{hours} h of activities ({count} activities), from {first} to {last}.",
    },
    "portfolio.badges": {"fr": "Badges", "en": "Badges"},
    "portfolio.no_badges": {
        "fr": "Pas encore de badge : voyez ci-dessous ce qui approche.",
        "en": "No badge yet: see below what is getting close.",
    },
    "portfolio.awarded": {"fr": "obtenu le {date}", "en": "earned on {date}"},
    "portfolio.pillars": {
        "fr": "Les quatre piliers de l'apprentissage",
        "en": "The four pillars of learning",
    },
    "portfolio.pillars_chart": {
        "fr": "Heures pondérées par pilier",
        "en": "Weighted hours per pillar",
    },
    "portfolio.functions": {"fr": "Les six fonctions vitales", "en": "The six vital functions"},
    "portfolio.competences": {"fr": "Compétences", "en": "Competences"},
    "portfolio.competence": {"fr": "Compétence", "en": "Competence"},
    "portfolio.hours": {"fr": "Heures", "en": "Hours"},
    "portfolio.level": {"fr": "Niveau", "en": "Level"},
    "portfolio.next": {"fr": "Prochains badges", "en": "Next badges"},
    "portfolio.ready": {
        "fr": "prêt : sera décerné à la prochaine évaluation",
        "en": "ready: will be awarded at the next evaluation",
    },
    "portfolio.met": {
        "fr": "{met} condition(s) sur {of} remplie(s)",
        "en": "{met} of {of} condition(s) met",
    },
    "portfolio.timeline": {"fr": "Fil des activités", "en": "Activity timeline"},
    "portfolio.downloads": {"fr": "Téléchargements", "en": "Downloads"},
    "portfolio.no_downloads": {
        "fr": "Aucune certification délivrée pour l'instant.",
        "en": "No credential issued yet.",
    },
    "portfolio.certificate": {
        "fr": "Attestation PDF (avec crédits ECTS recommandés)",
        "en": "PDF certificate (with recommended ECTS credits)",
    },
    "portfolio.europass": {
        "fr": "Attestation Europass du parcours (ELM 3, JSON-LD)",
        "en": "Europass credential of the pathway (ELM 3, JSON-LD)",
    },
    "portfolio.europass_help": {
        "fr": "Pour l'établissement qui valide les crédits : il y appose son cachet eIDAS.",
        "en": "For the institution that awards the credits: it adds its eIDAS seal.",
    },
    "portfolio.share": {"fr": "Partager mon portfolio", "en": "Share my portfolio"},
    "portfolio.share_help": {
        "fr": "Un lien public, que vous pouvez publier puis révoquer.",
        "en": "A public link you can publish, then revoke.",
    },
    "portfolio.share_new": {"fr": "Créer un lien de partage", "en": "Create a share link"},
    "portfolio.share_days": {"fr": "Durée (jours)", "en": "Lifetime (days)"},
    "portfolio.share_revoke": {"fr": "Révoquer ce lien", "en": "Revoke this link"},
    "portfolio.share_expires": {"fr": "expire le {date}", "en": "expires on {date}"},
    "portfolio.share_never": {"fr": "sans expiration", "en": "no expiry"},
    "portfolio.qr": {"fr": "QR code du lien de partage", "en": "QR code of the share link"},
    "portfolio.public": {"fr": "Portfolio partagé", "en": "Shared portfolio"},
    "verify.title": {
        "fr": "Vérifier un badge ou une attestation",
        "en": "Verify a badge or a certificate",
    },
    "verify.help": {
        "fr": "Déposez l'image du badge (PNG ou SVG), son fichier JSON ou l'attestation PDF. "
            "Rien n'est conservé.",
        "en": "Drop the badge image (PNG or SVG), its JSON file or the PDF certificate. Nothing "
            "is kept.",
    },
    "verify.file": {"fr": "Fichier à vérifier", "en": "File to verify"},
    "verify.submit": {"fr": "Vérifier", "en": "Verify"},
    "verify.ok": {
        "fr": "Ce badge est authentique et valide.",
        "en": "This badge is genuine and valid.",
    },
    "verify.bad": {
        "fr": "Ce badge ne peut pas être considéré comme valide.",
        "en": "This badge cannot be considered valid.",
    },
    "verify.checks": {"fr": "Ce qui a été vérifié", "en": "What was checked"},
    "verify.unavailable": {
        "fr": "La vérification n'est pas encore disponible sur ce serveur.",
        "en": "Verification is not available on this server yet.",
    },
    "territory.title": {"fr": "Territoire : {name}", "en": "Territory: {name}"},
    "territory.learners": {"fr": "Apprenant·es", "en": "Learners"},
    "territory.coverage": {"fr": "Couverture du territoire", "en": "Territory coverage"},
    "territory.waiting": {
        "fr": "Activités en attente de décision",
        "en": "Activities waiting for a decision",
    },
    "territory.unmapped": {"fr": "Non reconnues (type inconnu)", "en": "Unmapped (unknown type)"},
    "territory.rejected": {"fr": "Rejetées", "en": "Rejected"},
    "territory.nothing": {"fr": "Rien en attente.", "en": "Nothing waiting."},
    "territory.issue": {"fr": "Délivrer les badges obtenus", "en": "Issue the earned badges"},
    "territory.issue_help": {
        "fr": "Signe et délivre les certifications de tous les badges obtenus et pas encore "
            "délivrés sur ce territoire.",
        "en": "Signs and issues credentials for every badge earned and not yet issued in this "
            "territory.",
    },
    "territory.issued": {
        "fr": "{count} certification(s) délivrée(s).",
        "en": "{count} credential(s) issued.",
    },
    "col.learner": {"fr": "Apprenant·e", "en": "Learner"},
    "col.role": {"fr": "Rôle", "en": "Role"},
    "col.last": {"fr": "Dernière activité", "en": "Last activity"},
    "col.date": {"fr": "Date", "en": "Date"},
    "col.activity": {"fr": "Activité", "en": "Activity"},
    "col.project": {"fr": "Projet", "en": "Project"},
    "col.reason": {"fr": "Motif", "en": "Reason"},
    "col.source": {"fr": "Source", "en": "Source"},
    "col.pillar": {"fr": "Pilier", "en": "Pillar"},
    "col.function": {"fr": "Fonction vitale", "en": "Vital function"},
    "col.people": {"fr": "Personnes", "en": "People"},
    "error.title": {"fr": "Erreur {status}", "en": "Error {status}"},
    "error.401": {"fr": "Connectez-vous pour voir cette page.", "en": "Sign in to see this page."},
    "error.403": {"fr": "Cette page ne vous est pas ouverte.", "en": "This page is not yours."},
    "error.404": {
        "fr": "Cette page n'existe pas, ou plus.",
        "en": "This page does not exist, or no longer does.",
    },
    "error.other": {"fr": "Une erreur est survenue.", "en": "Something went wrong."},
    "error.home": {"fr": "Retour à l'accueil", "en": "Back to the home page"},
}
