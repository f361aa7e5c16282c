#!/usr/bin/env python3
"""Deterministic generator of the apprenance example territory (Val de Serre, fictional). Standard library only.

`python3 examples/generate.py` rewrites, next to this file and byte-identically on every run: territory.yaml,
activites.csv, activites-xapi.json, activites-with-errors.csv and activites-with-errors.expected.csv.
The territory is described as data at the top; change SEED to get another log of the same shape.
"""
import copy, csv, datetime as dt, io, json, random, sys, uuid  # noqa: E401 (stdlib only)
from pathlib import Path

SEED = 20250301
OUT = Path(__file__).resolve().parent
TID = "val-de-serre"
START, END = dt.date(2025, 3, 1), dt.date(2026, 8, 31)
XAPI_FROM = dt.date(2026, 6, 1)  # from this day on, the XAPI_LEARNERS' activities go to activites-xapi.json
SITE = "https://val-de-serre.example.org"
W3 = "https://w3id.org/apprenance/xapi"
HEADER = "id,date,participant,nom,role,territoire,projet,fonction,activite,description,duree,temoin,preuve".split(",")

# ----------------------------------------------------------------------------- territory
TERRITORY = {"id": TID, "name": "Communauté de communes du Val de Serre", "region": "Bourgogne-Franche-Comté",
             "department": "Jura (39)", "population": 8900, "description": {
                 "fr": "Intercommunalité rurale fictive au pied du massif de la Serre, entre forêts, prairies et vallée inondable. Moins de 20 000 habitants : son PCAET est volontaire. Un collectif de quatre étudiants-facilitateurs y est en résidence pour 18 mois.",
                 "en": "A fictional rural inter-municipality at the foot of the Serre hills, with forests, meadows and a flood-prone valley. Under 20,000 inhabitants, so its PCAET is voluntary. Four student-facilitators live there in residence for 18 months."}}
VILLAGES = [("montfleury", "Montfleury-sur-Serre", "39901", 1240), ("saint-aubin", "Saint-Aubin-les-Prés", "39902", 610),
            ("la-chaussee", "La Chaussée-aux-Bois", "39903", 385)]  # id, name, INSEE-like code (39901-3 do not exist), population
VNAME = {v[0]: v[1] for v in VILLAGES}

PROJECTS = [  # functions: first = main one; objs/themes feed the free-text descriptions
    dict(id="legumerie-cantines", village="montfleury", start="2025-03-01", end="2026-08-31",
         functions=["alimentation", "produire-consommer"], schemes=["pat", "gemapi", "economie-circulaire"],
         fr="Légumerie partagée et cantines en circuit court", en="Shared vegetable hub and short-supply-chain school canteens",
         dfr="Projet alimentaire territorial (PAT) : une légumerie associative prépare les légumes des maraîchers du Val pour les cantines des trois écoles ; des jardins partagés occupent la zone d'expansion des crues de la Serre, entretenue avec le syndicat de rivière (GEMAPI).",
         den="Territorial food project (PAT): a community vegetable hub prepares local growers' produce for the three school canteens; shared gardens occupy the Serre flood-expansion area, managed with the river syndicate (GEMAPI).",
         objs=["la légumerie", "la cantine de l'école", "les jardins partagés du bord de Serre", "l'approvisionnement local de la cantine", "le gaspillage alimentaire"],
         objs_en=["the vegetable hub", "the school canteen", "the shared gardens"], themes=["Manger local à la cantine", "Zéro gaspi", "Du champ à l'assiette"]),
    dict(id="renovation-habitat", village="saint-aubin", start="2025-03-15", end="2026-08-31",
         functions=["habitat", "produire-consommer"], schemes=["pcaet", "crte", "scot"],
         fr="Rénover ensemble à Saint-Aubin", en="Renovating together in Saint-Aubin",
         dfr="Action du PCAET : guichet de la rénovation, thermographies, chantiers participatifs d'isolation biosourcée et réhabilitation de la grange communale en deux logements passerelles, financée par le CRTE ; le SCoT y voit un exemple de reconquête du bâti ancien.",
         den="PCAET action: renovation advice desk, thermal imaging, participatory bio-based insulation work sites and the conversion of the municipal barn into two transitional homes, funded through the CRTE; the SCoT cites it as an example of reusing old buildings.",
         objs=["la grange communale", "les maisons anciennes du bourg", "l'isolation en chanvre", "le guichet de la rénovation", "les aides à la rénovation"],
         objs_en=["the old barn", "hemp insulation", "the renovation desk"], themes=["Isoler sans se ruiner", "Chaud dedans, sobre dehors", "Ma maison, mon projet"]),
    dict(id="tiers-lieu-etabli", village="la-chaussee", start="2025-03-01", end="2026-08-31",
         functions=["apprendre", "epanouir", "produire-consommer"], schemes=["economie-circulaire", "economie-fonctionnalite", "crte"],
         fr="L'Établi, tiers-lieu apprenant", en="L'Établi, a learning third place",
         dfr="Dans l'ancienne école de La Chaussée : repair café, bibliothèque d'outils en prêt (économie de la fonctionnalité), ateliers numériques et formations entre pairs ouverts à tout le Val.",
         den="In the former school of La Chaussée: repair café, tool library (functional economy), digital workshops and peer-to-peer training open to the whole valley.",
         objs=["le tiers-lieu", "le repair café", "l'atelier numérique", "la bibliothèque d'outils", "le programme d'ateliers du trimestre"],
         objs_en=["the third place", "the repair café", "the tool library", "the digital workshop"], themes=["Répare, ne jette pas", "Apprendre en faisant", "Le numérique pour tous"]),
    dict(id="sante-val", village="montfleury", start="2025-05-01", end="2026-08-31",
         functions=["soigner", "epanouir"], schemes=["crte", "scot"],
         fr="Santé en Val de Serre : maison de santé et ateliers", en="Health in Val de Serre: health centre and workshops",
         dfr="Diagnostic local de santé, préfiguration d'une maison de santé pluriprofessionnelle à Montfleury et ateliers de prévention (chutes, nutrition, marche) pour les aînés des trois villages.",
         den="Local health assessment, groundwork for a multi-professional health centre in Montfleury and prevention workshops (falls, nutrition, walking) for older people in the three villages.",
         objs=["la future maison de santé", "les ateliers santé des aînés", "l'accès aux soins", "la marche santé du jeudi", "le diagnostic local de santé"],
         objs_en=["the future health centre", "the Thursday health walk", "access to care"], themes=["Bien vieillir au village", "Bouger pour sa santé", "Manger, bouger, partager"]),
]
PROJ = {p["id"]: p for p in PROJECTS}

