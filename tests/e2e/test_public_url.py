"""Issue 12, a safe address: nothing is signed while the public URL is loopback, unless a
local trial was asked for (``--allow-local-url``, ``APPRENANCE_ALLOW_LOCAL_URL=1``, the demo).
The command line (``issue``, ``revoke``, ``clr``, ``certificate``), the HTTP routes that sign
(in-process and on a real ``apprenance serve``) refuse with ``local-public-url`` (exit 2,
HTTP 409) and a message saying what to set; nothing is written or stored."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db import tables as t
from apprenance.public_url import is_local_url
from apprenance.services.issuing.issue import issue
from conftest import FIXED_NOW, CliResult
from live_server import free_port, server_env, wait_until_up
from web_world import LEA, World, build_world

APPRENANCE = str(Path(sys.executable).parent / "apprenance")
LOCAL = "http://127.0.0.1:8000"
PUBLIC = "https://apprenance.example.org"


@pytest.fixture
def strict(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule as users meet it: conftest allows local URLs for every other test."""
    monkeypatch.delenv("APPRENANCE_ALLOW_LOCAL_URL", raising=False)
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", FIXED_NOW.isoformat())


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000", "http://127.8.9.10", "https://localhost", "http://LOCALHOST:1/",
    "http://api.localhost:8000", "http://[::1]:8000", "http://[::ffff:127.0.0.1]:80",
    "http://0.0.0.0:8000", "http://localhost.:8000"])
def test_loopback_addresses_are_local(url: str) -> None:
    assert is_local_url(url)


@pytest.mark.parametrize("url", [
    PUBLIC, "http://testserver", "http://192.168.1.20:8000", "https://[2001:db8::1]",
    "https://localhost.example.org", "http://128.0.0.1"])
def test_other_addresses_are_not(url: str) -> None:
    assert not is_local_url(url)


def _credentials(world: World) -> int:
    with world.app.store.transaction() as conn:
        return int(conn.execute(select(func.count()).select_from(t.credentials)).scalar_one())


def _refused(result: CliResult) -> None:
    assert result.code == 2, (result.out, result.err)
    assert "[local-public-url]" in result.err, result.err
    assert "APPRENANCE_PUBLIC_URL" in result.err and "--allow-local-url" in result.err
    assert "Traceback" not in result.err


def _issue_one(world: World) -> str:
    """A credential issued by the service (the rule is at the entry points)."""
    app = world.app
    report = issue(app.store, app.catalog(), KeyStore(app.home / "keys"),
                   urls=HostedUrls(PUBLIC), clock=app.clock, participant=LEA)
    assert report.issued
    return report.issued[0].credential_id


def test_the_commands_that_sign_refuse_a_loopback_public_url(
        strict: None, cli: Callable[..., CliResult], tmp_path: Path) -> None:
    world = build_world(tmp_path, public_url=LOCAL)
    home = world.app.home
    out = tmp_path / "out"
    _refused(cli("--home", home, "issue", "--out", out))
    assert not out.exists() and _credentials(world) == 0
    cid = _issue_one(world)
    _refused(cli("--home", home, "revoke", cid, "--reason", "erreur"))
    _refused(cli("--home", home, "clr", LEA, "--out", tmp_path / "clr.json"))
    _refused(cli("--home", home, "certificate", LEA, "--out", tmp_path / "c.pdf"))
    _refused(cli("--home", home, "--public-url", "http://localhost:9000", "issue", "--out", out))
    assert not (tmp_path / "clr.json").exists() and not (tmp_path / "c.pdf").exists()
    with world.app.store.transaction() as conn:
        assert set(conn.execute(select(t.credentials.c.revoked_at)).scalars()) == {None}
    french = cli("--home", home, "--lang", "fr", "issue", "--out", out)
    assert french.code == 2 and "Signature refusée" in french.err

    for args in (["clr", LEA, "--out", tmp_path / "clr.json"],
                 ["revoke", cid, "--reason", "erreur"]):
        allowed = cli("--home", home, *args, "--allow-local-url")
        assert allowed.code == 0, allowed.err
    assert (tmp_path / "clr.json").is_file()
    public = cli("--home", home, "--public-url", PUBLIC, "certificate", LEA,
                 "--out", tmp_path / "c.pdf")
    assert public.code == 0, public.err
    assert (tmp_path / "c.pdf").is_file()


def test_the_environment_variable_allows_a_local_trial(
        strict: None, cli: Callable[..., CliResult], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    world = build_world(tmp_path, public_url=LOCAL)
    monkeypatch.setenv("APPRENANCE_ALLOW_LOCAL_URL", "1")
    done = cli("--home", world.app.home, "clr", LEA, "--out", tmp_path / "clr.json")
    assert done.code == 2 and "holds no issued credential" in done.err  # got past the rule


def _api_refused(response: httpx.Response | Any) -> None:
    assert response.status_code == 409, response.text
    body = response.json()
    assert body["error"] == "local-public-url"
    assert "APPRENANCE_PUBLIC_URL" in body["message"]


@pytest.mark.parametrize("url", [LOCAL, "http://localhost:8000", "http://[::1]:8000"])
def test_the_routes_that_sign_answer_409(strict: None, tmp_path: Path, url: str) -> None:
    world = build_world(tmp_path, public_url=url)
    client, admin = world.client, world.headers("admin")
    _api_refused(client.post("/api/v1/credentials/issue", json={}, headers=admin))
    assert _credentials(world) == 0
    cid = _issue_one(world)
    issued = _credentials(world)
    _api_refused(client.post(f"/api/v1/credentials/{cid}/revoke", json={"reason": "x"},
                             headers=admin))
    _api_refused(client.post(f"/api/v1/learners/{LEA}/clr", headers=admin))
    _api_refused(client.get(f"/api/v1/learners/{LEA}/certificate.pdf", headers=admin))
    assert _credentials(world) == issued  # no CLR, nothing more
    # who may not sign learns nothing more than before
    assert client.post("/api/v1/credentials/issue", json={}).status_code == 401
    assert client.post(f"/api/v1/credentials/{cid}/revoke", json={"reason": "x"},
                       headers=world.headers("learner")).status_code == 403
    # reading what was issued still works
    assert client.get(f"/api/v1/credentials/{cid}", headers=admin).status_code == 200


@pytest.fixture
def serve() -> Iterator[Callable[..., str]]:
    """Start ``apprenance serve`` as a real process; answers its base URL."""
    started: list[subprocess.Popen[bytes]] = []

    def start(home: Path, *flags: str) -> str:
        port = free_port()
        proc = subprocess.Popen([APPRENANCE, "--home", str(home), "serve", "--port", str(port),
                                 *flags], env=server_env(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        started.append(proc)
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, proc)
        return base

    yield start
    for proc in started:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_real_server_refuses_unless_started_with_allow_local_url(
        strict: None, tmp_path: Path, serve: Callable[..., str]) -> None:
    world = build_world(tmp_path, public_url=LOCAL)
    home, admin = world.app.home, world.headers("admin")
    base = serve(home)  # its public URL: http://127.0.0.1:PORT
    _api_refused(httpx.post(f"{base}/api/v1/credentials/issue", json={}, headers=admin,
                            timeout=60))
    assert _credentials(world) == 0
    base = serve(home, "--allow-local-url")
    done = httpx.post(f"{base}/api/v1/credentials/issue", json={}, headers=admin, timeout=120)
    assert done.status_code == 200, done.text
    assert done.json()["issued"] > 0
