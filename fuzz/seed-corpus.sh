#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with small real files (run time only: fuzz/corpus is git-ignored and
# some of these files are GPL, so none of them is committed). Usage: fuzz/seed-corpus.sh [SHARED]
# where SHARED defaults to /work/shared (the corpus/ of peer test files); missing folders are skipped.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
main="$(dirname "$here")"
shared="${1:-/work/shared}/corpus"
max_bytes=32768

sources=("$main/sample-networks" "$main/tests/fixtures")
[[ -d "$shared" ]] && sources+=("$shared")

# seed TARGET PATTERN...: copy every small file whose name matches one of the patterns.
seed() {
    local target="$1"
    shift
    local dir="$here/corpus/$target"
    mkdir -p "$dir"
    local pattern
    for pattern in "$@"; do
        find "${sources[@]}" -type f -iname "$pattern" -size -"${max_bytes}"c -print0 |
            while IFS= read -r -d '' file; do
                # Name by parent folder and file, so same-named files from two folders both stay.
                cp "$file" "$dir/$(basename "$(dirname "$file")")__$(basename "$file")"
            done
    done
    # The regression inputs found so far are seeds too.
    find "$here/regressions" -name "$target-*.bin" -exec cp {} "$dir/" \; 2>/dev/null || true
    echo "$target: $(find "$dir" -type f | wc -l) files"
}

tables=("*.csv" "*.tsv" "table_*.txt")
seed parse_people "${tables[@]}"
seed parse_ties "${tables[@]}"
seed parse_table "${tables[@]}"
seed parse_survey "${tables[@]}"
seed ocai "${tables[@]}"
seed xlsx "*.xlsx" "*.zip"
for t in parse_graphml network_graphml; do seed "$t" "*.graphml" "*.xml"; done
for t in parse_gexf network_gexf; do seed "$t" "*.gexf"; done
for t in parse_gml network_gml; do seed "$t" "*.gml"; done
for t in parse_pajek network_pajek; do seed "$t" "*.net" "*.paj" "*.pajek" "*.clu"; done
for t in parse_dl network_dl; do seed "$t" "*.dl" "*.dat"; done
for t in parse_json_graph network_json_graph; do seed "$t" "*.json"; done
for t in parse_edge_list network_edge_list; do
    seed "$t" "*.edgelist" "*.lst" "*.mpx" "*.2sm" "samplike*.txt" "football.txt" "table_*.txt" "*edges.csv"
done

# The end-to-end targets of issue 12: the open dispatch reads any format (the first byte picks
# the file name, so a real file is a seed as it is); tables and surveys; anonymisation.
seed open_file "*.csv" "*.graphml" "*.gexf" "*.gml" "*.net" "*.dl" "*.json" "*.edgelist" "*.xlsx"
seed build_tables "${tables[@]}"
seed anonymise "${tables[@]}"
# write_read builds its network from the bytes themselves: a few names to start from.
mkdir -p "$here/corpus/write_read"
printf 'ab\x00Kari Nordmann\x00Ola\x00\xc3\x85se\x01\x00=SUM(A1)\x00tab\there' >"$here/corpus/write_read/names.bin"

# No project files are shipped: two hand-written ones (a minimal and a fuller project).
mkdir -p "$here/corpus/project"
printf '%s' '{"format":"infonet-project","version":1,"networks":[]}' >"$here/corpus/project/minimal.json"
cat >"$here/corpus/project/full.json" <<'JSON'
{"format":"infonet-project","version":1,"networks":[{"name":"Vestby","source":"vestby.people.csv",
"people":[{"key":"p1","name":"Ann","sector":"public","tenure":{"years":12.0,"band":"TenPlus"},
"age":{"years":44.0,"band":"Over40"},"respondent":true,"attributes":{"role":"mayor"}},
{"key":"p2","name":"Bo","sector":"private","tenure":{"years":null,"band":"Unknown"},
"age":{"years":29.5,"band":"Under30"},"respondent":false,"attributes":{}}],
"ties":[{"source":"p1","target":"p2","declared_kind":"internal","weight":2.0,"undirected":false}],
"positions":{"p1":[0.0,1.0],"p2":[3.5,-2.0]},"pinned":["p1"],"colour_by":"role","x":1}],
"active":0,"compare_with":null,"view":{"show_labels":true},"scenes":[],"ocai_text":"id;a\n1;2"}
JSON
echo "project: 2 files"
