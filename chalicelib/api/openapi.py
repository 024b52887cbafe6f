"""GET /openapi.json, generated from the same pydantic models that validate requests."""
from pydantic.json_schema import models_json_schema

from .routing import ENDPOINTS

_ERROR_STATUSES = {"400": "Bad request", "401": "Not authenticated", "403": "Forbidden",
                   "404": "Not found", "409": "Conflict", "412": "Version mismatch",
                   "413": "Payload too large", "415": "Unsupported media type",
                   "422": "Validation failed", "428": "Version required", "429": "Too many requests"}


def build_document() -> dict:
    from . import responses         # the answers' models: defined for the document, not at a cold start
    answers = {ep.response: getattr(responses, ep.response) for ep in ENDPOINTS if ep.response is not None}
    models = {responses.Problem, *answers.values(), *(ep.body_model for ep in ENDPOINTS if ep.body is not None)}
    keyed = [(m, mode) for m in sorted(models, key=lambda m: m.__name__) for mode in ("validation", "serialization")]
    refs, definitions = models_json_schema(keyed, ref_template="#/components/schemas/{model}")
    paths: dict = {}
    for ep in ENDPOINTS:
        op: dict = {"summary": ep.summary, "operationId": f"{ep.method.lower()}_{ep.path.strip('/').replace('/', '_').replace('{', '').replace('}', '')}",
                    "responses": {}}
        params = [{"name": p.strip("{}"), "in": "path", "required": True, "schema": {"type": "string"}}
                  for p in ep.path.split("/") if p.startswith("{")]
        if ep.query is not None:
            schema = ep.query_model.model_json_schema()
            for name, prop in schema.get("properties", {}).items():
                params.append({"name": name, "in": "query", "required": name in schema.get("required", []),
                               "schema": prop, "description": prop.get("description", "")})
        params += [{"name": h, "in": "header", "required": False, "schema": {"type": "string"}} for h in ep.headers]
        if params:
            op["parameters"] = params
        if ep.body is not None:
            op["requestBody"] = {"required": True, "content": {"application/json": {
                "schema": refs[(ep.body_model, "validation")]}}}
        elif ep.other_bodies:
            op["requestBody"] = {"required": True, "content": {
                media: {"schema": schema} for media, schema in ep.other_bodies.items()}}
        ok: dict = {"description": "OK"}
        if ep.method == "HEAD":
            ok["description"] = "OK: the GET answer's status and headers, no body"
        elif ep.response is not None:
            ok["content"] = {"application/json": {"schema": refs[(answers[ep.response], "serialization")]}}
        elif ep.produces:
            ok["content"] = {ep.produces: {"schema": {"type": "string"}}}
        op["responses"][str(ep.status)] = ok
        for status, when in ep.also.items():
            op["responses"][str(status)] = {**ok, "description": when}
        for code, text in _ERROR_STATUSES.items():
            op["responses"][code] = {"description": text, "content": {"application/problem+json": {
                "schema": refs[(responses.Problem, "serialization")]}}}
        if ep.auth:
            op["security"] = [{"sigv4": []}]
            op["x-leadflow-permission"] = ep.action
        paths.setdefault(ep.path, {})[ep.method.lower()] = op
    return {
        "openapi": "3.1.0",
        "info": {"title": "leadflow", "version": "0.1.0",
                 "description": "Lead management for car dealers and importers (DE, AT, CH)."},
        "paths": paths,
        "components": {
            "schemas": definitions.get("$defs", {}),
            "securitySchemes": {"sigv4": {"type": "apiKey", "name": "Authorization", "in": "header",
                                          "description": "AWS Signature Version 4, service execute-api"}},
        },
    }
