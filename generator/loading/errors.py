"""Turn pydantic's validation errors into content diagnostics at the right line, with a hint."""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.diagnostics import Diagnostics, Location
from generator.loading.yaml_source import POSITIONS_KEY, Positions, YamlFile


def report_validation_error(
    error: ValidationError, source: YamlFile, root: type[BaseModel], diagnostics: Diagnostics
) -> None:
    items = error.errors(include_url=False)
    for item in items:
        if item["type"] == "missing" and _misspelt_elsewhere(item, items, root):
            continue  # "unknown key 'subtitel' - did you mean 'subtitle'?" already says it
        where, node, parent_keys = _locate(source, item["loc"], at_key=item["type"] == "extra_forbidden")
        message, hint = _explain(item, source, where, root, parent_keys)
        diagnostics.error(where, message, hint)


def _misspelt_elsewhere(missing: ErrorDetails, items: list[ErrorDetails], root: type[BaseModel]) -> bool:
    parent, name = missing["loc"][:-1], missing["loc"][-1]
    for other in items:
        if other["type"] == "extra_forbidden" and other["loc"][:-1] == parent:
            allowed = _allowed_keys(root, parent)
            if difflib.get_close_matches(str(other["loc"][-1]), allowed, n=1, cutoff=0.6) == [name]:
                return True
    return False


def _locate(source: YamlFile, loc: tuple, at_key: bool = False) -> tuple[Location, Any, list[str]]:
    """Follow pydantic's error path through the raw data to the best source position.

    Parts that are not in the data (union tags, a missing key) are skipped, so the position
    falls back to the closest mapping that exists.
    """
    node: Any = source.data
    where = Location(source.display, 1, 1)
    if isinstance(node, dict):
        where = node[POSITIONS_KEY].at
    keys_on_path: list[str] = []
    for part in loc:
        if isinstance(node, dict):
            positions: Positions = node[POSITIONS_KEY]
            if isinstance(part, int):  # an {id: ...} mapping the model reads as a list
                keys = [k for k in node if k != POSITIONS_KEY]
                if part >= len(keys):
                    break
                part = keys[part]
            if part in node:
                where = positions.keys[part] if at_key and _is_last(loc, part) else positions.of(part)
                node = node[part]
                keys_on_path.append(str(part))
            else:
                keys_on_path.append(str(part))
        elif isinstance(node, (list, tuple)) and isinstance(part, int) and part < len(node):
            node = node[part]
            if isinstance(node, dict):
                where = node[POSITIONS_KEY].at
            else:
                where = _item_location(source, loc, part) or where
            keys_on_path.append(str(part))
    return where, node, keys_on_path


def _is_last(loc: tuple, part: Any) -> bool:
    return bool(loc) and loc[-1] == part


def _item_location(source: YamlFile, loc: tuple, index: int) -> Location | None:
    """Position of a list item of scalars: its parent mapping records every item."""
    node: Any = source.data
    owner, key = None, None
    for part in loc:
        if isinstance(node, dict) and part in node:
            owner, key = node, part
            node = node[part]
        elif isinstance(node, (list, tuple)) and isinstance(part, int) and part < len(node):
            if part == index and owner is not None and not isinstance(node[part], dict):
                return owner[POSITIONS_KEY].of(key, index)
            node = node[part]
    return None


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, (list, tuple)):
        return "a list"
    if value is None:
        return "nothing (an empty value)"
    return f"text ('{value}')"