# learners, one per line: email | name | role | language | village | projects (first = main) | from | to | rows | about
LEARNERS_TABLE = """
lea.marchand@example.org | Léa Marchand | etudiant | fr | montfleury | legumerie-cantines renovation-habitat tiers-lieu-etabli sante-val | 2025-03-01 | 2026-08-31 | 118 | Étudiante en master d'agronomie, étudiante-facilitatrice en résidence
karim.benali@example.org | Karim Benali | etudiant | fr | saint-aubin | renovation-habitat legumerie-cantines tiers-lieu-etabli sante-val | 2025-03-01 | 2026-08-31 | 116 | Étudiant en école d'architecture, étudiant-facilitateur en résidence
jonas.weber@example.org | Jonas Weber | etudiant | en | la-chaussee | tiers-lieu-etabli legumerie-cantines renovation-habitat sante-val | 2025-03-01 | 2026-08-31 | 114 | Erasmus design student from Leipzig, student-facilitator in residence
camille.roussel@example.org | Camille Roussel | etudiant | fr | montfleury | sante-val legumerie-cantines renovation-habitat tiers-lieu-etabli | 2025-03-01 | 2026-08-31 | 110 | Étudiante en master de santé publique, étudiante-facilitatrice en résidence
marie.dupuis@example.org | Marie Dupuis | habitant | fr | montfleury | legumerie-cantines tiers-lieu-etabli | 2025-03-01 | 2026-08-31 | 42 | Maraîchère bio, fournit la légumerie
gerard.lefevre@example.org | Gérard Lefèvre | habitant | fr | saint-aubin | renovation-habitat tiers-lieu-etabli | 2025-03-01 | 2026-08-31 | 38 | Menuisier retraité, pilier du repair café
aicha.diallo@example.org | Aïcha Diallo | habitant | fr | montfleury | sante-val legumerie-cantines | 2025-05-01 | 2026-08-31 | 33 | Aide-soignante à domicile
thomas.girard@example.org | Thomas Girard | habitant | fr | saint-aubin | renovation-habitat tiers-lieu-etabli | 2025-12-01 | 2026-08-31 | 27 | Nouvel arrivant (décembre 2025), rénove une longère et lance une activité d'éco-rénovation
sarah.collins@example.org | Sarah Collins | habitant | en | la-chaussee | tiers-lieu-etabli sante-val | 2025-03-01 | 2026-08-31 | 30 | British resident running a gîte; hosts an English conversation circle
bernard.caron@montfleury-sur-serre.example.org | Bernard Caron | elu | fr | montfleury | legumerie-cantines sante-val | 2025-03-01 | 2026-08-31 | 22 | Maire de Montfleury-sur-Serre
nathalie.perrin@cc-val-de-serre.example.org | Nathalie Perrin | elu | fr | la-chaussee | renovation-habitat legumerie-cantines tiers-lieu-etabli | 2025-03-01 | 2026-08-31 | 24 | Vice-présidente de la communauté de communes, transition écologique
jean-marc.vasseur@saint-aubin-les-pres.example.org | Jean-Marc Vasseur | elu | fr | saint-aubin | renovation-habitat | 2025-03-01 | 2026-03-13 | 17 | Adjoint au maire de Saint-Aubin-les-Prés ; ne se représente pas aux municipales de mars 2026
julien.morel@cc-val-de-serre.example.org | Julien Morel | agent | fr | saint-aubin | renovation-habitat tiers-lieu-etabli | 2025-03-01 | 2026-08-31 | 28 | Chargé de mission transition énergétique (PCAET, CRTE) à la communauté de communes
elodie.fontaine@cc-val-de-serre.example.org | Élodie Fontaine | agent | fr | montfleury | legumerie-cantines sante-val | 2025-05-01 | 2026-08-31 | 24 | Chargée de mission PAT, recrutée en mai 2025
"""
LEARNERS = [(c[0], c[1], c[2], c[3], c[4], c[5].split(), dt.date.fromisoformat(c[6]), dt.date.fromisoformat(c[7]),
             int(c[8]), c[9]) for c in (line.split(" | ") for line in LEARNERS_TABLE.strip().splitlines())]
