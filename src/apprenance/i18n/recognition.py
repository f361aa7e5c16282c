"""Words of open recognition (issue 18): the learner's badge requests, the coordinator's
review, the witnesses' endorsement page, their mail, and the evidence a request puts in its
credential."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "recognition.state.submitted": {"fr": "En attente du coordinateur",
                                    "en": "Waiting for the coordinator"},
    "recognition.state.more": {"fr": "Précisions demandées", "en": "More asked for"},
    "recognition.state.accepted": {"fr": "Acceptée", "en": "Accepted"},
    "recognition.state.declined": {"fr": "Refusée", "en": "Declined"},
    "recognition.evidence.text": {"fr": "Récit :", "en": "Account:"},
    "recognition.evidence.link_label": {"fr": "Lien :", "en": "Link:"},
    "recognition.evidence.file_label": {"fr": "Fichier :", "en": "File:"},
    "recognition.evidence.name": {"fr": "Preuve apportée par l'apprenant",
                                  "en": "Evidence brought by the learner"},
    "recognition.evidence.genre": {"fr": "Demande de badge", "en": "Badge request"},
    "recognition.evidence.link": {"fr": "Lien donné par l'apprenant à l'appui de sa demande.",
                                  "en": "A link the learner gave in support of their request."},
    "recognition.evidence.file": {
        "fr": "Fichier joint par l'apprenant : {name} (SHA-256 {sha256}).",
        "en": "File attached by the learner: {name} (SHA-256 {sha256})."},
    "recognition.event.submitted": {"fr": "Demande envoyée", "en": "Request sent"},
    "recognition.event.answered": {"fr": "Réponse de l'apprenant", "en": "The learner answered"},
    "recognition.event.more": {"fr": "Le coordinateur demande des précisions",
                               "en": "The coordinator asks for more"},
    "recognition.event.accepted": {"fr": "Demande acceptée", "en": "Request accepted"},
    "recognition.event.declined": {"fr": "Demande refusée", "en": "Request declined"},
    "recognition.form.text": {"fr": "Ce que vous avez fait (facultatif)",
                              "en": "What you did (optional)"},
    "recognition.form.link": {"fr": "Un lien vers une preuve (facultatif)",
                              "en": "A link to evidence (optional)"},
    "recognition.form.files": {
        "fr": "Fichiers (facultatif : PNG, JPEG, PDF ou texte, {mib} Mio au plus chacun, "
              "3 au plus)",
        "en": "Files (optional: PNG, JPEG, PDF or text, at most {mib} MiB each, at most 3)"},
    "recognition.form.badge": {"fr": "Le badge demandé", "en": "The badge you ask for"},
    "recognition.form.reason": {"fr": "Pourquoi ce badge ?", "en": "Why this badge?"},
    "recognition.form.reason_help": {
        "fr": "Dites en quelques phrases ce que vous avez fait et appris.",
        "en": "Say in a few sentences what you did and learned."},
    "recognition.form.evidence": {"fr": "Vos preuves", "en": "Your evidence"},
    "recognition.form.reply": {"fr": "Votre réponse", "en": "Your answer"},
    "recognition.form.more_evidence": {"fr": "Des preuves en plus (facultatif)",
                                       "en": "More evidence (optional)"},
    "recognition.error.badge": {"fr": "Le badge ne peut pas être demandé.",
                                "en": "This badge cannot be asked for."},
    "recognition.error.reason": {"fr": "Dites pourquoi vous demandez ce badge.",
                                 "en": "Say why you ask for this badge."},
    "recognition.error.text": {"fr": "Le récit est trop long.", "en": "The account is too long."},
    "recognition.error.link": {"fr": "Le lien doit commencer par http:// ou https://.",
                               "en": "The link must start with http:// or https://."},
    "recognition.error.files": {"fr": "Un fichier est refusé.", "en": "A file is refused."},
    "recognition.error.reply": {"fr": "Écrivez votre réponse.", "en": "Write your answer."},
    "recognition.error.witness": {"fr": "Donnez l'adresse e-mail de votre témoin.",
                                  "en": "Give your witness's e-mail address."},
    "recognition.error.role": {"fr": "Choisissez un rôle.", "en": "Choose a role."},
    "recognition.error.comment": {"fr": "Le commentaire est requis.",
                                  "en": "A comment is needed."},
    "recognition.error.action": {"fr": "Choisissez une décision.", "en": "Choose a decision."},
    "recognition.error.form": {"fr": "La demande n'a pas pu être enregistrée.",
                               "en": "The request could not be recorded."},
    "recognition.mine.title": {"fr": "Mes demandes de badge", "en": "My badge requests"},
    "recognition.mine.intro": {
        "fr": "Demandez un badge pour ce que vous avez fait, preuves à l'appui ; le "
              "coordinateur de votre territoire vous répond.",
        "en": "Ask for a badge for what you did, with evidence; the coordinator of your "
              "territory answers."},
    "recognition.mine.new": {"fr": "Demander un badge", "en": "Ask for a badge"},
    "recognition.mine.none": {"fr": "Vous n'avez encore fait aucune demande.",
                              "en": "You have made no request yet."},
    "recognition.back_portfolio": {"fr": "Retour au portfolio", "en": "Back to the portfolio"},
    "recognition.back_mine": {"fr": "Toutes mes demandes", "en": "All my requests"},
    "recognition.new.title": {"fr": "Demander un badge", "en": "Ask for a badge"},
    "recognition.new.intro": {
        "fr": "Choisissez le badge, dites pourquoi, et joignez ce qui le montre.",
        "en": "Choose the badge, say why, and attach what shows it."},
    "recognition.new.submit": {"fr": "Envoyer la demande", "en": "Send the request"},
    "recognition.new.nothing": {"fr": "Vous avez déjà tous les badges du catalogue.",
                                "en": "You already hold every badge of the catalog."},
    "recognition.one.title": {"fr": "Demande de badge", "en": "Badge request"},
    "recognition.one.heading": {"fr": "Demande : {badge}", "en": "Request: {badge}"},
    "recognition.one.state_help.submitted": {
        "fr": "Le coordinateur va lire votre demande et vous répondre par e-mail.",
        "en": "The coordinator will read your request and answer you by e-mail."},
    "recognition.one.state_help.more": {
        "fr": "Le coordinateur vous demande des précisions : répondez ci-dessous.",
        "en": "The coordinator asks you for more: answer below."},
    "recognition.one.state_help.accepted": {
        "fr": "Votre demande est acceptée : le badge vous a été délivré.",
        "en": "Your request is accepted: the badge was issued to you."},
    "recognition.one.state_help.declined": {
        "fr": "Votre demande a été refusée, pour la raison ci-dessous.",
        "en": "Your request was declined, for the reason below."},
    "recognition.one.see_badge": {"fr": "Voir le badge dans mon portfolio",
                                  "en": "See the badge in my portfolio"},
    "recognition.one.answer": {"fr": "Répondre au coordinateur", "en": "Answer the coordinator"},
    "recognition.one.answer_submit": {"fr": "Envoyer ma réponse", "en": "Send my answer"},
    "recognition.one.exchange": {"fr": "Les échanges", "en": "The exchange"},
    "recognition.done.envoyee": {"fr": "Votre demande est envoyée.",
                                 "en": "Your request is sent."},
    "recognition.done.repondu": {"fr": "Votre réponse est envoyée.", "en": "Your answer is sent."},
    "recognition.done.demande": {"fr": "Votre témoin va recevoir un e-mail.",
                                 "en": "Your witness will receive an e-mail."},
    "recognition.witness.title": {"fr": "Témoignages", "en": "Endorsements"},
    "recognition.witness.intro": {
        "fr": "Un habitant, un élu ou un pair qui vous a vu faire peut en témoigner : il "
              "reçoit un lien par e-mail, sans avoir à créer de compte. Son témoignage sera "
              "signé par l'émetteur et joint au badge.",
        "en": "A resident, an elected official or a peer who saw you at work can endorse "
              "it: they get a link by e-mail, with no account to create. Their endorsement "
              "is signed by the issuer and joined to the badge."},
    "recognition.witness.email": {"fr": "Adresse e-mail du témoin",
                                  "en": "The witness's e-mail address"},
    "recognition.witness.role": {"fr": "Son rôle", "en": "Their role"},
    "recognition.witness.lang": {"fr": "Langue de l'e-mail", "en": "Language of the e-mail"},
    "recognition.witness.submit": {"fr": "Demander un témoignage",
                                   "en": "Ask for an endorsement"},
    "recognition.witness.state.asked": {"fr": "demandé", "en": "asked"},
    "recognition.witness.state.endorsed": {"fr": "a témoigné", "en": "endorsed"},
    "recognition.witness.state.withdrawn": {"fr": "retiré", "en": "withdrawn"},
    "recognition.role.habitant": {"fr": "habitant", "en": "resident"},
    "recognition.role.elu": {"fr": "élu", "en": "elected official"},
    "recognition.role.pair": {"fr": "pair", "en": "peer"},
    "recognition.review.title": {"fr": "Demandes de badge", "en": "Badge requests"},
    "recognition.review.back": {"fr": "Retour au territoire", "en": "Back to the territory"},
    "recognition.review.done.accepted": {"fr": "Demande acceptée : le badge est délivré.",
                                         "en": "Request accepted: the badge is issued."},
    "recognition.review.done.more": {"fr": "Votre question est envoyée à l'apprenant.",
                                     "en": "Your question is sent to the learner."},
    "recognition.review.done.declined": {"fr": "Demande refusée ; l'apprenant est prévenu.",
                                         "en": "Request declined; the learner is told."},
    "recognition.review.intro": {
        "fr": "Les demandes des apprenants du territoire, celles qui attendent une décision "
              "d'abord. Accepter délivre le badge (sauf s'il est retenu) avec les preuves "
              "de l'apprenant ; demander des précisions ou refuser exige un commentaire.",
        "en": "The requests of the territory's learners, those waiting for a decision first. "
              "Accepting issues the badge (unless held back) with the learner's evidence; "
              "asking for more or declining needs a comment."},
    "recognition.review.none": {"fr": "Aucune demande pour l'instant.",
                                "en": "No request for now."},
    "recognition.review.item": {"fr": "{badge} — {name}", "en": "{badge} — {name}"},
    "recognition.review.portfolio": {"fr": "Son portfolio", "en": "Their portfolio"},
    "recognition.review.reason": {"fr": "Pourquoi :", "en": "Why:"},
    "recognition.review.comment": {
        "fr": "Votre commentaire (requis pour demander des précisions ou refuser)",
        "en": "Your comment (needed to ask for more or to decline)"},
    "recognition.review.accept": {"fr": "Accepter et délivrer", "en": "Accept and issue"},
    "recognition.review.more": {"fr": "Demander des précisions", "en": "Ask for more"},
    "recognition.review.decline": {"fr": "Refuser", "en": "Decline"},
    "recognition.review.decide": {"fr": "Votre décision", "en": "Your decision"},
    "recognition.review.ask_intro": {
        "fr": "À part de la décision : un habitant, un élu ou un pair reçoit un lien par "
              "e-mail pour témoigner, sans compte ; son témoignage est joint au badge.",
        "en": "Apart from the decision: a resident, an elected official or a peer gets a "
              "link by e-mail to endorse, with no account; their endorsement is joined to "
              "the badge."},
    "recognition.witness.send": {"fr": "Envoyer la demande au témoin",
                                 "en": "Send the request to the witness"},
    "recognition.review.said": {"fr": "Votre commentaire :", "en": "Your comment:"},
    "recognition.review.error.comment": {
        "fr": "Écrivez un commentaire pour demander des précisions ou refuser.",
        "en": "Write a comment to ask for more or to decline."},
    "recognition.review.error.form": {"fr": "La décision n'a pas pu être enregistrée.",
                                      "en": "The decision could not be recorded."},
    "recognition.review.error.badge": {"fr": "Le badge ne peut pas être délivré.",
                                       "en": "The badge cannot be issued."},
    "recognition.review.error.action": {"fr": "Choisissez une décision.",
                                        "en": "Choose a decision."},
    "recognition.witness_page.title": {"fr": "Témoigner", "en": "Endorse"},
    "recognition.witness_page.intro": {
        "fr": "{learner} vous demande de témoigner, en tant que {role}, pour le badge "
              "« {badge} ».",
        "en": "{learner} asks you to endorse, as a {role}, the badge “{badge}”."},
    "recognition.witness_page.done.merci": {
        "fr": "Merci : votre témoignage est enregistré et sera signé par l'émetteur.",
        "en": "Thank you: your endorsement is recorded and will be signed by the issuer."},
    "recognition.witness_page.done.retire": {"fr": "Votre témoignage est retiré.",
                                             "en": "Your endorsement is withdrawn."},
    "recognition.witness_page.error": {"fr": "Le témoignage n'a pas pu être enregistré.",
                                       "en": "The endorsement could not be recorded."},
    "recognition.witness_page.what": {
        "fr": "Dites en quelques phrases ce que vous avez vu faire. Vous n'avez pas besoin de "
              "compte ; ce lien vous permet aussi de modifier ou retirer votre témoignage.",
        "en": "Say in a few sentences what you saw them do. You need no account; this link "
              "also lets you change or withdraw your endorsement."},
    "recognition.witness_page.withdraw": {"fr": "Retirer mon témoignage",
                                          "en": "Withdraw my endorsement"},
    "recognition.witness_page.name": {"fr": "Votre nom, tel qu'il sera affiché (facultatif)",
                                      "en": "Your name, as it will be shown (optional)"},
    "recognition.witness_page.comment": {"fr": "Votre témoignage", "en": "Your endorsement"},
    "recognition.witness_page.submit": {"fr": "Envoyer mon témoignage",
                                        "en": "Send my endorsement"},
    "recognition.witness_page.replace": {"fr": "Remplacer mon témoignage",
                                         "en": "Replace my endorsement"},
    "recognition.witness_page.privacy": {
        "fr": "Votre adresse e-mail n'est jamais affichée : le badge vous nomme par le nom "
              "donné ci-dessus, sinon par la partie de l'adresse avant « @ ».",
        "en": "Your e-mail address is never shown: the badge names you by the name given "
              "above, else by the part of the address before “@”."},
    "recognition.page.title": {"fr": "Témoignages", "en": "Endorsements"},
    "recognition.page.withdrawn": {"fr": "Ce témoignage a été retiré par son auteur.",
                                   "en": "This endorsement was withdrawn by its author."},
    "recognition.portfolio.title": {"fr": "Demander un badge", "en": "Ask for a badge"},
    "recognition.portfolio.intro": {
        "fr": "Vous avez fait quelque chose que vos activités ne montrent pas ? Demandez le "
              "badge, preuves à l'appui, et invitez un habitant, un élu ou un pair à en "
              "témoigner.",
        "en": "You did something your activities do not show? Ask for the badge, with "
              "evidence, and invite a resident, an elected official or a peer to endorse it."},
    # --- declared badges: on the learner's own declaration, never toward ECTS ----------
    "recognition.declared.note": {
        "fr": "Badge déclaratif : délivré sur la déclaration de l'apprenant, sans vérification "
              "par l'émetteur ; il ne compte pas pour les crédits ECTS.",
        "en": "Declared badge: issued on the learner's own declaration, not checked by the "
              "issuer; it does not count toward ECTS credits."},
    "cred.kind.declared": {"fr": "Badge déclaratif", "en": "Declared badge"},
    "cert.kind.declared": {"fr": "déclaratif, hors ECTS", "en": "declared, no ECTS"},
    "recognition.event.declared": {"fr": "Badge déclaré par l'apprenant",
                                   "en": "Badge declared by the learner"},
    "recognition.new.declared": {
        "fr": "Badge déclaratif : il vous est délivré dès l'envoi, sur votre déclaration, et "
              "le dit ; il ne compte pas pour les crédits ECTS.",
        "en": "Declared badge: it is issued to you when you send, on your declaration, and "
              "says so; it does not count toward ECTS credits."},
    # --- the learner's journal (their own evidence) and the coordinator's view ----------
    "recognition.journal.title": {"fr": "Mon journal", "en": "My journal"},
    "recognition.journal.intro": {
        "fr": "Notez ce que vous avez fait et appris, avec une photo ou un document si vous "
              "voulez. Le coordinateur peut en faire une activité attestée, qui compte pour "
              "vos badges.",
        "en": "Write down what you did and learned, with a photo or a document if you like. "
              "The coordinator can make it an attested activity, which counts for your "
              "badges."},
    "recognition.journal.added": {"fr": "Votre note est ajoutée.", "en": "Your note is added."},
    "recognition.journal.day": {"fr": "Le jour", "en": "The day"},
    "recognition.journal.text": {"fr": "Votre note", "en": "Your note"},
    "recognition.journal.file": {
        "fr": "Une photo ou un document (facultatif : PNG, JPEG, PDF ou texte, 5 Mio au plus)",
        "en": "A photo or a document (optional: PNG, JPEG, PDF or text, at most 5 MiB)"},
    "recognition.journal.submit": {"fr": "Ajouter à mon journal", "en": "Add to my journal"},
    "recognition.journal.timeline": {"fr": "Mes notes", "en": "My notes"},
    "recognition.journal.attested": {"fr": "Activité attestée par le coordinateur",
                                     "en": "Activity attested by the coordinator"},
    "recognition.journal.none": {"fr": "Aucune note pour l'instant.",
                                 "en": "No note for now."},
    "recognition.journal.review_title": {"fr": "Journaux des apprenants",
                                         "en": "Learners' journals"},
    "recognition.journal.review_intro": {
        "fr": "Les notes des apprenants du territoire. Faites-en une activité attestée : "
              "elle compte pour leurs badges, attestée par vous.",
        "en": "The notes of the territory's learners. Make one an attested activity: it "
              "counts for their badges, attested by you."},
    "recognition.journal.none_territory": {"fr": "Aucune note pour l'instant.",
                                           "en": "No note for now."},
    "recognition.journal.attested_done": {
        "fr": "L'activité est enregistrée et les badges de l'apprenant sont réévalués.",
        "en": "The activity is recorded and the learner's badges evaluated again."},
    "recognition.journal.error": {"fr": "L'activité n'a pas pu être enregistrée.",
                                  "en": "The activity could not be recorded."},
    "recognition.journal.type": {"fr": "Type d'activité", "en": "Activity type"},
    "recognition.journal.hours": {"fr": "Heures", "en": "Hours"},
    "recognition.journal.project": {"fr": "Projet (identifiant, facultatif)",
                                    "en": "Project (identifier, optional)"},
    "recognition.journal.attest": {"fr": "En faire une activité attestée",
                                   "en": "Make it an attested activity"},
    "recognition.error.day": {"fr": "Donnez un jour passé.", "en": "Give a past day."},
    "recognition.error.type": {"fr": "Choisissez un type d'activité.",
                               "en": "Choose an activity type."},
    "recognition.error.hours": {"fr": "Les heures vont de 0,25 à 24.",
                                "en": "Hours go from 0.25 to 24."},
    # --- mail ---------------------------------------------------------------------------
    "recognition.mail.open": {"fr": "Voir ma demande", "en": "See my request"},
    "recognition.mail.more.subject": {"fr": "Votre demande « {badge} » : précisions demandées",
                                      "en": "Your request “{badge}”: more asked for"},
    "recognition.mail.more.body": {
        "fr": "Le coordinateur a lu votre demande du badge « {badge} » et vous demande des "
              "précisions :",
        "en": "The coordinator read your request for the badge “{badge}” and asks you for "
              "more:"},
    "recognition.mail.accepted.subject": {"fr": "Votre demande « {badge} » est acceptée",
                                          "en": "Your request “{badge}” is accepted"},
    "recognition.mail.accepted.body": {
        "fr": "Votre demande du badge « {badge} » est acceptée : le badge vous est délivré.",
        "en": "Your request for the badge “{badge}” is accepted: the badge is issued to you."},
    "recognition.mail.declined.subject": {"fr": "Votre demande « {badge} » est refusée",
                                          "en": "Your request “{badge}” is declined"},
    "recognition.mail.declined.body": {
        "fr": "Votre demande du badge « {badge} » est refusée, pour cette raison :",
        "en": "Your request for the badge “{badge}” is declined, for this reason:"},
    "recognition.mail.endorsed.subject": {"fr": "Un témoignage pour « {badge} »",
                                          "en": "An endorsement for “{badge}”"},
    "recognition.mail.endorsed.body": {
        "fr": "Un témoin a répondu à votre demande de témoignage pour le badge « {badge} ».",
        "en": "A witness answered your endorsement request for the badge “{badge}”."},
    "recognition.mail.ask.subject": {"fr": "{learner} vous demande un témoignage",
                                     "en": "{learner} asks you for an endorsement"},
    "recognition.mail.ask.body": {
        "fr": "{learner} demande le badge « {badge} » et aimerait que vous disiez ce que vous "
              "l'avez vu faire.",
        "en": "{learner} asks for the badge “{badge}” and would like you to say what you saw "
              "them do."},
    "recognition.mail.ask.no_account": {
        "fr": "Aucun compte n'est nécessaire : le bouton ouvre une page où écrire quelques "
              "phrases. Le lien est valable jusqu'au {date} et vous permet aussi de retirer "
              "votre témoignage.",
        "en": "No account is needed: the button opens a page to write a few sentences. The "
              "link is valid until {date} and also lets you withdraw your endorsement."},
    "recognition.mail.ask.button": {"fr": "Témoigner", "en": "Endorse"},
    # to the territory's coordinators (their accepted invitation's address)
    "recognition.mail.staff.open": {"fr": "Examiner la demande", "en": "Review the request"},
    "recognition.mail.staff.submitted.subject": {
        "fr": "Demande du badge « {badge} » par {learner}",
        "en": "{learner} asks for the badge “{badge}”"},
    "recognition.mail.staff.submitted.body": {
        "fr": "{learner} demande le badge « {badge} » ({territory}) et vous attend pour "
              "l'examiner. Sa raison :",
        "en": "{learner} asks for the badge “{badge}” ({territory}) and waits for your "
              "review. Their reason:"},
    "recognition.mail.staff.answered.subject": {
        "fr": "{learner} a répondu pour « {badge} »",
        "en": "{learner} answered about “{badge}”"},
    "recognition.mail.staff.answered.body": {
        "fr": "{learner} a répondu à vos questions sur sa demande du badge « {badge} » "
              "({territory}) :",
        "en": "{learner} answered your questions about their request for the badge "
              "“{badge}” ({territory}):"},
    "recognition.mail.staff.endorsed.subject": {
        "fr": "Un témoignage pour la demande de {learner}",
        "en": "An endorsement for {learner}'s request"},
    "recognition.mail.staff.endorsed.body": {
        "fr": "Un témoin a écrit un témoignage pour la demande du badge « {badge} » de "
              "{learner} ({territory}).",
        "en": "A witness wrote an endorsement for {learner}'s request for the badge "
              "“{badge}” ({territory})."},
    "recognition.mail.staff.withdrawn.subject": {
        "fr": "Un témoignage retiré : demande de {learner}",
        "en": "An endorsement withdrawn: {learner}'s request"},
    "recognition.mail.staff.withdrawn.body": {
        "fr": "Un témoin a retiré son témoignage pour la demande du badge « {badge} » de "
              "{learner} ({territory}).",
        "en": "A witness withdrew their endorsement for {learner}'s request for the badge "
              "“{badge}” ({territory})."},
}
