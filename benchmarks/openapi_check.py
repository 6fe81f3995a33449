"""Check the JSON bodies the bot sends to Discord against Discord's OpenAPI spec.

The spec (../shared/discord-api/openapi.json, API v10, OpenAPI 3.1) is read the way its
README says Discord itself reads it: `oneOf` means "one of these formats" (checked as
`anyOf`), an `integer` field accepts a string holding an integer, and a snowflake (a digit
string) may be sent as a JSON integer. Problems are the innermost errors of a failed union,
keeping only the branches whose `type` tag fits the body, so a bad button reads as "label is
too long", not "not valid under any of the given schemas".

Used by the discord_cost benchmark and by tests/bot/test_payloads.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators

SPEC_PATH = Path(__file__).resolve().parents[2] / "shared" / "discord-api" / "openapi.json"
"""Where the spec lives next to this repository (absent: nothing can be checked)."""

_INTEGER = re.compile(r"-?[0-9]+")
_BASE = Draft202012Validator
_TYPE = _BASE.VALIDATORS["type"]


def _integer(checker: Any, instance: object) -> bool:
    """Discord takes an integer as a JSON number or as a string holding one."""
    if isinstance(instance, str):
        return _INTEGER.fullmatch(instance) is not None
    return isinstance(instance, int) and not isinstance(instance, bool)


def _type(
    validator: Any, types: Any, instance: object, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    """`type`, except that a snowflake may also be sent as a non-negative JSON integer."""
    if (
        schema.get("format") == "snowflake"
        and isinstance(instance, int)
        and not isinstance(instance, bool)
        and instance >= 0
    ):
        return
    yield from _TYPE(validator, types, instance, schema)


_Lenient = validators.extend(
    _BASE,
    validators={"oneOf": _BASE.VALIDATORS["anyOf"], "type": _type},
    type_checker=_BASE.TYPE_CHECKER.redefine("integer", _integer),
)


@dataclass(frozen=True, slots=True)
class Problem:
    """One way a request body departs from the spec."""

    method: str
    route: str  # the spec's path template, or the request path when the spec has none
    where: str  # dotted path inside the body, "(body)" for the body itself
    message: str

    def __str__(self) -> str:
        return f"{self.method} {self.route}: {self.where}: {self.message}"


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The innermost errors, from the union branches that fit the body's kind."""
    if not error.context:
        return [error]
    branches: dict[object, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    fitting = [errors for errors in branches.values() if not _wrong_kind(errors)]
    chosen = fitting or list(branches.values())
    return [leaf for errors in chosen for sub in errors for leaf in _leaves(sub)]


def _wrong_kind(errors: list[ValidationError]) -> bool:
    """A branch for another kind of value: its `type` tag differs, or the value is not even of
    the branch's JSON type (e.g. the `null` branch of a nullable field)."""
    for error in errors:
        path = list(error.relative_path)
        if path == ["type"] and error.validator in ("const", "enum", "type"):
            return True
        if not path and error.validator == "type":
            return True
    return False


class OpenApiChecker:
    """Finds the operation of a request (method + concrete path) and checks its JSON body."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self._spec = spec
        self._routes: list[tuple[int, re.Pattern[str], str]] = []
        for template in spec["paths"]:
            segments = template.strip("/").split("/")
            literals = sum(not s.startswith("{") for s in segments)
            pattern = "/".join("[^/]+" if s.startswith("{") else re.escape(s) for s in segments)
            self._routes.append((literals, re.compile(f"/{pattern}"), template))
        self._routes.sort(key=lambda route: -route[0])  # the most literal template wins
        self._validators: dict[tuple[str, str], Any] = {}

    @classmethod
    def load(cls, path: Path = SPEC_PATH) -> OpenApiChecker | None:
        """The checker for the spec at `path`, or None when the file is not there."""
        if not path.is_file():
            return None
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def route(self, method: str, path: str) -> str | None:
        """The spec's path template for a request, if the spec has that operation."""
        for _literals, pattern, template in self._routes:
            if pattern.fullmatch(path) and method.lower() in self._spec["paths"][template]:
                return template
        return None

    def problems(self, method: str, path: str, body: Any) -> list[Problem]:
        """Everything wrong with `body` as the JSON body of `method path` (empty: valid)."""
        template = self.route(method, path)
        if template is None:
            return [Problem(method, path, "(request)", "no such operation in the spec")]
        if body is None:
            return []
        validator = self._validator(method, template)
        if validator is None:
            return [Problem(method, template, "(body)", "the operation takes no JSON body")]
        found: list[Problem] = []
        for error in validator.iter_errors(body):
            for leaf in _leaves(error):
                where = ".".join(map(str, leaf.absolute_path)) or "(body)"
                found.append(Problem(method, template, where, _message(leaf)))
        return list(dict.fromkeys(found))

    def _validator(self, method: str, template: str) -> Any:
        key = (method, template)
        if key not in self._validators:
            operation = self._spec["paths"][template][method.lower()]
            content = operation.get("requestBody", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            self._validators[key] = (
                None
                if schema is None
                else _Lenient({**schema, "components": self._spec["components"]})
            )
        return self._validators[key]


def _message(error: ValidationError, limit: int = 48) -> str:
    """The error's message with an overlong offending value cut short (and its length)."""
    shown = repr(error.instance)
    message: str = error.message
    if len(shown) <= limit:
        return message
    size = f" ({len(error.instance)} long)" if isinstance(error.instance, str | list) else ""
    return message.replace(shown, f"{shown[: limit - 3]}...{size}", 1)


def check_requests(
    checker: OpenApiChecker, requests: Iterable[Any]
) -> tuple[int, int, list[Problem]]:
    """(bodies checked, bodies invalid, their problems) over SimCord HttpLogEntry records."""
    checked = invalid = 0
    problems: list[Problem] = []
    for request in requests:
        if request.json is None:
            continue
        checked += 1
        found = checker.problems(request.method, request.path, request.json)
        if found:
            invalid += 1
            problems += found
    return checked, invalid, problems
