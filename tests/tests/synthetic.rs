//! The benchmarks' synthetic schema is a real one: deterministic, applies cleanly, verifies clean,
//! and its "1% changed" copy is seen as exactly that.

use ddl_gen::render::{CreateOptions, create_script};
use ddl_gen::verify::verify;
use pg_harness::{server, synthetic};

#[test]
fn the_same_seed_gives_the_same_schema() {
    let a = create_script(&synthetic::schema(300, 7), CreateOptions::default());
    assert_eq!(
        a,
        create_script(&synthetic::schema(300, 7), CreateOptions::default())
    );
    assert_ne!(
        a,
        create_script(&synthetic::schema(300, 8), CreateOptions::default())
    );
}

#[test]
fn a_synthetic_schema_applies_and_verifies_clean() {
    let schema = synthetic::schema(300, 7);
    assert!(
        schema
            .tables
            .iter()
            .any(|t| t.foreign_keys.iter().any(|f| f.deferrable))
    );
    let script = create_script(&schema, CreateOptions::default());
    assert!(
        script.contains("-- Foreign keys added after their tables"),
        "the generator makes cycles"
    );
    let db = server().fresh_database("synthetic");
    db.apply_ok(&script, "synthetic schema");
    assert_eq!(db.query("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE 's_' AND c.relkind = 'r'"), "300\n");

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let report = rt.block_on(verify(&db.url, &schema)).unwrap();
    assert_eq!(report.tables, 300);
    assert_eq!(report.differences, vec![]);
    let changed = synthetic::changed(&schema);
    let report = rt.block_on(verify(&db.url, &changed)).unwrap();
    // 3 tables changed: a column added, an index predicate changed, a check dropped.
    assert_eq!(report.differences.len(), 3, "{:#?}", report.differences);
}
