"""Recall, false alarms, span accuracy and speed of the pseudonymisation guard on our own set.

Reads `bench/data/guard_eval.jsonl` (made by `bench/guard_corpus.py`) and prints, for the dev
split, the held-out split and both together: recall per kind and overall (a labelled fragment
counts as found when a finding overlaps it), span accuracy (of the found fragments, the share
whose finding covers the whole fragment) and the false-alarm rate (benign texts with any
finding). Then the time the guard takes for a 5,000-character case text (p50/p95).

    .venv/bin/python bench/guard.py
    .venv/bin/python bench/guard.py --misses dev        # print what the dev split misses
    .venv/bin/python bench/guard.py --compare-deduce    # the same set through belgian-deduce
"""

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cano.settings.test")
DATA = Path(__file__).resolve().parent / "data" / "guard_eval.jsonl"


def load(path):
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def evaluate(rows, detect):
    """Counts per kind: labelled, found, covered; and benign texts with a false alarm."""
    labelled, found, covered = Counter(), Counter(), Counter()
    benign, alarms = 0, Counter()
    misses, false_alarms = [], []
    for row in rows:
        spans = detect(row["text"])
        if not row["spans"]:
            benign += 1
            if spans:
                alarms[row["category"]] += 1
                false_alarms.append((row, spans))
            continue
        for label in row["spans"]:
            kind = label["kind"]
            labelled[kind] += 1
            hits = [(s, e) for s, e in spans if s < label["end"] and e > label["start"]]
            if hits:
                found[kind] += 1
                if any(s <= label["start"] and e >= label["end"] for s, e in hits):
                    covered[kind] += 1
            else:
                misses.append((row, label, spans))
    return labelled, found, covered, benign, alarms, misses, false_alarms


def report(title, rows, detect):
    labelled, found, covered, benign, alarms, misses, false_alarms = evaluate(rows, detect)
    print(f"\n== {title}: {sum(labelled.values())} labelled fragments, {benign} benign texts")
    for kind in sorted(labelled):
        print(
            f"  recall {kind:<16} {found[kind] / labelled[kind]:7.1%}  ({found[kind]}/{labelled[kind]})"
        )
    total, hit = sum(labelled.values()), sum(found.values())
    print(f"  recall overall          {hit / total:7.1%}  ({hit}/{total})")
    print(f"  span accuracy           {sum(covered.values()) / max(hit, 1):7.1%}")
    print(
        f"  false alarms            {sum(alarms.values()) / max(benign, 1):7.1%}  ({sum(alarms.values())}/{benign})"
    )
    for category, count in sorted(alarms.items()):
        print(f"    {category:<20} {count}")
    return misses, false_alarms


def timing(detect, rows, repeat):
    """p50/p95 milliseconds for 5,000-character texts made of the set's own texts."""
    texts = [row["text"] for row in rows]
    samples = []
    for start in range(repeat):
        chunk, index = [], start
        while sum(map(len, chunk)) < 5000:
            chunk.append(texts[index % len(texts)])
            index += 7
        text = "\n".join(chunk)[:5000]
        began = time.perf_counter()
        detect(text)
        samples.append((time.perf_counter() - began) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def guard_detector():
    import django

    django.setup()
    from intervision.guard import lexicon, scan

    began = time.perf_counter()
    lexicon.warm_up()
    print(f"lists loaded in {(time.perf_counter() - began) * 1000:.0f} ms (once per process)")
    return lambda text: [(f.start, f.end) for f in scan(text)]


def deduce_detector():
    from belgian_deduce import Deduce

    began = time.perf_counter()
    model = Deduce()
    print(f"belgian-deduce loaded in {time.perf_counter() - began:.1f} s")
    return lambda text: [(a.start_char, a.end_char) for a in model.deidentify(text).annotations]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--misses", choices=["dev", "heldout"])
    parser.add_argument("--compare-deduce", action="store_true")
    args = parser.parse_args()
    rows = load(args.data)
    detect = deduce_detector() if args.compare_deduce else guard_detector()
    for split in ("dev", "heldout"):
        misses, false_alarms = report(split, [r for r in rows if r["split"] == split], detect)
        if args.misses == split:
            for row, label, _spans in misses:
                print("MISS", label["kind"], repr(label["fragment"]), "|", row["text"][:200])
            for row, spans in false_alarms:
                print("ALARM", row["category"], [row["text"][s:e] for s, e in spans])
    report("all", rows, detect)
    p50, p95 = timing(detect, rows, args.repeat)
    print(f"\n5,000 characters: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({args.repeat} texts)")


if __name__ == "__main__":
    main()
