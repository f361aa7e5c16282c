#!/usr/bin/env python3
"""Deterministic generator of the apprenance example territory (Val de Serre, fictional).

    python3 examples/generate.py

rewrites, next to this file and byte-identically on every run: territory.yaml, activites.csv,
activites-xapi.json, activites-with-errors.csv and activites-with-errors.expected.csv.
Standard library only. The territory is described as data at the top; change SEED to get another log.
"""
from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import random
import sys
import uuid
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
             "department": "Jura (39)", "population": 8900,
             "description": {"fr": "Intercommunalité rurale fictive au pied du massif de la Serre, entre forêts, prairies "
                                   "et vallée inondable. Moins de 20 000 habitants : son PCAET est volontaire. "
                                   "Un collectif de quatre étudiants-facilitateurs y est en résidence pour 18 mois.",
                             "en": "A fictional rural inter-municipality at the foot of the Serre hills, with forests, "
                                   "meadows and a flood-prone valley. Under 20,000 inhabitants, so its PCAET is voluntary. "
                                   "Four student-facilitators live there in residence for 18 months."}}
VILLAGES = [("montfleury", "Montfleury-sur-Serre", "39901", 1240),
            ("saint-aubin", "Saint-Aubin-les-Prés", "39902", 610),
            ("la-chaussee", "La Chaussée-aux-Bois", "39903", 385)]
VNAME = {v[0]: v[1] for v in VILLAGES}

PROJECTS = [
    dict(id="legumerie-cantines", village="montfleury", start="2025-03-01", end="2026-08-31",
         fr="Légumerie partagée et cantines en circuit court",
         en="Shared vegetable hub and short-supply-chain school canteens",
         dfr="Projet alimentaire territorial (PAT) : une légumerie associative prépare les légumes des maraîchers du Val "
             "pour les cantines des trois écoles ; des jardins partagés occupent la zone d'expansion des crues de la "
             "Serre, entretenue avec le syndicat de rivière (GEMAPI).",
         den="Territorial food project (PAT): a community vegetable hub prepares local growers' produce for the three "
             "school canteens; shared gardens occupy the Serre flood-expansion area, managed with the river syndicate (GEMAPI).",
         functions=["alimentation", "produire-consommer"], schemes=["pat", "gemapi", "economie-circulaire"],
         objs=["la légumerie", "la cantine de l'école", "les jardins partagés du bord de Serre",
               "l'approvisionnement local de la cantine", "le gaspillage alimentaire"],
         themes=["Manger local à la cantine", "Zéro gaspi", "Du champ à l'assiette"]),
    dict(id="renovation-habitat", village="saint-aubin", start="2025-03-15", end="2026-08-31",
         fr="Rénover ensemble à Saint-Aubin", en="Renovating together in Saint-Aubin",
         dfr="Action du PCAET : guichet de la rénovation, thermographies, chantiers participatifs d'isolation biosourcée "
             "et réhabilitation de la grange communale en deux logements passerelles, financée par le CRTE ; "
             "le SCoT y voit un exemple de reconquête du bâti ancien.",
         den="PCAET action: renovation advice desk, thermal imaging, participatory bio-based insulation work sites and "
             "the conversion of the municipal barn into two transitional homes, funded through the CRTE; the SCoT cites "
             "it as an example of reusing old buildings.",
         functions=["habitat", "produire-consommer"], schemes=["pcaet", "crte", "scot"],
         objs=["la grange communale", "les maisons anciennes du bourg", "l'isolation en chanvre",
               "le guichet de la rénovation", "les aides à la rénovation"],
         themes=["Isoler sans se ruiner", "Chaud dedans, sobre dehors", "Ma maison, mon projet"]),
    dict(id="tiers-lieu-etabli", village="la-chaussee", start="2025-03-01", end="2026-08-31",
         fr="L'Établi, tiers-lieu apprenant", en="L'Établi, a learning third place",
         dfr="Dans l'ancienne école de La Chaussée : repair café, bibliothèque d'outils en prêt (économie de la "
             "fonctionnalité), ateliers numériques et formations entre pairs ouverts à tout le Val.",
         den="In the former school of La Chaussée: repair café, tool library (functional economy), digital workshops "
             "and peer-to-peer training open to the whole valley.",
         functions=["apprendre", "epanouir", "produire-consommer"],
         schemes=["economie-circulaire", "economie-fonctionnalite", "crte"],
         objs=["le tiers-lieu", "le repair café", "l'atelier numérique", "la bibliothèque d'outils",
               "le programme d'ateliers du trimestre"],
         themes=["Répare, ne jette pas", "Apprendre en faisant", "Le numérique pour tous"]),
    dict(id="sante-val", village="montfleury", start="2025-05-01", end="2026-08-31",
         fr="Santé en Val de Serre : maison de santé et ateliers", en="Health in Val de Serre: health centre and workshops",
         dfr="Diagnostic local de santé, préfiguration d'une maison de santé pluriprofessionnelle à Montfleury "
             "et ateliers de prévention (chutes, nutrition, marche) pour les aînés des trois villages.",
         den="Local health assessment, groundwork for a multi-professional health centre in Montfleury and prevention "
             "workshops (falls, nutrition, walking) for older people in the three villages.",
         functions=["soigner", "epanouir"], schemes=["crte", "scot"],
         objs=["la future maison de santé", "les ateliers santé des aînés", "l'accès aux soins",
               "la marche santé du jeudi", "le diagnostic local de santé"],
         themes=["Bien vieillir au village", "Bouger pour sa santé", "Manger, bouger, partager"]),
]
PROJ = {p["id"]: p for p in PROJECTS}
ALLP = [p["id"] for p in PROJECTS]

