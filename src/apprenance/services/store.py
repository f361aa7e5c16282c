"""Creating and upgrading the store, preparing the home folder, and ``Instance``: the parts of
an instance as the composition root (``bootstrap.App``) hands them to a use case."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from apprenance.clock import Clock
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.db.store import Store
from apprenance.domain.catalog import Catalog
from apprenance.errors import ConfigError


@dataclass(frozen=True)
class Instance:
    """An instance's parts, built once by ``bootstrap.App.instance()``: its store (opened when
    first asked, after ``init_store`` has prepared the home folder an SQLite file lives in),
    home folder, clock, language, public URL, issuer keys, hosted URLs and the catalog in force
    (a function: the catalog is read again when its files change)."""

    open_store: Callable[[], Store]
    home: Path
    clock: Clock
    lang: str
    public_url: str
    keys: KeyStore
    urls: HostedUrls
    catalog: Callable[[], Catalog]

    @property
    def store(self) -> Store:
        return self.open_store()


@dataclass(frozen=True)
class InitReport:
    url: str
    dialect: str
    before: str | None
    after: str
    home: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def prepare_home(home: Path) -> None:
    """Create the home folder, private to its owner (it will hold keys)."""
    try:
        home.mkdir(parents=True, exist_ok=True)
        os.chmod(home, 0o700)
    except OSError as exc:
        raise ConfigError(f"cannot use the home folder {home}: {exc.strerror}") from None


def init_store(home: Path, open_store: Callable[[], Store]) -> InitReport:
    """Create the store or bring it to the newest schema; running it again changes nothing.
    ``open_store`` is called once the home folder is ready (an SQLite file lives in it)."""
    prepare_home(home)
    store = open_store()
    before, after = store.init()
    return InitReport(
        url=store.url, dialect=store.dialect, before=before, after=after,
        home=str(home.resolve()),
    )
