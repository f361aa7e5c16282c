"""The docs keep up with the code: settings, error codes, commands."""

from __future__ import annotations

from apprenance.cli.main import COMMANDS
from apprenance.config import Settings
from apprenance.errors import ALL_ERRORS
from conftest import REPO
from doc_commands import command_named, commands_in


def test_every_setting_is_documented() -> None:
    doc = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`{name}`" in doc, name
        assert f"APPRENANCE_{name.upper()}" in doc, name


def test_every_error_code_is_documented() -> None:
    doc = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
    for error in ALL_ERRORS:
        assert f"| `{error.code}` | {error.exit_code} | {error.http_status} |" in doc, error


def test_every_command_is_in_the_readme_tour() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"`apprenance {name}" in readme, name


def test_the_readme_tour_commands_exist_with_their_options() -> None:
    """The tour's commands run as written: each names a command and options it has."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    tour = readme.split("## Visite rapide", 1)[1]
    shown = commands_in(tour)
    assert len(shown) >= 10
    for words in shown:
        assert words[0] in COMMANDS, words
        command, rest = command_named(words)
        known = {o for p in command.params for o in getattr(p, "opts", [])}
        assert {w for w in rest if w.startswith("--")} <= known, words


def test_the_coordinators_guide_shows_every_step_of_the_walk() -> None:
    """docs/coordinators.md shows the pictures the walk test takes, and each exists."""
    import re

    guide = (REPO / "docs" / "coordinators.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\(images/coordinators/([\w-]+\.png)\)", guide))
    walk = (REPO / "tests" / "e2e" / "test_coordinator_walk.py").read_text(encoding="utf-8")
    taken = {f"{step}.png" for step in re.findall(r'_shot\(page, db, "([\w-]+)"\)', walk)}
    assert taken and shown == taken
    assert all((REPO / "docs" / "images" / "coordinators" / name).is_file() for name in shown)


def test_the_learners_guide_shows_every_step_of_the_walk() -> None:
    """docs/learners.md shows the pictures the learner's walk test takes, and each exists."""
    import re

    guide = (REPO / "docs" / "learners.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\(images/learners/([\w-]+\.png)\)", guide))
    walk = (REPO / "tests" / "e2e" / "test_learner_walk.py").read_text(encoding="utf-8")
    taken = {f"{step}.png" for step in re.findall(r'_shot\(\w+, db, "([\w-]+)"\)', walk)}
    assert len(taken) == 7 and shown == taken
    assert all((REPO / "docs" / "images" / "learners" / name).is_file() for name in shown)