# learners: email, name, role, language, village, projects (first = main), joined, left, rows, about
LEARNERS = [
    ("lea.marchand@example.org", "Léa Marchand", "etudiant", "fr", "montfleury", ALLP, START, END, 118,
     "Étudiante en master d'agronomie, étudiante-facilitatrice en résidence"),
    ("karim.benali@example.org", "Karim Benali", "etudiant", "fr", "saint-aubin",
     ["renovation-habitat", "legumerie-cantines", "tiers-lieu-etabli", "sante-val"], START, END, 116,
     "Étudiant en école d'architecture, étudiant-facilitateur en résidence"),
    ("jonas.weber@example.org", "Jonas Weber", "etudiant", "en", "la-chaussee",
     ["tiers-lieu-etabli", "legumerie-cantines", "renovation-habitat", "sante-val"], START, END, 114,
     "Erasmus design student from Leipzig, student-facilitator in residence"),
    ("camille.roussel@example.org", "Camille Roussel", "etudiant", "fr", "montfleury",
     ["sante-val", "legumerie-cantines", "renovation-habitat", "tiers-lieu-etabli"], START, END, 110,
     "Étudiante en master de santé publique, étudiante-facilitatrice en résidence"),
    ("marie.dupuis@example.org", "Marie Dupuis", "habitant", "fr", "montfleury",
     ["legumerie-cantines", "tiers-lieu-etabli"], START, END, 42, "Maraîchère bio, fournit la légumerie"),
    ("gerard.lefevre@example.org", "Gérard Lefèvre", "habitant", "fr", "saint-aubin",
     ["renovation-habitat", "tiers-lieu-etabli"], START, END, 38, "Menuisier retraité, pilier du repair café"),
    ("aicha.diallo@example.org", "Aïcha Diallo", "habitant", "fr", "montfleury",
     ["sante-val", "legumerie-cantines"], dt.date(2025, 5, 1), END, 33, "Aide-soignante à domicile"),
    ("thomas.girard@example.org", "Thomas Girard", "habitant", "fr", "saint-aubin",
     ["renovation-habitat", "tiers-lieu-etabli"], dt.date(2025, 12, 1), END, 27,
     "Nouvel arrivant (décembre 2025), rénove une longère, lance une activité d'éco-rénovation"),
    ("sarah.collins@example.org", "Sarah Collins", "habitant", "en", "la-chaussee",
     ["tiers-lieu-etabli", "sante-val"], START, END, 30, "British resident running a gîte; English conversation circle"),
    ("bernard.caron@montfleury-sur-serre.example.org", "Bernard Caron", "elu", "fr", "montfleury",
     ["legumerie-cantines", "sante-val"], START, END, 22, "Maire de Montfleury-sur-Serre"),
    ("nathalie.perrin@cc-val-de-serre.example.org", "Nathalie Perrin", "elu", "fr", "la-chaussee",
     ["renovation-habitat", "legumerie-cantines", "tiers-lieu-etabli"], START, END, 24,
     "Vice-présidente de la communauté de communes, transition écologique"),
    ("jean-marc.vasseur@saint-aubin-les-pres.example.org", "Jean-Marc Vasseur", "elu", "fr", "saint-aubin",
     ["renovation-habitat"], START, dt.date(2026, 3, 13), 17,
     "Adjoint au maire de Saint-Aubin-les-Prés ; ne se représente pas aux municipales de mars 2026"),
    ("julien.morel@cc-val-de-serre.example.org", "Julien Morel", "agent", "fr", "saint-aubin",
     ["renovation-habitat", "tiers-lieu-etabli"], START, END, 28,
     "Chargé de mission transition énergétique (PCAET, CRTE) à la communauté de communes"),
    ("elodie.fontaine@cc-val-de-serre.example.org", "Élodie Fontaine", "agent", "fr", "montfleury",
     ["legumerie-cantines", "sante-val"], dt.date(2025, 5, 1), END, 24,
     "Chargée de mission PAT, recrutée en mai 2025"),
]
XAPI_LEARNERS = {"lea.marchand@example.org", "karim.benali@example.org", "jonas.weber@example.org",
                 "marie.dupuis@example.org"}
