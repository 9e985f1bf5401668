#!/usr/bin/env bash
# The edit -> DDL loop as a user lives it: one field of one dataflow entity changed, then
# `cargo run -p ddl-gen > create_tables.sql`, timed over the whole process (debug profile).
# Each run flips `activitylog.entity_id` between i32 and i64, so every run builds a different
# model, and checks that the printed DDL says so. Prints each run, then the median.
#
#   bash tests/benches/edit_loop.sh          # 5 runs
#   RUNS=9 bash tests/benches/edit_loop.sh
#
# The entity file is restored byte for byte on exit, however the script ends.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/benches/lib.sh

runs=${RUNS:-5}
entity=models/src/entities/activitylog.rs
backup=$(mktemp)
out=$(mktemp)
cp "$entity" "$backup"
trap 'cp "$backup" "$entity"; rm -f "$backup" "$out"' EXIT

grep -q 'pub entity_id: i32,' "$entity" || {
    echo "edit_loop: $entity no longer has 'pub entity_id: i32,'; update the script" >&2
    exit 1
}
# Warm: the loop measures an edit, not a cold build.
cargo build --quiet -p ddl-gen

times=()
for i in $(seq 1 "$runs"); do
    if ((i % 2)); then
        sed -i 's/pub entity_id: i32,/pub entity_id: i64,/' "$entity"
        want='entity_id bigint NOT NULL'
    else
        sed -i 's/pub entity_id: i64,/pub entity_id: i32,/' "$entity"
        want='entity_id integer NOT NULL'
    fi
    start=$(date +%s%N)
    cargo run --quiet -p ddl-gen >"$out"
    ms=$(ms_since "$start")
    grep -q "$want" "$out" || {
        echo "edit_loop: run $i printed DDL without '$want': the edit did not reach the output" >&2
        exit 1
    }
    times+=("$ms")
    echo "run $i: $ms ms"
done
echo "edit -> DDL loop (cargo run -p ddl-gen, debug, one field of one entity changed): median of $runs runs $(median "${times[@]}") ms"
