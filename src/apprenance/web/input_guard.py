"""Refusing a NUL character at the edge (issue 21): PostgreSQL cannot store one in a text
column, so a ``%00`` in a path or query parameter, or a ``\\u0000`` in a JSON or form body, is
answered 422 with our error body before any route runs, instead of a 500 from the database.

A pure ASGI middleware: it reads the decoded path and the query string, and buffers the body
of JSON and URL-encoded form requests (which the route would read whole anyway) to look for
the character, then hands the same body on. Multipart uploads are files, where a NUL byte is
ordinary content; their file names are never stored as given (``coordination.keep_upload``).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

from fastapi.exceptions import RequestValidationError
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from apprenance.i18n import t

NUL = "\x00"
# a \u0000 escape in JSON text: preceded by an even number of backslashes (``\\u0000`` is a
# backslash followed by "u0000", not a NUL)
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
_FORM = "application/x-www-form-urlencoded"


def _is_json(content_type: str) -> bool:
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind == "application/json" or kind.endswith("+json")


def _in_pairs(text: str, where: str) -> list[str] | None:
    """The location of the first ``name=value`` pair of ``text`` holding a NUL."""
    for name, value in parse_qsl(text, keep_blank_values=True):
        if NUL in name or NUL in value:
            return [where, name.replace(NUL, "\\0")]
    return None


def nul_in_url(scope: Scope) -> list[str] | None:
    """``["path"]`` or ``["query", name]`` when the request's URL carries a NUL."""
    if NUL in scope.get("path", ""):
        return ["path"]
    query = scope.get("query_string", b"").decode("latin-1")
    return _in_pairs(query, "query") if "%00" in query or NUL in query else None


def nul_in_body(body: bytes, content_type: str) -> list[str] | None:
    """``["body"]`` (JSON) or ``["body", field]`` (form) when the body carries a NUL."""
    if _is_json(content_type):
        return ["body"] if b"\x00" in body or _JSON_NUL.search(body) else None
    if content_type.split(";", 1)[0].strip().lower() == _FORM:
        text = body.decode("latin-1")
        return _in_pairs(text, "body") if "%00" in text or NUL in text else None
    return None


async def _read_body(receive: Receive) -> tuple[bytes, list[Message]]:
    """The whole body, and the messages it came in (to hand them on unchanged)."""
    messages: list[Message] = []
    chunks: list[bytes] = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks), messages


def _replaying(messages: list[Message], receive: Receive) -> Receive:
    queue = list(messages)

    async def replay() -> Message:
        return queue.pop(0) if queue else await receive()

    return replay


class RefuseNul:
    """The middleware: ``api.add_middleware(RefuseNul)``; the refusal goes through the
    application's one error handler, so it has the same body, status mapping (400 for xAPI and
    OAuth, Imsx_StatusInfo for the OB API) and headers as every other error."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        where = nul_in_url(scope)
        if where is None and scope.get("method") in ("POST", "PUT", "PATCH", "DELETE"):
            content_type = Request(scope).headers.get("content-type", "")
            if _is_json(content_type) or content_type.lower().startswith(_FORM):
                body, messages = await _read_body(receive)
                where = nul_in_body(body, content_type)
                receive = _replaying(messages, receive)
        if where is None:
            await self.app(scope, receive, send)
            return
        await self._refuse(scope, receive, send, where)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send,
                      where: list[str]) -> None:
        api: Any = scope.get("app")
        core = getattr(getattr(api, "state", None), "apprenance", None)
        lang = core.settings.lang if core is not None else "en"
        error = RequestValidationError([{"loc": tuple(where), "type": "string_nul",
                                         "msg": t("input.nul", lang)}])
        handler = api.exception_handlers[RequestValidationError]
        response = await handler(Request(scope, receive), error)
        await response(scope, receive, send)
