#!/usr/bin/env bash
# The edit -> DDL loop on generated model crates of growing size, so that the compile cost of
# models is measured as it grows. For each size N (default: 20 and 200), writes a workspace
# under target/bench-generated/ with a models crate of N SeaORM entities (each with the
# `#[derive(PgTable)]` extras the dataflow models use: serial key, defaults, a UNIQUE column, a
# composite index, the timestamps trigger, a foreign key to the entity before it) and a thin
# generator binary (`ddl_gen::cli::run(models::schema())`, as `ddl-gen/` is), builds it once,
# then times `cargo run -p gen-ddl` (debug, whole process) after flipping one field of one
# entity between i32 and i64, checking each time that the DDL printed says so.
#
#   bash tests/benches/generated_loop.sh                 # 20 and 200 entities, 5 runs each
#   ENTITIES="50" RUNS=9 bash tests/benches/generated_loop.sh
#
# The generated workspace has its own target directory (its first build compiles the
# dependencies once, a few minutes; the loop itself is measured warm) and the repository's
# Cargo.lock, so it builds the same dependency versions. Nothing outside target/ is written.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
root=$repo/target/bench-generated
source "$repo/tests/benches/lib.sh"
runs=${RUNS:-5}
sizes=${ENTITIES:-20 200}

# The entity `i` of a crate: columns of the kinds models carry, and a foreign key to `i - 1`.
entity() {
    local i=$1 name previous relation
    name=$(printf 'e%03d' "$i")
    previous=$(printf 'e%03d' $((i - 1)))
    if ((i > 1)); then
        relation="    #[sea_orm(
        belongs_to = \"super::$previous::Entity\",
        from = \"Column::OwnerId\",
        to = \"super::$previous::Column::Id\",
        on_delete = \"SetNull\"
    )]
    Owner,"
    else
        relation=""
    fi
    cat <<EOF
use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(schema_name = "bench", table_name = "$name", comment = "Generated entity $i")]
#[pg(timestamps)]
#[pg(index(name = "idx_${name}_owner_code", columns(owner_id, code)))]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    #[sea_orm(column_type = "Text", unique)]
    pub code: String,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    #[pg(index)]
    pub owner_id: Option<i32>,
    pub quantity: i32,
    #[sea_orm(column_type = "Decimal(Some((12, 2)))")]
    pub price: Decimal,
    #[pg(default = "true")]
    pub active: bool,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'{}'::jsonb")]
    pub details: Json,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
$relation
}

impl ActiveModelBehavior for ActiveModel {}
EOF
}

# Writes the workspace for `n` entities into $root/e$n.
generate() {
    local n=$1 dir=$root/e$n i
    rm -rf "$dir"
    mkdir -p "$dir/models/src" "$dir/ddl/src"
    # The profile the repository's own loop uses (see its Cargo.toml).
    cat >"$dir/Cargo.toml" <<EOF
[workspace]
resolver = "3"
members = ["models", "ddl"]

[profile.dev.package."*"]
debug = false
EOF
    cp "$repo/Cargo.lock" "$dir/Cargo.lock"
    sea_orm=$(grep '^sea-orm = ' "$repo/Cargo.toml" | sed 's/^sea-orm = //')
    cat >"$dir/models/Cargo.toml" <<EOF
[package]
name = "gen-models"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
model-core = { path = "$repo/model-core" }
sea-orm = $sea_orm
EOF
    cat >"$dir/ddl/Cargo.toml" <<EOF
[package]
name = "gen-ddl"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
ddl-gen-lib = { path = "$repo/ddl-gen-lib" }
gen-models = { path = "../models" }
EOF
    cat >"$dir/ddl/src/main.rs" <<'EOF'
fn main() -> std::process::ExitCode {
    ddl_gen::cli::run(gen_models::schema())
}
EOF
    {
        echo "#![allow(clippy::duplicated_attributes)]"
        for i in $(seq 1 "$n"); do printf 'pub mod e%03d;\n' "$i"; done
        echo
        echo "pub fn schema() -> model_core::Schema {"
        echo "    model_core::Schema::builder()"
        for i in $(seq 1 "$n"); do printf '        .entity::<e%03d::Entity>()\n' "$i"; done
        echo "        .build()"
        echo "        .expect(\"valid schema\")"
        echo "}"
    } >"$dir/models/src/lib.rs"
    for i in $(seq 1 "$n"); do entity "$i" >"$dir/models/src/$(printf 'e%03d' "$i").rs"; done
}

for n in $sizes; do
    generate "$n"
    dir=$root/e$n
    export CARGO_TARGET_DIR=$root/target
    # The edited entity: one in the middle, so entities on both sides of it exist.
    edited=$dir/models/src/$(printf 'e%03d' $(((n + 1) / 2))).rs
    (cd "$dir" && cargo build --quiet -p gen-ddl)
    times=()
    for i in $(seq 1 "$runs"); do
        if ((i % 2)); then
            sed -i 's/pub quantity: i32,/pub quantity: i64,/' "$edited"
        else
            sed -i 's/pub quantity: i64,/pub quantity: i32,/' "$edited"
        fi
        start=$(date +%s%N)
        out=$(cd "$dir" && cargo run --quiet -p gen-ddl)
        ms=$(ms_since "$start")
        tables=$(grep -c '^CREATE TABLE' <<<"$out" || true)
        if ((tables != n)); then
            echo "generated_loop: $n entities printed $tables CREATE TABLE statements" >&2
            exit 1
        fi
        wide=$(grep -c 'quantity bigint NOT NULL' <<<"$out" || true)
        if ((wide != i % 2)); then
            echo "generated_loop: run $i printed $wide bigint quantity columns, wanted $((i % 2))" >&2
            exit 1
        fi
        times+=("$ms")
        echo "$n entities, run $i: $ms ms"
    done
    echo "edit -> DDL loop on a generated crate of $n entities (cargo run, debug, one field of one entity changed): median of $runs runs $(median "${times[@]}") ms"
done
