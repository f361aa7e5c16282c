"""docs/operations.md and docs/privacy.md keep up with the code: the commands they show exist,
with the options they use, and the tests they cite are there."""

from __future__ import annotations

import re

import click
import pytest

from apprenance.cli.main import COMMANDS, cli
from conftest import REPO

DOCS = ("operations.md", "privacy.md")


def _commands(text: str) -> list[list[str]]:
    """Every ``apprenance ...`` command line of the code blocks and inline code."""
    code = re.findall(r"`([^`]+)`", text) + re.findall(r"^ {4,}(.+)$", text, re.MULTILINE)
    lines = []
    for span in code:
        for found in re.finditer(r"(?:^|[\s/])apprenance (.*)$", span):
            lines.append(found.group(1).replace("...", "").split())
    return lines


def _command(words: list[str]) -> tuple[click.Command, list[str]]:
    """The (sub)command the words name, and the words left (arguments, options)."""
    command: click.Command = cli
    context = click.Context(cli)
    for i, word in enumerate(words):
        found = command.get_command(context, word) if isinstance(command, click.Group) else None
        if found is None:
            return command, words[i:]
        command = found
    return command, []


@pytest.mark.parametrize("name", DOCS)
def test_the_commands_shown_exist_with_their_options(name: str) -> None:
    text = (REPO / "docs" / name).read_text(encoding="utf-8")
    shown = _commands(text)
    assert len(shown) >= 3
    for words in shown:
        assert words[0] in COMMANDS, words
        command, rest = _command(words)
        known = {o for p in command.params for o in getattr(p, "opts", [])}
        for option in (w for w in rest if w.startswith("--")):
            assert option in known, (words, option)


@pytest.mark.parametrize("name", DOCS)
def test_the_tests_cited_exist(name: str) -> None:
    text = (REPO / "docs" / name).read_text(encoding="utf-8")
    cited = set(re.findall(r"tests/[a-z_]+\.py", text))
    assert cited
    for path in cited:
        assert (REPO / path).is_file(), path
