#!/usr/bin/env python3
"""Adds or replaces keys in a module's string tables, keeping the files' order and layout.

usage: scripts/add-strings.py <Module> <json file with {"en": {...}, "zh-CN": {...}}>
"""
import collections, json, sys

module, spec = sys.argv[1], json.load(open(sys.argv[2]))
for lang, values in spec.items():
    path = f"src/Steadfast.{module}/Resources/{lang}.json"
    table = json.load(open(path), object_pairs_hook=collections.OrderedDict)
    table.update(values)
    with open(path, "w") as f:
        f.write(json.dumps(table, ensure_ascii=False, indent=1) + "\n")
