#!/usr/bin/env python3
import sys
"""Generate the fictional sample informant networks bundled with Infonet.

Run from the crate root:

    python3 sample-networks/generate.py

Standard library only. Every network uses its own fixed seed, every output
is sorted, and no timestamps are written, so running the script twice gives
byte-identical files. It writes, next to this script:

    <stem>.people.csv   id,name,sector,tenure,age,respondent,role
    <stem>.ties.csv     source,target   (one row per nomination)
    README.md           description plus the counts computed below

All people, names and numbers are invented.
"""

import csv
import io
import os
import random

OUT_DIR = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------
# Name material (ordinary Norwegian names; combinations are random).
# --------------------------------------------------------------------------

FIRST_NAMES = [
    # women
    "Åse", "Kari", "Mette", "Bjørg", "Solveig", "Ingrid", "Astrid", "Gunnhild",
    "Ragnhild", "Sølvi", "Målfrid", "Åshild", "Kristin", "Hilde", "Tone",
    "Randi", "Signe", "Marte", "Guro", "Eldbjørg", "Torild", "Liv", "Berit",
    "Turid", "Synnøve", "Sigrid", "Margrete", "Hege", "Siri", "Jorunn", "Åsta",
    "Tordis", "Ingeborg", "Elin", "Grete", "Bodil", "Ågot", "Øydis",
    "Kjellaug", "Ragna", "Oddny", "Bente", "Torunn", "Dagny", "Gudrun",
    "Ellinor", "Mari", "Anne Grethe", "Kari-Anne", "Åslaug",
    # men
    "Bjørn", "Kåre", "Ståle", "Øyvind", "Håkon", "Pål", "Jørgen", "Tormod",
    "Arne", "Knut", "Olav", "Geir", "Trond", "Sverre", "Ivar", "Eirik",
    "Magne", "Steinar", "Rune", "Morten", "Jon", "Lars", "Nils", "Per",
    "Terje", "Atle", "Sindre", "Håvard", "Øystein", "Gaute", "Torbjørn",
    "Ørjan", "Sjur", "Jøran", "Kjetil", "Audun", "Asbjørn", "Vegard", "Leif",
    "Odd", "Einar", "Halvor", "Gunnar", "Frode", "Ola", "Helge", "Svein",
    "Bård", "Åsmund", "Jostein", "Jan Erik", "Tor-Arne",
]

LAST_NAMES = [
    "Sæther", "Løkken", "Ødegård", "Bråten", "Økland", "Håland", "Sødal",
    "Lømo", "Bøe", "Fjærli", "Rønning", "Strøm", "Sæbø", "Høiland",
    "Kjærnes", "Græsli", "Mæland", "Tvedt", "Åsen", "Årdal", "Nygård",
    "Grønli", "Sørli", "Bjørklund", "Fosså", "Haugen", "Bakken", "Moen",
    "Lie", "Berg", "Dahl", "Myhre", "Vik", "Brekke", "Sletten", "Hovde",
    "Haugland", "Tjønn", "Rød", "Kvåle", "Skårdal", "Ødven", "Flåten",
    "Bøyum", "Hølen", "Jøsang", "Kårstad", "Nærø", "Sølvberg", "Trøan",
    "Gjærde", "Høgset", "Øverland", "Skjæveland", "Bjørnevik", "Grøtte",
    "Hålien", "Ånestad", "Bakkerud", "Engebråten", "Fløtten", "Kleppe",
    "Løvås", "Mørk", "Nøstdal", "Ruud", "Sætre", "Åkre", "Øien", "Økseter",
    "Lysø", "Gråbakk", "Svartås", "Nordbø", "Rømo", "Høyem", "Tømmerås",
    "Krågeland", "Sandvær", "Vågen",
]

# First+last combinations that are too close to well-known real people.
BLOCKED_NAMES = {
    ("Ivar", "Åsen"), ("Arne", "Næss"), ("Einar", "Lunde"), ("Jon", "Fosså"),
    ("Bjørn", "Dahl"), ("Liv", "Ruud"), ("Kjetil", "Rød"),
}

# --------------------------------------------------------------------------
# Roles. Hub roles get a prominence weight; the rest draw from filler lists.
# --------------------------------------------------------------------------

