"""Check the shape of corpus files: `python3 validate.py FILE [FILE ...]`.

It checks the format of FORMAT.md only (keys, label names, unique ids); it says
nothing about whether a label is right.
"""

import json
import sys

ELEMENTS = ("interest", "skills", "concerns", "thanks", "next_steps", "contact", "ask")
FLAGS = ("pushy", "desperate", "hedging", "generic", "unsupported")
LABELS = frozenset(ELEMENTS + FLAGS)
KEYS = {"id", "author", "persona", "company", "role", "sentences", "flags"}


def problems(path):
    """Yield one message for each problem in the file at ``path``."""
    seen = set()
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield f"{where}: not JSON ({exc})"
                continue
            if not isinstance(row, dict) or set(row) != KEYS:
                yield f"{where}: keys must be exactly {sorted(KEYS)}"
                continue
            if row["id"] in seen:
                yield f"{where}: id {row['id']!r} repeats"
            seen.add(row["id"])
            yield from _row_problems(where, row)


def _row_problems(where, row):
    for key in ("id", "author", "persona", "company", "role"):
        if not isinstance(row[key], str):
            yield f"{where}: {key} must be a string"
    sentences = row["sentences"]
    if not isinstance(sentences, list) or not sentences:
        yield f"{where}: sentences must be a non-empty list"
        return
    for i, sentence in enumerate(sentences, start=1):
        yield from _sentence_problems(f"{where}: sentence {i}", sentence)
    flags = row["flags"]
    if not isinstance(flags, dict) or set(flags) != set(FLAGS):
        yield f"{where}: flags must have exactly {list(FLAGS)}"
    elif not all(isinstance(value, bool) for value in flags.values()):
        yield f"{where}: flags must be true or false"
    else:
        yield from _agreement(where, sentences, flags)


def _sentence_problems(where, sentence):
    if not isinstance(sentence, dict) or set(sentence) != {"text", "labels"}:
        yield f"{where} needs exactly text and labels"
        return
    if not isinstance(sentence["text"], str) or not sentence["text"].strip():
        yield f"{where} has no text"
    labels = sentence["labels"]
    if not isinstance(labels, list) or set(labels) - LABELS:
        yield f"{where} has unknown labels {labels}"
    elif "unsupported" in labels and "skills" not in labels:
        yield f"{where} is unsupported but not skills"


def _agreement(where, sentences, flags):
    """Statement flags that must agree with the sentence labels (GUIDE.md)."""
    labels = [set(s.get("labels") or ()) for s in sentences if isinstance(s, dict)]
    for name in ("pushy", "desperate", "unsupported"):
        if flags[name] != any(name in found for found in labels):
            yield f"{where}: flag {name} must be true exactly when a sentence has it"
    if flags["hedging"] and not any("hedging" in found for found in labels):
        yield f"{where}: flag hedging needs at least one hedging sentence"
    if flags["generic"] and not any("interest" in found for found in labels):
        yield f"{where}: flag generic needs a sentence with interest"


if __name__ == "__main__":
    found = [message for path in sys.argv[1:] for message in problems(path)]
    print("\n".join(found) if found else "ok")
    sys.exit(1 if found else 0)
