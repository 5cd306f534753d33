#!/usr/bin/env python3
"""Writes a FEBRL data set (datasets/febrl/datasetN.csv) with a `truth` column for `names eval`: the original record's
number from rec_id (rec-223-org and rec-223-dup-0 are one person), and `name` = given name + surname.
Usage: scripts/febrl-with-truth.py datasets/febrl/dataset3.csv > febrl3.csv"""
import csv, re, sys

reader = csv.reader(open(sys.argv[1], encoding="utf-8"), skipinitialspace=True)
header = [h.strip() for h in next(reader)]
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(header + ["name", "truth"])
for row in reader:
    fields = dict(zip(header, (f.strip() for f in row)))
    out.writerow([fields[h] for h in header] + [f"{fields['given_name']} {fields['surname']}".strip(),
                                                re.match(r"rec-(\d+)-", fields["rec_id"]).group(1)])