XAPI_LEARNERS = {"lea.marchand@example.org", "karim.benali@example.org", "jonas.weber@example.org", "marie.dupuis@example.org"}
# residents and staff who witness activities but are not learners
EXTERNAL = [("habitant", "josette.morin@example.org", "Josette Morin", "montfleury"), ("habitant", "paul.henry@example.org", "Paul Henry", "saint-aubin"),
            ("habitant", "claire.lambert@example.org", "Claire Lambert", "montfleury"), ("habitant", "yves.boulanger@example.org", "Yves Boulanger", "la-chaussee"),
            ("agent", "martine.roux@montfleury-sur-serre.example.org", "Martine Roux", "montfleury"),  # cantine cook
            ("elu", "maire@la-chaussee-aux-bois.example.org", "Danielle Vidal", "la-chaussee")]  # mayor of La Chaussée

# activity types: id -> (French label, fixed function or None, hours (lo, hi), witness probability,
#                        French templates ("|"-separated), English templates, projects (None = any))
TYPES = {
    "chantier-participatif": ("Chantier participatif", None, (3, 8), .6, "chantier participatif sur {o}|pose d'enduits chaux-chanvre, chantier à {v}|chantier collectif : démontage et tri des matériaux, {n} bénévoles", "participatory work site on {o}|lime-hemp plastering with {n} volunteers", ["renovation-habitat", "tiers-lieu-etabli"]),
    "atelier-cuisine": ("Atelier cuisine", "alimentation", (2, 4), .5, "atelier cuisine avec {w}|cuisine des légumes de saison, recettes pour la cantine|atelier {t} : cuisiner les invendus", "cooking workshop with {w}", ["legumerie-cantines", "sante-val"]),
    "atelier-participatif": ("Atelier participatif", None, (2, 4.5), .5, "atelier participatif sur {o}|atelier de co-conception avec {w} à {v}|atelier {t}, {n} participants", "participatory workshop on {o}|co-design session with {w} in {v}", None),
    "reunion-publique": ("Réunion publique", None, (1.5, 3), .45, "réunion publique à {v} sur {o}|présentation du projet aux habitants, salle des fêtes de {v}|réunion publique {t} : questions, débat, suites", "public meeting in {v} about {o}", None),
    "enquete-habitants": ("Enquête auprès des habitants", None, (2, 6), .35, "enquête auprès de {w} sur {o}|porte-à-porte à {v}, {n} questionnaires remplis|entretiens avec {w}", "door-to-door survey in {v}, {n} questionnaires", None),
    "animation": ("Animation", None, (2, 4.5), .5, "animation d'un temps d'échange sur {o}|animation avec {w} à {v}|animation {t}", "facilitated a session on {o}", None),
    "formation-donnee": ("Formation donnée", "apprendre", (2, 4), .5, "formation donnée à {w} : {o}|initiation pour {w}, {n} inscrits", "taught a session for {w}|English conversation circle, {n} people", None),
    "formation-suivie": ("Formation suivie", "apprendre", (3, 7), .15, "formation suivie sur {o}|journée de formation du réseau des tiers-lieux, module {t}|formation suivie : conduite de projet participatif", "training day on {o}", None),
    "prospective": ("Prospective", None, (2, 6), .3, "atelier de prospective : {o} en 2040|scénarios d'avenir pour {v}, avec {w}|fresque prospective {t}", "futures workshop: {o} in 2040", None),
    "documentation": ("Documentation", None, (1, 4.5), 0, "rédaction du compte rendu sur {o}|mise à jour du wiki du projet, fiches pratiques|documentation des méthodes utilisées avec {w}", "wrote up notes on {o}|updated the project wiki", None),
    "journal-reflexif": ("Journal réflexif", None, (0.5, 2), 0, "journal de bord : ce que j'apprends sur {o}|retour réflexif sur la semaine à {v}|journal réflexif : difficultés, réussites, questions", "reflective journal: what I learnt about {o}|weekly reflection, {v}", None),
    "accueil": ("Accueil du public", None, (2, 4), .4, "accueil du public : {o}|accueil de {w} à {v}", "welcomed visitors at {o}", None),
    "permanence": ("Permanence", None, (2, 4), .3, "permanence d'information sur {o} à la mairie de {v}|permanence du mardi, {n} visites", "drop-in desk on {o}, {n} visitors", None),
    "comite-pilotage": ("Comité de pilotage", None, (1.5, 3), .5, "comité de pilotage : {o}|copil du projet : bilan d'étape, budget, calendrier|comité de pilotage avec la CC et les partenaires, {n} présents", "steering committee: {o}", None),
    "jardinage-collectif": ("Jardinage collectif", "alimentation", (2, 4), .55, "jardinage collectif aux jardins partagés|semis et plantations avec {w}|désherbage, paillage, récolte des courges", "community gardening, {n} gardeners", ["legumerie-cantines"]),
    "diagnostic-territorial": ("Diagnostic territorial", None, (3, 7), .3, "diagnostic territorial : {o}|relevés de terrain à {v}, cartographie des ressources|analyse des données INSEE et entretiens d'acteurs", "territorial assessment: {o}|mapping local resources in {v}", None),
    "mediation": ("Médiation", None, (1.5, 3), .6, "médiation entre voisins autour de {o}|médiation avec {w} après un désaccord sur {o}", "mediation with {w} about {o}", None),
    "montage-projet": ("Montage de projet", None, (2, 6), .2, "montage du dossier : {o}|rédaction de la fiche action, plan de financement|montage du projet avec {w}", "drafting the project plan for {o}", None),
    "recherche-financement": ("Recherche de financement", None, (2, 5), .15, "recherche de financements : Fonds vert, LEADER, fondations|dossier de subvention pour {o}|appel à projets régional, budget prévisionnel", "grant application for {o}", None),
    "communication": ("Communication", None, (1, 3.5), .1, "article pour le bulletin municipal sur {o}|affiches et flyers pour l'atelier {t}|publication sur la page du village, photos du chantier", "poster and social media post for {t}", None),
    "evenement-festif": ("Événement festif", "epanouir", (3, 6), .5, "fête de {v}, stand du projet|repas partagé avec {w}|soirée festive {t}", "village party in {v}, project stand", None),
    "repair-cafe": ("Repair café", "produire-consommer", (2.5, 4), .5, "repair café : {n} objets réparés|repair café au tiers-lieu : grille-pain, vélos, lampes|repair café avec {w}", "repair café, {n} items fixed", ["tiers-lieu-etabli"]),
    "visite-terrain": ("Visite de terrain", None, (2, 6), .35, "visite de terrain : {o}|visite d'un projet inspirant dans un territoire voisin|visite à {v} avec {w}", "field visit: {o}", None),
    "conseil-municipal": ("Conseil municipal", None, (1.5, 3), .4, "conseil municipal de {v} : délibération sur {o}|présentation du projet au conseil municipal de {v}|conseil municipal, point sur {t}", "presented the project to the {v} council", None),
    "atelier-sante": ("Atelier santé", "soigner", (1.5, 3), .5, "atelier santé avec {w}|atelier santé : prévention des chutes, {n} participants|atelier {t} à {v}", "health workshop with {w}", ["sante-val"]),
    "marche-producteurs": ("Marché de producteurs", "produire-consommer", (3, 5), .5, "marché de producteurs de {v}, stand de {o}|marché des producteurs : {n} producteurs présents", "farmers' market in {v}", ["legumerie-cantines"]),
    "renovation-energetique": ("Rénovation énergétique", "habitat", (2, 7), .45, "visite-conseil rénovation énergétique chez un habitant de {v}|thermographie et conseils d'isolation : {o}|suivi des travaux de rénovation énergétique", "energy renovation visit in {v}", ["renovation-habitat"]),
    "veille-documentaire": ("Veille documentaire", None, (1, 3), 0, "veille documentaire sur {o}|lecture de retours d'expérience (Cerema, ADEME) sur {o}", "desk research on {o}", None),
}
# schedule per role: weights of activity types, witness roles (weights), month and weekday factors
ROLES = {
    "etudiant": dict(witness="habitant 50 elu 28 agent 15 etudiant 7", weekend=(.7, .3), types=(
        "journal-reflexif 14 atelier-participatif 10 documentation 9 animation 8 enquete-habitants 6 diagnostic-territorial 6 prospective 6 comite-pilotage 5 montage-projet 4 reunion-publique 4 formation-suivie 4 chantier-participatif 4 "
        "formation-donnee 3 visite-terrain 3 communication 3 jardinage-collectif 2 atelier-cuisine 2 repair-cafe 2 atelier-sante 2 renovation-energetique 2 recherche-financement 2 veille-documentaire 2 permanence 2 evenement-festif 1 accueil 1 mediation .4 marche-producteurs .4")),
    "habitant": dict(witness="habitant 45 elu 30 etudiant 18 agent 7", weekend=(1, .8), types=(
        "chantier-participatif 5 jardinage-collectif 5 atelier-participatif 5 atelier-cuisine 4 reunion-publique 4 repair-cafe 3 atelier-sante 3 renovation-energetique 3 formation-suivie 3 formation-donnee 1.5 evenement-festif 2 "
        "marche-producteurs 1 accueil 2 permanence 1 enquete-habitants 1 comite-pilotage 1 journal-reflexif 1")),
    "elu": dict(witness="agent 40 habitant 40 elu 20", weekend=(.4, .2), types=(
        "comite-pilotage 6 conseil-municipal 6 reunion-publique 5 visite-terrain 3 montage-projet 2 recherche-financement 2 evenement-festif 1 formation-suivie 1 prospective 1 mediation .5")),
    "agent": dict(witness="elu 60 habitant 40", weekend=(0, 0), types=(
        "comite-pilotage 5 montage-projet 5 recherche-financement 4 documentation 3 communication 3 permanence 3 veille-documentaire 3 formation-donnee 2 diagnostic-territorial 2 reunion-publique 2 accueil 2 visite-terrain 1")),
}
WHO = ["les parents d'élèves", "les aînés du club", "les agriculteurs", "les jeunes du village", "les nouveaux arrivants",
       "les artisans du bâtiment", "l'équipe de la cantine", "les bénévoles", "l'école"]
