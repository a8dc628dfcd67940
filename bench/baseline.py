#!/usr/bin/env python3
"""The shallow baseline opfolg's ingest is measured against (bench/run): regexes and SQLite, one pass.

Reads minutes files (plain text and Markdown-like), finds the meeting header, the items ("Punkt N: title")
with their case numbers and Beslutning text, and stores them in SQLite. It does none of opfolg's deeper work
(encodings, HTML/PDF/JSON, sections, references, dates, deadlines, links, provenance), so it bounds from below
what a parser plus a store costs in Python.  usage: baseline.py DB FILE...
"""
import re
import sqlite3
import sys

HEADER = re.compile(r"REFERAT\s+(.+?)\s+d\.\s+(\d\d)-(\d\d)-(\d{4})")
ITEM = re.compile(r"^[#*\s]*Punkt\s+(\d+):\s*(.+?)[*\s]*$", re.M)
CASE = re.compile(r"^\s*(\d\d\.\d\d\.\d\d-[A-ZÆØÅ]\d\d-\d+-\d\d)\s*$", re.M)
DECISION = re.compile(r"^[#*\s]*Beslutning[*\s]*$\s*(.+?)(?:\n\s*\n|\Z)", re.M | re.S)


def main():
    db = sqlite3.connect(sys.argv[1])
    db.executescript("""
        CREATE TABLE IF NOT EXISTS meetings(id INTEGER PRIMARY KEY, file TEXT, committee TEXT, date TEXT);
        CREATE TABLE IF NOT EXISTS items(meeting_id INTEGER, number INTEGER, title TEXT, case_number TEXT,
                                         decision TEXT, postponed INTEGER);""")
    for path in sys.argv[2:]:
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        header = HEADER.search(text)
        if not header:
            continue
        committee, day, month, year = header.groups()
        meeting = db.execute("INSERT INTO meetings(file, committee, date) VALUES(?, ?, ?)",
                             (path, committee, f"{year}-{month}-{day}")).lastrowid
        starts = list(ITEM.finditer(text))
        for k, item in enumerate(starts):
            body = text[item.end(): starts[k + 1].start() if k + 1 < len(starts) else len(text)]
            case = CASE.search(body)
            decision = DECISION.search(body)
            decision_text = " ".join(decision.group(1).split()) if decision else ""
            db.execute("INSERT INTO items VALUES(?, ?, ?, ?, ?, ?)",
                       (meeting, int(item.group(1)), item.group(2), case.group(1) if case else "", decision_text,
                        int("udsæt" in decision_text.lower())))
    db.commit()


if __name__ == "__main__":
    main()
