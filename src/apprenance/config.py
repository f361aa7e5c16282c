"""Settings: read once (environment and command-line flags), validated, documented in
docs/configuration.md. Only entry points (cli, web) build a ``Settings``."""

from __future__ import annotations

import locale
import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from apprenance.errors import ConfigError
from apprenance.i18n import Lang


def default_lang() -> Lang:
    """French unless the locale says English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "fr"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:  # pragma: no cover - broken locale settings
        loc = ""
    return "en" if loc.lower().startswith("en") else "fr"


class Settings(BaseSettings):
    """Every setting of apprenance, with its environment variable (prefix ``APPRENANCE_``)."""

    model_config = SettingsConfigDict(env_prefix="APPRENANCE_", extra="ignore")

    home: Path = Field(
        default=Path("apprenance-data"),
        description="Folder holding the SQLite store, the issuer keys and the outputs.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the store; default: an SQLite file in the home folder.",
    )
    catalog: Path | None = Field(
        default=None,
        description="Folder whose frameworks/, mappings/ and badges/ replace the bundled ones.",
    )
    public_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Public base URL of this instance (hosted credentials, did:web).",
    )
    allow_local_url: bool = Field(
        default=False,
        description="Sign even though the public URL is loopback (local trials only: such "
        "credentials verify nowhere else).",
    )
    lang: Lang = Field(default_factory=default_lang, description="Language of messages: fr or en.")
    key_passphrase: SecretStr | None = Field(
        default=None, description="Passphrase that encrypts the issuer's private keys at rest."
    )
    debug: bool = Field(default=False, description="Show tracebacks and debug logs.")
    smtp_host: str | None = Field(
        default=None, description="SMTP server that sends the mail (badges issued, sign-in "
        "links, invitations); unset: mail is queued, never sent.")
    smtp_port: int | None = Field(
        default=None, ge=1, le=65535,
        description="SMTP port; default 25 (none), 587 (starttls) or 465 (tls).")
    smtp_username: str | None = Field(default=None, description="SMTP login, if any.")
    smtp_password: SecretStr | None = Field(
        default=None, description="SMTP password (never logged nor shown).")
    smtp_security: Literal["none", "starttls", "tls"] = Field(
        default="starttls", description="none (plain, local relays), starttls or tls.")
    smtp_from: str | None = Field(
        default=None, description="Sender address of the mail, e.g. "
        "'Apprenance <badges@example.org>'; default: noreply@ the public URL's host.")
    smtp_reply_to: str | None = Field(default=None, description="Reply-To address, if any.")
    smtp_bounce_address: str | None = Field(
        default=None, description="Envelope sender (Return-Path) receiving delivery reports; "
        "'bounces+{id}@example.org' puts the job's id in it (VERP); default: the From "
        "address.")
    smtp_timeout: float = Field(default=30.0, gt=0, le=600,
                                description="Seconds to wait for the SMTP server.")
    mail_max_attempts: int = Field(default=8, ge=1, le=50,
                                   description="Tries of one mail before it is marked failed.")

    @field_validator("public_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @property
    def smtp_configured(self) -> bool:
        """Whether mail can be sent (an SMTP host is set)."""
        return bool(self.smtp_host)

    @property
    def sqlite_path(self) -> Path:
        return self.home / "apprenance.sqlite3"

    @property
    def effective_database_url(self) -> str:
        """The URL in force: the configured one or the SQLite file in the home folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.sqlite_path.resolve()}"


def load_settings(**overrides: object) -> Settings:
    """Build the settings from the environment, then the given overrides (flags)."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**clean)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"invalid settings: {problems}") from None
