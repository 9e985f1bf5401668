//! Properties over random schemas (`pg_harness::random`), on a real PostgreSQL:
//!
//! - create: `build()` accepts the schema; registration order changes no byte of the script; the
//!   script applies; the database reads back with every object as modelled (raw SQL aside, which
//!   PostgreSQL rewrites); what was read back renders a script that builds the same catalog; the
//!   re-runnable script changes nothing, twice; the drop script leaves nothing.
//! - migrate: S1 built and given rows, the plan to a random change S2 applied, then the plan
//!   back; each catalog equal to a fresh create of its target (column positions aside, which
//!   PostgreSQL cannot change).
//!
//! The fast slice runs with the tests. The long run is one command (TESTING.md):
//! `RANDOM_CREATE_CASES=2000 RANDOM_MIGRATE_CASES=500 cargo test -p integration-tests --test random_schemas --release`.
//! A failure names its seed; `RANDOM_SEED=<seed> RANDOM_CREATE_CASES=1` runs that case alone.

use std::panic::{AssertUnwindSafe, catch_unwind};

use ddl_gen::compare::{Aspect, ChangeKind, compare};
use ddl_gen::migration::{plan, plan_online, renames};
use ddl_gen::render::{CreateOptions, create_script, drop_script};
use model_core::{Identity, Schema};
use pg_harness::random::{changed, reordered, schema, schema_names};
use pg_harness::{Database, assert_same_catalog, server};
use sqlx::Connection;