WHO_EN = ["parents", "older residents", "local farmers", "young people", "newcomers", "volunteers"]
SUFFIX = [" ; suite au prochain copil", " (météo difficile)", ", bonne ambiance", ", à refaire au printemps",
          " — photos en ligne", ", premier essai concluant", " (reporté d'une semaine)"]
# activity types outside the catalogue, whose wording suggests a known type (tests the "unmapped" path)
UNMAPPED = [
    ("atelier-vannerie", "Atelier de vannerie avec l'osier des berges de la Serre, {n} participants", "tiers-lieu-etabli", "epanouir"),
    ("grainotheque", "Inauguration de la grainothèque : échange de semences au jardin partagé", "legumerie-cantines", "alimentation"),
    ("cafe-citoyen", "Café citoyen, sorte de réunion publique informelle sur la cantine", "legumerie-cantines", "alimentation"),
    ("cuisine-des-restes", "Atelier de cuisine des restes à la légumerie, recettes \"anti-gaspi\"", "legumerie-cantines", "alimentation"),
    ("chantier-grange", "Chantier de rénovation de la grange : isolation en chanvre", "renovation-habitat", "habitat"),
    ("balade-thermographique", "Balade thermographique de nuit, repérage des déperditions des maisons", "renovation-habitat", "habitat"),
    ("porte-a-porte", "Enquête en porte-à-porte auprès des habitants du bourg", "sante-val", "soigner"),
    ("atelier-velo", "Réparation de vélos, façon repair café, au tiers-lieu", "tiers-lieu-etabli", "produire-consommer"),
    ("depistage", "Atelier santé : dépistage de la tension avec l'infirmière", "sante-val", "soigner"),
    ("fete-de-la-soupe", "Fête de la soupe au lavoir, moment festif et repas partagé", "legumerie-cantines", "epanouir"),
]
ADL = "http://adlnet.gov/expapi/verbs/"  # xAPI verbs: ADL ones where they fit, ours for facilitated / contributed
XVERB = {"attended": (ADL + "attended", "a participé à", "attended"), "completed": (ADL + "completed", "a terminé", "completed"),
         "experienced": (ADL + "experienced", "a vécu", "experienced"), "voided": (ADL + "voided", "a annulé", "voided"),
         "facilitated": (W3 + "/verbs/facilitated", "a animé", "facilitated"),
         "contributed": (W3 + "/verbs/contributed", "a contribué à", "contributed to")}
