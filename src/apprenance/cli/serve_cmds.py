"""``serve`` (the HTTP API and pages on uvicorn), ``portfolio LEARNER --link|--share`` and
``token create`` / ``token client`` (API tokens and OAuth 2.0 clients)."""

from __future__ import annotations

import os

import click

from apprenance.cli.context import CliState, emit_json, json_option, pass_state, say
from apprenance.i18n import t
from apprenance.services.people import access

ENV_OF = {"home": "APPRENANCE_HOME", "database_url": "APPRENANCE_DATABASE_URL",
          "catalog": "APPRENANCE_CATALOG", "lang": "APPRENANCE_LANG",
          "debug": "APPRENANCE_DEBUG", "allow_local_url": "APPRENANCE_ALLOW_LOCAL_URL"}


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes (use PostgreSQL for more than one in production).")
@click.option("--public-url", envvar="APPRENANCE_PUBLIC_URL",
              help="Public base URL (default: http://HOST:PORT). Env: APPRENANCE_PUBLIC_URL.")
@click.option("--allow-local-url", "allow_local", is_flag=True,
              help="Let the routes that sign work although the public URL is loopback (local "
              "trials). Env: APPRENANCE_ALLOW_LOCAL_URL=1.")
@pass_state
def serve_cmd(state: CliState, host: str, port: int, workers: int,
              public_url: str | None, allow_local: bool) -> None:
    """Serve the HTTP API, the hosted credentials and the learner pages."""
    import uvicorn

    state.overrides["public_url"] = (public_url or state.overrides.get("public_url")
                                     or f"http://{host}:{port}")
    if allow_local:
        state.overrides["allow_local_url"] = True
    state.app.ready_store()  # fail now, clearly, rather than on the first request
    state.app.keys.check_current()  # the server never asks: APPRENANCE_KEY_PASSPHRASE
    _heal(state)
    for key, value in state.overrides.items():
        if value is not None:
            os.environ[ENV_OF.get(key, f"APPRENANCE_{key.upper()}")] = str(value)
    say(f"apprenance: {state.settings.public_url}/  (Ctrl+C to stop)")
    uvicorn.run("apprenance.web.app:from_environment", factory=True, host=host, port=port,
                workers=workers, log_level="debug" if state.settings.debug else "info",
                proxy_headers=True, server_header=False)


def _heal(state: CliState) -> None:
    """Before serving: ingest again what a kill of the server left half done (xAPI
    statements of older versions recorded without their activity, uploads kept but not
    ingested), and say so."""
    from apprenance.services.ingest.recovery import heal_intake, needs_healing

    app = state.app
    if not needs_healing(app.store, app.home):
        return
    done = heal_intake(app.store, app.catalog(), app.home, clock=app.clock, lang=state.lang)
    say(t("serve.healed", state.lang, statements=done["statements"], uploads=done["uploads"]))


@click.command("portfolio")
@click.argument("learner")
@click.option("--link", "mode", flag_value="link", help="A single-use sign-in link.")
@click.option("--share", "mode", flag_value="share", help="A public share link (revocable).")
@click.option("--days", type=click.IntRange(1, 3650), default=90, show_default=True,
              help="How long a share link lasts.")
@json_option
@pass_state
def portfolio_cmd(state: CliState, learner: str, mode: str | None, days: int,
                  as_json: bool) -> None:
    """Print the URL of a LEARNER's portfolio: a sign-in link (--link) or a share link
    (--share)."""
    app = state.app
    store = app.ready_store()
    base = state.settings.public_url
    if mode == "share":
        link = access.create_share_link(store, learner, days=days, clock=app.clock)
        url, expires = f"{base}/p/{link['token']}", link["expires_at"]
    else:
        token = access.create_sign_in_link(store, learner, clock=app.clock)
        url = f"{base}/connexion/{token}"
        expires = (app.clock() + access.SIGN_IN_TTL).isoformat()
    if as_json:
        emit_json({"learner": learner, "kind": mode or "link", "url": url, "expires_at": expires})
        return
    say(url)


@click.group("token")
def token_group() -> None:
    """API tokens and OAuth 2.0 clients."""


@token_group.command("create")
@click.option("--role", required=True, type=click.Choice(access.ROLES))
@click.option("--territory", help="The territory of a coordinator.")
@click.option("--learner", help="The learner a learner token belongs to.")
@click.option("--label", help="A note to remember what the token is for.")
@json_option
@pass_state
def token_create_cmd(state: CliState, role: str, territory: str | None, learner: str | None,
                     label: str | None, as_json: bool) -> None:
    """Create an API token (shown once; only its hash is stored)."""
    app = state.app
    token = access.create_token(app.ready_store(), role=role, territory=territory,
                                learner=learner, label=label, clock=app.clock)
    if as_json:
        emit_json({"role": role, "territory": territory, "learner": learner, "token": token})
        return
    say(token)


@token_group.command("client")
@click.option("--name", required=True, help="The platform's name.")
@click.option("--role", required=True, type=click.Choice(access.ROLES))
@click.option("--territory", help="The territory of a coordinator client.")
@click.option("--learner", help="The learner a personal client acts for.")
@json_option
@pass_state
def token_client_cmd(state: CliState, name: str, role: str, territory: str | None,
                     learner: str | None, as_json: bool) -> None:
    """Register an OAuth 2.0 client (client credentials grant, Open Badges API scopes)."""
    app = state.app
    client_id, secret = access.create_oauth_client(
        app.ready_store(), name=name, role=role, territory=territory, learner=learner,
        clock=app.clock)
    if as_json:
        emit_json({"client_id": client_id, "client_secret": secret,
                   "token_url": f"{state.settings.public_url}/oauth/token",
                   "scopes": sorted(access.OB_SCOPES)})
        return
    say(f"client_id={client_id}")
    say(f"client_secret={secret}")
