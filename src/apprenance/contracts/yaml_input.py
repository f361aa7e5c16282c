"""Reading YAML input files and validating them with pydantic, with errors that name the file,
the line and the field.

Every YAML file the project reads goes through ``parse_yaml``: one parse (libyaml's scanner
when it is installed, a composer of our own on top) that counts, while the node tree is built
and before any Python value exists, the aliases (``*name``), what they would expand to and how
deep the document nests, and refuses a "billion laughs", an anchor holding its own alias or a
small file that would expand to a huge value, naming the line and column of the alias."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.resolver import Resolver

from apprenance.errors import InputError, UnreadableInput, UnsafeYaml
from apprenance.i18n import t

M = TypeVar("M", bound=BaseModel)

MAX_ALIASES = 100  # aliases (*name) in one document
MAX_ALIAS_NODES = 100_000  # values the aliases add once expanded
MAX_ALIAS_SIZE = 1_000_000  # characters the aliases add once expanded (about their JSON size)
MAX_DEPTH = 100  # levels of nesting (libyaml stops at 1000, PyYAML recurses per level)


def _parser_class() -> type[Any]:
    """libyaml's scanner and parser (fast) when PyYAML was built with it; else PyYAML's own."""
    try:
        from yaml import cyaml

        parser: type[Any] = cyaml.CParser  # type: ignore[attr-defined]
        return parser
    except (ImportError, AttributeError):  # pragma: no cover - PyYAML without libyaml
        from yaml.parser import Parser
        from yaml.reader import Reader
        from yaml.scanner import Scanner

        class PurePython(Reader, Scanner, Parser):
            def __init__(self, stream: str) -> None:
                Reader.__init__(self, stream)
                Scanner.__init__(self)
                Parser.__init__(self)

        return PurePython


_Parser = _parser_class()
_compose: Any = Composer.compose_node


class _BoundedLoader(_Parser, SafeConstructor, Resolver):  # type: ignore[misc,valid-type]
    """The safe loader with PyYAML's composer counting as it builds the node tree."""

    get_single_node: Any = Composer.get_single_node
    compose_document: Any = Composer.compose_document
    compose_scalar_node: Any = Composer.compose_scalar_node
    compose_sequence_node: Any = Composer.compose_sequence_node
    compose_mapping_node: Any = Composer.compose_mapping_node

    def __init__(self, text: str, where: str, lang: str) -> None:
        _Parser.__init__(self, text)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.anchors: dict[str, yaml.Node] = {}
        self.where, self.lang = where, lang
        self.aliases = 0
        self.added_nodes = 0
        self.added_size = 0
        self.sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (values, characters)
        self.open: list[list[int]] = []  # for each node being built: [values, characters]

    def refuse(self, mark: Any, key: str, **values: Any) -> None:
        at = f"{self.where}:{mark.line + 1}:{mark.column + 1}" if mark is not None else self.where
        raise UnsafeYaml(f"{at}: {t(key, self.lang, **values)}")

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        if self.check_event(AliasEvent):
            event: Any = self.peek_event()
            target = self.anchors.get(str(event.anchor))
            if target is not None:
                self.count_alias(event.start_mark, target)
            node: yaml.Node = _compose(self, parent, index)
            return node
        if len(self.open) >= MAX_DEPTH:
            mark = getattr(self.peek_event(), "start_mark", None)
            self.refuse(mark, "yaml.unsafe.deep", limit=MAX_DEPTH)
        self.open.append([1, 0])
        node = _compose(self, parent, index)
        values, size = self.open.pop()
        size += len(node.value) + 1 if isinstance(node, yaml.ScalarNode) else 2
        self.sizes[id(node)] = (values, size)
        if self.open:
            self.open[-1][0] += values
            self.open[-1][1] += size
        return node

    def count_alias(self, mark: Any, target: yaml.Node) -> None:
        """One more ``*alias`` of ``target``: refused when it makes too many, when ``target``
        is still being built (its own alias) or when the expansion grows too large."""
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            self.refuse(mark, "yaml.unsafe.aliases", limit=MAX_ALIASES)
        if id(target) not in self.sizes:
            self.refuse(mark, "yaml.unsafe.recursive")
        values, size = self.sizes[id(target)]
        self.added_nodes += values
        self.added_size += size
        if self.added_nodes > MAX_ALIAS_NODES:
            self.refuse(mark, "yaml.unsafe.expansion_nodes", limit=MAX_ALIAS_NODES)
        if self.added_size > MAX_ALIAS_SIZE:
            self.refuse(mark, "yaml.unsafe.expansion_size", limit=MAX_ALIAS_SIZE)
        if self.open:
            self.open[-1][0] += values
            self.open[-1][1] += size