def _explain(
    item: ErrorDetails, source: YamlFile, where: Location, root: type[BaseModel], path: list[str]
) -> tuple[str, str]:
    kind, loc, value = item["type"], item["loc"], item.get("input")
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "missing":
        return f"missing required field '{field}'", f"add '{field}:' to this mapping"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(root, loc[:-1])
        close = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
        hint = (
            f"did you mean '{close[0]}'?"
            if close
            else ("allowed keys here: " + ", ".join(allowed) if allowed else "remove it")
        )
        return f"unknown key '{field}'", hint
    if kind == "string_type":
        token = source.token_at(where) or str(value)
        if isinstance(value, (int, float, bool, dt.date)):
            return (
                f"'{field}' must be text, but YAML read {_describe(value)}",
                f'put it in quotes: {field}: "{token.strip(chr(34))}"',
            )
        return f"'{field}' must be text, not {_describe(value)}", "write the text on the same line after the key"
    if kind == "bool_type":
        return f"'{field}' must be true or false, not {_describe(value)}", "write true or false (without quotes)"
    if kind == "literal_error":
        expected = item.get("ctx", {}).get("expected", "")
        return f"'{value}' is not allowed for '{field}'", f"use one of: {expected}"
    if kind == "string_pattern_mismatch":
        pattern = str(item.get("ctx", {}).get("pattern", ""))
        if "#" in pattern:
            return f"'{value}' is not a colour", 'write a colour as #RRGGBB, e.g. "#1F4E79" (in quotes)'
        if "a-z]{2,3}" in pattern:
            return f"'{value}' is not a language code", "use a lowercase ISO 639 code such as nb, nn or en"
        if "[A-Z][a-z]{3}" in pattern:
            return (
                f"'{value}' is not a script code",
                "use an ISO 15924 code: a capital and three small letters, e.g. Arab, Cyrl, Ethi or Latn",
            )
        return (f"'{value}' is not a valid id", "use lowercase letters, digits and single hyphens, e.g. night-splint")
    if kind == "string_too_short":
        return f"'{field}' must not be empty", "write the text, or remove the key if it is optional"
    if kind == "too_short":
        return f"'{field}' needs at least one item", "add an item on a new line starting with '- '"
    if kind in ("tuple_type", "list_type"):
        return (
            f"'{field}' must be a list, not {_describe(value)}",
            "write each item on its own line starting with '- '",
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (
            f"'{field or 'this'}' must be a mapping (key: value lines), not {_describe(value)}",
            "indent the keys that belong to it under it",
        )
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return f"'{field}' must be a date, not {_describe(value)}", "write a date as YYYY-MM-DD, e.g. 2026-11-25"
    if kind == "block_kind":
        return item["msg"], "start the block with '- p:', '- list:', '- figure:' or '- table:'"
    return f"'{field}': {item['msg']}", ""


def _allowed_keys(root: type[BaseModel], loc: Iterable[Any]) -> list[str]:
    """The keys the model accepts at ``loc``, found by walking the model's type annotations."""
    current: Any = root
    for part in loc:
        model = _model_in(current, part)
        if model is None:
            return []
        if isinstance(part, int):
            current = model
            continue
        if issubclass(model, BaseModel):
            field = next((f for name, f in model.model_fields.items() if (f.alias or name) == part), None)
            if field is None:
                current = model  # a union tag or similar: stay
                continue
            current = field.annotation
    model = _model_in(current, None)
    if model is None or not issubclass(model, BaseModel):
        return []
    return [f.alias or name for name, f in model.model_fields.items() if name != "at"]


def _model_in(annotation: Any, tag: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as ``tuple[Block, ...] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        meta = args[1:]
        for m in meta:
            if getattr(m, "tag", None) is not None and tag is not None and m.tag != tag:
                return None
        return _model_in(args[0], tag)
    candidates = [m for a in args if (m := _model_in(a, tag)) is not None]
    if origin in (typing.Union, types.UnionType) and tag is not None:
        tagged = [m for a in args if (m := _model_in(a, tag)) is not None and _tag_of(a) == tag]
        if tagged:
            return tagged[0]
    return candidates[0] if candidates else None


def _tag_of(annotation: Any) -> Any:
    if typing.get_origin(annotation) is typing.Annotated:
        for m in typing.get_args(annotation)[1:]:
            if getattr(m, "tag", None) is not None:
                return m.tag
    return None
