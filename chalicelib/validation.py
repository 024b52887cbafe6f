"""Turn pydantic's errors into the field-level errors of our problem responses."""
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import InvalidInputError

M = TypeVar("M", bound=BaseModel)


def field_errors(exc: ValidationError) -> list[dict]:
    errors = []
    for err in exc.errors(include_url=False):
        field = ".".join(str(part) for part in err["loc"]) or (err.get("ctx") or {}).get("field")
        message = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if err["type"] == "extra_forbidden":
            message = "unknown field"
        errors.append({"field": field, "message": message, "type": err["type"]})
    return errors


def validate(model: type[M], data: Any, context: dict | None = None,
             detail: str = "the request breaks a validation rule") -> M:
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise InvalidInputError(detail, field_errors(exc)) from None
