"""Issue 12: secrets never reach a log. A real ``apprenance serve`` (uvicorn subprocess) with
its access log captured is sent every kind of secret a request can carry: share links and
sign-in links in the path and the query, API and OAuth tokens in the query and the
``Authorization`` header, an OAuth client secret in the token form and in the query. None may
be in what the server prints, while the requests themselves are logged. The server runs with
``--debug``: the most talkative logging (every info line, and the debug ones)."""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

import httpx

from apprenance.services.people import access
from authz_world import build_authz_world
from live_server import free_port, server_env, wait_until_up
from web_world import LEA


def test_no_secret_in_a_real_server_log(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    aw = build_authz_world(tmp_path, db, public_url=url)
    app = aw.world.app
    client_id, client_secret = access.create_oauth_client(
        app.store, name="plateforme", role="learner", learner=LEA, clock=app.clock)
    sign_in = access.create_sign_in_link(app.store, LEA, clock=app.clock)
    api_token = aw.world.tokens["learner"]
    oauth = aw.world.tokens["oauth:credential.readonly"]
    share = aw.shares["lea"]
    app.close()
    secrets = {"share": share, "sign-in link": sign_in, "API token": api_token,
               "OAuth token": oauth, "client secret": client_secret}

    out, err = tmp_path / "stdout.log", tmp_path / "stderr.log"
    env = server_env()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "apprenance", "--debug", "--home", str(tmp_path / "home"),
             "--db", db, "serve", "--host", "127.0.0.1", "--port", str(port), "--public-url", url,
             "--allow-local-url"],
            env=env, stdout=stdout, stderr=stderr)
        try:
            wait_until_up(url, process)
            with httpx.Client(base_url=url, timeout=30) as http:
                answers = [
                    http.get(f"/api/v1/learners/{LEA}/certificate.pdf?share={share}"),
                    http.get(f"/api/v1/credentials/{aw.credential}/json?lang=fr&share={share}"),
                    http.get(f"/p/{share}"),
                    http.get(f"/connexion?token={api_token}"),
                    http.get(f"/connexion/{sign_in}"),
                    http.post("/connexion", data={"token": api_token}),
                    http.get(f"/api/v1/me?access_token={api_token}",
                             headers={"Authorization": f"Bearer {api_token}"}),
                    http.post("/oauth/token", data={
                        "grant_type": "client_credentials", "client_id": client_id,
                        "client_secret": client_secret}),
                    http.post(f"/oauth/token?client_secret={client_secret}", data={
                        "grant_type": "client_credentials", "client_id": client_id,
                        "client_secret": client_secret + "x"}),
                    http.post("/oauth/token", headers={"Authorization": "Basic " + base64
                              .b64encode(f"{client_id}:{client_secret}".encode()).decode()},
                              data={"grant_type": "client_credentials"}),
                    http.get(f"/ims/ob/v3p0/credentials?access_token={oauth}"),
                    http.get("/ims/ob/v3p0/credentials",
                             headers={"Authorization": f"Bearer {oauth}"}),
                    http.post(f"/connexion/{sign_in}"),
                ]
                secrets["session"] = str(http.cookies.get("apprenance_session"))
        finally:
            process.terminate()
            process.wait(timeout=20)
    statuses = [a.status_code for a in answers]
    # (the OB API refuses the staff session the sign-in above left in the cookie jar: 403)
    assert statuses == [200, 200, 200, 200, 200, 303, 200, 200, 401, 200, 403, 200, 303]
    assert secrets["session"].startswith("aps_")
    logs = {"stdout": out.read_text(encoding="utf-8", errors="replace"),
            "stderr": err.read_text(encoding="utf-8", errors="replace")}
    for log_file in (tmp_path / "home").rglob("*.log"):
        logs[str(log_file)] = log_file.read_text(encoding="utf-8", errors="replace")
    printed = "\n".join(logs.values())
    for what, secret in secrets.items():
        for where, text in logs.items():
            assert secret not in text, f"the {what} is in {where}"
    # the requests are logged, their secrets replaced
    assert f"/api/v1/learners/{LEA}/certificate.pdf?share=…" in printed
    assert "/api/v1/credentials/" in printed and "json?lang=fr&share=…" in printed
    assert "/p/…" in printed and "/connexion/…" in printed
    assert "/connexion?token=…" in printed and "/api/v1/me?access_token=…" in printed
    assert "/oauth/token?client_secret=…" in printed
    assert "/ims/ob/v3p0/credentials?access_token=…" in printed
    assert printed.count('"POST /oauth/token') == 3
