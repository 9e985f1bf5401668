//! The generated dataflow script against the hand-written expected script
//! (`tests/sql/dataflow_expected.sql`), on a real PostgreSQL: both applied to fresh databases,
//! compared catalog to catalog.

use std::collections::BTreeMap;

use ddl_gen::render::{CreateOptions, create_script, drop_script};
use pg_harness::{assert_same_catalog, server, sql_dir, stderr};

fn generated() -> String {
    create_script(&models::schema(), CreateOptions::default())
}

fn counts(db: &pg_harness::Database) -> BTreeMap<String, i64> {
    db.run_file(&sql_dir().join("counts.sql"))
        .lines()
        .filter_map(|l| {
            let (what, n) = l.rsplit_once('|')?;
            Some((what.to_owned(), n.parse().ok()?))
        })
        .collect()
}

#[test]
fn generated_script_gives_the_reference_catalog() {
    let pg = server();
    let reference = pg.fresh_database("ref");
    reference.apply_ok(
        &pg_harness::expected_dataflow_script(),
        "tests/sql/dataflow_expected.sql",
    );
    let ours = pg.fresh_database("gen");
    ours.apply_ok(&generated(), "generated script");

    assert_same_catalog(
        "reference",
        &reference.fingerprint(&["dataflow"]),
        "generated",
        &ours.fingerprint(&["dataflow"]),
    );
    // The fingerprint is not vacuous: it sees every object.
    assert!(ours.fingerprint(&["dataflow"]).len() > 400);

    let (ref_counts, our_counts) = (counts(&reference), counts(&ours));
    assert_eq!(ref_counts, our_counts);
    // The reference's README, counted from its live catalog.
    for (what, n) in [
        ("tables", 21),
        ("columns", 241),
        ("indexes, all (incl. primary keys)", 98),
        ("indexes, explicit (not primary key)", 77),
        ("indexes, unique (not primary key)", 10),
        ("indexes, composite non-unique (>1 key column)", 15),
        ("indexes, GIN full-text (to_tsvector expression)", 3),
        ("indexes, GIN on JSONB column", 8),
        ("indexes, single-column B-tree non-unique", 41),
        ("indexes, partial (WHERE ...)", 3),
        ("foreign keys", 22),
        ("check constraints", 2),
        ("primary keys", 21),
        ("unique constraints", 2),
        ("triggers (user, not internal)", 19),
        // The reference's two trigger functions, and the search the models add.
        ("functions", 3),
        ("tables with a comment", 21),
        ("sequences (SERIAL)", 21),
        ("columns with a DEFAULT (excl. SERIAL nextval)", 102),
    ] {
        assert_eq!(our_counts.get(what), Some(&n), "count of {what}");
    }
}

#[test]
fn foreign_key_actions_match_the_reference() {
    let pg = server();
    let reference = pg.fresh_database("ref_fk");
    reference.apply_ok(
        &pg_harness::expected_dataflow_script(),
        "tests/sql/dataflow_expected.sql",
    );
    let ours = pg.fresh_database("gen_fk");
    ours.apply_ok(&generated(), "generated script");
    let sql = "SELECT confdeltype, confupdtype, count(*) FROM pg_constraint c \
               JOIN pg_namespace n ON n.oid = c.connamespace \
               WHERE n.nspname = 'dataflow' AND contype = 'f' GROUP BY 1, 2 ORDER BY 1, 2";
    let theirs = reference.query(sql);
    assert_eq!(theirs, ours.query(sql));
    // 6 cascade, 12 set null, 1 set null with on update cascade, 1 restrict, 2 restrict with
    // on update cascade: the reference's 22 keys.
    assert_eq!(theirs, "c|a|6\nn|a|12\nn|c|1\nr|a|1\nr|c|2\n");
}

#[test]
fn if_not_exists_script_applies_twice_and_changes_nothing() {
    let pg = server();
    let db = pg.fresh_database("rerun");
    let script = create_script(
        &models::schema(),
        CreateOptions {
            if_not_exists: true,
        },
    );
    db.apply_ok(&script, "re-runnable script (first run)");
    let first = db.fingerprint(&["dataflow"]);
    db.apply_ok(&script, "re-runnable script (second run)");
    assert_same_catalog(
        "after one run",
        &first,
        "after two runs",
        &db.fingerprint(&["dataflow"]),
    );

    let plain = pg.fresh_database("plain_for_rerun");
    plain.apply_ok(&generated(), "plain script");
    assert_same_catalog(
        "plain",
        &plain.fingerprint(&["dataflow"]),
        "re-runnable",
        &first,
    );
}

#[test]
fn drop_script_leaves_no_object_of_the_schema() {
    let pg = server();
    let db = pg.fresh_database("drop");
    db.apply_ok(&generated(), "create script");
    assert!(!db.fingerprint(&["dataflow"]).is_empty());
    let drop = drop_script(&models::schema());
    db.apply_ok(&drop, "drop script");
    assert_eq!(db.fingerprint(&["dataflow"]), Vec::<String>::new());
    assert_eq!(
        db.query("SELECT count(*) FROM pg_namespace WHERE nspname = 'dataflow'"),
        "0\n"
    );
    // Re-runnable too, and the create script applies again afterwards.
    db.apply_ok(&drop, "drop script (second run)");
    db.apply_ok(&generated(), "create script after drop");
}