PUBLIC_UNIQUE = [
    "varaordfører", "kommunelege", "økonomisjef", "teknisk sjef",
    "kultursjef", "NAV-leder", "landbrukssjef", "plansjef", "helse- og omsorgssjef",
    "oppvekstsjef",
]
PUBLIC_FILLER = [
    "lærer", "lærer", "sykepleier", "helsesykepleier", "saksbehandler",
    "kommunestyremedlem", "kommunestyremedlem", "barnehagestyrer",
    "landbruksrådgiver", "enhetsleder", "formannskapsmedlem", "ingeniør",
    "rektor", "konsulent", "byggesaksbehandler",
]
PRIVATE_UNIQUE = ["sparebanksjef", "kjøpmann", "eiendomsmegler", "redaktør lokalavis"]
PRIVATE_FILLER = [
    "bonde", "bonde", "bonde", "butikkeier", "daglig leder", "daglig leder",
    "snekker", "regnskapsfører", "entreprenør", "elektriker", "kafeeier",
    "campingvert", "reiselivsgründer", "sagbrukseier", "verkstedeier",
    "frisør", "rørlegger", "fiskeoppdretter", "hytteutbygger",
    "bankrådgiver", "transportør", "gårdbruker og hyttevert",
]
OTHER_ROLES = [
    "leder bygdelag", "leder idrettslag", "leder sanitetslag",
    "leder historielag", "leder grendeutvalg", "leder ungdomslag",
    "leder frivilligsentral", "leder pensjonistforening",
]
UNKNOWN_ROLES = ["pensjonist", ""]

# Prominence weights (relative chance of being named).
HUB_WEIGHT = {
    "ordfører": 9.0,
    "rådmann": 7.5,
    "næringssjef": 7.5,
    "hotelleier": 5.0,
    "BIGFIRM": 5.0,          # "daglig leder, <firm>"
}
# Hubs whose job is to link the sectors: named as readily across sectors.
BRIDGE_ROLES = ("næringssjef",)
SEMI_WEIGHT = {
    "varaordfører": 2.0, "sparebanksjef": 2.2, "kjøpmann": 1.6,
    "leder bygdelag": 1.8, "redaktør lokalavis": 1.6, "landbrukssjef": 1.5,
}

# --------------------------------------------------------------------------
# Network definitions. Counts are exact so the band shares are controlled.
# --------------------------------------------------------------------------

NETWORKS = [
    {
        "stem": "fjellvik", "name": "Fjellvik", "seed": 1901, "default": True,
        "n": 91,
        "sector": {"public": 44, "private": 41, "other": 4, "": 2},
        # tenure bands: short (<4), mid (4-<10), long (>=10), blank
        "tenure": {"short": 9, "mid": 16, "long": 64, "blank": 2},
        # age bands: young (<30), mid (30-40), old (>40), blank
        "age": {"young": 2, "mid": 24, "old": 63, "blank": 2},
        "respondents": 45,
        "same_sector_factor": 2.4,
        "big_firm": "Fjellvik Trevare AS",
        "hub_scale": 1.5,
        "character": "moderately sector-divided (about 60 % internal ties)",
        "isolate": False,
    },
    {
        "stem": "solboen", "name": "Solbøen", "seed": 2207, "default": False,
        "n": 46,
        "sector": {"public": 23, "private": 20, "other": 2, "": 1},
        "tenure": {"short": 5, "mid": 8, "long": 32, "blank": 1},
        "age": {"young": 1, "mid": 12, "old": 32, "blank": 1},
        "respondents": 25,
        "same_sector_factor": 1.0,
        "big_firm": "Solbøen Fisk AS",
        "hub_scale": 0.7,
        "character": "small and mixed (many cross-sector ties)",
        "isolate": False,
    },
    {
        "stem": "asdalen", "name": "Åsdalen", "seed": 3313, "default": False,
        "n": 138,
        "sector": {"public": 67, "private": 62, "other": 7, "": 2},
        "tenure": {"short": 14, "mid": 24, "long": 98, "blank": 2},
        "age": {"young": 3, "mid": 37, "old": 97, "blank": 1},
        "respondents": 66,
        "same_sector_factor": 5.5,
        "big_firm": "Åsdalen Sag AS",
        "hub_scale": 2.0,
        "character": "large and clearly sector-divided (mostly internal ties)",
        "isolate": True,
    },
]

