"""The territory description file (``territory.yaml``): territory, villages, projects, learners."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from apprenance.domain.identifiers import normalise_identifier
from apprenance.domain.roles import parse_role
from apprenance.errors import LookAlike
from apprenance.i18n import LANG_CHOICE, t

Text = str | dict[str, str]


def text_in(value: Text | None, lang: str) -> str:
    """A bilingual text in ``lang``, falling back to French, then to any language."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("fr") or next(iter(value.values()), "")


def project_name(row: dict[str, Any], lang: str) -> str:
    """A project (a row of the store's ``projects``) named in ``lang``: the territory file's
    name in that language when it gives one (``name: {fr: ..., en: ...}``), else the French
    name the row holds (a file that gives one name gives it in French)."""
    given = (row.get("data") or {}).get("name")
    if isinstance(given, dict) and given:
        return text_in(given, lang)
    return str(row.get("name") or row.get("id") or "")


class VillageIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str = Field(min_length=1, max_length=100)
    name: str


class ProjectIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    name: Text
    description: Text | None = None
    village: str | None = None
    functions: list[str] = Field(default_factory=list)
    schemes: list[str] = Field(default_factory=list)
    start: date | None = None
    end: date | None = None


class LearnerIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    participant: str = Field(min_length=1, max_length=320)
    name: str | None = None
    role: str | None = None
    lang: str | None = Field(default=None, pattern=f"^({LANG_CHOICE})$")

    @field_validator("participant")
    @classmethod
    def _normalise(cls, value: str) -> str:
        value = value.strip()
        if not value or any(c.isspace() for c in value):
            raise ValueError("a participant is an email or a handle without spaces")
        try:  # the importers' normalisation: one person, one identifier
            return normalise_identifier(value)
        except LookAlike as exc:
            raise ValueError(t("ingest.handle.mixed_script", "en", value=value[:80],
                               part=exc.part[:80], scripts=", ".join(exc.scripts))) from None

    @field_validator("role")
    @classmethod
    def _role(cls, value: str | None) -> str | None:
        if value is None:
            return None
        role = parse_role(value)
        if role is None:
            raise ValueError("role must be one of etudiant, habitant, elu, agent")
        return role


class TerritoryFile(BaseModel):
    """What ``territory.yaml`` holds."""

    model_config = ConfigDict(extra="allow")
    id: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    name: str
    villages: list[VillageIn] = Field(default_factory=list)
    projects: list[ProjectIn] = Field(default_factory=list)
    learners: list[LearnerIn] = Field(default_factory=list)

    def extra_data(self) -> dict[str, Any]:
        """Everything besides projects and learners, kept with the territory row."""
        return self.model_dump(mode="json", exclude={"id", "name", "projects", "learners"})
