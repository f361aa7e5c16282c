"""Starting a real ``apprenance serve`` from a test: a free port, the environment of a clean
process (the fixed clock, English), waiting until /healthz answers; and the headless Debian
Chromium the page tests open it with."""

from __future__ import annotations

import os
import socket
import subprocess
import time

import httpx

from conftest import FIXED_NOW

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(**extra: str) -> dict[str, str]:
    """This process's environment without its APPRENANCE_ settings, on the fixed clock."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPRENANCE_")}
    env.update({"APPRENANCE_FAKE_NOW": FIXED_NOW.isoformat(), "APPRENANCE_LANG": "en", **extra})
    return env


def wait_until_up(url: str, process: subprocess.Popen[bytes], tries: int = 400) -> None:
    """Return once ``url``/healthz answers 200; raise if the server stops or never answers."""
    for _ in range(tries):
        if process.poll() is not None:
            err = process.stderr.read() if process.stderr else b""
            raise RuntimeError(f"the server stopped: {err!r}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise RuntimeError("the server did not start")
