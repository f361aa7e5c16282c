"""``apprenance serve`` with an SMTP host set sends the mail queue from a thread of its own:
badges issued before it started reach the mailbox (a real SMTP server), and so does a sign-in
link asked for on its /connexion page while it runs."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from browser_site import loopback, loopback_world, serve_process
from live_server import server_env
from mail_server import MailServer, smtp_server
from web_world import KARIM, LEA


def _wait_for(server: MailServer, address: str, count: int = 1) -> None:
    for _ in range(600):  # a deadline, not a measure: the worker looks every 5 s
        if len(server.to(address)) >= count:
            return
        time.sleep(0.1)
    raise AssertionError(f"no mail for {address}: {[m['To'] for m in server.messages]}")


def test_serve_sends_the_queue(tmp_path: Path) -> None:
    port, url = loopback()
    world = loopback_world(tmp_path, url)
    issued = world.client.post("/api/v1/credentials/issue", headers=world.headers("admin"),
                               json={})
    assert issued.status_code == 200 and issued.json()["issued"] >= 1
    world.app.close()
    with smtp_server() as server:
        env = server_env(APPRENANCE_LANG="fr", APPRENANCE_SMTP_HOST=server.host,
                         APPRENANCE_SMTP_PORT=str(server.port), APPRENANCE_SMTP_SECURITY="none")
        with serve_process(tmp_path / "home", port, env) as served:
            _wait_for(server, LEA)
            answer = httpx.post(f"{served}/connexion/lien", data={"email": KARIM})
            assert answer.status_code == 200
            _wait_for(server, KARIM)
        [karim] = server.to(KARIM)
        assert karim["Subject"] == "Votre lien de connexion à apprenance"
        body = karim.get_body(preferencelist=("plain",))
        assert body is not None and f"{url}/connexion/aps_" in str(body.get_content())