VERB_OF = {**dict.fromkeys("reunion-publique comite-pilotage conseil-municipal formation-suivie atelier-sante "
                           "evenement-festif marche-producteurs atelier-cuisine repair-cafe atelier-participatif".split(), "attended"),
           **dict.fromkeys("animation formation-donnee accueil permanence mediation".split(), "facilitated"),
           "journal-reflexif": "completed", "visite-terrain": "experienced", "veille-documentaire": "experienced"}

# ----------------------------------------------------------------------------- helpers
def weights(spec):  # "a 3 b 1.5" -> (["a", "b"], [3.0, 1.5])
    return spec.split()[0::2], [float(w) for w in spec.split()[1::2]]

def last_sunday(year, month):
    d = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return d - dt.timedelta(days=(d.weekday() + 1) % 7)

def offset(d):  # Europe/Paris
    return "+02:00" if last_sunday(d.year, 3) <= d < last_sunday(d.year, 10) else "+01:00"

def hours_text(h, rng):  # mostly "2.5", sometimes "2,5" (decimal comma) or "PT2H30M"
    r = rng.random()
    return iso_duration(h) if r < .10 else f"{h:g}".replace(".", ",") if r < .18 and h != int(h) else f"{h:g}"

def iso_duration(h):
    m = round(h * 60)
    return "PT" + (f"{m // 60}H" if m >= 60 else "") + (f"{m % 60}M" if m % 60 else "")

def start_time(typ, rng):
    times = {"conseil-municipal": "18:30 19:00 20:00", "reunion-publique": "18:30 19:00 20:00", "journal-reflexif": "17:30 21:00 21:30"}
    return rng.choice(times.get(typ, "09:00 09:30 10:00 14:00 14:30").split())

def pick_date(rng, L, typ=None):
    """A day in the learner's window: few in August 2025 and at Christmas, more at the end of the residence."""
    role, lo, hi = L[2], L[6], L[7]
    while True:
        d = lo + dt.timedelta(days=rng.randrange((hi - lo).days + 1))
        f = (.3 if d.year == 2025 else .8) if d.month == 8 else .15 if (d.month, d.day) >= (12, 22) or (d.month, d.day) <= (1, 2) else 1
        f *= 1.3 if role == "etudiant" and d.year == 2026 and d.month in (6, 7) else 1  # restitution phase
        if d.weekday() >= 5:
            f *= 0 if typ == "conseil-municipal" else ROLES[role]["weekend"][d.weekday() - 5]
        if rng.random() < f / 1.3:
            return d

def choose_witness(rng, L, role_spec, proj, d, learners):
    """'role:email' of another active learner (preferably on the same project) or of a non-learner witness."""
    role = rng.choices(*weights(role_spec))[0]
    cands = [(M[0], 3 if proj in M[5] else 1) for M in learners if M[2] == role and M[0] != L[0] and M[6] <= d <= M[7]]
    cands += [(mail, 1.5) for r, mail, _, _ in EXTERNAL if r == role]
    return f"{role}:{rng.choices([c[0] for c in cands], [c[1] for c in cands])[0]}"

