"""HTTP service under load, on loopback: requests per second and p95 latency of the
verification endpoint (POST a signed OB 3.0 credential) and of a learner's portfolio page
(signed in), with `apprenance serve --workers 2` and wrk (Debian package; `make bench`
installs it). The example territory is ingested, evaluated and issued through the API first.

    .venv/bin/python bench/bench_web.py [--seconds 15] [--connections 16] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe

from apprenance.bootstrap import App, bundled
from apprenance.config import load_settings
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.services.issuing.issuers import init_issuer
from apprenance.services.people import access
from apprenance.services.people.territories import load_territory
from apprenance.services.store import init_store
from apprenance.web.app import create_app

LEARNER = "lea.marchand@example.org"
LUA = """
wrk.method = "{method}"
wrk.body = {body}
wrk.headers["Content-Type"] = "application/json"
{headers}
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
  io.write(string.format("P50_US %d\\n", latency:percentile(50)))
end
"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(home: Path, url: str) -> tuple[dict[str, object], str]:
    """A store with the example territory issued; (a credential, a session cookie)."""
    app = App(load_settings(home=home, public_url=url))
    init_store(app.home, lambda: app.store)
    load_territory(app.store, bundled("examples") / "territory.yaml", clock=app.clock)
    init_issuer(app.store, KeyStore(home / "keys"), slug="val-de-serre",
                name="Val de Serre", urls=HostedUrls(url), clock=app.clock, did_method="web",
                territory="val-de-serre")
    admin = {"Authorization": "Bearer " + access.create_token(app.store, role="admin",
                                                              clock=app.clock)}
    client = TestClient(create_app(app.settings, app=app))
    csv = (bundled("examples") / "activites.csv").read_bytes()
    client.post("/api/v1/activities/upload", headers=admin,
                files={"file": ("activites.csv", csv, "text/csv")}).raise_for_status()
    client.post("/api/v1/evaluate", headers=admin, json={"everyone": True}).raise_for_status()
    issued = client.post("/api/v1/credentials/issue", headers=admin, json={}).json()
    documents = [client.get(f"/api/v1/credentials/{c['id'].removeprefix('urn:uuid:')}/json",
                            headers=admin).json()
                 for c in client.get(f"/api/v1/learners/{LEARNER}/credentials",
                                     headers=admin).json() if c["format"] == "ob3"]
    # the typical credential: without embedded endorsements (those are verified as well,
    # one by one, which multiplies the work)
    document = min(documents, key=lambda d: len(json.dumps(d)))
    link = access.create_sign_in_link(app.store, LEARNER, clock=app.clock)
    session = access.use_sign_in_link(app.store, link, clock=app.clock)
    print(f"prepared: {issued['issued']} credentials issued", file=sys.stderr)
    app.close()
    return document, session


def wrk(url: str, script: Path, seconds: int, connections: int) -> dict[str, float]:
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(script),
                          url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p95 = int(re.search(r"P95_US (\d+)", out).group(1)) / 1000  # type: ignore[union-attr]
    p50 = int(re.search(r"P50_US (\d+)", out).group(1)) / 1000  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    total = re.search(r"(\d+) requests in", out)
    return {"rps": rps, "p50_ms": p50, "p95_ms": p95,
            "errors": int(errors.group(1)) if errors else 0,
            "requests": int(total.group(1)) if total else 0}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make bench` installs it (apt-get install wrk)")
    tmp = Path(tempfile.mkdtemp(prefix="apprenance-bench-web-"))
    port = _port()
    url = f"http://127.0.0.1:{port}"
    document, session = prepare(tmp / "home", url)
    verify = tmp / "verify.lua"
    verify.write_text(LUA.format(method="POST", body=json.dumps(json.dumps(document)),
                                 headers=""), encoding="utf-8")
    portfolio = tmp / "portfolio.lua"
    portfolio.write_text(LUA.format(method="GET", body="nil", headers=(
        f'wrk.headers["Cookie"] = "apprenance_session={session}"')), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPRENANCE_")}
    server = subprocess.Popen(
        [sys.executable, "-m", "apprenance", "--home", str(tmp / "home"), "serve", "--port",
         str(port), "--workers", str(args.workers), "--public-url", url],
        env={**env, "APPRENANCE_LANG": "fr"}, stdout=subprocess.DEVNULL,
        stderr=open(tmp / "server.log", "wb"))  # noqa: SIM115
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        wrk(f"{url}/api/v1/verify/credential", verify, 3, args.connections)  # warm-up
        wrk(f"{url}/portfolio", portfolio, 3, args.connections)
        results = {
            "POST /api/v1/verify/credential": wrk(f"{url}/api/v1/verify/credential", verify,
                                                  args.seconds, args.connections),
            "GET /portfolio (signed in)": wrk(f"{url}/portfolio", portfolio, args.seconds,
                                              args.connections),
        }
    finally:
        server.terminate()
        server.wait(timeout=15)
        errors = [line for line in (tmp / "server.log").read_text(errors="replace").splitlines()
                  if " 500 " in line or "ERROR" in line]
        print("\n".join(errors[:10]), file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
    print(describe())
    print(f"wrk -t2 -c{args.connections} -d{args.seconds}s, {args.workers} workers, SQLite")
    print("| endpoint | requests/s | p50 | p95 | errors |")
    print("| --- | --- | --- | --- | --- |")
    for name, r in results.items():
        print(f"| {name} | {r['rps']:.0f} | {r['p50_ms']:.1f} ms | {r['p95_ms']:.1f} ms "
              f"| {r['errors']} of {r['requests']:.0f} |")


if __name__ == "__main__":
    main()
