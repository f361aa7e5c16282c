"""Issue 12: the issuer key is encrypted at rest by default. ``issuer init`` (and ``issuer
rotate``) encrypt the new private key with ``APPRENANCE_KEY_PASSPHRASE``, or with a passphrase
typed twice on a terminal; without either they refuse, unless ``--no-passphrase`` is given
(then a warning says the key is unencrypted). An encrypted key is opened with the variable or,
on a terminal, with the passphrase asked once; a wrong one is a clear error, never a
traceback. ``serve`` checks the keys open before it starts. Key files stay mode 0600."""

from __future__ import annotations

import json
import os
import pty
import select
import stat
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from apprenance.bootstrap import App
from apprenance.config import load_settings
from apprenance.credentials.trust.keys import KeyStore
from builders import add_activity
from conftest import FIXED_NOW, CliResult

APPRENANCE = str(Path(sys.executable).parent / "apprenance")
PASSPHRASE = "Brebis du Larzac, 2026 !"


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", FIXED_NOW.isoformat())


def _awards(cli: Callable[..., CliResult], home: Path) -> None:
    assert cli("--home", home, "init").code == 0
    app = App(load_settings(home=home))
    catalog = app.catalog()
    for day in range(1, 6):
        add_activity(app.store, catalog, participant="lea@x.org", day=date(2025, 3, day),
                     hours=4, kind="chantier-participatif")
    app.close()
    assert cli("--home", home, "evaluate").code == 0


def _pems(home: Path) -> list[Path]:
    return sorted((home / "keys").rglob("*.pem")) if (home / "keys").exists() else []


def _no_traceback(result: CliResult) -> None:
    assert "Traceback" not in result.err and "Traceback" not in result.out


