#!/usr/bin/env python3
"""Writes the copy of an official spec that the conformance run tests against: the spec itself, with

1. external `$ref`s to the Catalogi API on GitHub pointed at the local catalogi spec (no network in CI);
2. the deviations we keep on purpose, each one the behaviour of Open Zaak, declared so that schemathesis
   reports everything else:
   - 404 on every operation: DRF's "Ongeldige pagina." for a page past the end of a list, HEAD of an unknown
     uuid, and the nested collections (`zaken/{uuid}/...`) of a zaak that does not exist;
   - 400 on details that take `expand`: an `expand` path that is not allowed (the spec's text says 404).

    patch_spec.py <spec.yaml> <specs folder> <out.yaml>
"""
import sys
import yaml

source, specs, target = sys.argv[1:]
spec = yaml.safe_load(open(source))
catalogi = "file://%s/catalogi-1.3.1.yaml" % specs


def fix_refs(node):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("https://") and "catalogi-api" in ref:
            node["$ref"] = catalogi + "#" + ref.split("#", 1)[1]
        for value in node.values():
            fix_refs(value)
    elif isinstance(node, list):
        for value in node:
            fix_refs(value)


fix_refs(spec)
schemas = spec.get("components", {}).get("schemas", {})
error = {"$ref": "#/components/schemas/Fout"} if "Fout" in schemas else {"type": "object"}
validation = {"$ref": "#/components/schemas/ValidatieFout"} if "ValidatieFout" in schemas else {"type": "object"}
for path, operations in spec.get("paths", {}).items():
    for method, operation in operations.items():
        if not isinstance(operation, dict) or "responses" not in operation:
            continue
        responses = operation["responses"]
        if "404" not in responses:
            responses["404"] = {"description": "Not found (known deviation, see scripts/conformance/patch_spec.py)",
                                "content": {"application/problem+json": {"schema": error}}}
        names = [p.get("name") for p in operation.get("parameters", []) if isinstance(p, dict)]
        if "expand" in names and "400" not in responses:
            responses["400"] = {"description": "Invalid expand (known deviation)",
                                "content": {"application/problem+json": {"schema": validation}}}
yaml.safe_dump(spec, open(target, "w"), sort_keys=False, allow_unicode=True)
