#!/usr/bin/env python3
"""Generate the fictional OCAI sample answers bundled with Infonet.

Run from the crate root:

    python3 sample-networks/generate_ocai.py

Standard library only. Each municipality has its own fixed seed and no
timestamps are written, so running the script twice gives byte-identical
output. It writes, next to this script:

    ocai.csv   the long layout read by src/analysis/ocai.rs: one row per
               (municipality, respondent, dimension) with the points given
               to statements A-D now and preferred

OCAI (Cameron & Quinn): six dimensions, each with statements A (clan),
B (adhocracy), C (market) and D (hierarchy); a respondent divides 100 points
among A-D per dimension, once for "now" and once for "preferred".

All respondents and numbers are invented. Exactly one answer is left
summing to 90 instead of 100 (see BROKEN below), so the app's validation
report has something to show.
"""

import csv
import io
import os
import random

OUT_DIR = os.path.dirname(os.path.abspath(__file__))
OUT_FILE = os.path.join(OUT_DIR, "ocai.csv")

HEADER = [
    "municipality", "respondent", "dimension",
    "a_now", "b_now", "c_now", "d_now",
    "a_preferred", "b_preferred", "c_preferred", "d_preferred",
]

# Target group profiles, A-D = clan, adhocracy, market, hierarchy (each sums
# to 100). Rural municipal organisations: now mostly clan and hierarchy;
# preferred more clan and adhocracy, less hierarchy and market. The three
# differ on purpose:
#   Fjellvik: hierarchy dominant now, clan preferred; moderate wish for change.
#   Solbøen:  small and close-knit; clan dominant now and preferred, content:
#             no gap reaches 10 points (the largest is more adhocracy).
#   Åsdalen:  large and rule-bound; strong hierarchy now, clear wish for more
#             clan and adhocracy and much less hierarchy (the largest gaps).
MUNICIPALITIES = [
    {
        "name": "Fjellvik", "prefix": "FJ", "seed": 4101, "respondents": 9,
        "now": [31, 13, 18, 38], "preferred": [38, 25, 14, 23],
    },
    {
        "name": "Solbøen", "prefix": "SO", "seed": 4119, "respondents": 6,
        "now": [41, 15, 13, 31], "preferred": [44, 24, 11, 21],
    },
    {
        "name": "Åsdalen", "prefix": "AS", "seed": 4103, "respondents": 12,
        "now": [21, 11, 24, 44], "preferred": [35, 27, 15, 23],
    },
]

# How much respondents differ from their municipality (points, per type),
# and how much one respondent's six dimensions differ from each other.
RESPONDENT_SD = 6.0
DIMENSION_SD = 6.0
# Points are given in steps of 5, as most people do on paper.
STEP = 5

# The one deliberate error: (municipality, respondent, dimension, state,
# letter index). That cell gets 10 points less, so the dimension sums to 90.
BROKEN = ("Fjellvik", "FJ07", 4, "now", 0)


def split_100(weights, rng):
    """Turn non-negative weights into A-D points in steps of STEP summing to 100
    (largest remainder; ties broken by the seeded generator)."""
    units = 100 // STEP
    total = sum(weights)
    exact = [w / total * units for w in weights]
    floors = [int(x) for x in exact]
    left = units - sum(floors)
    order = sorted(range(4), key=lambda i: (-(exact[i] - floors[i]), rng.random()))
    for i in order[:left]:
        floors[i] += 1
    return [f * STEP for f in floors]


def jitter(profile, sd, rng, floor=2.0):
    return [max(floor, v + rng.gauss(0.0, sd)) for v in profile]


def make_rows(cfg):
    rng = random.Random(cfg["seed"])
    rows = []
    for r in range(1, cfg["respondents"] + 1):
        respondent = "%s%02d" % (cfg["prefix"], r)
        # A respondent's own view: the group profile shifted a little; the same
        # shift for now and preferred keeps each person's gap close to the group's.
        own_now = jitter(cfg["now"], RESPONDENT_SD, rng)
        own_pref = jitter(cfg["preferred"], RESPONDENT_SD, rng)
        for dimension in range(1, 7):
            now = split_100(jitter(own_now, DIMENSION_SD, rng), rng)
            pref = split_100(jitter(own_pref, DIMENSION_SD, rng), rng)
            if (cfg["name"], respondent, dimension) == BROKEN[:3]:
                target = now if BROKEN[3] == "now" else pref
                if target[BROKEN[4]] < 10:
                    # Keep the cell non-negative: move points onto it first.
                    biggest = max(range(4), key=lambda i: target[i])
                    target[biggest] -= 10
                    target[BROKEN[4]] += 10
                target[BROKEN[4]] -= 10
            rows.append([cfg["name"], respondent, str(dimension)]
                        + [str(v) for v in now] + [str(v) for v in pref])
    return rows


def profile(rows, offset):
    """Mean type scores of the rows' respondents (offset 3 = now, 7 = preferred),
    rescaling a dimension that does not sum to 100 as the app does by default."""
    by_resp = {}
    for row in rows:
        values = [float(v) for v in row[offset:offset + 4]]
        s = sum(values)
        by_resp.setdefault(row[1], []).append([v * 100.0 / s for v in values])
    scores = [[sum(d[i] for d in dims) / 6.0 for i in range(4)] for dims in by_resp.values()]
    return [sum(s[i] for s in scores) / len(scores) for i in range(4)]


CULTURES = ["Clan", "Adhocracy", "Market", "Hierarchy"]


def summary(cfg):
    """(now, preferred, gap) group profiles of one municipality, as the app scores them."""
    rows = make_rows(cfg)
    now, pref = profile(rows, 3), profile(rows, 7)
    return now, pref, [p - n for p, n in zip(pref, now)]