def test_a_key_made_with_the_passphrase_is_encrypted_and_signs(
        cli: Callable[..., CliResult], home: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _awards(cli, home)
    monkeypatch.setenv("APPRENANCE_KEY_PASSPHRASE", PASSPHRASE)
    made = cli("--home", home, "issuer", "init", "--name", "Val de Serre",
               "--email", "contact@val-de-serre.example.org")
    assert made.code == 0, made.err
    assert "UNENCRYPTED" not in made.err
    [pem] = _pems(home)
    assert pem.read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert stat.S_IMODE(pem.stat().st_mode) == 0o600
    out = tmp_path / "out"
    issued = cli("--home", home, "issue", "--out", out, "--json")
    assert issued.code == 0, issued.err
    resolve = tmp_path / "resolve.json"
    resolve.write_text(json.dumps({"http://127.0.0.1:8000/": str(out / "public")}),
                       encoding="utf-8")
    checked = cli("--home", home, "verify", "--resolve", resolve, *sorted(out.rglob("*.ob3.*")))
    assert checked.code == 0, checked.out[-2000:]

    monkeypatch.setenv("APPRENANCE_KEY_PASSPHRASE", "not the passphrase")
    wrong = cli("--home", home, "clr", "lea@x.org", "--out", tmp_path / "clr.json")
    assert wrong.code == 2 and "[signing]" in wrong.err and "wrong passphrase" in wrong.err
    _no_traceback(wrong)
    monkeypatch.delenv("APPRENANCE_KEY_PASSPHRASE")
    locked = cli("--home", home, "clr", "lea@x.org", "--out", tmp_path / "clr.json")
    assert locked.code == 2 and "APPRENANCE_KEY_PASSPHRASE" in locked.err, locked.err
    _no_traceback(locked)
    assert not (tmp_path / "clr.json").exists()
    # a new key is encrypted too, and the wrong passphrase cannot make one
    refused = cli("--home", home, "issuer", "rotate")
    assert refused.code == 2 and "--no-passphrase" in refused.err
    monkeypatch.setenv("APPRENANCE_KEY_PASSPHRASE", PASSPHRASE)
    assert cli("--home", home, "issuer", "rotate").code == 0
    assert all(p.read_bytes().startswith(b"-----BEGIN ENCRYPTED") for p in _pems(home))
    assert len(_pems(home)) == 2


def test_without_a_passphrase_issuer_init_refuses_unless_told_no_passphrase(
        cli: Callable[..., CliResult], home: Path) -> None:
    assert cli("--home", home, "init").code == 0
    refused = cli("--home", home, "issuer", "init", "--name", "Val de Serre")
    assert refused.code == 2, refused.err
    assert "[config]" in refused.err and "APPRENANCE_KEY_PASSPHRASE" in refused.err
    assert "--no-passphrase" in refused.err
    _no_traceback(refused)
    assert _pems(home) == []
    listed = cli("--home", home, "issuer", "list", "--json")
    assert listed.json() == []
    french = cli("--home", home, "--lang", "fr", "issuer", "init", "--name", "Val de Serre")
    assert french.code == 2 and "Clé privée non écrite" in french.err

    plain = cli("--home", home, "issuer", "init", "--name", "Val de Serre", "--no-passphrase")
    assert plain.code == 0, plain.err
    assert "UNENCRYPTED" in plain.err and "APPRENANCE_KEY_PASSPHRASE" in plain.err
    [pem] = _pems(home)
    assert pem.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert stat.S_IMODE(pem.stat().st_mode) == 0o600
    assert KeyStore(home / "keys").current("collectif").kid == pem.stem


def _on_terminal(args: list[str], home: Path, answers: list[str]) -> tuple[int, str]:
    """Run ``apprenance --home HOME ARGS`` on a pseudo-terminal (its controlling terminal),
    typing each answer once its prompt (a line ending in ': ') shows."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPRENANCE_")}
    env.update(APPRENANCE_LANG="en", APPRENANCE_FAKE_NOW=FIXED_NOW.isoformat(),
               APPRENANCE_ALLOW_LOCAL_URL="1")
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execve(APPRENANCE, [APPRENANCE, "--home", str(home), *args], env)
    seen, typed = b"", 0
    deadline = time.monotonic() + 300  # a safety net, not a timing assertion
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        if typed < len(answers) and seen.rstrip(b" ").endswith(b":"):
            os.write(fd, answers[typed].encode("utf-8") + b"\r")
            typed += 1
            seen += b"\n"
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), seen.decode("utf-8", "replace")


@pytest.mark.slow
def test_on_a_terminal_the_passphrase_is_asked(
        cli: Callable[..., CliResult], home: Path, tmp_path: Path) -> None:
    _awards(cli, home)
    code, shown = _on_terminal(["issuer", "init", "--name", "Val de Serre"], home,
                               [PASSPHRASE, PASSPHRASE])
    assert code == 0, shown
    assert "Passphrase to encrypt the private key with" in shown and PASSPHRASE not in shown
    [pem] = _pems(home)
    assert pem.read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert KeyStore(home / "keys", PASSPHRASE).current("collectif").kid == pem.stem

    out = tmp_path / "out"
    code, shown = _on_terminal(["issue", "--out", str(out)], home, [PASSPHRASE])
    assert code == 0, shown
    assert "Passphrase of the issuer keys" in shown and list(out.rglob("*.ob3.json"))
    code, shown = _on_terminal(["clr", "lea@x.org", "--out", str(tmp_path / "c.json")], home,
                               ["wrong"])
    assert code == 2 and "wrong passphrase" in shown and "Traceback" not in shown


def test_serve_refuses_to_start_with_keys_it_cannot_open(
        cli: Callable[..., CliResult], home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("--home", home, "init").code == 0
    monkeypatch.setenv("APPRENANCE_KEY_PASSPHRASE", PASSPHRASE)
    assert cli("--home", home, "issuer", "init", "--name", "Val de Serre").code == 0
    monkeypatch.setenv("APPRENANCE_KEY_PASSPHRASE", "not it")
    wrong = cli("--home", home, "serve", "--port", "9")  # fails before it listens
    assert wrong.code == 2 and "wrong passphrase" in wrong.err
    monkeypatch.delenv("APPRENANCE_KEY_PASSPHRASE")
    locked = cli("--home", home, "serve", "--port", "9")
    assert locked.code == 2 and "APPRENANCE_KEY_PASSPHRASE" in locked.err
