#!/usr/bin/env python3
"""Propose a row of docs/facts.toml for every factual hint/guidance sentence
that has none yet: the report sentence nearest to it in the section it cites.

A proposal is only a starting point: each one was read against the report
text and corrected by hand before it went into docs/facts.toml (the test
`coverage::every_fact_quote_occurs_in_its_section` checks every quote).

Usage:
  LIST_FACT_SENTENCES=1 cargo test --test it coverage_sentences::every -- --nocapture > /tmp/fs.out
  python3 tools/fact_candidates.py /tmp/fs.out > /tmp/proposals.toml
"""
import re
import sys
from collections import defaultdict

STOP = set("""deze dit dat die een het de van voor naar over onder met zijn werd werden
worden wordt heeft hebben had hadden kan kon konden niet ook maar door bij tot als
volgens zich wel nog meer dan zoals waar wanneer welke vraag ambtsbericht rapport""".split())


def runs(s):
    return [r.replace(".", "").replace(",", "") for r in re.findall(r"\d[\d.,]*\d|\d", s)]


def words(s):
    return {w for w in re.findall(r"[a-zà-ÿ]{4,}", s.lower()) if w not in STOP}


def split_nl(text):
    parts = re.split(r"(?<=[.?!])\s+(?=[A-Z(‘“])", text)
    return [p.strip() for p in parts if p.strip()]


def main(path):
    missing, nl, sections, sources = [], defaultdict(list), {}, {}
    for line in open(path, encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if cols[0] == "SECTION":
            sections[cols[1]] = cols[2]
        elif cols[0] == "SOURCES":
            sources[cols[1]] = cols[2].split()
        elif len(cols) == 5 and cols[3] == "nl":
            nl[(cols[1], cols[2])].append(cols[4])
        elif len(cols) == 5 and cols[0] == "MISSING":
            missing.append((cols[1], cols[2], cols[4]))
    for qid, field, en in missing:
        en_runs = set(runs(en))
        cands = nl.get((qid, field), [])
        best_nl = max(cands, key=lambda s: len(en_runs & set(runs(s))) - 0.01 * abs(len(s) - len(en)), default="")
        cited = re.findall(r"\((\d+(?:\.\d+)*)(?:/p\d+)?[),;]", en) + re.findall(r"[ (](\d+\.\d+(?:\.\d+)*)\)", en)
        own = [r.split("#")[1].split("/")[0] for r in sources.get(qid, []) if r.startswith("ambtsbericht-rf-2025#")]
        secs = [c for c in dict.fromkeys(cited) if c in sections and c in own] or own
        nl_runs, nl_words = set(runs(best_nl)) - set(runs(" ".join(cited))), words(best_nl)
        best = (-1, "", "")
        for sec in secs:
            for sent in split_nl(sections[sec]):
                score = 3 * len(nl_runs & set(runs(sent))) + len(nl_words & words(sent))
                if score > best[0]:
                    best = (score, sec, sent)
        score, sec, quote = best
        if len(quote) > 300:
            clauses = re.split(r"(?<=[,;:])\s+", quote)
            scored = [(3 * len(nl_runs & set(runs(c))) + len(nl_words & words(c)), i) for i, c in enumerate(clauses)]
            i = max(scored)[1]
            j = i
            piece = clauses[i]
            while len(piece) < 80 and j + 1 < len(clauses):
                j += 1
                piece = " ".join(clauses[i:j + 1])
            quote = piece.rstrip(",;:")
        esc = lambda s: s.replace("\\", "\\\\").replace('"', '\\"')
        print(f"[[fact]]\n# score {score}; nl: {best_nl}")
        print(f'question = "{qid}"\nclaim = "{esc(en)}"\nsection = "{sec}"\nquote = "{esc(quote)}"\n')


if __name__ == "__main__":
    main(sys.argv[1])
