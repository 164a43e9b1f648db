"""Requests and answers checked against the register's OpenAPI file, the way the register would
read them: the operation found by method and path, its path and query parameters (no others),
the request body, and the answer's status and body for that operation.

One deviation, kept here and nowhere else: the file describes the bulk lookup's answer as one
`Folkeregisterperson`, while the register's documentation (and the register) answer
{"oppslag": [{"foedselsEllerDNummer", "folkeregisterperson"}]}. The envelope is checked against
BULK_ANSWER, each person in it against `Folkeregisterperson`; test_contract.py fails when the
file is corrected, so that this goes.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import httpx
from django.conf import settings
from openapi_schema_validator import OAS30Validator

SPEC_PATH = (
    Path(settings.BASE_DIR).parent
    / "shared"
    / "schemas"
    / "folkeregisteret"
    / "offentlig-med-hjemmel-openapi.json"
)
BULK_ANSWER = {
    "type": "object",
    "required": ["oppslag"],
    "properties": {
        "oppslag": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["foedselsEllerDNummer"],
                "properties": {
                    "foedselsEllerDNummer": {"type": "string"},
                    "folkeregisterperson": {"$ref": "#/components/schemas/Folkeregisterperson"},
                },
            },
        }
    },
}


@cache
def spec() -> dict[str, Any]:
    return json.loads(SPEC_PATH.read_text())


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    definition: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.definition["operationId"])


@cache
def _validator(schema_json: str) -> OAS30Validator:
    root = {"components": spec()["components"], "allOf": [json.loads(schema_json)]}
    return OAS30Validator(root, format_checker=OAS30Validator.FORMAT_CHECKER)


def _problems(instance: Any, schema: dict[str, Any]) -> list[str]:
    validator = _validator(json.dumps(schema, sort_keys=True))
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


def server_path() -> str:
    return str(spec()["servers"][0]["url"])


def operation_for(method: str, path: str) -> tuple[Operation, dict[str, str]]:
    """The operation and path parameters of a request path (below the server URL). A literal
    path wins over a template (…/personer/bulkoppslag over …/personer/{personidentifikator})."""
    candidates = []
    for template, item in spec()["paths"].items():
        if method.lower() not in item:
            continue
        pattern = "^" + re.sub(r"\\{(\w+)\\}", r"(?P<\1>[^/]+)", re.escape(template)) + "$"
        match = re.match(pattern, path)
        if match:
            candidates.append(
                (template.count("{"), template, item[method.lower()], match.groupdict())
            )
    if not candidates:
        raise AssertionError(f"no operation in the OpenAPI file for {method} {path}")
    _, template, definition, params = min(candidates, key=lambda c: c[0])
    return Operation(method, template, definition), params


def _typed(value: str, schema: dict[str, Any]) -> Any:
    if schema.get("type") == "integer":
        return int(value) if re.fullmatch(r"-?\d+", value) else value
    return value


def request_problems(request: httpx.Request) -> list[str]:
    path = request.url.path.removeprefix(server_path())
    operation, path_params = operation_for(request.method, path)
    problems = []
    declared = {p["name"]: p for p in operation.definition.get("parameters", [])}
    query = request.url.params
    for name in query:
        if name not in declared or declared[name]["in"] != "query":
            problems.append(f"{operation.id}: query parameter {name!r} is not described")
    for name, param in declared.items():
        schema = param.get("schema", {})
        if param["in"] == "path":
            problems += _problems(_typed(path_params[name], schema), schema)
        elif param["in"] == "query":
            values = query.get_list(name)
            if not values:
                if param.get("required"):
                    problems.append(f"{operation.id}: {name} is required")
                continue
            if schema.get("type") == "array":
                value: Any = [_typed(v, schema.get("items", {})) for v in values]
            elif len(values) > 1:
                problems.append(f"{operation.id}: {name} given more than once")
                continue
            else:
                value = _typed(values[0], schema)
            problems += [f"{operation.id} {name}: {p}" for p in _problems(value, schema)]
    body = operation.definition.get("requestBody")
    if body is not None:
        media = request.headers.get("Content-Type", "").split(";")[0]
        if media not in body["content"]:
            problems.append(f"{operation.id}: body sent as {media!r}")
        else:
            problems += _problems(json.loads(request.content), body["content"][media]["schema"])
    elif request.content:
        problems.append(f"{operation.id}: a body the operation does not take")
    return problems


def response_problems(request: httpx.Request, response: httpx.Response) -> list[str]:
    path = request.url.path.removeprefix(server_path())
    operation, _ = operation_for(request.method, path)
    described = operation.definition["responses"].get(str(response.status_code))
    if described is None:
        return [f"{operation.id}: status {response.status_code} is not described"]
    content = described.get("content")
    if not content:
        return [] if not response.content else [f"{operation.id}: a body where none is described"]
    media = response.headers.get("Content-Type", "").split(";")[0]
    schema = content.get(media, content.get("*/*", {})).get("schema")
    if schema is None:
        return [f"{operation.id}: answered as {media!r}, described as {sorted(content)}"]
    if operation.id == "hentPersoner" and response.status_code == 200:
        schema = BULK_ANSWER
    if "*/*" in content and schema.get("type") == "string":
        return _problems(response.text, schema)
    return [
        f"{operation.id} {response.status_code} {p}" for p in _problems(response.json(), schema)
    ]