RECIPROCITY = 0.3  # chance to name back someone who already named you

OUT_DEGREE_WEIGHTS = {2: 10, 3: 20, 4: 25, 5: 20, 6: 14, 7: 11}


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def fmt_tenths(t):
    """Tenths of a year -> '23', '3.5' (decimal point, at most one decimal)."""
    if t is None:
        return ""
    whole, frac = divmod(t, 10)
    return str(whole) if frac == 0 else "%d.%d" % (whole, frac)


def weighted_pick(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def weighted_sample(rng, items, weights, k):
    """k distinct items, sequential weighted draws without replacement."""
    items = list(items)
    weights = list(weights)
    out = []
    for _ in range(min(k, len(items))):
        total = sum(weights)
        if total <= 0:
            break
        r = rng.random() * total
        acc = 0.0
        idx = len(items) - 1
        for i, w in enumerate(weights):
            acc += w
            if r < acc:
                idx = i
                break
        out.append(items.pop(idx))
        weights.pop(idx)
    return out


def make_names(rng, n):
    seen = set()
    names = []
    while len(names) < n:
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        if (first, last) in BLOCKED_NAMES:
            continue
        full = first + " " + last
        if full in seen:
            continue
        seen.add(full)
        names.append(full)
    return names


# --------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------

def make_people(cfg, rng):
    n = cfg["n"]
    assert sum(cfg["sector"].values()) == n
    assert sum(cfg["tenure"].values()) == n
    assert sum(cfg["age"].values()) == n

    # Ages (exact band counts). Two boundary values: exactly 30 and 40.
    ages = []
    ages += [rng.randint(24, 29) for _ in range(cfg["age"]["young"])]
    mid = [30, 40] + [rng.randint(31, 39) for _ in range(cfg["age"]["mid"] - 2)]
    ages += mid
    ages += [min(72, 41 + int(rng.triangular(0, 31, 14))) for _ in range(cfg["age"]["old"])]
    ages += [None] * cfg["age"]["blank"]
    rng.shuffle(ages)

    # Tenure bands, correlated with age: younger people more often newcomers.
    bands = (["short"] * cfg["tenure"]["short"] + ["mid"] * cfg["tenure"]["mid"]
             + ["long"] * cfg["tenure"]["long"] + [None] * cfg["tenure"]["blank"])

    def age_key(i):
        a = ages[i] if ages[i] is not None else 50
        return a + rng.gauss(0, 13)

    order = sorted(range(n), key=lambda i: (age_key(i), i))
    # Blanks go to random people; short/mid to the (noisily) youngest.
    blank_idx = sorted(rng.sample(range(n), cfg["tenure"]["blank"]))
    non_blank = [i for i in order if i not in blank_idx]
    tband = [None] * n
    ordered_bands = [b for b in bands if b is not None]
    ordered_bands.sort(key=lambda b: {"short": 0, "mid": 1, "long": 2}[b])
    for i, b in zip(non_blank, ordered_bands):
        tband[i] = b

    tenure = [None] * n
    for i in range(n):
        b = tband[i]
        a = ages[i] if ages[i] is not None else 55
        if b == "short":
            tenure[i] = rng.randint(3, 39)
            if rng.random() < 0.5:
                tenure[i] = max(10, tenure[i] // 10 * 10)
        elif b == "mid":
            tenure[i] = rng.randint(40, 99)
            if rng.random() < 0.5:
                tenure[i] = tenure[i] // 10 * 10
        elif b == "long":
            top = max(10, min(a, 70))
            if rng.random() < 0.25:
                tenure[i] = top * 10          # lived there all their life
            else:
                tenure[i] = rng.randint(100, max(100, (top - 3) * 10))
                if rng.random() < 0.7:
                    tenure[i] = tenure[i] // 10 * 10
    # Boundary values: 3.9, exactly 4, 9.5, exactly 10.
    def first_in(band, skip=()):
        for i in range(n):
            if tband[i] == band and i not in skip:
                return i
        raise RuntimeError(band)
    s = first_in("short"); tenure[s] = 39
    m1 = first_in("mid"); tenure[m1] = 40
    m2 = first_in("mid", (m1,)); tenure[m2] = 95
    l1 = first_in("long"); tenure[l1] = 100
    if ages[l1] is not None and ages[l1] < 10:
        raise RuntimeError("age")

    # Sectors (exact counts).
    sectors = []
    for sec in ("public", "private", "other", ""):
        sectors += [sec] * cfg["sector"][sec]
    rng.shuffle(sectors)

    people = [{
        "idx": i, "sector": sectors[i], "age": ages[i], "tenure": tenure[i],
        "role": None, "weight": 1.0,
    } for i in range(n)]

    # Hubs: older, long-tenured people in the right sector.
    def senior(sec, taken):
        cands = [p for p in people if p["sector"] == sec and p["role"] is None
                 and p["age"] is not None and p["age"] > 44
                 and p["tenure"] is not None and p["tenure"] >= 150
                 and p["idx"] not in taken]
        return rng.choice(cands)

    taken = set()
    for role, sec in (("ordfører", "public"), ("rådmann", "public"),
                      ("næringssjef", "public"), ("hotelleier", "private"),
                      ("BIGFIRM", "private")):
        p = senior(sec, taken)
        taken.add(p["idx"])
        p["weight"] = HUB_WEIGHT[role] * cfg["hub_scale"]
        p["role"] = ("daglig leder, " + cfg["big_firm"]) if role == "BIGFIRM" else role
        p["hub"] = True

    def fill(sec, unique, filler):
        members = [p for p in people if p["sector"] == sec and p["role"] is None]
        rng.shuffle(members)
        uniq = list(unique)
        n_unique = min(len(uniq), max(2, len(members) // 4))
        for j, p in enumerate(members):
            if j < n_unique:
                p["role"] = uniq[j]
            else:
                p["role"] = rng.choice(filler)

    fill("public", PUBLIC_UNIQUE, PUBLIC_FILLER)
    fill("private", PRIVATE_UNIQUE, PRIVATE_FILLER)
    others = [p for p in people if p["sector"] == "other"]
    other_roles = list(OTHER_ROLES)
    rng.shuffle(other_roles)
    if "leder bygdelag" in other_roles:  # always have the bygdelag leader
        other_roles.remove("leder bygdelag")
        other_roles.insert(0, "leder bygdelag")
    for p, r in zip(others, other_roles):
        p["role"] = r
    unknown = [p for p in people if p["sector"] == ""]
    for j, p in enumerate(unknown):
        p["role"] = UNKNOWN_ROLES[j % len(UNKNOWN_ROLES)]
    for p in people:
        if p["role"] in SEMI_WEIGHT:
            p["weight"] = SEMI_WEIGHT[p["role"]]

    # Names, then ids in a random (but seeded) order so hubs are scattered.
    names = make_names(rng, n)
    for p, nm in zip(people, names):
        p["name"] = nm
    perm = list(range(n))
    rng.shuffle(perm)
    for new_id, p in zip(perm, people):
        p["id"] = "p%03d" % (new_id + 1)
    people.sort(key=lambda p: p["id"])
    for i, p in enumerate(people):
        p["idx"] = i
    return people


def attractiveness(p):
    t = p["tenure"] / 10.0 if p["tenure"] is not None else 15.0
    a = p["age"] if p["age"] is not None else 50
    return (0.5 + min(t, 40.0) / 20.0) * (0.5 + max(a - 25, 0) / 30.0)


# --------------------------------------------------------------------------
# Respondents and ties
# --------------------------------------------------------------------------

def make_ties(cfg, rng, people):
    n = len(people)
    # Respondents: hubs always answer; the rest drawn at random.
    hubs = [p["idx"] for p in people if p.get("hub")]
    rest = [p["idx"] for p in people if not p.get("hub")]
    chosen = set(hubs) | set(rng.sample(rest, cfg["respondents"] - len(hubs)))
    for p in people:
        p["respondent"] = p["idx"] in chosen
    resp = sorted(chosen)
    named_only = [p["idx"] for p in people if not p["respondent"]]

    isolate = None
    if cfg["isolate"]:
        cands = [i for i in resp if not people[i].get("hub")
                 and people[i]["role"] not in SEMI_WEIGHT]
        isolate = rng.choice(cands)

    active = [i for i in resp if i != isolate]
    want = {i: weighted_pick(rng, list(OUT_DEGREE_WEIGHTS),
                             list(OUT_DEGREE_WEIGHTS.values())) for i in active}
    out = {i: [] for i in resp}
    indeg = [0] * n
    same = cfg["same_sector_factor"]

    def sector_factor(i, j):
        si, sj = people[i]["sector"], people[j]["sector"]
        if people[j]["role"] in BRIDGE_ROLES and si:
            return (1.0 + same) / 2.0
        if si and sj and si == sj:
            return same
        return 1.0

    # 1) Every named-only person gets one nominator (prefers own sector).
    for j in named_only:
        cands = [i for i in active if len(out[i]) < 7]
        w = [sector_factor(i, j) * (1.0 if len(out[i]) < want[i] else 0.15)
             for i in cands]
        i = weighted_pick(rng, cands, w)
        out[i].append(j)
        indeg[j] += 1

    # 2) Fill up each respondent's list, in a seeded order. People who have
    #    already named i are more likely to be named back (mutual pairs).
    order = list(active)
    rng.shuffle(order)
    named_by = {j: set() for j in range(n)}
    for i in active:
        for j in out[i]:
            named_by[j].add(i)
    for i in order:
        # Name back some of those who already named i (mutual pairs).
        for j in sorted(named_by[i]):
            if len(out[i]) >= want[i]:
                break
            if j not in out[i] and rng.random() < RECIPROCITY:
                out[i].append(j)
                indeg[j] += 1
                named_by[j].add(i)
        need = want[i] - len(out[i])
        if need <= 0:
            continue
        cands, w = [], []
        for j in range(n):
            if j == i or j == isolate or j in out[i] or indeg[j] >= 30:
                continue
            wt = people[j]["weight"] * attractiveness(people[j]) * sector_factor(i, j)
            cands.append(j)
            w.append(wt)
        for j in weighted_sample(rng, cands, w, need):
            out[i].append(j)
            indeg[j] += 1
            named_by[j].add(i)

    ties = sorted((people[i]["id"], people[j]["id"]) for i in resp for j in out[i])
    return ties, isolate


# --------------------------------------------------------------------------
# Output and statistics
# --------------------------------------------------------------------------

def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def pct(k, total):
    return 100.0 * k / total if total else 0.0


def stats(people, ties, isolate):
    by_id = {p["id"]: p for p in people}
    n = len(people)
    resp = sum(1 for p in people if p["respondent"])
    sec = {s: sum(1 for p in people if p["sector"] == s)
           for s in ("public", "private", "other", "")}
    ten = [p["tenure"] for p in people if p["tenure"] is not None]
    ages = [p["age"] for p in people if p["age"] is not None]
    tb = (sum(1 for t in ten if t < 40), sum(1 for t in ten if 40 <= t < 100),
          sum(1 for t in ten if t >= 100))
    ab = (sum(1 for a in ages if a < 30), sum(1 for a in ages if 30 <= a <= 40),
          sum(1 for a in ages if a > 40))
    tie_set = set(ties)
    mutual = sum(1 for (a, b) in ties if (b, a) in tie_set and a < b)
    internal = external = 0
    for a, b in ties:
        sa, sb = by_id[a]["sector"], by_id[b]["sector"]
        if sa and sb:
            if sa == sb:
                internal += 1
            else:
                external += 1
    indeg = {}
    for _, b in ties:
        indeg[b] = indeg.get(b, 0) + 1
    top = sorted(((indeg.get(p["id"], 0), p["id"], p["role"]) for p in people),
                 key=lambda x: (-x[0], x[1]))[:5]
    return {
        "people": n, "ties": len(ties), "respondents": resp,
        "named_only": n - resp, "sector": sec,
        "tenure_known": len(ten), "tenure_bands": tb,
        "tenure_blank": n - len(ten),
        "age_known": len(ages), "age_bands": ab, "age_blank": n - len(ages),
        "mutual": mutual, "internal": internal, "external": external,
        "top": top,
        "isolate": people[isolate]["id"] if isolate is not None else None,
    }


def band_str(bands, total):
    return " / ".join("%.0f %%" % pct(b, total) for b in bands)


def readme(results):
    default = [r for r in results if r["cfg"]["default"]][0]
    L = []
    L.append("# Sample informant networks")
    L.append("")
    L.append("Fictional sample data for Infonet. Each network is a made-up rural")
    L.append("Norwegian municipality in the style of a study of *who names whom as an")
    L.append("important source of information for local development*: survey")
    L.append("respondents each named up to about seven people, and the people they named")
    L.append("who did not answer the survey themselves are included as *named-only*.")
    L.append("")
    L.append("**All names and data are invented.** The municipalities (Fjellvik, Solbøen,")
    L.append("Åsdalen) and every person in these files are fictional; names are random")
    L.append("combinations of common Norwegian first and last names. Any resemblance to")
    L.append("real persons, living or dead, is coincidental.")
    L.append("")
    L.append("**Default sample:** `%s.people.csv` (with `%s.ties.csv`), the %s network"
             % (default["cfg"]["stem"], default["cfg"]["stem"], default["cfg"]["name"]))
    L.append("of %d people, is the file the app opens by default." % default["stats"]["people"])
    L.append("")
    L.append("## Networks")
    L.append("")
    L.append("| Network | Files | People | Ties | Respondents | Named-only | Internal ties | Mutual pairs | Character |")
    L.append("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        c, s = r["cfg"], r["stats"]
        name = c["name"] + (" (default sample)" if c["default"] else "")
        L.append("| %s | `%s.people.csv`, `%s.ties.csv` | %d | %d | %d | %d | %.0f %% | %d | %s |" % (
            name, c["stem"], c["stem"], s["people"], s["ties"], s["respondents"],
            s["named_only"], pct(s["internal"], s["internal"] + s["external"]),
            s["mutual"], c["character"]))
    L.append("")
    L.append("*Internal ties* = share of nominations where both people have a known sector")
    L.append("and it is the same sector.")
    L.append("")
    L.append("| Network | public / private / other / unknown | tenure <4 / 4–9 / 10+ | age <30 / 30–40 / >40 | most named (in-degree) |")
    L.append("|---|---|---|---|---|")
    for r in results:
        c, s = r["cfg"], r["stats"]
        sec = s["sector"]
        top = ", ".join("%s %s (%d)" % (pid, role, d) for d, pid, role in s["top"][:3])
        L.append("| %s | %d / %d / %d / %d | %s (%d blank) | %s (%d blank) | %s |" % (
            c["name"], sec["public"], sec["private"], sec["other"], sec[""],
            band_str(s["tenure_bands"], s["tenure_known"]), s["tenure_blank"],
            band_str(s["age_bands"], s["age_known"]), s["age_blank"], top))
    L.append("")
    L.append("Band shares are of the people with a known value.")
    iso = [r for r in results if r["stats"]["isolate"]]
    L.append("")
    if iso:
        r = iso[0]
        L.append("Every person is connected by at least one tie, except one deliberate")
        L.append("isolate in %s: `%s` is a respondent who named nobody and whom nobody"
                 % (r["cfg"]["name"], r["stats"]["isolate"]))
        L.append("named (useful for testing how isolates are shown).")
    else:
        L.append("Every person is connected by at least one tie.")
    L.append("")
    L.append("## File format")
    L.append("")
    L.append("UTF-8 without BOM, comma-separated, LF line endings, RFC 4180 quoting where")
    L.append("needed (some `role` values contain a comma and are quoted). Empty field =")
    L.append("unknown.")
    L.append("")
    L.append("### `NAME.people.csv`")
    L.append("")
    L.append("Header: `id,name,sector,tenure,age,respondent,role`")
    L.append("")
    L.append("| Column | Meaning |")
    L.append("|---|---|")
    L.append("| `id` | Stable short id (`p001`, `p002`, …), unique within the network. |")
    L.append("| `name` | Invented Norwegian first + last name (unique within the network). |")
    L.append("| `sector` | `public` = municipal/public sector, `private` = business, `other` = voluntary organisation; empty = unknown. |")
    L.append("| `tenure` | Years living in the municipality, decimal point, at most one decimal (e.g. `23`, `3.5`); empty = unknown. |")
    L.append("| `age` | Age in whole years; empty = unknown. |")
    L.append("| `respondent` | `yes` = answered the survey; `no` = named-only (named by at least one respondent, did not answer). |")
    L.append("| `role` | Extra attribute: made-up job title in Norwegian (e.g. `ordfører`, `rådmann`, `næringssjef`, `bonde`). |")
    L.append("")
    L.append("### `NAME.ties.csv`")
    L.append("")
    L.append("Header: `source,target`. One row per nomination: respondent `source` named")
    L.append("`target` as an important source of information. Only respondents appear as")
    L.append("`source`; each respondent names 2–7 people (except the isolate above). No")
    L.append("self-nominations and no duplicate rows; rows are sorted.")
    L.append("")
    L.append("## How the data were made")
    L.append("")
    L.append("Everything here is produced by `generate.py` (Python 3, standard library")
    L.append("only, fixed random seed per network; output is byte-identical on every run).")
    L.append("It also writes this README with the counts above. From the crate root:")
    L.append("")
    L.append("```sh")
    L.append("python3 sample-networks/generate.py")
    L.append("```")
    L.append("")
    L.append("The generator fixes exact counts per band (sector, tenure, age), ties")
    L.append("tenure loosely to age, and gives a few hub roles (ordfører, rådmann,")
    L.append("næringssjef, a hotel owner and the manager of the largest firm) a high")
    L.append("chance of being named. Everyone else is named with a probability that grows")
    L.append("with tenure and age, with a per-network preference for the nominator's own")
    L.append("sector, and people are more likely to name back someone who named them")
    L.append("(mutual pairs). Each named-only person is first given one nominator, so")
    L.append("nobody is named-only without being named.")
    L.append("")
    sys.dont_write_bytecode = True  # no __pycache__ next to the samples
    from generate_ocai import readme_section
    L.extend(readme_section().splitlines())
    L.append("")
    return "\n".join(L)


def main():
    results = []
    for cfg in NETWORKS:
        rng = random.Random(cfg["seed"])
        people = make_people(cfg, rng)
        ties, isolate = make_ties(cfg, rng, people)
        rows = [[p["id"], p["name"], p["sector"], fmt_tenths(p["tenure"]),
                 "" if p["age"] is None else str(p["age"]),
                 "yes" if p["respondent"] else "no", p["role"]] for p in people]
        write_csv(os.path.join(OUT_DIR, cfg["stem"] + ".people.csv"),
                  ["id", "name", "sector", "tenure", "age", "respondent", "role"], rows)
        write_csv(os.path.join(OUT_DIR, cfg["stem"] + ".ties.csv"),
                  ["source", "target"], [list(t) for t in ties])
        s = stats(people, ties, isolate)
        results.append({"cfg": cfg, "stats": s})
        sec = s["sector"]
        print("%-9s people=%d ties=%d respondents=%d named-only=%d "
              "sector pub/priv/oth/unk=%d/%d/%d/%d internal=%.0f%% mutual=%d"
              % (cfg["stem"], s["people"], s["ties"], s["respondents"], s["named_only"],
                 sec["public"], sec["private"], sec["other"], sec[""],
                 pct(s["internal"], s["internal"] + s["external"]), s["mutual"]))
        print("          tenure <4/4-9/10+ = %s  age <30/30-40/>40 = %s"
              % (band_str(s["tenure_bands"], s["tenure_known"]),
                 band_str(s["age_bands"], s["age_known"])))
        print("          top in-degree: %s" % ", ".join(
            "%s %s=%d" % (pid, role, d) for d, pid, role in s["top"]))
    with open(os.path.join(OUT_DIR, "README.md"), "w", encoding="utf-8", newline="") as f:
        f.write(readme(results))


if __name__ == "__main__":
    main()
