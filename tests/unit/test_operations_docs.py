"""docs/operations.md and docs/privacy.md keep up with the code: the commands they show exist,
with the options they use, and the tests they cite are there."""

from __future__ import annotations

import re

import pytest

from apprenance.cli.main import COMMANDS
from conftest import REPO
from doc_commands import command_named, commands_in

DOCS = ("operations.md", "privacy.md")


@pytest.mark.parametrize("name", DOCS)
def test_the_commands_shown_exist_with_their_options(name: str) -> None:
    text = (REPO / "docs" / name).read_text(encoding="utf-8")
    shown = commands_in(text)
    assert len(shown) >= 3
    for words in shown:
        assert words[0] in COMMANDS, words
        command, rest = command_named(words)
        known = {o for p in command.params for o in getattr(p, "opts", [])}
        for option in (w for w in rest if w.startswith("--")):
            assert option in known, (words, option)


@pytest.mark.parametrize("name", DOCS)
def test_the_tests_cited_exist(name: str) -> None:
    text = (REPO / "docs" / name).read_text(encoding="utf-8")
    cited = set(re.findall(r"tests/[a-z_/]+\.py", text))
    assert cited
    for path in cited:
        assert (REPO / path).is_file(), path
