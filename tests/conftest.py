"""Shared fixtures: real SQLite files and a real PostgreSQL database per test run,
a fixed clock, and a way to run the command line in-process."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import uuid
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from apprenance.db.store import Store

# the `store` fixture of the ingest tests, the `template` store of the bad-input corpus
pytest_plugins = ["ingest_cli", "bad_corpus"]

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PG_ADMIN_URL = os.environ.get(
    "APPRENANCE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
FIXED_NOW = datetime(2026, 9, 15, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No developer setting leaks into a test."""
    for name in list(os.environ):
        if name.startswith("APPRENANCE_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("APPRENANCE_LANG", "en")
    # tests sign for http://127.0.0.1:8000 and http://testserver; the tests of the public URL
    # rule (test_public_url.py) remove this
    monkeypatch.setenv("APPRENANCE_ALLOW_LOCAL_URL", "1")


UNIT = Path(__file__).resolve().parent / "unit"


class OutsideUnit(RuntimeError):
    """A test in tests/unit reached for a database, the network or a subprocess."""


@pytest.fixture(autouse=True)
def _unit_stays_unit(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """tests/unit runs without a database, the network or a subprocess: each is refused there."""
    if not request.node.path.is_relative_to(UNIT):
        return

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OutsideUnit(f"{request.node.nodeid} belongs in tests/integration or tests/e2e")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", refuse)
    monkeypatch.setattr(sqlite3, "connect", refuse)


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test process, dropped at the end.

    The run fails (never skips) when the server cannot be reached."""
    name = f"apprenance_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        pytest.fail(
            f"PostgreSQL is not reachable at {PG_ADMIN_URL} ({exc.orig}); start it with "
            "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`",
            pytrace=False,
        )
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with admin.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :n AND pid <> pg_backend_pid()"
            ),
            {"n": name},
        )
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


def _reset_pg(url: str) -> None:
    """Empty this process's database for the next test. Idle connections to it are ended
    first: tests run one after another in a process, so an idle one is what an earlier
    test's stores and servers left in their pools (a pool that is still used opens a new one:
    pre-ping); left open, three processes reach the server's 100 connections in a run."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
            "current_database() AND pid <> pg_backend_pid() AND state = 'idle'"))
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL, once for an SQLite file and once for PostgreSQL (emptied first)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    url: str = request.getfixturevalue("pg_server_url")
    _reset_pg(url)
    return url


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> object:
        import json

        return json.loads(self.out)


@pytest.fixture
def db_store(db_url: str) -> Iterator[Store]:
    """An initialised store on ``db_url`` (an SQLite file or PostgreSQL), disposed afterwards
    whether the test passed or not."""
    store = Store.open(db_url)
    store.init()
    yield store
    store.dispose()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``apprenance ARGS`` in-process, through the real entry point and error mapping."""
    from apprenance.cli.main import main

    def run(*args: str | Path) -> CliResult:
        capsys.readouterr()
        with pytest.raises(SystemExit) as exc:
            main([str(a) for a in args])
        captured = capsys.readouterr()
        code = exc.value.code if isinstance(exc.value.code, int) else 2
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


# How `make test` spreads the tests over its processes (pytest-xdist, `--dist loadgroup
# --no-loadscope-reorder`): each file is one group (its module fixtures built once, on one
# process), but a file of slow tests run on SQLite and on PostgreSQL is two groups, one per
# database. The groups with `minutes` tests start first, then those with `slow` or `serial`
# ones, each kind the longest of the last run first (pytest's cache), then the others: no
# long group may be left alone at the end while the other processes idle.
DATABASES = ("sqlite", "postgresql")
GROUP_SECONDS = "apprenance/group-seconds"  # pytest cache key: group -> seconds, last run
_seconds: dict[str, float] = {}


def _long(item: pytest.Item) -> bool:
    return any(item.get_closest_marker(m) is not None for m in ("slow", "serial", "minutes"))


def _rank(item: pytest.Item) -> int:
    """0 for the longest tests, 1 for the slow or serial ones, 2 for the others."""
    return 0 if item.get_closest_marker("minutes") else 1 if _long(item) else 2


def _group(item: pytest.Item) -> str:
    name = item.nodeid.split("::", 1)[0]
    callspec = getattr(item, "callspec", None)
    databases = [v for v in callspec.params.values() if v in DATABASES] if callspec else []
    return f"{name}-{databases[0]}" if _long(item) and databases else name


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test in its xdist group (read by `--dist loadgroup`)."""
    for item in items:
        item.add_marker(pytest.mark.xdist_group(_group(item)))


@pytest.hookimpl(wrapper=True)
def pytest_collection_finish(session: pytest.Session) -> Iterator[None]:
    """The groups by rank of their tests, each rank the longest of the last run first, then
    the short ones by number of tests; each group's tests in their order (every process the
    same order)."""
    cache = getattr(session.config, "cache", None)
    seconds: dict[str, float] = cache.get(GROUP_SECONDS, {}) if cache is not None else {}
    groups: dict[str, list[pytest.Item]] = {}
    for item in session.items:
        groups.setdefault(_group(item), []).append(item)
    def key(group: tuple[str, list[pytest.Item]]) -> tuple[int, float, int]:
        rank = min(map(_rank, group[1]))  # a long test's group: the number of tests says little
        return rank, -seconds.get(group[0], 0.0), -len(group[1]) if rank == 2 else 0

    ordered = sorted(groups.items(), key=key)
    session.items[:] = [item for _, group in ordered for item in group]
    return (yield)


def _controller_of_groups(config: pytest.Config) -> bool:
    return config.getoption("dist", "no") == "loadgroup" and not hasattr(config, "workerinput")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
        item: pytest.Item) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Each report names its group (sent with it from the process that ran it)."""
    report = yield
    report.test_group = _group(item)
    return report


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Each group's seconds, added up (by the process that saves them)."""
    group = getattr(report, "test_group", None)
    if isinstance(group, str):
        _seconds[group] = _seconds.get(group, 0.0) + report.duration


def pytest_sessionfinish(session: pytest.Session) -> None:
    cache = getattr(session.config, "cache", None)
    if cache is not None and _seconds and _controller_of_groups(session.config):
        cache.set(GROUP_SECONDS, {**cache.get(GROUP_SECONDS, {}), **_seconds})
