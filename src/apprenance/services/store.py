"""Creating and upgrading the store, and preparing the home folder."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from typing import Any

from apprenance.bootstrap import App
from apprenance.errors import ConfigError


@dataclass(frozen=True)
class InitReport:
    url: str
    dialect: str
    before: str | None
    after: str
    home: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def prepare_home(app: App) -> None:
    """Create the home folder, private to its owner (it will hold keys)."""
    try:
        app.home.mkdir(parents=True, exist_ok=True)
        os.chmod(app.home, 0o700)
    except OSError as exc:
        raise ConfigError(f"cannot use the home folder {app.home}: {exc.strerror}") from None


def init_store(app: App) -> InitReport:
    """Create the store or bring it to the newest schema; running it again changes nothing."""
    prepare_home(app)
    before, after = app.store.init()
    return InitReport(
        url=app.store.url, dialect=app.store.dialect, before=before, after=after,
        home=str(app.home.resolve()),
    )
