"""schemathesis against /openapi.json: generated requests (valid and invalid) on every
operation, as an admin, a coordinator and a learner, never get a server error, every refusal
is a clear JSON error, and every answer is one the document declares: its status, its media
type, its body's schema and its headers (issue 21)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.generation import GenerationMode

from web_world import World, build_world

EXAMPLES = 12  # per operation and mode as an admin; half of it for the other roles
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance]


def clear_refusal(ctx: Any, response: Any, case: Any) -> bool | None:
    """A 4xx answer is JSON that says what went wrong (our error, Imsx_StatusInfo or OAuth)."""
    if 400 <= response.status_code < 500:
        body = response.json()
        assert isinstance(body, dict), body
        assert {"error", "imsx_codeMajor"} & set(body), body
        assert "Traceback" not in response.text
    return None


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("schema"))


def _run(operation: Any, headers: dict[str, str], mode: GenerationMode, examples: int) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=[*CHECKS, clear_refusal])

    check()


@pytest.mark.slow
# invalid input is refused (422) before any role matters: the admin run covers it
@pytest.mark.parametrize(("role", "modes"), [
    ("admin", (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)),
    ("coordinator", (GenerationMode.POSITIVE,)),
    ("learner", (GenerationMode.POSITIVE,))])
def test_every_answer_is_declared_and_none_is_a_server_error(
        world: World, role: str, modes: tuple[GenerationMode, ...]) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", world.client.app)
    headers = {**world.headers(role), "X-Experience-API-Version": "1.0.3"}
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in modes:
            try:
                _run(operation, headers, mode, EXAMPLES if role == "admin" else EXAMPLES // 2)
            except Unsatisfiable:  # no invalid input exists for an operation without input
                continue
            except Exception as exc:  # collect every operation's failure, then report
                failures.append(f"{operation.label} [{mode.value}]: {str(exc)[:800]}")
    assert operations >= 40
    assert not failures, "\n\n".join(failures)