# residents and staff who witness activities but are not learners
EXTERNAL = [("habitant", "josette.morin@example.org", "Josette Morin", "montfleury"),
            ("habitant", "paul.henry@example.org", "Paul Henry", "saint-aubin"),
            ("habitant", "claire.lambert@example.org", "Claire Lambert", "montfleury"),
            ("habitant", "yves.boulanger@example.org", "Yves Boulanger", "la-chaussee"),
            ("agent", "martine.roux@montfleury-sur-serre.example.org", "Martine Roux", "montfleury"),
            ("elu", "maire@la-chaussee-aux-bois.example.org", "Danielle Vidal", "la-chaussee")]

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
    "etudiant": dict(types="journal-reflexif 14 atelier-participatif 10 documentation 9 animation 8 enquete-habitants 6 "
                           "diagnostic-territorial 6 prospective 6 comite-pilotage 5 montage-projet 4 reunion-publique 4 "
                           "formation-suivie 4 chantier-participatif 4 formation-donnee 3 visite-terrain 3 communication 3 "
                           "jardinage-collectif 2 atelier-cuisine 2 repair-cafe 2 atelier-sante 2 renovation-energetique 2 "
                           "recherche-financement 2 veille-documentaire 2 permanence 2 evenement-festif 1 accueil 1 "
                           "mediation .4 marche-producteurs .4",
                     witness="habitant 50 elu 28 agent 15 etudiant 7", weekend=(.7, .3)),
    "habitant": dict(types="chantier-participatif 5 jardinage-collectif 5 atelier-participatif 5 atelier-cuisine 4 "
                           "reunion-publique 4 repair-cafe 3 atelier-sante 3 renovation-energetique 3 formation-suivie 3 "
                           "formation-donnee 1.5 evenement-festif 2 marche-producteurs 1 accueil 2 permanence 1 "
                           "enquete-habitants 1 comite-pilotage 1 journal-reflexif 1",
                     witness="habitant 35 etudiant 30 elu 25 agent 10", weekend=(1, .8)),
    "elu": dict(types="comite-pilotage 6 conseil-municipal 6 reunion-publique 5 visite-terrain 3 montage-projet 2 "
                      "recherche-financement 2 evenement-festif 1 formation-suivie 1 prospective 1 mediation .5",
                witness="agent 40 habitant 40 elu 20", weekend=(.4, .2)),
    "agent": dict(types="comite-pilotage 5 montage-projet 5 recherche-financement 4 documentation 3 communication 3 "
                        "permanence 3 veille-documentaire 3 formation-donnee 2 diagnostic-territorial 2 reunion-publique 2 "
                        "accueil 2 visite-terrain 1",
                  witness="elu 60 habitant 40", weekend=(0, 0)),
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
XVERB = {"attended": ("http://adlnet.gov/expapi/verbs/attended", "a participé à", "attended"),
         "completed": ("http://adlnet.gov/expapi/verbs/completed", "a terminé", "completed"),
         "experienced": ("http://adlnet.gov/expapi/verbs/experienced", "a vécu", "experienced"),
         "facilitated": (W3 + "/verbs/facilitated", "a animé", "facilitated"),
         "contributed": (W3 + "/verbs/contributed", "a contribué à", "contributed to"),
         "voided": ("http://adlnet.gov/expapi/verbs/voided", "a annulé", "voided")}
VERB_OF = {**dict.fromkeys("reunion-publique comite-pilotage conseil-municipal formation-suivie atelier-sante "
                           "evenement-festif marche-producteurs atelier-cuisine repair-cafe atelier-participatif".split(), "attended"),
           **dict.fromkeys("animation formation-donnee accueil permanence mediation".split(), "facilitated"),
           "journal-reflexif": "completed", "visite-terrain": "experienced", "veille-documentaire": "experienced"}

