"""Composition root: from ``Settings`` to the store, the catalog, the issuer keys, the hosted
URLs and the clock.

The command line and the HTTP API both build one ``App`` and hand its parts to the services
(which never see ``App``: they take a store, a catalog, ``KeyStore``, ``HostedUrls``, the
catalog's ``Sources`` or an ``Instance``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from apprenance.clock import Clock, system_clock
from apprenance.config import Settings
from apprenance.db.store import Store

if TYPE_CHECKING:  # imported when used: the command line's --help stays fast
    from apprenance.credentials.trust.keys import KeyStore
    from apprenance.credentials.verify.inputs import HostedUrls
    from apprenance.domain.catalog import Catalog
    from apprenance.services.catalog import Sources
    from apprenance.services.mail.transport import SmtpConfig
    from apprenance.services.store import Instance

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

    def catalog_sources(self) -> Sources:
        """Where the catalog comes from: the bundled (or ``--catalog``) folders, plus the
        frameworks imported into the home folder (which also holds the parse cache)."""
        from apprenance.services.catalog import Sources

        return Sources(
            frameworks_dirs=[self.catalog_dir("frameworks"), self.home / "frameworks"],
            mappings_dir=self.catalog_dir("mappings"),
            badges_dir=self.catalog_dir("badges"),
            home=self.home,
        )

    def catalog(self) -> Catalog:
        """The catalog in force; raises ``CatalogError`` listing every error. Loaded once per
        process while its files stay unchanged (a server sees an edited badge file)."""
        from apprenance.services.catalog import catalog_in_force

        return catalog_in_force(self.catalog_sources())

    @cached_property
    def keys(self) -> KeyStore:
        """The issuers' keys in the home folder, decrypted (and new ones encrypted) with
        ``APPRENANCE_KEY_PASSPHRASE`` when it is set; never asks (the command line builds its
        own, which may ask on a terminal)."""
        from apprenance.credentials.trust.keys import KeyStore

        secret = self.settings.key_passphrase
        return KeyStore(self.home / "keys", secret.get_secret_value() if secret else None)

    @cached_property
    def urls(self) -> HostedUrls:
        """The stable public URL of every hosted document (``APPRENANCE_PUBLIC_URL``)."""
        from apprenance.credentials.verify.inputs import HostedUrls

        return HostedUrls(self.settings.public_url)

    def smtp(self) -> SmtpConfig | None:
        """How mail is sent (``APPRENANCE_SMTP_*``), or None when no SMTP host is set."""
        from urllib.parse import urlsplit

        from apprenance.services.mail.transport import SmtpConfig

        s = self.settings
        if not s.smtp_host:
            return None
        host = urlsplit(s.public_url).hostname or "localhost"
        return SmtpConfig(
            host=s.smtp_host, port=s.smtp_port, username=s.smtp_username,
            password=s.smtp_password.get_secret_value() if s.smtp_password else None,
            security=s.smtp_security, sender=s.smtp_from or f"apprenance <noreply@{host}>",
            reply_to=s.smtp_reply_to, bounce_address=s.smtp_bounce_address,
            timeout=s.smtp_timeout, max_attempts=s.mail_max_attempts)

    def instance(self) -> Instance:
        """The parts handed whole to a use case that needs most of them (the demo)."""
        from apprenance.services.store import Instance

        return Instance(open_store=lambda: self.store, home=self.home, clock=self.clock,
                        lang=self.settings.lang, public_url=self.settings.public_url,
                        keys=self.keys, urls=self.urls, catalog=self.catalog)

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.dispose()