def describe(rng, L, typ, proj):
    p = PROJ[proj]
    en = L[3] == "en" and rng.random() < .6
    tpl = rng.choice((TYPES[typ][5] if en else TYPES[typ][4]).split("|"))
    village = VNAME[p["village"]] if rng.random() < .7 else rng.choice(VILLAGES)[1]
    s = tpl.format(o=rng.choice(p["objs_en"] if en else p["objs"]), v=village, w=rng.choice(WHO_EN if en else WHO), n=rng.randint(4, 24),
                   t=('"{}"' if en else rng.choice(['"{}"', "« {} »"])).format(rng.choice(p["themes"])))
    if not en and rng.random() < .15:
        s += rng.choice(SUFFIX)
    for bad, good in ((" de les ", " des "), (" de le ", " du "), (" à les ", " aux "), (" à le ", " au ")):
        s = s.replace(bad, good)
    return s[0].upper() + s[1:], "en" if en else "fr"

def make_row(rng, L, learners, typ=None, proj=None, fn=None, desc=None, before_xapi=False):
    """One activity of learner L (a LEARNERS tuple): a dict keyed by HEADER, plus private "_" keys."""
    role, (names, tw) = L[2], weights(ROLES[L[2]]["types"])
    while True:  # a day, a type and a project that fit together
        t = typ or rng.choices(names, tw)[0]
        d = pick_date(rng, L, t)
        ok = [q for q in L[5] if PROJ[q]["start"] <= d.isoformat() <= PROJ[q]["end"]
              and (TYPES.get(t, [None] * 7)[6] is None or q in TYPES[t][6])]
        ok = [proj] if proj in ok else ok
        if ok and not (before_xapi and d >= XAPI_FROM):
            break
    pr = ok[0] if len(ok) == 1 or rng.random() < .45 else rng.choice(ok)
    info = TYPES.get(t, ("", None, (1.5, 3.5), .4))
    lo, hi = info[2]
    # students in residence: preparation and follow-up count; residents (volunteers): short slots of 1 to 4 h
    lo, hi = ((lo + 1, min(9.5, hi * 1.35)) if role == "etudiant" and t != "journal-reflexif" else
              (max(1, min(lo, 2.5)), min(hi, 4)) if role == "habitant" else (lo, hi))
    step = .25 if rng.random() < .1 else .5
    h = min(10.0, max(step, round(rng.uniform(lo, hi) / step) * step))
    fns = PROJ[pr]["functions"]
    f = fn or info[1] or rng.choices(fns, [3] + [1] * (len(fns) - 1))[0]
    when, with_time = start_time(t, rng), rng.random() < .15
    temoin = choose_witness(rng, L, ROLES[role]["witness"], pr, d, learners) if rng.random() < info[3] * (1.3 if role == "habitant" else 1) else ""
    preuve = "" if rng.random() >= (.15 if info[3] else .22) else (
        f"{SITE}/{pr}/{d:%Y/%m}/{t}-{rng.randint(1, 99):02d}.{rng.choice(['jpg', 'pdf', 'jpg', 'html'])}")
    text, lang = (desc.format(n=rng.randint(5, 18)), "fr") if desc else describe(rng, L, t, pr)
    return {"date": f"{d}T{when}:00{offset(d)}" if with_time else d.isoformat(), "participant": L[0], "nom": L[1],
            "role": role, "territoire": TID, "projet": pr, "fonction": f, "activite": t, "description": text,
            "duree": hours_text(h, rng), "temoin": temoin, "preuve": preuve, "_d": d, "_h": h, "_time": when, "_lang": lang}

def csv_text(rows, header=HEADER):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header] + [[r[k] for k in header] if isinstance(r, dict) else r for r in rows])
    return buf.getvalue()

def utc(ts):
    return ts.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")

def statement(rng, r, extra_min=0):
    verb = XVERB["facilitated" if r["role"] == "etudiant" and r["activite"] in (
        "atelier-participatif", "atelier-cuisine", "repair-cafe", "atelier-sante") else VERB_OF.get(r["activite"], "contributed")]
    lang = "en-GB" if r["_lang"] == "en" else "fr-FR"
    ts = f"{r['_d']}T{r['_time']}:00{offset(r['_d'])}"
    stored = dt.datetime.fromisoformat(ts) + dt.timedelta(hours=r["_h"], minutes=17 + extra_min)
    ctx = {"extensions": {f"{W3}/ext/function": r["fonction"], f"{W3}/ext/role": r["role"]}, "contextActivities": {"grouping": [
        {"objectType": "Activity", "id": f"{W3}/projects/{r['projet']}", "definition": {"name": {"fr-FR": PROJ[r["projet"]]["fr"]}}},
        {"objectType": "Activity", "id": f"{W3}/territories/{TID}", "definition": {"name": {"fr-FR": TERRITORY["name"]}}}]},
        "language": lang}
    if r["temoin"]:
        wrole, wmail = r["temoin"].split(":", 1)
        ctx["instructor"] = {"objectType": "Agent", "name": NAME_OF[wmail], "mbox": f"mailto:{wmail}"}
        ctx["extensions"][f"{W3}/ext/witness-role"] = wrole
    s = {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
         "actor": {"objectType": "Agent", "name": r["nom"], "mbox": f"mailto:{r['participant']}"},
         "verb": {"id": verb[0], "display": {"fr-FR": verb[1], "en-US": verb[2]}},
         "object": {"objectType": "Activity", "id": f"{W3}/activities/{TID}/{r['id']}",
                    "definition": {"type": f"{W3}/activity-types/{r['activite']}",
                                   "name": {"fr-FR": TYPES[r["activite"]][0]}, "description": {lang: r["description"]}}},
         "result": {"completion": True, "duration": iso_duration(r["_h"])},
         "context": ctx, "timestamp": ts, "stored": utc(stored), "authority": LRS, "version": "1.0.3"}
    if r["preuve"]:
        s["result"]["extensions"] = {f"{W3}/ext/evidence": r["preuve"]}
    return s

