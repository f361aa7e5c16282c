"""State shared by the subcommands: settings and the ``App`` built from them, and output."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Any

import click

from apprenance.bootstrap import App
from apprenance.config import Settings, load_settings


@dataclass
class CliState:
    overrides: dict[str, Any]
    _app: App | None = field(default=None, init=False)

    @property
    def settings(self) -> Settings:
        return self.app.settings

    @property
    def app(self) -> App:
        if self._app is None:
            self._app = App(load_settings(**self.overrides))
        return self._app

    @property
    def lang(self) -> str:
        return self.settings.lang

    def close(self) -> None:
        if self._app is not None:
            self._app.close()


pass_state = click.make_pass_decorator(CliState)

json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print exactly one JSON document on stdout."
)


def emit_json(document: Any) -> None:
    """Print ``document`` as the one JSON document of this command."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, default=str))
    sys.stdout.write("\n")


def say(message: str) -> None:
    """Human output (stdout)."""
    click.echo(message)
