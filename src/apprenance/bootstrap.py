"""Composition root: from ``Settings`` to the store, the catalog folders and the clock.

The command line and the HTTP API both build one ``App`` and hand its parts to the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from apprenance.clock import Clock, system_clock
from apprenance.config import Settings
from apprenance.db.store import Store

BUNDLED_DATA = Path(__file__).with_name("data")


def bundled(name: str) -> Path:
    """A folder shipped with apprenance: frameworks, badges, examples."""
    return BUNDLED_DATA / name


@dataclass
class App:
    """The collaborators the services need, built once from the settings."""

    settings: Settings
    clock: Clock = field(default=system_clock)

    @cached_property
    def store(self) -> Store:
        """The store, opened (not checked: ``init`` creates it, other jobs call ``check``)."""
        return Store.open(self.settings.effective_database_url)

    def ready_store(self) -> Store:
        """The store, checked to be reachable and at the current schema."""
        self.store.check()
        return self.store

    def catalog_dir(self, kind: str) -> Path:
        """Where the ``kind`` files come from (frameworks, mappings or badges).

        A folder given with ``--catalog`` replaces each bundled subfolder it holds."""
        custom = self.settings.catalog
        if custom is not None and (custom / kind).is_dir():
            return custom / kind
        if kind == "mappings":
            return bundled("frameworks") / "mappings"
        return bundled(kind)

    @property
    def home(self) -> Path:
        return self.settings.home

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.dispose()