# ----------------------------------------------------------------------------- helpers
def weights(spec):
    it = spec.split()
    return it[0::2], [float(w) for w in it[1::2]]


def last_sunday(year, month):
    d = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return d - dt.timedelta(days=(d.weekday() + 1) % 7)


def offset(d):  # Europe/Paris
    return "+02:00" if last_sunday(d.year, 3) <= d < last_sunday(d.year, 10) else "+01:00"


def hours_text(h, rng):
    r = rng.random()
    if r < .10:
        return iso_duration(h)
    if r < .18 and h != int(h):
        return f"{h:g}".replace(".", ",")
    return f"{h:g}"


def iso_duration(h):
    m = round(h * 60)
    return "PT" + (f"{m // 60}H" if m >= 60 else "") + (f"{m % 60}M" if m % 60 else "")


def start_time(typ, rng):
    if typ in ("conseil-municipal", "reunion-publique"):
        return rng.choice(["18:30", "19:00", "20:00"])
    if typ == "journal-reflexif":
        return rng.choice(["17:30", "21:00", "21:30"])
    return rng.choice(["09:00", "09:30", "10:00", "14:00", "14:30"])


def pick_date(rng, L, typ=None):
    role, lo, hi = L[2], L[6], L[7]
    wk = ROLES[role]["weekend"]
    while True:
        d = lo + dt.timedelta(days=rng.randrange((hi - lo).days + 1))
        f = 1.0
        if d.month == 8:
            f = .3 if d.year == 2025 else .8
        if (d.month, d.day) >= (12, 22) or (d.month, d.day) <= (1, 2):
            f = .15
        if role == "etudiant" and d.year == 2026 and d.month in (6, 7):
            f *= 1.7  # restitution phase at the end of the residence
        if d.weekday() >= 5:
            f *= wk[d.weekday() - 5]
        if typ in ("conseil-municipal",) and d.weekday() >= 5:
            f = 0
        if rng.random() < f / 1.7:
            return d


def choose_witness(rng, L, role_spec, proj, d, learners):
    roles, w = weights(role_spec)
    role = rng.choices(roles, w)[0]
    cands, cw = [], []
    for M in learners:
        if M[2] == role and M[0] != L[0] and M[6] <= d <= M[7]:
            cands.append(M[0])
            cw.append(3 if proj in M[5] else 1)
    for r, mail, _, _ in EXTERNAL:
        if r == role:
            cands.append(mail)
            cw.append(1.5)
    return f"{role}:{rng.choices(cands, cw)[0]}"


def describe(rng, L, typ, proj):
    p = PROJ[proj]
    en = L[3] == "en" and rng.random() < .6
    tpl = rng.choice((TYPES[typ][5] if en else TYPES[typ][4]).split("|"))
    village = VNAME[p["village"]] if rng.random() < .7 else rng.choice(VILLAGES)[1]
    theme = rng.choice(p["themes"])
    s = tpl.format(o=p["en"] if en else rng.choice(p["objs"]), v=village, w=rng.choice(WHO_EN if en else WHO),
                   n=rng.randint(4, 24), t=rng.choice(['"{}"', "« {} »"]).format(theme) if not en else f'"{theme}"')
    if not en and rng.random() < .15:
        s += rng.choice(SUFFIX)
    return s[0].upper() + s[1:], "en" if en else "fr"


def make_row(rng, L, learners, typ=None, proj=None, fn=None, desc=None, pw=None):
    """One activity of learner L (a LEARNERS tuple): a dict keyed by HEADER plus private keys."""
    role = L[2]
    names, tw = weights(ROLES[role]["types"])
    while True:
        t = typ or rng.choices(names, tw)[0]
        d = pick_date(rng, L, t)
        ok = [q for q in L[5] if PROJ[q]["start"] <= d.isoformat() <= PROJ[q]["end"]
              and (TYPES.get(t, (0,) * 7)[6] is None or q in TYPES[t][6])]
        if proj and proj in ok:
            ok = [proj]
        if ok and not (pw and d >= XAPI_FROM):
            break
    pr = ok[0] if len(ok) == 1 or rng.random() < .45 else rng.choice(ok)
    info = TYPES.get(t)
    lo, hi = info[2] if info else (1.5, 3.5)
    step = .25 if rng.random() < .1 else .5
    h = min(10.0, max(step, round(rng.uniform(lo, hi) / step) * step))
    fns = PROJ[pr]["functions"]
    f = fn or (info[1] if info and info[1] else rng.choices(fns, [3] + [1] * (len(fns) - 1))[0])
    when = start_time(t, rng)
    datetime = rng.random() < .15
    wp = info[3] if info else .4
    temoin = choose_witness(rng, L, ROLES[role]["witness"], pr, d, learners) if rng.random() < wp else ""
    preuve = ""
    if rng.random() < (.15 if wp else .22):
        ext = rng.choice(["jpg", "pdf", "jpg", "html"])
        preuve = f"{SITE}/{pr}/{d:%Y/%m}/{t}-{rng.randint(1, 99):02d}.{ext}"
    text, lang = (desc.format(n=rng.randint(5, 18)), "fr") if desc else describe(rng, L, t, pr)
    return {"date": f"{d}T{when}:00{offset(d)}" if datetime else d.isoformat(), "participant": L[0], "nom": L[1],
            "role": role, "territoire": TID, "projet": pr, "fonction": f, "activite": t, "description": text,
            "duree": hours_text(h, rng), "temoin": temoin, "preuve": preuve,
            "_d": d, "_h": h, "_time": when, "_lang": lang}