def signed(v):
    v = round(v, 1) + 0.0
    return ("+%.1f" % v if v > 0 else "%.1f" % v).replace("-", "\u2212")


def readme_section():
    """The README section describing ocai.csv, with the numbers computed from the data.
    generate.py appends it to the README it writes."""
    L = []
    L.append("## OCAI sample (`ocai.csv`)")
    L.append("")
    L.append("Fictional answers to the Organizational Culture Assessment Instrument (OCAI,")
    L.append("Cameron & Quinn) for the three sample municipalities, for Infonet's culture")
    L.append("view (File > Open culture survey (OCAI)…) and `infonet ocai`:")
    L.append("")
    L.append("```sh")
    L.append("infonet ocai sample-networks/ocai.csv          # a table")
    L.append("infonet ocai sample-networks/ocai.csv --json   # one JSON object")
    L.append("```")
    L.append("")
    L.append("**All answers are invented.** The respondent ids (`FJ01`, `SO01`, `AS01`, …)")
    L.append("are not people in the network files.")
    L.append("")
    L.append("| Municipality | Respondents | Now (clan / adhocracy / market / hierarchy) | Preferred | Dominant now | Dominant preferred | Gaps of 10 points or more |")
    L.append("|---|---:|---|---|---|---|---|")
    for cfg in MUNICIPALITIES:
        now, pref, gap = summary(cfg)
        big = ["%s %s" % (CULTURES[i], signed(g)) for i, g in enumerate(gap) if abs(round(g, 1)) >= 10]
        if not big:
            i = max(range(4), key=lambda i: abs(gap[i]))
            big = ["none (largest: %s %s)" % (CULTURES[i], signed(gap[i]))]
        L.append("| %s | %d | %s | %s | %s | %s | %s |" % (
            cfg["name"], cfg["respondents"],
            " / ".join("%.1f" % v for v in now), " / ".join("%.1f" % v for v in pref),
            CULTURES[now.index(max(now))], CULTURES[pref.index(max(pref))], ", ".join(big)))
    L.append("")
    L.append("Scores are means over the respondents of each respondent's mean points per")
    L.append("culture over the six dimensions; gap = preferred − now. As is typical of rural")
    L.append("municipal organisations, *now* leans to clan and hierarchy and *preferred* to")
    L.append("clan and adhocracy. Fjellvik wants moderate change, Solbøen is content, and")
    L.append("Åsdalen wants much less hierarchy.")
    L.append("")
    L.append("**One deliberate error:** %s respondent %s, dimension %d, *%s*: the four values"
             % (BROKEN[0], BROKEN[1], BROKEN[2], BROKEN[3]))
    L.append("sum to 90 instead of 100, so the validation report has something to show (by")
    L.append("default the app rescales that dimension to 100 and keeps the respondent).")
    L.append("")
    L.append("### `ocai.csv`")
    L.append("")
    L.append("UTF-8 without BOM, comma-separated, LF line endings; the *long* layout read by")
    L.append("`src/analysis/ocai.rs`. Header:")
    L.append("")
    L.append("`" + ",".join(HEADER) + "`")
    L.append("")
    L.append("One row per respondent and dimension (1 dominant characteristics,")
    L.append("2 organizational leadership, 3 management of employees, 4 organization glue,")
    L.append("5 strategic emphases, 6 criteria of success). `a`–`d` are the points given to")
    L.append("statements A (clan), B (adhocracy), C (market) and D (hierarchy), out of 100")
    L.append("per dimension, *now* and *preferred*; all are multiples of 5.")
    L.append("")
    L.append("### How it was made")
    L.append("")
    L.append("`generate_ocai.py` (Python 3, standard library only, fixed random seed per")
    L.append("municipality; byte-identical output on every run):")
    L.append("")
    L.append("```sh")
    L.append("python3 sample-networks/generate_ocai.py")
    L.append("```")
    L.append("")
    L.append("Each municipality has a target now and preferred profile. Each respondent's own")
    L.append("profile is the target plus normal noise (SD %.0f points per culture), each of the" % RESPONDENT_SD)
    L.append("six dimensions adds more (SD %.0f), and the four values are rounded to steps of" % DIMENSION_SD)
    L.append("%d summing to exactly 100 (largest remainder). Then the one error above is made." % STEP)
    L.append("")
    return "\n".join(L)


def main():
    all_rows = []
    names = ["clan", "adhocracy", "market", "hierarchy"]
    for cfg in MUNICIPALITIES:
        rows = make_rows(cfg)
        all_rows.extend(rows)
        now, pref = profile(rows, 3), profile(rows, 7)
        print("%-9s n=%2d  now %s  preferred %s  gap %s" % (
            cfg["name"], cfg["respondents"],
            "/".join("%.1f" % v for v in now),
            "/".join("%.1f" % v for v in pref),
            "/".join("%+.1f" % (p - n) for p, n in zip(pref, now))))
        print("          dominant now %s, preferred %s" % (
            names[now.index(max(now))], names[pref.index(max(pref))]))
    bad = [r for r in all_rows
           if sum(int(v) for v in r[3:7]) != 100 or sum(int(v) for v in r[7:11]) != 100]
    assert len(bad) == 1, bad
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(all_rows)
    with open(OUT_FILE, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    print("wrote %s (%d rows; %s dimension %d %s sums to 90)" % (
        os.path.relpath(OUT_FILE), len(all_rows), BROKEN[1], BROKEN[2], BROKEN[3]))


if __name__ == "__main__":
    main()
