#!/usr/bin/env python3
"""Draw the seeded random sample of factual hint/guidance sentences used for
the audit figures in docs/audit.md.

  LIST_FACT_SENTENCES=1 cargo test --test it coverage_sentences::every -- --nocapture > /tmp/fs.out
  python3 tools/audit_sample.py /tmp/fs.out 18 40

The population is every English factual sentence the listing prints (the
rule is in tests/it/coverage_sentences.rs), in the listing's order (file,
question, hint before guidance); `random.Random(seed).sample` picks `n`.
"""
import random
import sys


def main(path, seed, n):
    population = []
    for line in open(path, encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if len(cols) == 5 and cols[3] == "en":
            population.append((cols[1], cols[2], cols[4]))
    print(f"# population {len(population)}, seed {seed}, sample {n}")
    for i, (q, field, text) in enumerate(random.Random(seed).sample(population, n), 1):
        print(f"{i}\t{q}\t{field}\t{text}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