def csv_text(rows, header=HEADER):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow([r[k] for k in header] if isinstance(r, dict) else r)
    return buf.getvalue()


def statement(rng, r, extra_min=0):
    L = BY_MAIL[r["participant"]]
    verb = XVERB["facilitated" if r["role"] == "etudiant" and r["activite"] in (
        "atelier-participatif", "atelier-cuisine", "repair-cafe", "atelier-sante") else VERB_OF.get(r["activite"], "contributed")]
    lang = "en-GB" if r["_lang"] == "en" else "fr-FR"
    ts = f"{r['_d']}T{r['_time']}:00{offset(r['_d'])}"
    stored = (dt.datetime.fromisoformat(ts) + dt.timedelta(hours=r["_h"], minutes=17 + extra_min)).astimezone(dt.timezone.utc)
    ext = {f"{W3}/ext/function": r["fonction"], f"{W3}/ext/role": r["role"]}
    ctx = {"contextActivities": {"grouping": [
        {"objectType": "Activity", "id": f"{W3}/projects/{r['projet']}", "definition": {"name": {"fr-FR": PROJ[r["projet"]]["fr"]}}},
        {"objectType": "Activity", "id": f"{W3}/territories/{TID}", "definition": {"name": {"fr-FR": TERRITORY["name"]}}}]},
        "language": lang, "extensions": ext}
    if r["temoin"]:
        wrole, wmail = r["temoin"].split(":", 1)
        ctx["instructor"] = {"objectType": "Agent", "name": NAME_OF[wmail], "mbox": f"mailto:{wmail}"}
        ext[f"{W3}/ext/witness-role"] = wrole
    s = {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
         "actor": {"objectType": "Agent", "name": L[1], "mbox": f"mailto:{L[0]}"},
         "verb": {"id": verb[0], "display": {"fr-FR": verb[1], "en-US": verb[2]}},
         "object": {"objectType": "Activity", "id": f"{W3}/activities/{TID}/{r['id']}",
                    "definition": {"type": f"{W3}/activity-types/{r['activite']}",
                                   "name": {"fr-FR": TYPES[r["activite"]][0]}, "description": {lang: r["description"]}}},
         "result": {"completion": True, "duration": iso_duration(r["_h"])},
         "context": ctx, "timestamp": ts, "stored": stored.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
         "authority": {"objectType": "Agent", "name": "LRS du Val de Serre", "mbox": "mailto:lrs@val-de-serre.example.org"},
         "version": "1.0.3"}
    if r["preuve"]:
        s["result"]["extensions"] = {f"{W3}/ext/evidence": r["preuve"]}
    return s


def voiding(rng, target, days):
    s = copy.deepcopy(target)
    ts = dt.datetime.fromisoformat(target["timestamp"]) + dt.timedelta(days=days, hours=2)
    return {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "actor": s["actor"],
            "verb": {"id": XVERB["voided"][0], "display": {"fr-FR": XVERB["voided"][1], "en-US": "voided"}},
            "object": {"objectType": "StatementRef", "id": target["id"]}, "timestamp": ts.isoformat(),
            "stored": (ts + dt.timedelta(minutes=3)).astimezone(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "authority": s["authority"], "version": "1.0.3"}


BY_MAIL = {L[0]: L for L in LEARNERS}
NAME_OF = {**{L[0]: L[1] for L in LEARNERS}, **{e[1]: e[2] for e in EXTERNAL}}
