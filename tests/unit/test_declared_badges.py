"""Declared badges (catalog kind ``declared``, issue 18): they earn no credits, and their
Achievement says they were declared (OB 3.0 ``achievementType``)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from apprenance.contracts.catalog import BadgeIn

TEXT = {"fr": "Engagement bénévole", "en": "Volunteering"}
RULE = {"measure": "count", "min": 1}


def test_a_declared_badge_with_credits_is_refused_naming_ects() -> None:
    with pytest.raises(ValidationError, match="never counted toward ECTS"):
        BadgeIn(id="benevole", kind="declared", name=TEXT, description=TEXT, criteria=TEXT,
                credits={"ects": 2}, rule=RULE)


def test_a_declared_badge_without_credits_is_a_declared_kind() -> None:
    badge = BadgeIn(id="benevole", kind="declared", name=TEXT, description=TEXT,
                    criteria=TEXT, rule=RULE)
    assert badge.badge_kind == "declared"
