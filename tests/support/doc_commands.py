"""The ``apprenance ...`` command lines a document shows, and the command each names: what the
documentation tests check against the real command line."""

from __future__ import annotations

import re

import click

from apprenance.cli.main import cli


def commands_in(text: str) -> list[list[str]]:
    """Every ``apprenance ...`` command line of the code blocks and inline code."""
    code = re.findall(r"`([^`]+)`", text) + re.findall(r"^ {4,}(.+)$", text, re.MULTILINE)
    lines = []
    for span in code:
        for found in re.finditer(r"(?:^|[\s/])apprenance (.*)$", span):
            lines.append(found.group(1).replace("...", "").split())
    return lines


def command_named(words: list[str]) -> tuple[click.Command, list[str]]:
    """The (sub)command the words name, and the words left (arguments, options)."""
    command: click.Command = cli
    context = click.Context(cli)
    for i, word in enumerate(words):
        found = command.get_command(context, word) if isinstance(command, click.Group) else None
        if found is None:
            return command, words[i:]
        command = found
    return command, []