class _TextDatesLoader(_BoundedLoader):
    """The same, leaving dates as text (the catalog reads them itself, so that a wrong date is
    a located problem rather than a crash)."""

    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML's own class attribute
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in Resolver.yaml_implicit_resolvers.items()
    }


def read_utf8(path: Path) -> str:
    """The text of ``path`` (UTF-8, with or without BOM); ``UnreadableInput`` naming the file
    when it is missing, unreadable or not UTF-8."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UnreadableInput(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise UnreadableInput(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise UnreadableInput(f"{path}: {exc.strerror}") from None


def parse_yaml(text: str, where: str, *, lang: str = "en",
               dates_as_text: bool = False) -> tuple[Any, yaml.Node | None]:
    """The one YAML reader: the document of ``text`` and its node tree (for line numbers),
    parsed once with the safe loader. ``UnsafeYaml`` (before any value is built) for too many
    aliases, an expansion too large, an alias inside its own anchor or too deep a nesting;
    ``InputError`` with ``where:line`` for invalid YAML."""
    loader = (_TextDatesLoader if dates_as_text else _BoundedLoader)(text, where, lang)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"{where}:{mark.line + 1}" if mark is not None else where
        problem = str(getattr(exc, "problem", None) or exc)
        if "nesting depth" in problem:  # libyaml's own limit (1000 levels)
            raise UnsafeYaml(f"{at}: {t('yaml.unsafe.deep', lang, limit=MAX_DEPTH)}") from None
        raise InputError(f"{at}: {t('yaml.invalid', lang, problem=problem)}") from None
    except RecursionError:  # the pure-Python parser, on deep nesting
        raise UnsafeYaml(f"{where}: {t('yaml.unsafe.deep', lang, limit=MAX_DEPTH)}") from None
    finally:
        loader.dispose()
    return data, node


def read_yaml(path: Path, *, lang: str = "en",
              dates_as_text: bool = False) -> tuple[Any, yaml.Node | None]:
    """The parsed document of ``path`` and its node tree (for line numbers), read once."""
    return parse_yaml(read_utf8(path), str(path), lang=lang, dates_as_text=dates_as_text)


def line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the value at ``loc`` in the node tree, as near as it can be found."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if k.value == str(key)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            found = node.value[key] if 0 <= key < len(node.value) else None
        else:
            found = None
        if found is None:
            break
        node = found
        line = node.start_mark.line + 1
    return line


def format_errors(path: Path, exc: ValidationError, node: yaml.Node | None) -> list[str]:
    """One message per pydantic error: ``file:line: field: message``."""
    out = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if isinstance(p, int | str))
        line = line_of(node, loc)
        where = f"{path}:{line}" if line else str(path)
        field = ".".join(str(p) for p in loc) or "(document)"
        out.append(f"{where}: {field}: {err['msg']}")
    return out


def load_model(path: Path, model: type[M], *, lang: str = "en") -> M:
    """Read ``path`` as YAML and validate it as ``model``; raise InputError naming each problem."""
    return load_model_with_node(path, model, lang=lang)[0]


def load_model_with_node(path: Path, model: type[M], *,
                         lang: str = "en") -> tuple[M, yaml.Node | None]:
    """``load_model`` with the node tree of the file (for line numbers), parsed once."""
    data, node = read_yaml(path, lang=lang)
    try:
        return model.model_validate(data), node
    except ValidationError as exc:
        problems = format_errors(path, exc, node)
        raise InputError("\n".join(problems), details=problems) from None
