#!/usr/bin/python3
"""Converts docs/openapi.yaml to the compact JSON the server serves at /api/v1/openapi.json.

Run by the build with Debian's interpreter (python3-yaml). Converting here instead of parsing YAML in the server
keeps a YAML parser out of the server and turns a broken document into a build error instead of a runtime one.
"""
import json
import sys

import yaml


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: openapi2json.py IN.yaml OUT.json", file=sys.stderr)
        return 2
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f:
        document = yaml.safe_load(f)
    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith("3."):
        print(f"{source}: not an OpenAPI 3 document", file=sys.stderr)
        return 1
    if not isinstance(document.get("paths"), dict) or not document["paths"]:
        print(f"{source}: no paths", file=sys.stderr)
        return 1
    with open(target, "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False, separators=(",", ":"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
