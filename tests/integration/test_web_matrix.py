"""Who may call what: the source of truth (docs/security.md, "Who may call what").

Every route the application serves (``app.routes``, pages and routes hidden from the schema
included) and every operation of ``/openapi.json`` must have a rule here, else the test fails
naming it. A rule gives the expected status for every principal: the public, an admin, the
coordinator of LEA's territory and one of another, LEA and another learner (API tokens), one
OAuth client token per Open Badges scope (LEA's), and, on routes taking ``?share=``, a public
caller holding LEA's share link or another learner's. 401: sign in; 403: signed in, not
allowed; 404 after a share: nothing is shared here. Runs on SQLite and PostgreSQL, one world
each."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts

from apprenance.web.app import create_app
from authz_world import DB_PARAMS, OAUTH_ROLES, AuthzWorld, build_authz_world, db_url_for
from web_world import LEA, OTHER_TERRITORY

ROLES = ("public", "admin", "coordinator", "other_coordinator", "learner", "other_learner")
SHARE_ROLES = ("share", "other_share")  # the public with LEA's / OLGA's share link
L = f"/api/v1/learners/{LEA}"
T = "/api/v1/territories/val-de-serre"
TD = "/territoires/val-de-serre/description"
OB = "/ims/ob/v3p0"
XAPI = {"X-Experience-API-Version": "1.0.3"}
STATEMENT = "0f7a3c1e-2a4b-4c5d-8e6f-7a8b9c0d1e2f"
NO_OFFER = "no-such-offer-0123456789"

OWN = {"public": 401, "admin": 200, "coordinator": 200, "other_coordinator": 403,
       "learner": 200, "other_learner": 403}
STAFF = {"public": 401, "admin": 200, "coordinator": 200, "other_coordinator": 200,
         "learner": 403, "other_learner": 403}
TERRITORY = {"public": 401, "admin": 200, "coordinator": 200, "other_coordinator": 403,
             "learner": 403, "other_learner": 403}
SIGNED_IN = {"public": 401, "admin": 200, "coordinator": 200, "other_coordinator": 200,
             "learner": 200, "other_learner": 200}
ADMIN = {"public": 401, "admin": 200, "coordinator": 403, "other_coordinator": 403,
         "learner": 403, "other_learner": 403}
EVERYONE = dict.fromkeys(ROLES, 200)
LEARNERS = {"public": 401, "admin": 403, "coordinator": 403, "other_coordinator": 403,
            "learner": 200, "other_learner": 200}  # a learner's own (open recognition)
SESSION_FORM = dict.fromkeys(ROLES, 403)  # page forms need a session and its CSRF token


def only(roles: dict[str, int], **changes: int) -> dict[str, int]:
    return {**roles, **changes}


@dataclass(frozen=True)
class Rule:
    """``method template``: the request the matrix sends (``path`` with ``{CID}``, ``{CID2}``,
    ``{SHARE}`` filled from the world) and the status each principal gets."""

    method: str
    template: str
    path: str
    roles: dict[str, int]
    oauth: dict[str, int] | int = 403  # an OAuth token outside the OB API: 403
    share: dict[str, int] | None = None  # on routes taking ?share=
    json: Any = None
    data: dict[str, str] | None = None
    file: tuple[str, str] | None = None  # (form field, what the world uploads)
    headers: dict[str, str] = field(default_factory=dict)
    optional: bool = False  # a route some installations do not serve

    def expected(self) -> dict[str, int]:
        oauth = self.oauth if isinstance(self.oauth, dict) else dict.fromkeys(
            (r.removeprefix("oauth:") for r in OAUTH_ROLES), self.oauth)
        out = {**self.roles, **{f"oauth:{s}": v for s, v in oauth.items()}}
        return {**out, **(self.share or {})}


def scoped(scope: str, status: int) -> dict[str, int]:
    """An OB API route: the token with ``scope`` gets ``status``, the other scopes 403."""
    return {r.removeprefix("oauth:"): status if r == f"oauth:{scope}" else 403
            for r in OAUTH_ROLES}


SHARED = {"share": 200, "other_share": 404}
OB_ONLY = only(dict.fromkeys(ROLES, 403), public=401)  # API tokens are not for the OB API

MATRIX: list[Rule] = [
    # --- /api/v1: territories, projects, learners, activities ---------------------------
    Rule("GET", "/api/v1/me", "/api/v1/me", EVERYONE),
    Rule("GET", "/api/v1/territories", "/api/v1/territories", STAFF),
    Rule("POST", "/api/v1/territories", "/api/v1/territories",
         only(ADMIN, admin=201), file=("file", "territory")),
    Rule("GET", "/api/v1/territories/{territory}", T, TERRITORY),
    Rule("GET", "/api/v1/territories/{territory}/coverage", f"{T}/coverage", TERRITORY),
    Rule("GET", "/api/v1/projects", "/api/v1/projects", STAFF),
    Rule("GET", "/api/v1/projects/{project}", "/api/v1/projects/legumerie-cantines", TERRITORY),
    Rule("GET", "/api/v1/learners", "/api/v1/learners", SIGNED_IN),
    Rule("GET", "/api/v1/learners/{learner}", L, OWN),
    Rule("POST", "/api/v1/activities/upload", "/api/v1/activities/upload", STAFF,
         file=("file", "activities")),
    # no record: who may send gets as far as the check of the records (400)
    Rule("POST", "/api/v1/activities", "/api/v1/activities",
         only(STAFF, admin=400, coordinator=400, other_coordinator=400), json=[]),
    Rule("GET", "/api/v1/unmapped", "/api/v1/unmapped", STAFF),
    Rule("POST", "/api/v1/activities/{activity}/type", "/api/v1/activities/lea-0/type",
         TERRITORY, json={"type": "atelier-participatif"}),
    Rule("GET", "/api/v1/rejects", "/api/v1/rejects", STAFF),
    Rule("POST", "/api/v1/rejects/{reject_id}/dismiss", "/api/v1/rejects/999999/dismiss",
         only(STAFF, admin=404, coordinator=404, other_coordinator=404),
         json={"reason": "replaced"}),
    Rule("GET", "/api/v1/learners/{learner}/evidence", f"{L}/evidence", OWN),
    Rule("GET", "/api/v1/learners/{learner}/progress", f"{L}/progress", OWN),
    Rule("GET", "/api/v1/learners/{learner}/awards", f"{L}/awards", OWN),
    Rule("GET", "/api/v1/learners/{learner}/activities", f"{L}/activities", OWN),
    Rule("GET", "/api/v1/activities/{activity}", "/api/v1/activities/lea-0", OWN),
    Rule("GET", "/api/v1/awards", "/api/v1/awards", STAFF),
    Rule("POST", "/api/v1/evaluate", "/api/v1/evaluate", STAFF, json={}),
    Rule("POST", "/api/v1/learners/{learner}/sign-in-links", f"{L}/sign-in-links",
         only(TERRITORY, admin=201, coordinator=201)),
    Rule("GET", "/api/v1/learners/{learner}/share-links", f"{L}/share-links", OWN),
    Rule("POST", "/api/v1/learners/{learner}/share-links", f"{L}/share-links",
         only(OWN, admin=403, coordinator=403, learner=201), json={"days": 5}),
    # link 999999 does not exist: who gets as far as looking it up gets 404
    Rule("DELETE", "/api/v1/learners/{learner}/share-links/{link}",
         f"{L}/share-links/999999",
         only(OWN, admin=404, coordinator=403, learner=404)),
    Rule("GET", "/api/v1/learners/{learner}/export", f"{L}/export", ADMIN),
    # without {"confirm": true} the admin is told so (400) and nothing is erased
    Rule("POST", "/api/v1/learners/{learner}/erase", f"{L}/erase", only(ADMIN, admin=400),
         json={}),
    # --- /api/v1: credentials -----------------------------------------------------------
    Rule("GET", "/api/v1/learners/{learner}/credentials", f"{L}/credentials", OWN),
    # for OLGA (nothing pending): her coordinator and the admin may, LEA's coordinator not
    Rule("POST", "/api/v1/credentials/issue", "/api/v1/credentials/issue",
         only(STAFF, coordinator=403), json={"learners": ["olga@autre.example.org"]}),
    Rule("GET", "/api/v1/credentials/{credential}", "/api/v1/credentials/{CID}", OWN,
         share=SHARED),
    Rule("GET", "/api/v1/credentials/{credential}/{fmt}", "/api/v1/credentials/{CID}/json",
         OWN, share=SHARED),
    Rule("POST", "/api/v1/learners/{learner}/clr", f"{L}/clr", OWN),
    Rule("GET", "/api/v1/learners/{learner}/certificate.pdf", f"{L}/certificate.pdf", OWN,
         share=SHARED),
    # the world's Léa earned no pathway: those who may see her are told there is none (404)
    Rule("GET", "/api/v1/learners/{learner}/europass.jsonld", f"{L}/europass.jsonld",
         only(OWN, admin=404, coordinator=404, learner=404)),
    # the admin revokes it first; the coordinator of its territory is then told it is done
    Rule("POST", "/api/v1/credentials/{credential}/revoke", "/api/v1/credentials/{CID2}/revoke",
         only(TERRITORY, coordinator=409), json={"reason": "matrix"}),
    # --- /api/v1: catalog and verification, public --------------------------------------
    Rule("GET", "/api/v1/frameworks", "/api/v1/frameworks", EVERYONE),
    Rule("GET", "/api/v1/frameworks/export",
         "/api/v1/frameworks/export?format=turtle&scheme=pilier", EVERYONE),
    Rule("GET", "/api/v1/concepts", "/api/v1/concepts?q=faire", EVERYONE),
    Rule("GET", "/api/v1/concepts/{prefix}/{notation}", "/api/v1/concepts/pilier/faire",
         EVERYONE),
    Rule("GET", "/api/v1/badges", "/api/v1/badges", EVERYONE),
    Rule("GET", "/api/v1/badges/{badge}", "/api/v1/badges/faire-1", EVERYONE),
    Rule("POST", "/api/v1/verify", "/api/v1/verify", EVERYONE, file=("file", "credential")),
    Rule("POST", "/api/v1/verify/credential", "/api/v1/verify/credential", EVERYONE,
         json="credential"),
    # --- xAPI ---------------------------------------------------------------------------
    # an empty statement: who may send gets as far as its check (400)
    Rule("POST", "/xapi/statements", "/xapi/statements",
         only(STAFF, admin=400, coordinator=400, other_coordinator=400), json={},
         headers=XAPI),
    Rule("PUT", "/xapi/statements", f"/xapi/statements?statementId={STATEMENT}",
         only(STAFF, admin=400, coordinator=400, other_coordinator=400), json={},
         headers=XAPI),
    Rule("GET", "/xapi/statements", "/xapi/statements", SIGNED_IN, headers=XAPI),
    Rule("GET", "/xapi/about", "/xapi/about", EVERYONE),
    # --- the Open Badges 3.0 API: OAuth access tokens only, each route its scope --------
    Rule("GET", f"{OB}/discovery", f"{OB}/discovery", EVERYONE, oauth=200),
    Rule("POST", "/oauth/token", "/oauth/token", EVERYONE, oauth=200, data={"client": ""}),
    Rule("GET", f"{OB}/credentials", f"{OB}/credentials", OB_ONLY,
         oauth=scoped("credential.readonly", 200)),
    Rule("POST", f"{OB}/credentials", f"{OB}/credentials", OB_ONLY,
         oauth=scoped("credential.upsert", 200), json="credential"),
    Rule("GET", f"{OB}/profile", f"{OB}/profile", OB_ONLY,
         oauth=scoped("profile.readonly", 200)),
    Rule("PUT", f"{OB}/profile", f"{OB}/profile", OB_ONLY,
         oauth=scoped("profile.update", 200), json={"type": "Profile", "name": "Léa Marchand"}),
    # --- hosted documents (public: verifiers fetch them) --------------------------------
    Rule("GET", "/.well-known/did.json", "/.well-known/did.json", EVERYONE),
    Rule("GET", "/issuers/{issuer}/did.json", "/issuers/val-de-serre/did.json", EVERYONE),
    Rule("GET", "/issuers/{issuer}/status/{list_id}.json", "{STATUS}", EVERYONE),
    Rule("GET", "/achievements/{badge}.{lang}.json", "/achievements/faire-1.fr.json",
         EVERYONE),
    Rule("GET", "/issuers/{issuer}/ob2/profile.json", "/issuers/val-de-serre/ob2/profile.json",
         EVERYONE),
    Rule("GET", "/issuers/{issuer}/ob2/revocations.json",
         "/issuers/val-de-serre/ob2/revocations.json", EVERYONE),
    Rule("GET", "/issuers/{issuer}/ob2/badges/{badge}.json",
         "/issuers/val-de-serre/ob2/badges/faire-1.json", EVERYONE),
    Rule("GET", "/issuers/{issuer}/ob2/badges/{badge}.png",
         "/issuers/val-de-serre/ob2/badges/faire-1.png", EVERYONE),
    Rule("GET", "/ob2/assertions/{uid}.json", "/ob2/assertions/{CID}.json", EVERYONE),
    Rule("GET", "/images/badges/{badge}.svg", "/images/badges/faire-1.svg", EVERYONE),
    Rule("GET", "/images/badges/{badge}.png", "/images/badges/faire-1.png",
         dict.fromkeys(ROLES, 404)),  # the bundled badges have SVG artwork only
    Rule("GET", "/issuers/{issuer}/image.{ext}", "/issuers/val-de-serre/image.png",
         dict.fromkeys(ROLES, 404)),  # the test issuer has no image of its own
    Rule("GET", "/endorsers/{endorser}/profile.json", "/endorsers/uga/profile.json", EVERYONE),
    Rule("GET", "/endorsers/{endorser}/did.json", "/endorsers/uga/did.json", EVERYONE),
    Rule("GET", "/api/v1/badges/{badge}/endorsements", "/api/v1/badges/faire-1/endorsements",
         EVERYONE),  # an endorsement is a public statement
    Rule("GET", "/openapi.json", "/openapi.json", EVERYONE, oauth=200),  # not an API route
    Rule("GET", "/static/{path}", "/static/app.css", EVERYONE, oauth=200),
    Rule("GET", "/static/swagger/{path}", "/static/swagger/swagger-ui.css", EVERYONE,
         oauth=200, optional=True),  # only where Swagger UI's files are installed
    Rule("GET", "/api/docs", "/api/docs", EVERYONE),
    Rule("GET", "/healthz", "/healthz", EVERYONE),
    # --- phone wallets: public protocol routes, the secrets in their URLs, codes, tokens --
    Rule("GET", "/.well-known/openid-credential-issuer", "/.well-known/openid-credential-issuer",
         EVERYONE),
    Rule("GET", "/.well-known/oauth-authorization-server",
         "/.well-known/oauth-authorization-server", EVERYONE),
    Rule("GET", "/wallet/oid4vci/offers/{offer}", f"/wallet/oid4vci/offers/{NO_OFFER}",
         dict.fromkeys(ROLES, 404)),
    Rule("POST", "/wallet/oid4vci/token", "/wallet/oid4vci/token", dict.fromkeys(ROLES, 400),
         data={"grant_type": "client_credentials"}),  # unsupported_grant_type
    Rule("POST", "/wallet/oid4vci/nonce", "/wallet/oid4vci/nonce", EVERYONE),
    # API tokens are not wallet access tokens: invalid_token
    Rule("POST", "/wallet/oid4vci/credential", "/wallet/oid4vci/credential",
         dict.fromkeys(ROLES, 401), json={}),
    Rule("GET", "/wallet/interactions/{offer}", f"/wallet/interactions/{NO_OFFER}?iuv=1",
         dict.fromkeys(ROLES, 404)),
    Rule("POST", "/wallet/exchanges/{offer}", f"/wallet/exchanges/{NO_OFFER}",
         dict.fromkeys(ROLES, 404), json={}),
    # the learner's wallet page of their credential (the holder only; its form: a session)
    Rule("GET", "/credentials/{credential}/portefeuille", "/credentials/{CID}/portefeuille",
         only(ADMIN, admin=403, learner=200)),
    Rule("POST", "/credentials/{credential}/portefeuille", "/credentials/{CID}/portefeuille",
         SESSION_FORM, data={"csrf": "x"}),
    # --- pages --------------------------------------------------------------------------
    Rule("GET", "/", "/", EVERYONE),
    Rule("GET", "/langue", "/langue?lang=en&next=/", dict.fromkeys(ROLES, 303)),
    Rule("GET", "/connexion", "/connexion", EVERYONE),
    Rule("POST", "/connexion", "/connexion", dict.fromkeys(ROLES, 401),
         data={"token": "not-a-token"}),
    Rule("GET", "/connexion/{token}", "/connexion/aps_not-a-link", EVERYONE),
    Rule("POST", "/connexion/{token}", "/connexion/aps_not-a-link", dict.fromkeys(ROLES, 401)),
    # a lost link asked for by address: the same answer for everyone (no enumeration)
    Rule("POST", "/connexion/lien", "/connexion/lien", EVERYONE,
         data={"email": "nobody@example.org"}),
    Rule("POST", "/deconnexion", "/deconnexion", SESSION_FORM, data={"csrf": "x"}),
    Rule("GET", "/portfolio", "/portfolio",
         only(SIGNED_IN, admin=303, coordinator=303, other_coordinator=303)),
    Rule("GET", "/apprenants/{learner}", f"/apprenants/{LEA}", OWN),
    Rule("GET", "/p/{token}", "/p/{SHARE}", EVERYONE),
    Rule("POST", "/portfolio/partage", "/portfolio/partage", SESSION_FORM, data={"csrf": "x"}),
    Rule("POST", "/portfolio/partage/{link}/revoquer", "/portfolio/partage/1/revoquer",
         SESSION_FORM, data={"csrf": "x"}),
    Rule("GET", "/territoires/{territory}", "/territoires/val-de-serre", TERRITORY),
    Rule("POST", "/territoires/{territory}/delivrer", "/territoires/val-de-serre/delivrer",
         SESSION_FORM, data={"csrf": "x"}),
    # --- awards review: pending awards, issue a selection, hold back, release ------------
    Rule("GET", "/territoires/{territory}/badges", "/territoires/val-de-serre/badges",
         TERRITORY),
    Rule("POST", "/territoires/{territory}/badges/delivrer",
         "/territoires/val-de-serre/badges/delivrer", SESSION_FORM, data={"csrf": "x"}),
    Rule("POST", "/territoires/{territory}/badges/{award}/retenir",
         "/territoires/val-de-serre/badges/1/retenir", SESSION_FORM,
         data={"csrf": "x", "reason": "matrix"}),
    Rule("POST", "/territoires/{territory}/badges/{award}/liberer",
         "/territoires/val-de-serre/badges/1/liberer", SESSION_FORM, data={"csrf": "x"}),
    Rule("POST", "/territoires/{territory}/activites/{activity}/type",
         "/territoires/val-de-serre/activites/lea-0/type", SESSION_FORM,
         data={"csrf": "x", "type": "atelier-participatif"}),
    # --- the triage of unmapped activities: GET pages change nothing, forms need a session
    Rule("GET", "/territoires/{territory}/attente", "/territoires/val-de-serre/attente",
         TERRITORY),
    Rule("GET", "/territoires/{territory}/attente/confirmer",
         "/territoires/val-de-serre/attente/confirmer?activite=lea-0&type=atelier-participatif",
         TERRITORY),
    Rule("POST", "/territoires/{territory}/attente/classer",
         "/territoires/val-de-serre/attente/classer", SESSION_FORM,
         data={"csrf": "x", "type": "atelier-participatif", "activite": "lea-0"}),
    Rule("POST", "/territoires/{territory}/activites/{activity}/annuler",
         "/territoires/val-de-serre/activites/lea-0/annuler", SESSION_FORM,
         data={"csrf": "x"}),
    # --- outputs: certificates ZIP (no job 'nojob0001' here: 404), credits, sign-in links --
    Rule("GET", "/territoires/{territory}/sorties", "/territoires/val-de-serre/sorties",
         TERRITORY),
    Rule("POST", "/territoires/{territory}/certificats",
         "/territoires/val-de-serre/certificats", SESSION_FORM, data={"csrf": "x"}),
    Rule("GET", "/territoires/{territory}/certificats/{job}",
         "/territoires/val-de-serre/certificats/nojob0001",
         only(TERRITORY, admin=404, coordinator=404)),
    Rule("GET", "/territoires/{territory}/certificats/{job}/etat",
         "/territoires/val-de-serre/certificats/nojob0001/etat",
         only(TERRITORY, admin=404, coordinator=404)),
    Rule("GET", "/territoires/{territory}/certificats/{job}/zip",
         "/territoires/val-de-serre/certificats/nojob0001/zip",
         only(TERRITORY, admin=404, coordinator=404)),
    Rule("GET", "/territoires/{territory}/credits.csv", "/territoires/val-de-serre/credits.csv",
         TERRITORY),
    Rule("GET", "/territoires/{territory}/credits-competences.csv",
         "/territoires/val-de-serre/credits-competences.csv", TERRITORY),
    Rule("GET", "/territoires/{territory}/credits.xlsx",
         "/territoires/val-de-serre/credits.xlsx", TERRITORY),
    Rule("POST", "/territoires/{territory}/liens", "/territoires/val-de-serre/liens",
         SESSION_FORM, data={"csrf": "x", "all": "true"}),
    # --- open recognition (issue 18): LEA's badge request 1 (file 1); witnesses' links ----
    Rule("GET", "/portfolio/demandes", "/portfolio/demandes", LEARNERS),
    Rule("GET", "/portfolio/demandes/nouvelle", "/portfolio/demandes/nouvelle", LEARNERS),
    Rule("POST", "/portfolio/demandes", "/portfolio/demandes", SESSION_FORM,
         data={"csrf": "x", "badge": "mediation", "reason": "matrix"}),
    Rule("GET", "/portfolio/demandes/{request_id}", "/portfolio/demandes/1",
         only(LEARNERS, other_learner=404)),
    Rule("GET", "/portfolio/demandes/{request_id}/fichiers/{file_id}",
         "/portfolio/demandes/1/fichiers/1", only(LEARNERS, other_learner=404)),
    Rule("POST", "/portfolio/demandes/{request_id}/reponse", "/portfolio/demandes/1/reponse",
         SESSION_FORM, data={"csrf": "x", "reply": "matrix"}),
    Rule("POST", "/portfolio/demandes/{request_id}/temoins", "/portfolio/demandes/1/temoins",
         SESSION_FORM, data={"csrf": "x", "witness": "w@example.org"}),
    Rule("GET", "/territoires/{territory}/demandes", "/territoires/val-de-serre/demandes",
         TERRITORY),
    Rule("GET", "/territoires/{territory}/demandes/{request_id}/fichiers/{file_id}",
         "/territoires/val-de-serre/demandes/1/fichiers/1", TERRITORY),
    Rule("POST", "/territoires/{territory}/demandes/{request_id}/decision",
         "/territoires/val-de-serre/demandes/1/decision", SESSION_FORM,
         data={"csrf": "x", "action": "decline", "comment": "matrix"}),
    Rule("POST", "/credentials/{credential}/temoins", "/credentials/{CID}/temoins",
         SESSION_FORM, data={"csrf": "x", "witness": "w@example.org"}),
    Rule("POST", "/territoires/{territory}/demandes/{request_id}/temoins",
         "/territoires/val-de-serre/demandes/1/temoins", SESSION_FORM,
         data={"csrf": "x", "witness": "w@example.org"}),
    # the learner's journal (note 1, with a file: LEA's) and the coordinator's view of it
    Rule("GET", "/portfolio/journal", "/portfolio/journal", LEARNERS),
    Rule("POST", "/portfolio/journal", "/portfolio/journal", SESSION_FORM,
         data={"csrf": "x", "day": "2026-05-01", "note": "matrix"}),
    Rule("GET", "/portfolio/journal/{note_id}/fichier", "/portfolio/journal/1/fichier",
         only(LEARNERS, other_learner=404)),
    Rule("GET", "/territoires/{territory}/journal", "/territoires/val-de-serre/journal",
         TERRITORY),
    Rule("POST", "/territoires/{territory}/journal/{note_id}/attester",
         "/territoires/val-de-serre/journal/1/attester", SESSION_FORM,
         data={"csrf": "x", "type": "reunion-publique", "hours": "1"}),
    Rule("GET", "/territoires/{territory}/journal/{note_id}/fichier",
         "/territoires/val-de-serre/journal/1/fichier", TERRITORY),
    # a witness reaches their page only through their link: no other way in, for anyone
    Rule("GET", "/temoignage/{token}", "/temoignage/apw_not-a-link", dict.fromkeys(ROLES, 404)),
    Rule("POST", "/temoignage/{token}", "/temoignage/apw_not-a-link",
         dict.fromkeys(ROLES, 404), data={"comment": "matrix"}),
    Rule("POST", "/temoignage/{token}/retirer", "/temoignage/apw_not-a-link/retirer",
         dict.fromkeys(ROLES, 404)),
    # --- the territory's mail: the list, retry a failed one ------------------------------
    Rule("GET", "/territoires/{territory}/courriels", "/territoires/val-de-serre/courriels",
         TERRITORY),
    Rule("POST", "/territoires/{territory}/courriels/{job}/reessayer",
         "/territoires/val-de-serre/courriels/1/reessayer", SESSION_FORM, data={"csrf": "x"}),
    Rule("GET", "/apprenants/{learner}/titres/{credential}/revoquer",
         f"/apprenants/{LEA}/titres/{{CID}}/revoquer", TERRITORY),
    Rule("POST", "/apprenants/{learner}/titres/{credential}/revoquer",
         f"/apprenants/{LEA}/titres/{{CID}}/revoquer", SESSION_FORM,
         data={"csrf": "x", "reason": "matrix", "confirm": "yes"}),
    # --- the admin invites coordinators (sessions only write, with their CSRF token) ------
    Rule("GET", "/admin/coordinateurs", "/admin/coordinateurs", ADMIN),
    Rule("POST", "/admin/coordinateurs", "/admin/coordinateurs", SESSION_FORM,
         data={"csrf": "x", "email": "new@example.org", "territory": "val-de-serre"}),
    Rule("POST", "/admin/coordinateurs/{invitation}/retirer",
         "/admin/coordinateurs/1/retirer", SESSION_FORM, data={"csrf": "x"}),
    Rule("GET", "/territoires/{territory}/journaux", "/territoires/val-de-serre/journaux",
         TERRITORY),
    Rule("POST", "/territoires/{territory}/journaux", "/territoires/val-de-serre/journaux",
         SESSION_FORM, data={"csrf": "x"}, file=("files", "credential")),
    Rule("GET", "/territoires/{territory}/rejets", "/territoires/val-de-serre/rejets",
         TERRITORY),
    Rule("POST", "/territoires/{territory}/rejets/{reject}/corriger",
         "/territoires/val-de-serre/rejets/1/corriger", SESSION_FORM,
         data={"csrf": "x", "text": "{}"}),
    Rule("POST", "/territoires/{territory}/rejets/{reject}/ecarter",
         "/territoires/val-de-serre/rejets/1/ecarter", SESSION_FORM,
         data={"csrf": "x", "reason": "test"}),
    # the territory description in the browser (issue 14, item 2)
    Rule("GET", "/territoires/{territory}/description", TD, TERRITORY),
    Rule("GET", "/territoires/{territory}/description.yaml", TD + ".yaml", TERRITORY),
    Rule("POST", "/territoires/{territory}/description", TD, SESSION_FORM, data={"csrf": "x"}),
    Rule("POST", "/territoires/{territory}/description/fichier", TD + "/fichier",
         SESSION_FORM, data={"csrf": "x"}, file=("file", "territory")),
    Rule("POST", "/territoires/{territory}/description/enregistrer", TD + "/enregistrer",
         SESSION_FORM, data={"csrf": "x", "document": "id: val-de-serre"}),
    Rule("GET", "/admin/territoires/nouveau", "/admin/territoires/nouveau", ADMIN),
    Rule("POST", "/admin/territoires/nouveau", "/admin/territoires/nouveau", SESSION_FORM,
         data={"csrf": "x"}),
    Rule("POST", "/admin/territoires/nouveau/fichier", "/admin/territoires/nouveau/fichier",
         SESSION_FORM, data={"csrf": "x"}, file=("file", "territory")),
    Rule("POST", "/admin/territoires/nouveau/enregistrer",
         "/admin/territoires/nouveau/enregistrer", SESSION_FORM,
         data={"csrf": "x", "document": "id: neuf"}),
    # a credential's public page (issue 15): anyone; its signed JSON to whom the page names
    # the learner (the page is private here: LEA and her staff); the switch: LEA's session
    Rule("GET", "/credentials/{credential}", "/credentials/{CID}", EVERYONE),
    Rule("GET", "/credentials/{credential}.json", "/credentials/{CID}.json",
         {"public": 404, "admin": 200, "coordinator": 200, "other_coordinator": 404,
          "learner": 200, "other_learner": 404}),
    Rule("POST", "/credentials/{credential}/visibilite", "/credentials/{CID}/visibilite",
         SESSION_FORM, data={"csrf": "x", "public": "oui"}),
    Rule("GET", "/verify", "/verify", EVERYONE),
    Rule("GET", "/verifier", "/verifier", EVERYONE),
    Rule("POST", "/verify", "/verify", EVERYONE, file=("file", "credential")),
    Rule("POST", "/verifier", "/verifier", EVERYONE, file=("file", "credential")),
]

CONVERTER = re.compile(r"\{(\w+):\w+\}")


def served_routes(api: FastAPI) -> set[tuple[str, str]]:
    """(method, path template) of every route the application answers: API routes, pages,
    routes hidden from the schema, and the files of each mount."""
    found: set[tuple[str, str]] = set()
    for route in iter_route_contexts(api.routes):
        path = CONVERTER.sub(r"{\1}", str(route.path))
        methods = set(route.methods or ()) - {"HEAD"}
        if not route.methods:  # a mount (static files)
            found.add(("GET", path.rstrip("/") + "/{path}"))
        found |= {(m, path) for m in methods}
    return found


def schema_routes(doc: dict[str, Any]) -> set[tuple[str, str]]:
    return {(m.upper(), p) for p, item in doc["paths"].items() for m in item
            if m in ("get", "put", "post", "delete", "patch")}


def missing_rules(api: FastAPI, doc: dict[str, Any], rules: Iterable[Rule]) -> list[str]:
    """The routes served or documented that no rule covers, as ``METHOD template``."""
    covered = {(r.method, r.template) for r in rules}
    return sorted(f"{m} {p}" for m, p in (served_routes(api) | schema_routes(doc)) - covered)


def share_routes(doc: dict[str, Any]) -> set[tuple[str, str]]:
    return {(m.upper(), p) for p, item in doc["paths"].items() for m, op in item.items()
            if any(q.get("name") == "share" for q in op.get("parameters", []))}


@pytest.fixture(scope="module", params=DB_PARAMS)
def aw(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
       ) -> Iterator[AuthzWorld]:
    tmp = tmp_path_factory.mktemp("matrix")
    built = build_authz_world(tmp, db_url_for(request, tmp))
    yield built
    built.world.app.close()


def test_every_route_has_a_rule(aw: AuthzWorld) -> None:
    api = aw.world.client.app
    assert isinstance(api, FastAPI)
    doc = aw.world.client.get("/openapi.json").json()
    assert missing_rules(api, doc, MATRIX) == [], "routes without a rule in MATRIX"
    served = served_routes(api) | schema_routes(doc)
    stale = sorted(f"{r.method} {r.template}" for r in MATRIX
                   if (r.method, r.template) not in served and not r.optional)
    assert stale == [], "rules for routes that do not exist"
    keys = [(r.method, r.template) for r in MATRIX]
    assert len(keys) == len(set(keys)), "two rules for one route"


def test_a_new_route_without_a_rule_fails_the_check(aw: AuthzWorld) -> None:
    api = create_app(aw.world.app.settings, app=aw.world.app)

    @api.get("/api/v1/fake-extra/{thing}")
    def fake(thing: str) -> dict[str, str]:
        return {}

    @api.post("/fausse-page", include_in_schema=False)
    def hidden() -> dict[str, str]:
        return {}

    doc = api.openapi()
    assert missing_rules(api, doc, MATRIX) == ["GET /api/v1/fake-extra/{thing}",
                                               "POST /fausse-page"]
    # documented but not served (a route the schema names) counts too
    doc = {**doc, "paths": {**doc["paths"], "/api/v1/ghost": {"delete": {}}}}
    assert "DELETE /api/v1/ghost" in missing_rules(api, doc, MATRIX)


def test_every_rule_names_every_principal(aw: AuthzWorld) -> None:
    doc = aw.world.client.get("/openapi.json").json()
    sharing = share_routes(doc)
    assert sharing, "no route takes ?share= any more: update the matrix"
    for rule in MATRIX:
        wanted = set(ROLES) | set(OAUTH_ROLES)
        if (rule.method, rule.template) in sharing:
            wanted |= set(SHARE_ROLES)
        assert set(rule.expected()) == wanted, f"{rule.method} {rule.template}"


def _fill(aw: AuthzWorld, text: str) -> str:
    document = json.loads(_payloads(aw)["credential"])
    status = document["credentialStatus"]["statusListCredential"]
    return (text.replace("{CID}", aw.credential).replace("{CID2}", aw.revocable)
            .replace("{SHARE}", aw.shares["lea"])
            .replace("{STATUS}", status.removeprefix("http://testserver")))


def _payloads(aw: AuthzWorld) -> dict[str, bytes]:
    """What the matrix uploads, made once per world."""
    if aw.payloads:
        return aw.payloads
    document = aw.world.client.get(f"/api/v1/credentials/{aw.credential}/json",
                                   headers=aw.headers("admin"))
    assert document.status_code == 200
    territory = OTHER_TERRITORY.encode()
    activities = Path(__file__).parents[2] / "examples" / "activites.csv"
    lines = activities.read_bytes().splitlines(keepends=True)
    aw.payloads.update({"credential": document.content, "territory": territory,
                        "activities": b"".join(lines[:3])})  # the header and two lines
    return aw.payloads


def _send(aw: AuthzWorld, rule: Rule, principal: str) -> Any:
    path, headers = _fill(aw, rule.path), dict(rule.headers)
    if principal in SHARE_ROLES:
        token = aw.shares["lea" if principal == "share" else "olga"]
        path += ("&" if "?" in path else "?") + f"share={token}"
    else:
        headers.update(aw.headers(principal))
    payloads = _payloads(aw)
    kwargs: dict[str, Any] = {"headers": headers, "follow_redirects": False}
    if rule.json == "credential":
        kwargs["content"] = payloads["credential"]
        headers["Content-Type"] = "application/json"
    elif rule.json is not None:
        kwargs["json"] = rule.json
    if rule.data == {"client": ""}:  # the token endpoint: LEA's client credentials
        kwargs["data"] = {"grant_type": "client_credentials", "client_id": aw.client[0],
                          "client_secret": aw.client[1]}
    elif rule.data is not None:
        kwargs["data"] = rule.data
    if rule.file is not None:
        name, what = rule.file
        kwargs["files"] = {name: (f"{what}.bin", payloads[what], "application/octet-stream")}
    return aw.world.client.request(rule.method, path, **kwargs)


@pytest.mark.parametrize("rule", MATRIX, ids=[f"{r.method} {r.template}" for r in MATRIX])
def test_route_for_every_principal(aw: AuthzWorld, rule: Rule) -> None:
    if rule.optional and (rule.method, rule.template) not in served_routes(
            aw.world.client.app):  # type: ignore[arg-type]
        pytest.skip(f"this installation does not serve {rule.template}")
    expected = rule.expected()
    got: dict[str, int] = {}
    bodies: dict[str, str] = {}
    for principal in expected:
        response = _send(aw, rule, principal)
        got[principal] = response.status_code
        bodies[principal] = response.text[:200]
        if response.status_code in (401, 403) and rule.template.startswith(("/api/", "/xapi")):
            assert response.json()["error"] in ("unauthenticated", "forbidden"), principal
        if response.status_code in (401, 403) and rule.template.startswith(OB):
            assert response.json()["imsx_codeMajor"] == "failure", principal
    wrong = {p: (expected[p], got[p], bodies[p]) for p in expected if got[p] != expected[p]}
    assert not wrong, json.dumps(wrong, ensure_ascii=False, indent=1)


def test_coordinator_sees_only_their_territory(aw: AuthzWorld) -> None:
    client, headers = aw.world.client, aw.headers
    mine = client.get("/api/v1/learners", headers=headers("coordinator")).json()
    assert mine and {x["territory"] for x in mine} == {"val-de-serre"}
    other = client.get("/api/v1/learners", headers=headers("other_coordinator"))
    assert [x["learner"] for x in other.json()] == ["olga@autre.example.org"]
    every = client.get("/api/v1/learners", headers=headers("admin")).json()
    assert len(every) == len(mine) + 1
    asked = client.get("/api/v1/learners?territory=autre", headers=headers("coordinator"))
    assert asked.status_code == 403


def test_learner_sees_only_themselves(aw: AuthzWorld) -> None:
    listed = aw.world.client.get("/api/v1/learners", headers=aw.headers("learner")).json()
    assert [x["learner"] for x in listed] == [LEA]
    olga = aw.world.client.get("/api/v1/activities/olga-0", headers=aw.headers("learner"))
    assert olga.status_code == 403


def test_bad_token_is_refused_not_public(aw: AuthzWorld) -> None:
    response = aw.world.client.get("/api/v1/me", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "nope" not in response.text
