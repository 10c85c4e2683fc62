"""Open311 GeoReport v2's two formats: the same data as JSON or as the specification's XML."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree as ET

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

JSON = "json"
XML = "xml"
FORMATS = (JSON, XML)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _element(parent: ET.Element, name: str, value: Any, item_names: Mapping[str, str]) -> None:
    node = ET.SubElement(parent, name)
    if value is None:
        return
    if isinstance(value, Mapping):
        for key, inner in value.items():
            _element(node, key, inner, item_names)
    elif isinstance(value, Sequence) and not isinstance(value, str):
        for inner in value:
            _element(node, item_names.get(name, "value"), inner, item_names)
    else:
        node.text = _text(value)


def render_xml(root: str, item: str, rows: Sequence[Any], item_names: Mapping[str, str]) -> bytes:
    """`<root><item>…</item>…</root>`: lists of services, requests, errors."""
    top = ET.Element(root)
    for row in rows:
        if isinstance(row, Mapping):
            node = ET.SubElement(top, item)
            for key, value in row.items():
                _element(node, key, value, item_names)
        else:
            _element(top, item, row, item_names)
    body: bytes = ET.tostring(top, encoding="utf-8", xml_declaration=True)
    return body


def render_xml_object(root: str, row: Mapping[str, Any], item_names: Mapping[str, str]) -> bytes:
    top = ET.Element(root)
    for key, value in row.items():
        _element(top, key, value, item_names)
    body: bytes = ET.tostring(top, encoding="utf-8", xml_declaration=True)
    return body


def respond(
    fmt: str,
    data: Any,
    *,
    root: str,
    item: str,
    status: int = 200,
    item_names: Mapping[str, str] | None = None,
    single: bool = False,
) -> HttpResponse:
    names = item_names or {}
    if fmt == XML:
        body = (
            render_xml_object(root, data, names) if single else render_xml(root, item, data, names)
        )
        return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
    return HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False),
        status=status,
        content_type="application/json; charset=utf-8",
    )


def errors(fmt: str, status: int, description: str) -> HttpResponse:
    """The specification's error body: a list of {code, description}."""
    return respond(
        fmt,
        [{"code": status, "description": description}],
        root="errors",
        item="error",
        status=status,
    )
