"""The hostile-file corpus (tests/data/hostile, written by its generate.py): every file goes
through each edge its manifest names — a badge's artwork in a catalog, a badge file, an issuer's
logo, verification (the service and ``POST /api/v1/verify``), a mapping, a territory, a SKOS
framework, the frameworks import, an activity log, a file name from input — and must be refused
there with our error and the reason the manifest gives (or, for names, stay inside its folder).
"""

from __future__ import annotations

import base64
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from apprenance.bootstrap import App
from apprenance.catalog.badges import read_badge
from apprenance.catalog.frameworks import parse_rdf
from apprenance.catalog.mapping import read_mapping
from apprenance.clock import fixed_clock
from apprenance.config import load_settings
from apprenance.credentials.trust.fetchers import refuse
from apprenance.credentials.trust.keys import KeyStore
from apprenance.errors import ApprenanceError, InputError, UnsafeImage
from apprenance.services.catalog import import_frameworks
from apprenance.services.files import badge_file, learner_folder
from apprenance.services.ingest.coordination import keep_upload
from apprenance.services.ingest.pipeline import LogFile, ingest_files
from apprenance.services.issuing.issuers import init_issuer
from apprenance.services.people.territories import load_territory
from apprenance.services.store import init_store
from apprenance.services.verify import verify_one
from apprenance.web.app import create_app
from conftest import FIXED_NOW

HOSTILE = Path(__file__).parents[1] / "data" / "hostile"
MANIFEST: dict[str, dict[str, Any]] = json.loads((HOSTILE / "manifest.json").read_text("utf-8"))
CASES = [(name, edge) for name, entry in MANIFEST.items() for edge in entry["edges"]]
BADGE = ("id: faire-1\nname: {fr: Faire, en: Doing}\ndescription: {fr: D, en: D}\n"
         "criteria: {fr: C, en: C}\nimage: images/IMAGE\nrule: {measure: hours, min: 1}\n")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    home = tmp_path_factory.mktemp("hostile") / "home"
    app = App(load_settings(home=home, lang="en", public_url="http://testserver"),
              clock=fixed_clock(FIXED_NOW))
    init_store(app.home, lambda: app.store)
    territory = home / "val.yaml"
    territory.write_text("id: val\nname: Val\nprojects:\n  - id: jardin\n    name: Jardin\n",
                         "utf-8")
    load_territory(app.store, territory, clock=app.clock)
    yield app
    app.close()


@pytest.fixture(scope="module")
def client(app: App) -> TestClient:
    return TestClient(create_app(app.settings, app=app), raise_server_exceptions=False)


def content(name: str) -> bytes:
    data = (HOSTILE / name).read_bytes()
    return data + b"\x00" * MANIFEST[name].get("pad", 0)


def test_the_manifest_lists_every_file_of_the_corpus() -> None:
    files = {p.name for p in HOSTILE.iterdir()} - {"manifest.json", "generate.py"}
    assert files == set(MANIFEST)
    assert all(e["edges"] and e["why"] for e in MANIFEST.values())


@pytest.mark.parametrize(("name", "edge"), CASES, ids=[f"{n}-{e}" for n, e in CASES])
def test_hostile_file_is_refused(name: str, edge: str, app: App, client: TestClient,
                                 tmp_path: Path) -> None:
    entry = MANIFEST[name]
    refusal = entry["refusal"]
    messages = EDGES[edge](name, content(name), app, client, tmp_path)
    if refusal is not None:
        assert any(refusal in m for m in messages), (refusal, messages)


def _badge_image(name: str, data: bytes, app: App, client: TestClient,
                 tmp: Path) -> list[str]:
    (tmp / "images").mkdir()
    (tmp / "images" / name).write_bytes(data)
    (tmp / "faire-1.yaml").write_text(BADGE.replace("IMAGE", name), "utf-8")
    read = read_badge(tmp / "faire-1.yaml", concepts=set())
    assert read.badge is None
    assert [p.code for p in read.problems] == ["image-unsafe"], read.problems
    return [p.text("en") for p in read.problems]


def _badge_yaml(name: str, data: bytes, app: App, client: TestClient, tmp: Path) -> list[str]:
    (tmp / "faire-1.yaml").write_bytes(data)
    read = read_badge(tmp / "faire-1.yaml", concepts=set())
    assert read.badge is None and [p.code for p in read.problems] == ["image-outside"]
    return [p.text("en") for p in read.problems]


def _issuer_image(name: str, data: bytes, app: App, client: TestClient,
                  tmp: Path) -> list[str]:
    mime = "image/svg+xml" if name.endswith(".svg") else "image/png"
    uri = f"data:{mime};base64,{base64.b64encode(data).decode()}"
    with pytest.raises(UnsafeImage) as refused:
        init_issuer(app.store, KeyStore(tmp / "keys"), slug="hostile", name="H",
                    urls=None, clock=app.clock, image=uri)  # type: ignore[arg-type]
    assert not (tmp / "keys").exists(), "refused before a key is made"
    return [refused.value.message]


def _verify(name: str, data: bytes, app: App, client: TestClient, tmp: Path) -> list[str]:
    report = verify_one(name, data=data, fetcher=refuse, clock=app.clock)
    assert report.verdict == "unreadable", report.to_dict()
    messages = [c.message for c in report.checks if c.status == "failed"]
    response = client.post("/api/v1/verify", files={"file": (name, data, "image/png")})
    if len(data) > 16 * 1024 * 1024:  # refused before it is read
        assert response.status_code == 413, response.text
        return [*messages, response.json()["message"]]
    assert response.status_code == 200, response.text
    assert response.json()["verdict"] == "unreadable"
    return messages