def voiding(rng, target, days):
    ts = dt.datetime.fromisoformat(target["timestamp"]) + dt.timedelta(days=days, hours=2)
    return {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "actor": target["actor"],
            "verb": {"id": XVERB["voided"][0], "display": {"fr-FR": XVERB["voided"][1], "en-US": XVERB["voided"][2]}},
            "object": {"objectType": "StatementRef", "id": target["id"]}, "timestamp": ts.isoformat(),
            "stored": utc(ts + dt.timedelta(minutes=3)), "authority": target["authority"], "version": "1.0.3"}

LRS = {"objectType": "Agent", "name": "LRS du Val de Serre", "mbox": "mailto:lrs@val-de-serre.example.org"}
NAME_OF = {**{L[0]: L[1] for L in LEARNERS}, **{e[1]: e[2] for e in EXTERNAL}}

# ----------------------------------------------------------------------------- error file
# (row index in the file body, field, bad value or callable(row, previous row), expected, reason)
MISTAKES = [
    (1, "participant", "", "error", "participant manquant / missing participant"),
    (3, "date", "2025-02-30", "error", "date impossible (30 février) / impossible date"),
    (4, "date", "14/06/2025", "error", "date au format français JJ/MM/AAAA / French date format, not ISO 8601"),
    (5, "description", '=HYPERLINK("http://evil.example","clic")', "ok", "injection de formule : à accepter et stocker comme texte / formula injection: accept, store as text"),
    (7, "duree", "1,5", "ok", "virgule décimale : valide / decimal comma: valid"),
    (9, "duree", "PT2H15M", "ok", "durée ISO 8601 : valide / ISO 8601 duration: valid"),
    (11, "date", lambda r, p: f"{r['_d']}T18:30:00{offset(r['_d'])}", "ok", "date-heure avec décalage : valide / date-time with offset: valid"),
    (6, "duree", "-2", "error", "durée négative / negative duration"),
    (8, "duree", "0", "error", "durée nulle / zero duration"),
    (10, "duree", "26", "error", "26 heures pour une activité / 26 hours in one activity"),
    (12, "duree", "deux heures", "error", "durée illisible / unparseable duration"),
    (13, "fonction", "mobilite", "error", "fonction vitale inconnue / unknown vital function"),
    (15, "activite", "", "error", "type d'activité vide / empty activity type"),
    (17, "temoin", lambda r, p: "maire:" + (r["temoin"].split(":", 1)[-1] or "maire@la-chaussee-aux-bois.example.org"), "error", "préfixe de rôle du témoin inconnu (maire) / unknown witness role prefix"),
    (19, "participant", lambda r, p: r["participant"].replace(".", " ", 1), "error", "identifiant avec espace, pas un courriel / participant with a space"),
    (20, "temoin", "josette.morin@example.org", "ok", "témoin sans préfixe de rôle : accepté / witness without role prefix: accepted"),
    (21, "date", "", "error", "date manquante / missing date"),
    (23, "date", "2026-13-05", "error", "mois 13 / month 13"),
    (24, "role", "benevole", "error", "rôle inconnu / unknown role"),
    (26, "projet", "projet-inconnu", "error", "projet absent du territoire / project not in the territory"),
    (28, "territoire", "val-de-sere", "error", "territoire inconnu (faute de frappe) / unknown territory (typo)"),
    (30, "id", lambda r, p: p["id"], "error", "identifiant en double (ligne précédente) / duplicate id (previous line)"),
    (32, "date", "2025-10-12T25:30:00+02:00", "error", "heure 25 / hour 25"),
    (34, "preuve", "javascript:alert(1)", "error", "preuve qui n'est pas une URL https / evidence is not an https URL"),
    (36, "temoin", lambda r, p: f"{r['role']}:{r['participant']}", "error", "le participant est son propre témoin / self-attestation"),
    (38, "*", None, "error", "ligne tronquée : 10 champs au lieu de 13 / truncated row: 10 fields instead of 13"),
]

def error_file(learners):
    """40 rows, about half with one deliberate mistake each (MISTAKES), and the expected verdict per line."""
    rng, rows, expected = random.Random(SEED + 1), [], [("ok", "", "")] * 40
    for i in range(40):
        L = rng.choice([L for L in learners if L[2] != "etudiant"] + learners[:4])
        rows.append({**make_row(rng, L, learners, before_xapi=True), "id": f"err-{i + 1:04d}"})
    for i, field, value, status, reason in MISTAKES:
        if field != "*":
            rows[i][field] = value(rows[i], rows[i - 1]) if callable(value) else value
        expected[i] = (status, field if field != "*" else "(ligne)", reason)
    out = [[r[k] for k in HEADER][:10] if i == 38 else r for i, r in enumerate(rows)]
    return csv_text(out), csv_text([[i + 2, rows[i]["id"], *expected[i]] for i in range(40)], ["line", "id", "expected", "field", "reason"])

