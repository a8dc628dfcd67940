#!/usr/bin/env python3
"""The issue's 2,000-minute corpus, built at benchmark time from real minutes given by path (never copied into
the repository): every REFERAT file of SEEDS becomes the minutes of COMMITTEES numbered committees ("Udvalg 1"..)
in turn, MEETINGS meetings each, 35 days apart, committee k starting k days later. Only the header line's
committee and date change, so each item's case number recurs at every len(seeds)-th meeting of every committee,
as a standing item's does over years of real minutes.

usage: bench/seed_corpus.py OUT SEEDS [--committees 20] [--meetings 100]
Writes OUT/udvalgNN/YYYY-MM-DD.txt, an empty OUT/committees.conf and OUT/as_of (a year after the last meeting).
"""
import argparse
import datetime
import os
import re
import sys

HEADER = re.compile(r"REFERAT (.*?) d\. \d\d-\d\d-\d\d\d\d")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("seeds")
    ap.add_argument("--committees", type=int, default=20)
    ap.add_argument("--meetings", type=int, default=100)
    args = ap.parse_args()
    texts = []
    for name in sorted(os.listdir(args.seeds)):
        path = os.path.join(args.seeds, name)
        if not name.endswith((".txt", ".md")) or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if HEADER.search(text):
            texts.append(text)
    if not texts:
        print(f"seed_corpus: no REFERAT minutes in {args.seeds}", file=sys.stderr)
        return 2
    last = datetime.date(2000, 1, 1)
    for k in range(1, args.committees + 1):
        folder = os.path.join(args.out, f"udvalg{k:02d}")
        os.makedirs(folder, exist_ok=True)
        day = datetime.date(2000, 1, 3) + datetime.timedelta(days=k)
        for j in range(args.meetings):
            text = HEADER.sub(f"REFERAT Udvalg {k} d. {day.strftime('%d-%m-%Y')}", texts[j % len(texts)], count=1)
            with open(os.path.join(folder, f"{day.isoformat()}.txt"), "w", encoding="utf-8") as f:
                f.write(text)
            last = max(last, day)
            day += datetime.timedelta(days=35)
    open(os.path.join(args.out, "committees.conf"), "w").close()
    with open(os.path.join(args.out, "as_of"), "w") as f:
        f.write((last + datetime.timedelta(days=365)).isoformat())
    print(f"{args.committees * args.meetings} documents from {len(texts)} seed minutes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
