"""Streaming JSON: the elements of a top-level array, the ``statements`` of an LRS
``StatementResult`` page, or a sequence of top-level objects (one per line or pretty-printed),
each with the line it starts on, without ever holding the whole file.

Values are decoded one at a time with ``json.JSONDecoder.raw_decode`` over a sliding buffer; a
value larger than ``MAX_VALUE`` characters is refused, so memory stays bounded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, NoReturn, TextIO

from apprenance.errors import JsonSyntaxError

CHUNK = 1 << 20
MAX_VALUE = 16 << 20
_WS = " \t\r\n"
TOO_MANY_DIGITS = "a number with too many digits"
_decoder = json.JSONDecoder()


class JsonStream:
    """A cursor over a JSON text read in chunks."""

    def __init__(self, text: TextIO) -> None:
        self._text = text
        self.buf = ""
        self.pos = 0
        self.line = 1
        self.eof = False

    def _fill(self) -> bool:
        if self.eof:
            return False
        chunk = self._text.read(CHUNK)
        if not chunk:
            self.eof = True
            return False
        if self.pos > CHUNK:
            self.buf = self.buf[self.pos :]
            self.pos = 0
        self.buf += chunk
        return True

    def _advance(self, to: int) -> None:
        self.line += self.buf.count("\n", self.pos, to)
        self.pos = to

    def peek(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            n = len(self.buf)
            i = self.pos
            while i < n and self.buf[i] in _WS:
                i += 1
            self._advance(i)
            if i < n:
                return self.buf[i]
            if not self._fill():
                return ""

    def expect(self, chars: str) -> str:
        char = self.peek()
        if not char or char not in chars:
            self.fail(f"expected {' or '.join(repr(c) for c in chars)}")
        self._advance(self.pos + 1)
        return char

    def value(self) -> Any:
        """Decode the value at the cursor (after white space)."""
        self.peek()
        while True:
            try:
                value, end = _decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                incomplete = exc.msg.startswith("Unterminated") or exc.pos >= len(self.buf) - 8
                if incomplete and len(self.buf) - self.pos < MAX_VALUE and self._fill():
                    continue
                if incomplete and not self.eof:
                    self.fail(f"a value longer than {MAX_VALUE // (1 << 20)} MB")
                self._advance(min(exc.pos, len(self.buf)))
                self.fail(exc.msg if not self.eof or not incomplete else "truncated JSON")
            except RecursionError:
                self.fail("nested too deeply")
            except ValueError:  # an integer longer than Python converts (4300 digits)
                self.fail(TOO_MANY_DIGITS)
            number = isinstance(value, (int, float))
            if number and end >= len(self.buf) and not self.eof and self._fill():
                continue  # a number may go on in the next chunk
            self._advance(end)
            return value

    def fail(self, message: str) -> NoReturn:
        start = self.buf.rfind("\n", 0, self.pos) + 1
        raise JsonSyntaxError(
            message, self.line, self.pos - start + 1, self.buf[self.pos : self.pos + 200]
        )


def iter_values(text: TextIO) -> Iterator[tuple[int, Any]]:
    """(line, value) for each statement-like element of the file, in order.

    Raises ``JsonSyntaxError`` where the JSON breaks; the values before it are yielded."""
    stream = JsonStream(text)
    first = stream.peek()
    if first == "[":
        yield from _array(stream)
        _end(stream)
        return
    if first != "{":
        if first == "":
            stream.fail("empty file")
        stream.fail("expected '[' or '{'")
    while stream.peek() == "{":
        yield from _object(stream)
    _end(stream)


def _end(stream: JsonStream) -> None:
    if stream.peek() != "":
        stream.fail("extra data after the end")


def _array(stream: JsonStream) -> Iterator[tuple[int, Any]]:
    stream.expect("[")
    if stream.peek() == "]":
        stream.expect("]")
        return
    while True:
        stream.peek()
        line = stream.line
        yield line, stream.value()
        if stream.expect(",]") == "]":
            return


def _object(stream: JsonStream) -> Iterator[tuple[int, Any]]:
    """One top-level object: a ``StatementResult`` (its statements are streamed) or a value."""
    stream.peek()
    line = stream.line
    stream.expect("{")
    found: dict[str, Any] = {}
    streamed = False
    if stream.peek() == "}":
        stream.expect("}")
        yield line, found
        return
    while True:
        if stream.peek() != '"':
            stream.fail("expected a property name in double quotes")
        key = stream.value()
        stream.expect(":")
        if key == "statements" and stream.peek() == "[":
            streamed = True
            yield from _array(stream)
        else:
            found[key] = stream.value()
        if stream.expect(",}") == "}":
            break
    if not streamed:
        yield line, found
