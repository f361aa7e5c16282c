"""/api/docs is served whole by this instance: no CDN (a blank page offline), no inline script
(our CSP forbids it); Swagger UI's files from the package, with their media types; in a real
Chromium cut off from everything but loopback, the operations are listed."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Route, expect

from apprenance.web import api_docs
from browser_site import chromium_profile, loopback, serve_process
from conftest import FIXED_NOW
from web_world import World, build_world

LINKS = re.compile(r'(?:src|href)="([^"]*)"')


def _world(tmp_path: Path) -> World:
    return build_world(tmp_path)


def test_docs_page_references_no_external_host_and_no_inline_script(tmp_path: Path) -> None:
    page = _world(tmp_path).client.get("/api/docs")
    links = LINKS.findall(page.text)
    assert links and all(link.startswith("/") and not link.startswith("//") for link in links)
    assert "cdn" not in page.text and "http" not in page.text
    assert "<script>" not in page.text  # only <script src="/...">
    if api_docs.swagger_assets() is None:  # a clear page, never a blank one
        assert page.status_code == 503
        assert "swagger-ui-bundle" in page.text and "/openapi.json" in page.text
        assert "needs Swagger UI" in page.text and "fichiers de Swagger UI" in page.text


def test_shipped_assets_are_served_with_their_media_types(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = tmp_path / "swagger"
    shipped.mkdir()
    (shipped / "swagger-ui-bundle.js").write_text("window.SwaggerUIBundle = 1;\n", "utf-8")
    (shipped / "swagger-ui.css").write_text("#swagger-ui { margin: 0 }\n", "utf-8")
    monkeypatch.setattr(api_docs, "SHIPPED", shipped)
    client = _world(tmp_path).client
    page = client.get("/api/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    media = {"js": ("text/javascript", "application/javascript"), "css": ("text/css",),
             "svg": ("image/svg+xml",)}
    links = LINKS.findall(page.text)
    assert {"/static/swagger/swagger-ui-bundle.js", "/static/swagger/swagger-ui.css",
            "/static/api-docs.js"} <= set(links)
    for link in links:
        answer = client.get(link)
        assert answer.status_code == 200, link
        kind = answer.headers["content-type"].split(";")[0]
        assert kind in media[link.rsplit(".", 1)[1]], (link, kind)
    assert client.get("/static/swagger/swagger-ui-bundle.js").text.startswith("window.")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if api_docs.swagger_assets() is None:
        pytest.skip("Swagger UI's files are not on this machine (web/static/swagger/README.md)")
    tmp = tmp_path_factory.mktemp("api-docs")
    port, url = loopback()
    build_world(tmp, public_url=url).app.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPRENANCE_")}
    env["APPRENANCE_FAKE_NOW"] = FIXED_NOW.isoformat()
    with serve_process(tmp / "home", port, env, local=False):
        yield url


@pytest.mark.slow
def test_operations_render_offline_in_chromium(
    served: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    blocked: list[str] = []

    def only_loopback(route: Route) -> None:
        if route.request.url.startswith(served):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with chromium_profile(tmp_path_factory.mktemp("chromium-docs")) as ctx:
        ctx.route("**/*", only_loopback)
        page = ctx.new_page()
        page.goto(f"{served}/api/docs")
        expect(page.locator(".opblock").first).to_be_visible(timeout=30_000)
        assert page.locator(".opblock").count() > 20
    assert blocked == []