fn count(var: &str, default: u64) -> u64 {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn seeds(var: &str, default: u64) -> impl Iterator<Item = u64> {
    let first = count("RANDOM_SEED", 1);
    (first..).take(count(var, default) as usize)
}

/// Runs `case` for every seed, and fails naming each seed that failed, with the first message.
fn each(var: &str, default: u64, case: impl Fn(u64)) {
    let mut failed = Vec::new();
    let mut first = None;
    let mut ran = 0;
    for seed in seeds(var, default) {
        ran += 1;
        if let Err(e) = catch_unwind(AssertUnwindSafe(|| case(seed))) {
            let message = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            eprintln!("{var}: seed {seed} failed");
            first.get_or_insert((seed, message));
            failed.push(seed);
        }
    }
    if let Some((seed, message)) = first {
        panic!(
            "{} of {ran} cases failed, seeds {failed:?}. The first (RANDOM_SEED={seed} {var}=1 reruns it):\n{message}",
            failed.len()
        );
    }
}

fn schemas(s: &Schema) -> Vec<String> {
    schema_names(s)
}

fn fingerprint(db: &Database, s: &Schema) -> Vec<String> {
    fingerprint_of(db, &schemas(s))
}

fn fingerprint_of(db: &Database, names: &[String]) -> Vec<String> {
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    db.fingerprint(&names)
}

fn read_back(db: &Database, s: &Schema) -> Schema {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    rt.block_on(async {
        let mut conn = sqlx::PgConnection::connect(&db.url).await.expect("connect");
        ddl_gen::introspect::read_schema(&mut conn, &schemas(s))
            .await
            .expect("read back")
    })
}

/// Aspects PostgreSQL writes in its own words (raw SQL it rewrites): compared by rebuilding from
/// what was read back, not as text against the model.
const REWRITTEN: [Aspect; 7] = [
    Aspect::Default,
    Aspect::Checks,
    Aspect::Generated,
    Aspect::Expression,
    Aspect::Predicate,
    Aspect::Keys,
    Aspect::Condition,
];

fn create_case(seed: u64) {
    let model = schema(seed);
    let script = create_script(&model, CreateOptions::default());
    assert!(
        script == create_script(&reordered(&model, seed), CreateOptions::default()),
        "registration order changed the script"
    );
    let pg = server();
    let db = pg.fresh_database("random");
    db.apply_ok(
        &script,
        &format!("seed {seed}: the create script\n{script}"),
    );

    let read = read_back(&db, &model);
    let differences: Vec<String> = compare(&model, &read, &[])
        .iter()
        .filter(|c| match &c.kind {
            ChangeKind::Alter { details, .. } => {
                details.iter().any(|d| !REWRITTEN.contains(&d.aspect))
            }
            _ => true,
        })
        .map(|c| format!("{} {:?}", c.object, c.details()))
        .collect();
    assert!(
        differences.is_empty(),
        "seed {seed}: read back differs from the model:\n{}\n{script}",
        differences.join("\n")
    );

    let built = fingerprint(&db, &model);
    let again = pg.fresh_database("random_again");
    again.apply_ok(
        &create_script(&read, CreateOptions::default()),
        &format!("seed {seed}: the script of what was read back"),
    );
    assert_same_catalog("built", &built, "rebuilt", &fingerprint(&again, &model));

    let guarded = create_script(
        &model,
        CreateOptions {
            if_not_exists: true,
        },
    );
    for time in ["once", "twice"] {
        db.apply_ok(
            &guarded,
            &format!("seed {seed}: the guarded script, {time}"),
        );
        assert_same_catalog("built", &built, "guarded", &fingerprint(&db, &model));
    }

    db.apply_ok(
        &drop_script(&model),
        &format!("seed {seed}: the drop script"),
    );
    let left = fingerprint(&db, &model);
    assert!(
        left.is_empty(),
        "seed {seed}: the drop script left {left:#?}"
    );
    // Passed: nothing to look at afterwards (a failing case keeps its databases).
    pg.drop_database(db);
    pg.drop_database(again);
}

/// Column positions aside: PostgreSQL adds a column at the end and cannot move it.
fn without_positions(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = lines
        .into_iter()
        .map(|l| match (l.starts_with("column "), l.find(" #")) {
            (true, Some(at)) => {
                let rest = &l[at + 2..];
                let after = rest.find(' ').map_or("", |e| &rest[e..]);
                format!("{}{after}", &l[..at])
            }
            _ => l,
        })
        .collect();
    out.sort();
    out
}

/// One row per table that takes `DEFAULT VALUES` (every required column has a default).
fn rows(s: &Schema) -> String {
    let mut sql = String::from("BEGIN;\n");
    for t in &s.tables {
        let fills = t.columns.iter().all(|c| {
            c.nullable
                || c.default.is_some()
                || c.generated.is_some()
                || c.identity != Identity::None
        });
        if fills {
            sql.push_str(&format!(
                "INSERT INTO {} DEFAULT VALUES;\n",
                ddl_gen::render::qualified(&t.name)
            ));
        }
    }
    sql + "COMMIT;\n"
}

fn transaction(steps: &[ddl_gen::migration::Step]) -> String {
    let body: Vec<String> = steps.iter().map(|s| s.action.sql()).collect();
    format!("BEGIN;\n{};\nCOMMIT;\n", body.join(";\n"))
}

fn migrate_case(seed: u64) {
    migrate_planned(seed, false)
}

/// The same with the plans `ddl-gen migrate` writes (`plan_online`), applied as
/// `migration::script` writes them: several transactions, indexes built and dropped outside any.
fn migrate_online_case(seed: u64) {
    migrate_planned(seed, true)
}

fn migrate_planned(seed: u64, online: bool) {
    let planner = if online { plan_online } else { plan };
    let apply = |steps: &[ddl_gen::migration::Step]| {
        if online {
            ddl_gen::migration::script(steps)
        } else {
            transaction(steps)
        }
    };
    let from = schema(seed);
    let to = changed(&from, seed);
    let pg = server();
    // Both sides' schemas: one the change empties is compared too.
    let mut names = schemas(&from);
    names.extend(schemas(&to));
    names.sort();
    names.dedup();
    let expected = |s: &Schema| {
        let db = pg.fresh_database("random_expected");
        db.apply_ok(
            &create_script(s, CreateOptions::default()),
            "a fresh create",
        );
        let lines = without_positions(fingerprint_of(&db, &names));
        pg.drop_database(db);
        lines
    };
    let db = pg.fresh_database("random_migrated");
    db.apply_ok(&create_script(&from, CreateOptions::default()), "S1");
    db.apply_ok(&rows(&from), &format!("seed {seed}: rows"));

    let forward = renames(&from, &to);
    let up = planner(&from, &to, &forward).unwrap_or_else(|e| panic!("seed {seed}: {}", e.0));
    db.apply_ok(&apply(&up), &format!("seed {seed}: up\n{}", apply(&up)));
    assert_same_catalog(
        "a fresh S2",
        &expected(&to),
        "S1 migrated up",
        &without_positions(fingerprint_of(&db, &names)),
    );

    let backward: Vec<_> = forward
        .iter()
        .map(|(t, old, new)| (t.clone(), new.clone(), old.clone()))
        .collect();
    let down = planner(&to, &from, &backward).unwrap_or_else(|e| panic!("seed {seed}: {}", e.0));
    db.apply_ok(
        &apply(&down),
        &format!("seed {seed}: down\n{}", apply(&down)),
    );
    assert_same_catalog(
        "a fresh S1",
        &expected(&from),
        "migrated back down",
        &without_positions(fingerprint_of(&db, &names)),
    );
    pg.drop_database(db);
}

#[test]
fn random_schemas_apply_and_read_back_as_modelled() {
    each("RANDOM_CREATE_CASES", 30, create_case);
}

#[test]
fn random_changes_migrate_up_and_down_over_rows() {
    each("RANDOM_MIGRATE_CASES", 15, migrate_case);
}

#[test]
fn random_changes_migrate_online_up_and_down_over_rows() {
    each("RANDOM_ONLINE_CASES", 15, migrate_online_case);
}

/// The default seeds reach the kinds of trigger the generator makes, so the cases above test
/// them: statement and row triggers, `UPDATE OF`, `WHEN`, transition tables, arguments.
#[test]
fn the_default_seeds_make_triggers_of_each_kind() {
    let triggers: Vec<model_core::Trigger> = seeds("RANDOM_CREATE_CASES", 30)
        .flat_map(|seed| schema(seed).tables)
        .flat_map(|t| t.triggers)
        .filter(|tr| !tr.name.starts_with("touch "))
        .collect();
    let some = |what: &str, f: &dyn Fn(&model_core::Trigger) -> bool| {
        assert!(
            triggers.iter().any(f),
            "no {what} among {} triggers",
            triggers.len()
        );
    };
    some("statement trigger", &|t| t.for_each_statement);
    some("UPDATE OF", &|t| !t.update_of.is_empty());
    some("WHEN", &|t| t.when.is_some());
    some("transition table", &|t| {
        t.old_table.is_some() || t.new_table.is_some()
    });
    some("argument", &|t| !t.args.is_empty());
    some("TRUNCATE", &|t| {
        t.events.contains(&model_core::TriggerEvent::Truncate)
    });
}

/// The default seeds reach domains: columns of one and arrays of one, with and without a
/// default, created and changed by the migrate cases.
#[test]
fn the_default_seeds_make_domains_and_columns_of_them() {
    let schemas: Vec<Schema> = seeds("RANDOM_CREATE_CASES", 30).map(schema).collect();
    let columns: Vec<&model_core::Column> = (schemas.iter())
        .flat_map(|s| &s.tables)
        .flat_map(|t| &t.columns)
        .collect();
    assert!(
        columns
            .iter()
            .any(|c| matches!(c.ty, model_core::ColumnType::Domain(_))),
        "no column of a domain"
    );
    assert!(
        columns
            .iter()
            .any(|c| c.ty.display_name().contains(".\"amount ")
                && c.ty.display_name().ends_with("[]")),
        "no array of a domain"
    );
    let domains: Vec<&model_core::Domain> = schemas.iter().flat_map(|s| &s.domains).collect();
    assert!(
        domains.iter().any(|d| d.default.is_some()) && domains.iter().any(|d| d.default.is_none())
    );
    let changed = seeds("RANDOM_MIGRATE_CASES", 15)
        .any(|seed| schema(seed).domains != changed(&schema(seed), seed).domains);
    assert!(changed, "no migrate case changes a domain");
}