# ----------------------------------------------------------------------------- yaml
def q(s):
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar

def yaml_lines(x, ind=0):
    pad, out = "  " * ind, []
    if isinstance(x, list):  # a list of mappings
        for item in x:
            sub = yaml_lines(item, ind + 1)
            out += [pad + "- " + sub[0].lstrip()] + sub[1:]
        return out
    for k, v in x.items():
        if isinstance(v, dict) or (isinstance(v, list) and isinstance(v[0], dict)):
            out += [f"{pad}{k}:"] + yaml_lines(v, ind + 1)
        else:  # flow list of strings, integer or string
            out.append(f"{pad}{k}: " + (f"[{', '.join(map(q, v))}]" if isinstance(v, list) else str(v) if isinstance(v, int) else q(str(v))))
    return out

def territory_yaml():
    t = {**TERRITORY, "period": {"start": START, "end": END},
         "villages": [dict(id=v, name=n, insee=c, population=pop) for v, n, c, pop in VILLAGES],
         "projects": [dict(id=p["id"], name={"fr": p["fr"], "en": p["en"]}, village=p["village"],
                           description={"fr": p["dfr"], "en": p["den"]}, functions=p["functions"],
                           schemes=p["schemes"], start=p["start"], end=p["end"]) for p in PROJECTS],
         "learners": [dict(participant=L[0], name=L[1], role=L[2], lang=L[3], village=L[4], projects=L[5],
                           start=L[6], end=L[7], about=L[9]) for L in LEARNERS],
         "witnesses": [dict(participant=m, name=n, role=r, village=v) for r, m, n, v in EXTERNAL]}
    head = ["# Territoire d'exemple d'apprenance (fictif) — généré par examples/generate.py, ne pas éditer à la main.\n"
            "# Example territory for apprenance (fictional) — generated by examples/generate.py, do not edit by hand.",
            "# witnesses: témoins qui ne sont pas apprenants / witnesses who are not learners"]
    return "\n".join(head + yaml_lines(t)) + "\n"

# ----------------------------------------------------------------------------- main
def main():
    rng, rows = random.Random(SEED), []
    for L in LEARNERS:
        rows += [make_row(rng, L, LEARNERS) for _ in range(L[8])]
    for k, (act, desc, proj, fn) in enumerate(UNMAPPED):  # given to learners who work on that project
        L = LEARNERS[[0, 4, 1, 6, 5, 7, 3, 2, 8, 4][k]]
        rows.append(make_row(rng, L, LEARNERS, typ=act, proj=proj, fn=fn, desc=desc, before_xapi=True))
    rows.sort(key=lambda r: (r["_d"], r["_time"], r["participant"], r["activite"], r["description"]))
    rows = [{**r, "id": f"vds-{i:06d}"} for i, r in enumerate(rows, 1)]
    in_x = [r["participant"] in XAPI_LEARNERS and r["_d"] >= XAPI_FROM for r in rows]
    to_x, csv_rows = [r for r, x in zip(rows, in_x) if x], [r for r, x in zip(rows, in_x) if not x]
    xrng = random.Random(SEED + 2)
    stmts = [statement(xrng, r) for r in to_x]
    dup = {**copy.deepcopy(stmts[5]), "id": str(uuid.UUID(int=xrng.getrandbits(128), version=4)),  # sent twice
           "stored": stmts[5]["stored"][:-4] + "900Z"}
    wrong = statement(xrng, to_x[30], extra_min=4)  # 9.5 h typed by mistake, voided three days later
    wrong["result"]["duration"] = "PT9H30M"
    stmts += [dup, wrong, voiding(xrng, dup, 1), voiding(xrng, wrong, 3)]
    stmts.sort(key=lambda s: (s["timestamp"], s["stored"], s["id"]))
    bad_csv, expected_csv = error_file(LEARNERS)
    files = {"territory.yaml": territory_yaml(), "activites.csv": csv_text(csv_rows),
             "activites-xapi.json": json.dumps(stmts, ensure_ascii=False, indent=2) + "\n",
             "activites-with-errors.csv": bad_csv, "activites-with-errors.expected.csv": expected_csv}
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8", newline="")
    print(f"activites.csv: {len(csv_rows)} rows; activites-xapi.json: {len(stmts)} statements", file=sys.stderr)
    for L in LEARNERS:  # a summary: rows (and rows in the CSV), hours, witnesses by role
        mine = [r for r in rows if r["participant"] == L[0]]
        got = [r["temoin"].split(":")[0] for r in mine if r["temoin"]]
        print(f"  {L[2]:9} {L[1]:18} rows {len(mine):4} (csv {sum(r in csv_rows for r in mine):3}) hours "
              f"{sum(r['_h'] for r in mine):6.1f}  witnessed: " + " ".join(f"{k}={got.count(k)}" for k in ROLES), file=sys.stderr)

if __name__ == "__main__":
    main()
