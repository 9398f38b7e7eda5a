#!/usr/bin/env python3
"""Consistency check for corpus/*.gold.tsv against the NAME.{en,ko,es}.txt files.

For every NAME.gold.tsv next to this script it checks:
  * header is exactly "en<TAB>ko<TAB>es", file is UTF-8 with LF endings, every row has 3 cells,
    no cell contains a tab, the English cell is never empty, the headline row is complete;
  * every non-empty cell occurs verbatim in its language file (cells never span lines) and does
    not start with a list marker;
  * the headline cell is a whole line of the file;
  * the body: after stripping one leading list marker per line and removing all whitespace
    (the scorer's normalisation), the concatenation of the body cells equals the concatenation
    of a contiguous run of lines that follows the headline, i.e. nothing in the body is missing,
    extra or out of order, and everything outside that run (and the headline) is chrome;
  * no chrome line equals a gold cell.
Prints one line per document and language, then "OK" or the list of problems (exit status 1).
Usage: python3 corpus/check_gold.py [DIR]
"""
import glob
import os
import re
import sys
import unicodedata

LANGS = ("en", "ko", "es")
MARKER = re.compile(r"^\s*(?:\d+\.|[o°▴\-*•])\s+")
WS = re.compile(r"[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]+")


def norm(text):
    return WS.sub("", unicodedata.normalize("NFC", MARKER.sub("", text, count=1)))


def check(gold_path, problems):
    name = os.path.basename(gold_path)[: -len(".gold.tsv")]
    base = os.path.dirname(gold_path)
    raw = open(gold_path, "rb").read()
    if b"\r" in raw:
        problems.append(f"{name}: gold has CR bytes")
    lines = raw.decode("utf-8").split("\n")
    if lines[-1] == "":
        lines.pop()
    if lines[0] != "en\tko\tes":
        problems.append(f"{name}: bad header {lines[0]!r}")
    rows = []
    for i, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != 3:
            problems.append(f"{name}: line {i} has {len(cells)} cells")
            continue
        rows.append(dict(zip(LANGS, cells)))
    for i, r in enumerate(rows, start=2):
        if not r["en"]:
            problems.append(f"{name}: line {i} empty en cell")
        for lang in LANGS:
            c = r[lang]
            if c != c.strip():
                problems.append(f"{name}: line {i} {lang} cell has outer whitespace")
            if c and MARKER.match(c):
                problems.append(f"{name}: line {i} {lang} cell starts with a list marker")
    if rows and not all(rows[0].values()):
        problems.append(f"{name}: headline row incomplete")

    for lang in LANGS:
        fb = open(os.path.join(base, f"{name}.{lang}.txt"), "rb").read()
        text = fb.decode("utf-8")
        crlf = text.count("\r\n")
        nbsp = text.count("\u00a0")
        flines = text.replace("\r\n", "\n").split("\n")
        cells = [r[lang] for r in rows]
        missing = [c for c in cells if c and c not in text]
        for c in missing:
            problems.append(f"{name}.{lang}: cell not found verbatim: {c[:60]!r}")
        nlines = [norm(l) for l in flines]
        # headline
        try:
            h = next(i for i, l in enumerate(flines) if l.strip() == cells[0])
        except StopIteration:
            problems.append(f"{name}.{lang}: headline is not a whole line")
            continue
        body = "".join(norm(c) for c in cells[1:])
        span = None
        for i in range(h + 1, len(flines)):
            if not nlines[i] or not body.startswith(nlines[i]):
                continue
            acc, j = "", i
            while j < len(flines) and len(acc) < len(body):
                acc += nlines[j]
                j += 1
            if acc == body:
                span = (i, j)
                break
        if span is None:
            problems.append(f"{name}.{lang}: body cells are not a contiguous run of lines")
            continue
        gold_set = {norm(c) for c in cells if c}
        chrome = [l for k, l in enumerate(flines) if l.strip() and k != h and not span[0] <= k < span[1]]
        for l in chrome:
            if norm(l) in gold_set:
                problems.append(f"{name}.{lang}: chrome line equals a gold cell: {l!r}")
        empty = sum(1 for c in cells if not c)
        body_lines = sum(1 for k in range(*span) if flines[k].strip())
        print(f"{name}.{lang}: rows={len(rows)} empty={empty} body_lines={body_lines} "
              f"chrome_lines={len(chrome)} crlf={crlf} nbsp={nbsp} missing={len(missing)}")


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    problems = []
    golds = sorted(glob.glob(os.path.join(d, "*.gold.tsv")))
    for g in golds:
        check(g, problems)
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print(f"OK: {len(golds)} gold files consistent")


if __name__ == "__main__":
    main()