def _mapping(name: str, data: bytes, app: App, client: TestClient, tmp: Path) -> list[str]:
    path = tmp / "mapping.yaml"
    path.write_bytes(data)
    read = read_mapping(path, concepts=set())
    assert read.activities == [] and [p.code for p in read.problems] == ["unreadable"]
    assert not Path("/tmp/apprenance-pwned").exists()
    return [p.text("en") for p in read.problems]


def _territory(name: str, data: bytes, app: App, client: TestClient, tmp: Path) -> list[str]:
    path = tmp / name
    path.write_bytes(data)
    with pytest.raises(InputError) as refused:
        load_territory(app.store, path, clock=app.clock)
    return [refused.value.message]


def _framework(name: str, data: bytes, app: App, client: TestClient, tmp: Path) -> list[str]:
    path = tmp / name
    path.write_bytes(data)
    with pytest.raises(InputError) as refused:
        parse_rdf(path)
    return [refused.value.message]


def _framework_import(name: str, data: bytes, app: App, client: TestClient,
                      tmp: Path) -> list[str]:
    path = tmp / name
    path.write_bytes(data)
    report = import_frameworks(app.catalog_sources(), [path], lang=app.settings.lang)
    target = (app.home / "frameworks").resolve()
    for written in report.written:
        assert Path(written).resolve().parent == target, written
    assert not Path("/tmp/apprenance-traversal.ttl").exists()
    return []


def _ingest(name: str, data: bytes, app: App, client: TestClient, tmp: Path) -> list[str]:
    path = tmp / name
    path.write_bytes(data)
    tally = ingest_files(app.store, app.catalog(), [LogFile(path, name)], clock=app.clock,
                         lang="en")
    assert tally.accepted + tally.duplicates == MANIFEST[name]["accepted"], tally.to_dict()
    assert tally.rejected >= 1
    return [json.dumps(r, ensure_ascii=False) for r in tally.rejections]


def _upload_name(name: str, data: bytes, app: App, client: TestClient,
                 tmp: Path) -> list[str]:
    path, _ = keep_upload(tmp, data.decode("utf-8"), b"date,participant\n", None)
    assert path.parent == tmp / "uploads" and path.is_file()
    return []


def _out_name(name: str, data: bytes, app: App, client: TestClient, tmp: Path) -> list[str]:
    hostile = data.decode("utf-8")
    folder = learner_folder(tmp, 7, hostile)
    assert folder.parent == tmp and folder.name.startswith("7-")
    target = badge_file(folder, hostile, ".ob3.json")
    assert target.parent == folder and not target.name.startswith(".")
    return []


EDGES: dict[str, Any] = {
    "badge-image": _badge_image, "badge-yaml": _badge_yaml, "issuer-image": _issuer_image,
    "verify": _verify, "mapping": _mapping, "territory": _territory, "framework": _framework,
    "framework-import": _framework_import, "ingest": _ingest, "upload-name": _upload_name,
    "out-name": _out_name,
}


def test_every_edge_of_the_manifest_is_tested() -> None:
    assert {e for entry in MANIFEST.values() for e in entry["edges"]} == set(EDGES)


def test_the_bundled_artwork_passes_the_checks() -> None:
    from apprenance.bootstrap import bundled
    from apprenance.credentials.images.image_safety import check_image

    images = sorted((bundled("badges") / "images").glob("*.svg"))
    assert images
    for path in images:
        assert check_image(path.read_bytes(), where=path.name).kind == "svg"


def test_a_refusal_is_our_error_on_the_command_line(cli: Any, tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert cli("--home", home, "init").code == 0
    data = (HOSTILE / "svg-script.svg").read_bytes()
    uri = f"data:image/svg+xml;base64,{base64.b64encode(data).decode()}"
    result = cli("--home", home, "issuer", "init", "--name", "H", "--image", uri,
                 "--no-passphrase")
    assert result.code == 2 and "unsafe-image" in result.err and "script" in result.err
    shutil.copy(HOSTILE / "svg-onload.svg", tmp_path / "badge.svg")
    result = cli("--home", home, "verify", tmp_path / "badge.svg", "--json")
    assert result.code != 0
    assert "onload" in json.dumps(result.json())
    assert isinstance(ApprenanceError("x"), Exception)


def test_a_redirect_to_a_private_address_is_not_followed() -> None:
    """The verification page fetches keys and status lists from public https URLs only; a
    public URL redirecting to a private one (cloud metadata, the admin port) is not followed."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from apprenance.credentials.trust.fetchers import HttpFetcher
    from apprenance.errors import NotFound
    from apprenance.web.api_verify import _allowed

    class Redirect(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/public":
                self.send_response(302)
                self.send_header("Location", "/private")
                self.end_headers()
                return
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"secret")

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert HttpFetcher()(base + "/public") == b"secret"  # the command line follows
        with pytest.raises(NotFound, match="not following the redirect"):
            HttpFetcher(allow=lambda url: url.endswith("/public"))(base + "/public")
    finally:
        server.shutdown()
        server.server_close()
    assert not _allowed(base + "/private") and not _allowed("https://127.0.0.1/x")
    assert not _allowed("https://169.254.169.254/latest/meta-data")
