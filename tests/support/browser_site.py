"""What the browser tests share: Debian's headless Chromium (failing clearly when it is
missing), a web world on a loopback URL, that world served on 127.0.0.1 (``apprenance serve``
in a subprocess, or uvicorn in a thread of the test's process), and signing a page in with
an API token."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from live_server import CHROMIUM, FLAGS, free_port, server_env, wait_until_up
from web_world import World, build_world

MISSING = "Debian's chromium is missing: `make test` installs it (system-deps)"


@dataclass
class Served:
    """A served site and the token its coordinator signs in with."""

    url: str
    token: str


def require_chromium(message: str = MISSING, *also: Path) -> None:
    """Fail the test (no traceback) when /usr/bin/chromium, or one of ``also``, is missing."""
    if not Path(CHROMIUM).exists() or not all(path.exists() for path in also):
        pytest.fail(message, pytrace=False)


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, launched by Playwright and closed afterwards."""
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()


@contextmanager
def chromium_profile(profile: Path, **options: Any) -> Iterator[BrowserContext]:
    """A persistent Chromium context on ``profile`` (``options``: locale, viewport…)."""
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS, **options)
        try:
            yield ctx
        finally:
            ctx.close()


def loopback() -> tuple[int, str]:
    """A free port on 127.0.0.1 and its URL."""
    port = free_port()
    return port, f"http://127.0.0.1:{port}"


def loopback_world(tmp: Path, url: str, **options: Any) -> World:
    """``build_world`` with ``url`` as its public URL (a loopback one, allowed on purpose)."""
    with pytest.MonkeyPatch.context() as env_patch:  # module scope: before conftest's env
        env_patch.setenv("APPRENANCE_ALLOW_LOCAL_URL", "1")  # a loopback URL, on purpose
        return build_world(tmp, public_url=url, **options)


@contextmanager
def serve_process(home: Path, port: int, env: dict[str, str] | None = None,
                  local: bool = True) -> Iterator[str]:
    """``apprenance serve`` on ``home`` at 127.0.0.1:``port`` in the environment ``env``
    (by default a clean one in French), with ``--allow-local-url`` when ``local``, up until
    the block ends; yields its URL."""
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "apprenance", "--home", str(home), "serve",
         "--host", "127.0.0.1", "--port", str(port), "--public-url", url,
         *(["--allow-local-url"] if local else [])],
        env=server_env(APPRENANCE_LANG="fr") if env is None else env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def served_world(tmp: Path, prepare: Callable[[World], object] | None = None
                 ) -> Iterator[tuple[str, World]]:
    """A web world in ``tmp`` on a loopback URL (``prepare`` then done to it), closed, then
    served by ``apprenance serve`` in French: yields its URL and the (closed) world, whose
    tokens still sign in. Fails first when Chromium is missing."""
    require_chromium()
    port, url = loopback()
    world = loopback_world(tmp, url)
    if prepare is not None:
        prepare(world)
    world.app.close()
    with serve_process(tmp / "home", port):
        yield url, world


@contextmanager
def serve_thread(api: FastAPI, port: int) -> Iterator[str]:
    """``api`` served by uvicorn on 127.0.0.1:``port`` in a thread; yields its URL."""
    server = uvicorn.Server(uvicorn.Config(api, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def sign_in(page: Page, url: str, token: str) -> None:
    """Sign ``page`` in at ``url`` with an API token (the sign-in page's token form)."""
    page.goto(f"{url}/connexion")
    page.fill("#token", token)
    page.click("form.stack button[type=submit]")


def no_sideways_scroll(page: Page, what: str, limit: int = 390) -> None:
    """Fail when the page is wider than ``limit`` px: on a phone it would scroll sideways."""
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= limit, f"{what} scrolls sideways on a phone ({scroll}px)"


def walk_shot(page: Page, *, artifacts: Path, guide: Path, update: bool, db: str,
              step: str) -> None:
    """A walk's step: the page at 1280 px into ``artifacts`` (and, with ``update`` on SQLite,
    at 1024 px into ``guide``, the pictures of a docs/ guide), then at 390 px (a phone:
    nothing scrolls sideways)."""
    artifacts.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(artifacts / f"{db}-{step}.png"), full_page=True)
    if db == "sqlite" and update:
        guide.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 1024, "height": 768})
        page.screenshot(path=str(guide / f"{step}.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    no_sideways_scroll(page, step)
    page.screenshot(path=str(artifacts / f"{db}-{step}-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
