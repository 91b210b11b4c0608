#!/usr/bin/env python3
"""Splits a blind batch into train and validation parts, verbatim, without printing any of it.

usage: split-batch.py BATCH.jsonl

Lines whose 1-based position in the file is divisible by 3 go to validation/<batch>.jsonl, the others to
train/<batch>.jsonl (blank lines keep their position but are not copied). Prints only the counts.
"""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
source = sys.argv[1]
name = os.path.basename(source)
counts = {"train": 0, "validation": 0}
with open(source, "rb") as f, \
        open(os.path.join(here, "train", name), "wb") as train, \
        open(os.path.join(here, "validation", name), "wb") as validation:
    for position, line in enumerate(f, start=1):
        if not line.strip():
            continue
        part = "validation" if position % 3 == 0 else "train"
        (validation if part == "validation" else train).write(line if line.endswith(b"\n") else line + b"\n")
        counts[part] += 1
print(f"{name}: train {counts['train']}, validation {counts['validation']}")