#[test]
fn plain_script_applied_twice_fails_and_leaves_the_database_as_it_was() {
    let pg = server();
    let db = pg.fresh_database("twice");
    db.apply_ok(&generated(), "create script");
    db.query("INSERT INTO dataflow.category (name, slug) VALUES ('Tools', 'tools')");
    let before = db.fingerprint(&["dataflow"]);
    let out = db.apply(&generated());
    assert!(!out.status.success(), "the second run must fail");
    assert!(
        stderr(&out).contains("already exists"),
        "unexpected error: {}",
        stderr(&out)
    );
    assert_same_catalog(
        "before",
        &before,
        "after the failed run",
        &db.fingerprint(&["dataflow"]),
    );
    assert_eq!(db.query("SELECT count(*) FROM dataflow.category"), "1\n");
}

#[test]
fn generated_behaviour_matches_the_reference_smoke_test() {
    // What the reference's README says its smoke test checked, on our database.
    let pg = server();
    let db = pg.fresh_database("smoke");
    db.apply_ok(&generated(), "generated script");
    db.query(
        "INSERT INTO dataflow.product (sku, name, slug, updated_at) VALUES ('s1', 'Hammer', 'hammer', now() - interval '1 day')",
    );
    db.query("UPDATE dataflow.product SET name = 'Claw hammer' WHERE sku = 's1'");
    assert_eq!(
        db.query("SELECT version, updated_at > now() - interval '1 minute' FROM dataflow.product"),
        "2|t\n",
        "the version and updated_at triggers fire"
    );
    let bad_check = db.apply(
        "INSERT INTO dataflow.productclassification (product_id, confidence) SELECT id, 0.5 FROM dataflow.product",
    );
    assert!(
        stderr(&bad_check).contains("at_least_one_classification"),
        "{}",
        stderr(&bad_check)
    );
    let bad_range = db.apply(
        "INSERT INTO dataflow.unspsccode (code, title, segment_code, family_code, class_code) VALUES ('1', 'Safety gloves', 's', 'f', 'c');
         INSERT INTO dataflow.productclassification (product_id, unspsc_code, confidence) SELECT id, '1', 1.5 FROM dataflow.product",
    );
    assert!(
        stderr(&bad_range).contains("productclassification_confidence_check"),
        "{}",
        stderr(&bad_range)
    );
    db.query("INSERT INTO dataflow.productclassification (product_id, unspsc_code) SELECT id, '1' FROM dataflow.product");
    let restrict = db.apply("DELETE FROM dataflow.unspsccode WHERE code = '1'");
    assert!(
        stderr(&restrict).contains("productclassification_unspsc_code_fkey"),
        "{}",
        stderr(&restrict)
    );
    db.query("UPDATE dataflow.unspsccode SET code = '2' WHERE code = '1'");
    assert_eq!(
        db.query("SELECT unspsc_code FROM dataflow.productclassification"),
        "2\n",
        "ON UPDATE CASCADE"
    );
    db.query("DELETE FROM dataflow.product");
    assert_eq!(
        db.query("SELECT count(*) FROM dataflow.productclassification"),
        "0\n",
        "ON DELETE CASCADE"
    );
    assert_eq!(
        db.query(
            "SELECT count(*) FROM dataflow.unspsccode WHERE to_tsvector('english', title) @@ to_tsquery('english', 'glove')"
        ),
        "1\n"
    );
}

#[test]
fn the_search_function_uses_the_full_text_index_and_the_listing_reads_through_seaorm() {
    let db = server().fresh_database("dataflow_search");
    db.apply_ok(&generated(), "generated script");
    db.apply_ok(
        "INSERT INTO dataflow.category (name, slug) VALUES ('Tools', 'tools');
         INSERT INTO dataflow.product (sku, name, slug, description, category_id, is_published)
         SELECT 'sku' || g, 'Item ' || g, 'item-' || g,
                CASE WHEN g % 100 = 0 THEN 'cordless drill with battery' ELSE 'claw hammer' END,
                1, g <= 3
           FROM generate_series(1, 5000) g;
         UPDATE dataflow.product SET deleted_at = now() WHERE id = 200;
         ANALYZE dataflow.product",
        "products",
    );
    let q = |sql: &str| db.query(sql);
    assert_eq!(
        q("SELECT count(*) FROM dataflow.search_products('cordless drill', 1000)"),
        "49\n"
    );
    assert_eq!(
        q("SELECT count(*) FROM dataflow.search_products('drill -battery')"),
        "0\n"
    );
    assert_eq!(
        q(
            "SELECT string_agg(id::text, ',') FROM dataflow.search_products('\"cordless drill\"', 3)"
        ),
        "100,300,400\n"
    );
    // Inlined into the caller's query, and answered from the GIN index.
    let plan = q("EXPLAIN SELECT * FROM dataflow.search_products('cordless drill')");
    assert!(plan.contains("idx_product_fulltext"), "{plan}");

    use sea_orm::{EntityTrait, QueryOrder};
    pg_harness::runtime().block_on(async {
        let conn = sea_orm::Database::connect(&db.url).await.unwrap();
        let listed: Vec<(i32, Option<String>)> = models::catalog_listing::Entity::find()
            .order_by_asc(models::catalog_listing::Column::Id)
            .all(&conn)
            .await
            .unwrap()
            .into_iter()
            .map(|m| (m.id, m.category))
            .collect();
        let tools = || Some("Tools".to_owned());
        assert_eq!(listed, [(1, tools()), (2, tools()), (3, tools())]);
    });
}
