//! `verify` and introspection against real databases: the reference verifies clean, each drift
//! is named by exactly the right line, and a database read back renders to a script that
//! rebuilds the same catalog.

#![allow(clippy::duplicated_attributes)]

mod fixtures;

use ddl_gen::introspect::read_schema;
use ddl_gen::render::{CreateOptions, create_script};
use ddl_gen::verify::{Options, VerifyError, verify, verify_with};
use model_core::Schema;
use pg_harness::{assert_same_catalog, expected_dataflow_script, server};
use sqlx::Connection;

use pg_harness::runtime;

fn differences(url: &str, models: &Schema) -> Vec<String> {
    let report = runtime()
        .block_on(verify(url, models))
        .unwrap_or_else(|e| panic!("verify failed: {e}"));
    report.differences.iter().map(|d| d.to_string()).collect()
}

#[test]
fn the_reference_database_verifies_clean() {
    let db = server().fresh_database("verify_ref");
    db.apply_ok(&expected_dataflow_script(), "reference");
    let uncached = Options {
        cache_dir: None,
        ..Options::default()
    };
    let report = runtime()
        .block_on(verify_with(&db.url, &models::schema(), &uncached))
        .unwrap();
    assert_eq!(report.tables, 21);
    assert_eq!(report.differences, vec![]);
    assert!(!report.cached);
    // Verification leaves its scratch database behind on no path. (Other tests verify in
    // parallel on this server, so look for this one's only.)
    assert!(report.scratch_database.starts_with("ddl_gen_verify_"));
    let left = db.query(&format!(
        "SELECT count(*) FROM pg_database WHERE datname = '{}'",
        report.scratch_database
    ));
    assert_eq!(left, "0\n");
}

/// One drift: the models it is checked against, the database set-up, the SQL that drifts it,
/// and every line verify must print (no more, no fewer).
struct Drift {
    name: &'static str,
    sql: &'static str,
    expected: &'static [&'static str],
}

const DATAFLOW_DRIFTS: &[Drift] = &[
    Drift {
        name: "dropped index",
        sql: "DROP INDEX dataflow.idx_product_sku",
        expected: &["index idx_product_sku on dataflow.product missing"],
    },
    Drift {
        name: "extra index",
        sql: "CREATE INDEX idx_brand_manufacturer ON dataflow.brand (manufacturer)",
        expected: &["index idx_brand_manufacturer on dataflow.brand extra (not in the models)"],
    },
    Drift {
        name: "changed index predicate",
        sql: "DROP INDEX dataflow.idx_product_status_live;
              CREATE INDEX idx_product_status_live ON dataflow.product (status) WHERE deleted_at IS NOT NULL",
        expected: &["index idx_product_status_live on dataflow.product: predicate (deleted_at IS NULL) in models, (deleted_at IS NOT NULL) in database"],
    },
    Drift {
        name: "changed index method",
        sql: "DROP INDEX dataflow.idx_brand_name; CREATE INDEX idx_brand_name ON dataflow.brand USING hash (name)",
        expected: &["index idx_brand_name on dataflow.brand: method btree in models, hash in database"],
    },
    Drift {
        name: "index moved to an extension's access method",
        sql: "CREATE EXTENSION bloom;
              DROP INDEX dataflow.idx_brand_name; CREATE INDEX idx_brand_name ON dataflow.brand USING bloom (name)",
        expected: &[
            "extension bloom extra (not in the models)",
            "index idx_brand_name on dataflow.brand: method btree in models, bloom in database",
        ],
    },
    Drift {
        name: "changed operator class",
        sql: "DROP INDEX dataflow.idx_activitylog_details;
              CREATE INDEX idx_activitylog_details ON dataflow.activitylog USING gin (details)",
        expected: &["index idx_activitylog_details on dataflow.activitylog: keys (details jsonb_path_ops) in models, (details) in database"],
    },
    Drift {
        name: "changed key order",
        sql: "DROP INDEX dataflow.idx_activitylog_user_created;
              CREATE INDEX idx_activitylog_user_created ON dataflow.activitylog (user_id, created_at)",
        expected: &["index idx_activitylog_user_created on dataflow.activitylog: keys (user_id, created_at DESC) in models, (user_id, created_at) in database"],
    },
    Drift {
        name: "unique index made plain",
        sql: "DROP INDEX dataflow.idx_brand_slug; CREATE INDEX idx_brand_slug ON dataflow.brand (slug)",
        expected: &["index idx_brand_slug on dataflow.brand: unique in models, not unique in database"],
    },
    Drift {
        name: "dropped column",
        sql: "ALTER TABLE dataflow.brand DROP COLUMN manufacturer",
        expected: &["column dataflow.brand.manufacturer missing"],
    },
    Drift {
        name: "extra column",
        sql: "ALTER TABLE dataflow.brand ADD COLUMN country text",
        expected: &["column dataflow.brand.country extra (not in the models)"],
    },
    Drift {
        name: "changed type",
        sql: "ALTER TABLE dataflow.quotation ALTER COLUMN total_amount TYPE numeric",
        expected: &["column dataflow.quotation.total_amount: type numeric(12,2) in models, numeric in database"],
    },
    Drift {
        name: "changed default",
        sql: "ALTER TABLE dataflow.product ALTER COLUMN currency SET DEFAULT 'EUR'",
        expected: &["column dataflow.product.currency: default 'USD'::text in models, 'EUR'::text in database"],
    },
    Drift {
        name: "changed nullability",
        sql: "ALTER TABLE dataflow.customer ALTER COLUMN notes SET NOT NULL",
        expected: &["column dataflow.customer.notes: nullable in models, NOT NULL in database"],
    },
    Drift {
        name: "serial default dropped",
        sql: "ALTER TABLE dataflow.brand ALTER COLUMN id DROP DEFAULT",
        // The sequence stays, owned by the column but no longer its default: a sequence of its
        // own now, which the models do not have.
        expected: &[
            "sequence dataflow.brand_id_seq extra (not in the models)",
            "column dataflow.brand.id: identity serial in models, none in database",
        ],
    },
    Drift {
        name: "changed foreign key action",
        sql: "ALTER TABLE dataflow.quotationitem DROP CONSTRAINT quotationitem_quotation_id_fkey,
              ADD CONSTRAINT quotationitem_quotation_id_fkey FOREIGN KEY (quotation_id)
                  REFERENCES dataflow.quotation (id) ON DELETE RESTRICT",
        expected: &["foreign key quotationitem_quotation_id_fkey on dataflow.quotationitem: on delete cascade in models, restrict in database"],
    },
    Drift {
        name: "foreign key made deferrable",
        sql: "ALTER TABLE dataflow.quotationitem ALTER CONSTRAINT quotationitem_product_id_fkey DEFERRABLE INITIALLY DEFERRED",
        expected: &["foreign key quotationitem_product_id_fkey on dataflow.quotationitem: not deferrable in models, deferrable initially deferred in database"],
    },
    Drift {
        name: "dropped foreign key",
        sql: "ALTER TABLE dataflow.product DROP CONSTRAINT product_brand_id_fkey",
        expected: &["foreign key product_brand_id_fkey on dataflow.product missing"],
    },
    Drift {
        name: "changed check",
        sql: "ALTER TABLE dataflow.productclassification DROP CONSTRAINT productclassification_confidence_check,
              ADD CONSTRAINT productclassification_confidence_check CHECK (confidence >= 0 AND confidence <= 2)",
        expected: &["check productclassification_confidence_check on dataflow.productclassification: CHECK (((confidence >= (0)::numeric) AND (confidence <= (1)::numeric))) in models, CHECK (((confidence >= (0)::numeric) AND (confidence <= (2)::numeric))) in database"],
    },
    Drift {
        name: "dropped primary key",
        sql: "ALTER TABLE dataflow.activitylog DROP CONSTRAINT activitylog_pkey",
        expected: &["primary key activitylog_pkey on dataflow.activitylog missing"],
    },
    Drift {
        name: "missing trigger",
        sql: "DROP TRIGGER increment_product_version ON dataflow.product",
        expected: &["trigger increment_product_version on dataflow.product missing"],
    },
    Drift {
        name: "trigger moved to after update",
        sql: "DROP TRIGGER update_brand_updated_at ON dataflow.brand;
              CREATE TRIGGER update_brand_updated_at AFTER UPDATE ON dataflow.brand
                  FOR EACH ROW EXECUTE FUNCTION dataflow.update_updated_at_column()",
        expected: &["trigger update_brand_updated_at on dataflow.brand: CREATE TRIGGER update_brand_updated_at BEFORE UPDATE ON dataflow.brand FOR EACH ROW EXECUTE FUNCTION dataflow.update_updated_at_column() in models, CREATE TRIGGER update_brand_updated_at AFTER UPDATE ON dataflow.brand FOR EACH ROW EXECUTE FUNCTION dataflow.update_updated_at_column() in database"],
    },
    Drift {
        name: "extra audit trigger",
        sql: "CREATE TRIGGER audit_brand AFTER INSERT ON dataflow.brand
                  FOR EACH ROW EXECUTE FUNCTION dataflow.update_updated_at_column()",
        expected: &["trigger audit_brand on dataflow.brand extra (not in the models)"],
    },
    Drift {
        name: "changed function body",
        sql: "CREATE OR REPLACE FUNCTION dataflow.update_updated_at_column() RETURNS trigger LANGUAGE plpgsql
              AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END; $$",
        expected: &["function dataflow.update_updated_at_column(): body differs"],
    },
    Drift {
        name: "changed table comment",
        sql: "COMMENT ON TABLE dataflow.brand IS 'Brands'",
        expected: &["table dataflow.brand: comment 'Product brands with manufacturer info and active flag' in models, 'Brands' in database"],
    },
    Drift {
        name: "added column comment",
        sql: "COMMENT ON COLUMN dataflow.brand.name IS 'Display name'",
        expected: &["column dataflow.brand.name: comment none in models, 'Display name' in database"],
    },
    Drift {
        name: "dropped schema comment",
        sql: "COMMENT ON SCHEMA dataflow IS NULL",
        expected: &["schema dataflow: comment 'DataFlow production models (21 tables)' in models, none in database"],
    },
    Drift {
        name: "extra table",
        sql: "CREATE TABLE dataflow.scratchpad (id integer)",
        expected: &["table dataflow.scratchpad extra (not in the models)"],
    },
    Drift {
        name: "missing table",
        sql: "DROP TABLE dataflow.activitylog",
        expected: &["table dataflow.activitylog missing"],
    },
];

/// Runs drifts against databases built by `setup`, checked against `models`; reports every
/// failing case at once.
fn check_drifts(setup: &str, models: &Schema, drifts: &[Drift]) {
    let pg = server();
    let mut failures = Vec::new();
    for drift in drifts {
        let db = pg.fresh_database("drift");
        db.apply_ok(setup, "set-up");
        db.apply_ok(drift.sql, drift.name);
        let got = differences(&db.url, models);
        if got != drift.expected {
            failures.push(format!(
                "{}:\n  expected {:#?}\n  got      {got:#?}",
                drift.name, drift.expected
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} drift(s) misreported:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Drifts against databases built from `models`' own script.
fn check_model_drifts(models: model_core::SchemaBuilder, drifts: &[Drift]) {
    let models = models.build().unwrap();
    check_drifts(
        &create_script(&models, CreateOptions::default()),
        &models,
        drifts,
    );
}

#[test]
fn each_dataflow_drift_is_named_exactly() {
    check_drifts(
        &expected_dataflow_script(),
        &models::schema(),
        DATAFLOW_DRIFTS,
    );
}

/// `diff` between the drifted database and a clean one finds the drift, and `diff --sql`'s
/// script, applied to the database it starts from, leaves nothing for `diff` to report but the
/// column order it names (PostgreSQL cannot move a column); both ways, undoing the drift and
/// making it. `refused`: drifts the planner refuses, each with what its refusal must say.
/// Reports every failing case at once.
fn check_drifts_undone_by_diff_sql(setup: &str, drifts: &[Drift], refused: &[(&str, &str)]) {
    use ddl_gen::inspect::{diff, read_pair};
    use ddl_gen::migration::{column_order_left, script, steps_between};
    let (wait, history) = (
        ddl_gen::introspect::DEFAULT_LOCK_TIMEOUT,
        ddl_gen::history::DEFAULT_TABLE,
    );
    let pg = server();
    let rt = runtime();
    let lines = |from: &str, to: &str| -> Vec<String> {
        let report = rt.block_on(diff(from, to, &[], wait, history)).unwrap();
        report.differences.iter().map(|d| d.to_string()).collect()
    };
    let mut failures = Vec::new();
    for drift in drifts {
        for direction in ["undo", "make"] {
            let (drifted, clean) = (
                pg.fresh_database("diff_sql_drifted"),
                pg.fresh_database("diff_sql_clean"),
            );
            drifted.apply_ok(setup, "set-up");
            drifted.apply_ok(drift.sql, drift.name);
            clean.apply_ok(setup, "set-up");
            let (from, to) = match direction {
                "undo" => (&drifted, &clean),
                _ => (&clean, &drifted),
            };
            let case = format!("{} ({direction})", drift.name);
            if lines(&from.url, &to.url).is_empty() {
                failures.push(format!("{case}: diff found nothing"));
            }
            let pair = rt
                .block_on(read_pair(&from.url, &to.url, &[], wait, history))
                .unwrap();
            let expected_refusal = refused.iter().find(|(name, _)| *name == drift.name);
            match (
                steps_between(&pair.from.schema, &pair.to.schema, true),
                expected_refusal,
            ) {
                (Err(e), Some((_, why))) if e.to_string().contains(why) => {}
                (Err(e), _) => failures.push(format!("{case}: no script: {e}")),
                (Ok(_), Some(_)) => failures.push(format!("{case}: a script, not a refusal")),
                (Ok(steps), None) => {
                    let sql = script(&steps);
                    let applied = from.apply(&sql);
                    if !applied.status.success() {
                        let why = String::from_utf8_lossy(&applied.stderr);
                        failures.push(format!("{case}: {why}\n{sql}"));
                    } else {
                        // What may be left: the column order of the tables the script names.
                        let named: Vec<String> =
                            (column_order_left(&pair.from.schema, &pair.to.schema).iter())
                                .map(|t| format!("table {t}: column order"))
                                .collect();
                        let left: Vec<String> = (lines(&from.url, &to.url).into_iter())
                            .filter(|l| !named.iter().any(|n| l.starts_with(n.as_str())))
                            .collect();
                        if !left.is_empty() {
                            failures.push(format!("{case}: left {left:#?}\n{sql}"));
                        }
                    }
                }
            }
            pg.drop_database(drifted);
            pg.drop_database(clean);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} case(s) failed:\n{}",
        failures.len(),
        drifts.len() * 2,
        failures.join("\n")
    );
}

#[test]
fn diff_sql_undoes_and_makes_each_dataflow_drift() {
    check_drifts_undone_by_diff_sql(&expected_dataflow_script(), DATAFLOW_DRIFTS, &[]);
}

#[test]
fn enum_drifts_are_named_exactly() {
    check_model_drifts(
        Schema::builder()
            .entity::<fixtures::enums::purchase::Entity>()
            .entity::<fixtures::enums::refund::Entity>(),
        &[
            Drift {
                name: "enum value added",
                sql: "ALTER TYPE shop.order_status ADD VALUE 'lost'",
                expected: &["enum type shop.order_status: values ('pending', 'shipped', 'it''s delivered') in models, ('pending', 'shipped', 'it''s delivered', 'lost') in database"],
            },
            Drift {
                name: "enum values reordered",
                sql: "DROP TABLE shop.purchase; DROP TYPE shop.order_status;
                      CREATE TYPE shop.order_status AS ENUM ('shipped', 'pending', 'it''s delivered');
                      CREATE TABLE shop.purchase (id integer GENERATED BY DEFAULT AS IDENTITY NOT NULL,
                          status shop.order_status NOT NULL, currency common.currency NOT NULL,
                          CONSTRAINT purchase_pkey PRIMARY KEY (id))",
                expected: &["enum type shop.order_status: values ('pending', 'shipped', 'it''s delivered') in models, ('shipped', 'pending', 'it''s delivered') in database"],
            },
            Drift {
                name: "column moved to another enum",
                sql: "CREATE TYPE shop.currency AS ENUM ('EUR', 'USD');
                      ALTER TABLE shop.purchase ALTER COLUMN currency TYPE shop.currency USING currency::text::shop.currency",
                expected: &[
                    "enum type shop.currency extra (not in the models)",
                    "column shop.purchase.currency: type common.currency in models, shop.currency in database",
                ],
            },
        ],
    );
}

#[test]
fn unique_constraint_turned_into_an_index_is_named() {
    check_model_drifts(
        Schema::builder().entity::<fixtures::keys::identity_key::Entity>(),
        &[Drift {
            name: "unique constraint turned into a unique index",
            sql: "ALTER TABLE keys.identity_key DROP CONSTRAINT identity_key_email_key;
                  CREATE UNIQUE INDEX identity_key_email_key ON keys.identity_key (email)",
            expected: &[
                "unique constraint identity_key_email_key on keys.identity_key missing",
                "index identity_key_email_key on keys.identity_key extra (not in the models)",
            ],
        }],
    );
}

#[test]
fn missing_extension_is_named() {
    let db = server().fresh_database("verify_ext");
    db.apply_ok(&expected_dataflow_script(), "reference");
    let models = models::builder().extension("pg_trgm").build().unwrap();
    assert_eq!(differences(&db.url, &models), ["extension pg_trgm missing"]);
}

#[test]
fn errors_say_what_stopped_the_comparison() {
    let rt = runtime();
    let refused = rt.block_on(verify(
        "postgresql://postgres@127.0.0.1:1/x",
        &models::schema(),
    ));
    assert!(
        matches!(refused, Err(VerifyError::Connect(_))),
        "{refused:?}"
    );
    let db = server().fresh_database("verify_role");
    db.query("DO $$ BEGIN CREATE ROLE verify_no_createdb LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    let url = db.url.replacen("postgres@", "verify_no_createdb@", 1);
    let uncached = Options {
        cache_dir: None,
        ..Options::default()
    };
    match rt.block_on(verify_with(&url, &models::schema(), &uncached)) {
        Err(e @ VerifyError::CreateScratch(_)) => {
            assert!(e.to_string().contains("needs CREATEDB"), "{e}")
        }
        other => panic!("expected CreateScratch, got {other:?}"),
    }
}

#[test]
fn a_database_read_back_renders_to_the_same_catalog() {
    let pg = server();
    let reference = pg.fresh_database("roundtrip_ref");
    reference.apply_ok(&expected_dataflow_script(), "reference");
    let schema = runtime().block_on(async {
        let mut conn = sqlx::PgConnection::connect(&reference.url).await.unwrap();
        read_schema(&mut conn, &["dataflow".to_owned()])
            .await
            .unwrap()
    });
    assert_eq!(schema.tables.len(), 21);
    let rebuilt = pg.fresh_database("roundtrip_gen");
    rebuilt.apply_ok(
        &create_script(&schema, CreateOptions::default()),
        "script rendered from the catalog",
    );
    assert_same_catalog(
        "reference",
        &reference.fingerprint(&["dataflow"]),
        "rebuilt from its reading",
        &rebuilt.fingerprint(&["dataflow"]),
    );
}

#[test]
fn the_normal_form_is_reused_only_for_the_same_script_server_and_binary() {
    let dir = std::env::temp_dir().join(format!("ddl-gen-cache-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let options = Options {
        cache_dir: Some(dir.clone()),
        ..Options::default()
    };
    let db = server().fresh_database("verify_cache");
    db.apply_ok(&expected_dataflow_script(), "reference");
    let run = |models: &Schema| {
        runtime()
            .block_on(verify_with(&db.url, models, &options))
            .unwrap_or_else(|e| panic!("verify failed: {e}"))
    };
    let entries = || std::fs::read_dir(&dir).map_or(0, |d| d.count());

    let first = run(&models::schema());
    assert!(!first.cached && first.differences.is_empty());
    assert_eq!(entries(), 1);
    let second = run(&models::schema());
    assert!(
        second.cached,
        "the same models on the same server: from the cache"
    );
    assert_eq!(second.scratch_database, "");
    assert!(second.differences.is_empty());

    // A changed model misses, and its difference is seen.
    let changed = models::builder().extension("pg_trgm").build().unwrap();
    let third = run(&changed);
    assert!(!third.cached);
    let lines: Vec<String> = third.differences.iter().map(|d| d.to_string()).collect();
    assert_eq!(lines, ["extension pg_trgm missing"]);
    assert_eq!(entries(), 2);
    // The database changes, not the models: the cached normal form still sees it.
    db.apply_ok("DROP INDEX dataflow.idx_product_sku", "drift");
    let fourth = run(&models::schema());
    assert!(fourth.cached);
    let lines: Vec<String> = fourth.differences.iter().map(|d| d.to_string()).collect();
    assert_eq!(lines, ["index idx_product_sku on dataflow.product missing"]);
    // A role without CREATEDB verifies from the cache: no scratch database is made.
    db.query("DO $$ BEGIN CREATE ROLE verify_cached LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    db.query(&format!(
        "GRANT CONNECT ON DATABASE {} TO verify_cached",
        db.name
    ));
    let url = db.url.replacen("postgres@", "verify_cached@", 1);
    let fifth = runtime()
        .block_on(verify_with(&url, &models::schema(), &options))
        .unwrap_or_else(|e| panic!("verify failed: {e}"));
    assert!(fifth.cached);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_entry_is_used_only_when_every_input_is_byte_equal() {
    use ddl_gen::normal_form::{Inputs, load, store};
    let reading = ddl_gen::introspect::Reading {
        schema: models::schema(),
        not_held: vec![],
    };
    let inputs = |script: &str| Inputs {
        facts: "facts\n".into(),
        script: script.into(),
    };
    let dir = std::env::temp_dir().join(format!("ddl-gen-cache-entry-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (a, b) = (inputs("CREATE TABLE a ();"), inputs("CREATE TABLE b ();"));
    store(&dir, &a, &reading).unwrap();
    assert!(load(&dir, &a).is_some());
    assert!(load(&dir, &b).is_none());
    // Even under b's file name (a hash collision), a's entry is not b's.
    let a_file = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    store(&dir, &b, &reading).unwrap();
    let b_file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| *p != a_file)
        .unwrap();
    std::fs::copy(&a_file, &b_file).unwrap();
    assert!(load(&dir, &b).is_none());
    // The cache keeps the newest eight entries.
    for n in 0..10 {
        store(&dir, &inputs(&format!("CREATE TABLE t{n} ();")), &reading).unwrap();
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 8);
    assert!(load(&dir, &inputs("CREATE TABLE t9 ();")).is_some());
    std::fs::remove_dir_all(&dir).unwrap();
}

fn views_models() -> model_core::SchemaBuilder {
    use fixtures::views;
    Schema::builder()
        .entity::<views::item::Entity>()
        .entity::<views::listing::Entity>()
        .view(views::cheap())
        .view(views::cheap_names())
        .entity::<views::totals::Entity>()
}

#[test]
fn view_drifts_are_named_exactly() {
    check_model_drifts(
        views_models(),
        &[
            Drift {
                name: "a view's query changed",
                sql: "CREATE OR REPLACE VIEW shop.item_listing AS
                      SELECT id, name, price FROM shop.item WHERE NOT discontinued AND price > 0",
                expected: &[
                    "view shop.item_listing: query SELECT item.id, item.name, item.price FROM shop.item WHERE (NOT item.discontinued) in models, SELECT item.id, item.name, item.price FROM shop.item WHERE ((NOT item.discontinued) AND (item.price > (0)::numeric)) in database",
                    // CREATE OR REPLACE resets what WITH (..) does not say again.
                    "view shop.item_listing: options (security_barrier) in models, () in database",
                ],
            },
            Drift {
                name: "a view dropped, an extra one made",
                sql: "DROP VIEW shop.\"Cheap Names\";
                      CREATE VIEW shop.names AS SELECT name FROM shop.item",
                expected: &[
                    "view shop.Cheap Names missing",
                    "view shop.names extra (not in the models)",
                ],
            },
            Drift {
                name: "a materialized view's index dropped, its comment changed",
                sql: "DROP INDEX shop.idx_category_totals_category;
                      COMMENT ON MATERIALIZED VIEW shop.category_totals IS 'by hand'",
                expected: &[
                    "view shop.category_totals: indexes UNIQUE INDEX idx_category_totals_category ON shop.category_totals (category) in models, none in database",
                    "view shop.category_totals: comment 'Refreshed nightly' in models, 'by hand' in database",
                ],
            },
            Drift {
                name: "a view's options changed",
                sql: "ALTER VIEW shop.item_listing RESET (security_barrier);
                      ALTER VIEW shop.cheap_item SET (check_option = local)",
                expected: &[
                    "view shop.cheap_item: options (check_option=cascaded) in models, (check_option=local) in database",
                    "view shop.item_listing: options (security_barrier) in models, () in database",
                ],
            },
            Drift {
                name: "a materialized view made a plain view",
                sql: "DROP MATERIALIZED VIEW shop.category_totals;
                      CREATE VIEW shop.category_totals AS SELECT category, count(*) AS items,
                      sum(price) AS value FROM shop.item GROUP BY category",
                expected: &[
                    "view shop.category_totals: kind materialized view in models, view in database",
                    "view shop.category_totals: indexes UNIQUE INDEX idx_category_totals_category ON shop.category_totals (category) in models, none in database",
                    "view shop.category_totals: comment 'Refreshed nightly' in models, none in database",
                ],
            },
        ],
    );
}

/// Builds `models` (schema `shop`) in a fresh database, reads it back, and checks that the script
/// rendered from the reading gives the same catalog; returns the database and the reading.
fn built_read_back_and_rebuilt(label: &str, models: &Schema) -> (pg_harness::Database, Schema) {
    built_read_back_and_rebuilt_in(label, models, "shop")
}

/// [`built_read_back_and_rebuilt`] for models in `schema`.
fn built_read_back_and_rebuilt_in(
    label: &str,
    models: &Schema,
    schema: &str,
) -> (pg_harness::Database, Schema) {
    built_read_back_and_rebuilt_in_all(label, models, &[schema])
}

/// [`built_read_back_and_rebuilt_in`], over several schemas.
fn built_read_back_and_rebuilt_in_all(
    label: &str,
    models: &Schema,
    schemas: &[&str],
) -> (pg_harness::Database, Schema) {
    let pg = server();
    let reference = pg.fresh_database(&format!("roundtrip_{label}"));
    reference.apply_ok(&create_script(models, CreateOptions::default()), label);
    let names: Vec<String> = schemas.iter().map(|s| (*s).to_owned()).collect();
    let reading = runtime().block_on(async {
        let mut conn = sqlx::PgConnection::connect(&reference.url).await.unwrap();
        read_schema(&mut conn, &names).await.unwrap()
    });
    let rebuilt = pg.fresh_database(&format!("roundtrip_{label}_gen"));
    rebuilt.apply_ok(
        &create_script(&reading, CreateOptions::default()),
        "script rendered from the catalog",
    );
    assert_same_catalog(
        "built from the models",
        &reference.fingerprint(schemas),
        "rebuilt from its reading",
        &rebuilt.fingerprint(schemas),
    );
    (reference, reading)
}

#[test]
fn index_orders_read_back_and_drifts_are_named_exactly() {
    let models = || {
        Schema::builder()
            .extension("pg_trgm")
            .entity::<fixtures::indexes::article::Entity>()
    };
    let built = models().build().unwrap();
    let (reference, _) = built_read_back_and_rebuilt_in("index_orders", &built, "search");
    let report = runtime().block_on(verify(&reference.url, &built)).unwrap();
    assert_eq!(report.differences, []);
    assert_eq!(report.not_compared, []);
    check_model_drifts(
        models(),
        &[Drift {
            name: "NULLS FIRST/LAST changed",
            sql: "DROP INDEX search.idx_article_slug_last;
                  CREATE INDEX idx_article_slug_last ON search.article (slug DESC);
                  DROP INDEX search.idx_article_slug_order;
                  CREATE INDEX idx_article_slug_order ON search.article
                      (slug, summary DESC NULLS LAST, author_id NULLS FIRST)",
            expected: &[
                "index idx_article_slug_last on search.article: keys (slug DESC NULLS LAST) in models, (slug DESC) in database",
                "index idx_article_slug_order on search.article: keys (slug NULLS FIRST, summary DESC NULLS LAST, author_id) in models, (slug, summary DESC NULLS LAST, author_id NULLS FIRST) in database",
            ],
        }],
    );
}

#[test]
fn collations_read_back_and_drifts_are_named_exactly() {
    let models = fixtures::collations::builder().build().unwrap();
    let (reference, reading) = built_read_back_and_rebuilt_in("collations", &models, "lexicon");
    let word = &reading.tables[0];
    let collation = |index: &str| {
        let i = word.indexes.iter().find(|i| i.name == index).unwrap();
        i.keys[0].collation.as_ref().map(|c| c.name.clone())
    };
    // An expression key inheriting its column's collation reads as none; declared ones as said.
    assert_eq!(collation("word_spelling_lower"), None);
    assert_eq!(collation("word_spelling_icu").as_deref(), Some("und-x-icu"));
    assert_eq!(collation("idx_word_code").as_deref(), Some("C"));
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    assert_eq!(report.differences, []);
    assert_eq!(report.not_compared, []);
    check_model_drifts(
        fixtures::collations::builder(),
        &[
            Drift {
                // PostgreSQL rebuilds the indexes on spelling from their definitions: the one
                // inheriting its collation follows, and still reads as the models say.
                name: "column collations changed",
                sql: r#"ALTER TABLE lexicon.word ALTER COLUMN spelling TYPE text COLLATE "POSIX";
                        ALTER TABLE lexicon.word ALTER COLUMN label TYPE text COLLATE "C""#,
                expected: &[
                    r#"column lexicon.word.spelling: collation "C" in models, "POSIX" in database"#,
                    r#"column lexicon.word.label: collation the type's in models, "C" in database"#,
                ],
            },
            Drift {
                name: "index key collations changed",
                sql: r#"DROP INDEX lexicon.word_spelling_icu;
                        CREATE INDEX word_spelling_icu ON lexicon.word ((lower(spelling)));
                        DROP INDEX lexicon.idx_word_label;
                        CREATE INDEX idx_word_label ON lexicon.word (label COLLATE "C")"#,
                expected: &[
                    r#"index idx_word_label on lexicon.word: keys (label COLLATE "POSIX") in models, (label COLLATE "C") in database"#,
                    r#"index word_spelling_icu on lexicon.word: keys ((lower(spelling)) COLLATE "und-x-icu") in models, ((lower(spelling))) in database"#,
                ],
            },
        ],
    );
}

#[test]
fn storage_parameters_read_back_and_drifts_are_named_exactly() {
    let models = fixtures::storage::builder().build().unwrap();
    let (reference, reading) = built_read_back_and_rebuilt_in("storage", &models, "stock");
    assert_eq!(reading.tables[0].storage, models.tables[0].storage);
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    assert_eq!(report.differences, []);
    assert_eq!(report.not_compared, []);
    check_model_drifts(
        fixtures::storage::builder(),
        &[
            Drift {
                name: "table storage parameters changed",
                sql: "ALTER TABLE stock.bin SET (fillfactor = 50, parallel_workers = 2);
                      ALTER TABLE stock.bin RESET (autovacuum_enabled)",
                expected: &[
                    "table stock.bin: storage parameters (autovacuum_enabled=true, autovacuum_vacuum_scale_factor=0.05, fillfactor=70, log_autovacuum_min_duration=-1) in models, (autovacuum_vacuum_scale_factor=0.05, fillfactor=50, log_autovacuum_min_duration=-1, parallel_workers=2) in database",
                ],
            },
            Drift {
                name: "index storage parameters changed",
                sql: "ALTER INDEX stock.idx_bin_tags RESET (fastupdate);
                      ALTER INDEX stock.idx_bin_code SET (fillfactor = 60)",
                expected: &[
                    "index idx_bin_code on stock.bin: storage parameters (fillfactor=90) in models, (fillfactor=60) in database",
                    "index idx_bin_tags on stock.bin: storage parameters (fastupdate=false) in models, none in database",
                ],
            },
        ],
    );
}

#[test]
fn identity_options_read_back_and_drifts_are_named_exactly() {
    let models = fixtures::identity::builder().build().unwrap();
    let (reference, reading) = built_read_back_and_rebuilt_in("identity", &models, "tally");
    for (read, declared) in reading.tables.iter().zip(&models.tables) {
        assert_eq!(read.columns, declared.columns, "{}", declared.name);
    }
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    assert_eq!(report.differences, []);
    assert_eq!(report.not_compared, []);
    check_model_drifts(
        fixtures::identity::builder(),
        &[
            Drift {
                name: "identity kind changed and dropped",
                sql: "ALTER TABLE tally.ticket ALTER COLUMN id SET GENERATED BY DEFAULT;
                      ALTER TABLE tally.counter ALTER COLUMN seat DROP IDENTITY",
                expected: &[
                    "column tally.counter.seat: identity generated by default as identity in models, none in database",
                    "column tally.counter.seat: identity options max 500 in models, the defaults in database",
                    "column tally.ticket.id: identity generated always as identity in models, generated by default as identity in database",
                ],
            },
            Drift {
                // Restarting moves where the sequence is, not what it is: no drift.
                name: "identity options changed",
                sql: "ALTER TABLE tally.ticket ALTER COLUMN id SET INCREMENT BY 5 SET NO CYCLE RESTART WITH 7;
                      ALTER TABLE tally.ticket ALTER COLUMN countdown SET NO CYCLE SET MINVALUE -9",
                expected: &[
                    "column tally.ticket.id: identity options start 1000, increment 10, cache 20 in models, start 1000, increment 5, cache 20 in database",
                    "column tally.ticket.countdown: identity options increment -1, min -3, cycle in models, increment -1, min -9 in database",
                ],
            },
        ],
    );
    // A name of its own for an identity's sequence is not held: named, not passed over.
    reference.apply_ok(
        "ALTER SEQUENCE tally.counter_seat_seq RENAME TO seats",
        "rename",
    );
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    assert_eq!(report.differences, []);
    let not_compared: Vec<String> = report.not_compared.iter().map(|n| n.to_string()).collect();
    assert_eq!(
        not_compared,
        [
            "identity sequence name or type (not the column's) tally.seats (owned by tally.counter.seat)"
        ]
    );
}

#[test]
fn exclusion_constraints_read_back_and_drifts_are_named_exactly() {
    let models = fixtures::exclusions::builder().build().unwrap();
    let (reference, reading) = built_read_back_and_rebuilt_in("exclusions", &models, "booking");
    let declared: Vec<_> = models.tables.iter().map(|t| &t.exclusions).collect();
    let read: Vec<_> = reading.tables.iter().map(|t| &t.exclusions).collect();
    // As declared, but for the expression, which PostgreSQL prints its own way.
    assert_eq!(read[1], declared[1]);
    assert_eq!(read[0][0].elements[0], declared[0][0].elements[0]);
    assert_eq!(read[0][0].predicate.as_deref(), Some("(NOT cancelled)"));
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    assert_eq!(report.differences, []);
    assert_eq!(report.not_compared, []);
    check_model_drifts(
        fixtures::exclusions::builder(),
        &[
            Drift {
                name: "exclusion operator and deferral changed",
                sql: "ALTER TABLE booking.zoo DROP CONSTRAINT zoo_cage_animal_excl;
                      ALTER TABLE booking.zoo ADD CONSTRAINT zoo_cage_animal_excl
                          EXCLUDE USING gist (cage WITH =, animal WITH =) DEFERRABLE INITIALLY DEFERRED",
                expected: &[
                    "exclusion constraint zoo_cage_animal_excl on booking.zoo: keys (cage WITH =, animal WITH <>) in models, (cage WITH =, animal WITH =) in database",
                    "exclusion constraint zoo_cage_animal_excl on booking.zoo: not deferrable in models, deferrable initially deferred in database",
                ],
            },
            Drift {
                name: "exclusion dropped, and its predicate gone",
                sql: "ALTER TABLE booking.zoo DROP CONSTRAINT zoo_cage_animal_excl;
                      ALTER TABLE booking.reservation DROP CONSTRAINT reservation_no_overlap;
                      ALTER TABLE booking.reservation ADD CONSTRAINT reservation_no_overlap
                          EXCLUDE USING gist (room WITH =, tstzrange(starts_at, ends_at) WITH &&) INCLUDE (guest) DEFERRABLE",
                expected: &[
                    "exclusion constraint reservation_no_overlap on booking.reservation: predicate (NOT cancelled) in models, none in database",
                    "exclusion constraint zoo_cage_animal_excl on booking.zoo missing",
                ],
            },
        ],
    );
}

#[test]
fn domains_read_back_and_drifts_are_named_exactly() {
    let models = fixtures::domains::builder().build().unwrap();
    let (reference, reading) = built_read_back_and_rebuilt_in("domains", &models, "post");
    // As declared, but for the expressions, which PostgreSQL prints its own way.
    let shape = |s: &Schema| {
        (s.domains.iter())
            .map(|d| {
                let checks: Vec<&str> = d.checks.iter().map(|c| c.name.as_str()).collect();
                format!(
                    "{} {} {:?} {} {checks:?} {:?}",
                    d.name, d.data_type, d.collation, d.not_null, d.comment
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(&reading), shape(&models));
    assert_eq!(reading.domains[1].default.as_deref(), Some("0"));
    assert_eq!(reading.domains[1].checks[0].expr, "(VALUE >= (0)::numeric)");
    let columns: Vec<String> = (reading.tables.iter())
        .flat_map(|t| &t.columns)
        .map(|c| c.ty.display_name())
        .collect();
    assert_eq!(
        columns,
        [
            "integer",
            "integer",
            "post.money_amount",
            "post.money_amount",
            "integer",
            "text",
            "post.us_postal_code",
            "post.Country Code",
            "post.us_postal_code[]"
        ]
    );
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    assert_eq!(report.differences, []);
    assert_eq!(report.not_compared, []);
    check_model_drifts(
        fixtures::domains::builder(),
        &[
            Drift {
                name: "domain check changed, default and NOT NULL dropped",
                sql: "ALTER DOMAIN post.money_amount DROP DEFAULT;
                      ALTER DOMAIN post.money_amount DROP NOT NULL;
                      ALTER DOMAIN post.money_amount DROP CONSTRAINT money_amount_not_negative;
                      ALTER DOMAIN post.money_amount ADD CONSTRAINT money_amount_not_negative CHECK (VALUE > 0);
                      ALTER DOMAIN post.us_postal_code DROP CONSTRAINT us_postal_code_check",
                expected: &[
                    "domain post.money_amount: default 0 in models, none in database",
                    "domain post.money_amount: NOT NULL in models, NULL in database",
                    "domain post.money_amount: checks money_amount_not_negative CHECK ((VALUE >= (0)::numeric)) in models, money_amount_not_negative CHECK ((VALUE > (0)::numeric)) in database",
                    r"domain post.us_postal_code: checks us_postal_code_check CHECK (((VALUE ~ '^\d{5}$'::text) OR (VALUE ~ '^\d{5}-\d{4}$'::text))) in models, none in database",
                ],
            },
            Drift {
                name: "domain comment and collation",
                sql: r#"COMMENT ON DOMAIN post."Country Code" IS NULL;
                      ALTER TABLE post.us_snail_addy ALTER COLUMN country TYPE text;
                      DROP DOMAIN post."Country Code";
                      CREATE DOMAIN post."Country Code" AS text CHECK (VALUE ~ '^[A-Z]{3}$');"#,
                expected: &[
                    r#"domain post.Country Code: collation "C" in models, the type's in database"#,
                    r#"domain post.Country Code: checks "three ""capitals""" CHECK ((VALUE ~ '^[A-Z]{3}$'::text)) in models, "Country Code_check" CHECK ((VALUE ~ '^[A-Z]{3}$'::text)) in database"#,
                    "domain post.Country Code: comment 'ISO 3166-1 alpha-3' in models, none in database",
                    "column post.us_snail_addy.country: type post.Country Code in models, text in database",
                ],
            },
            Drift {
                name: "a column no longer of its domain, and a domain the models lack",
                sql: "ALTER TABLE post.parcel ALTER COLUMN postage TYPE numeric(12,2);
                      CREATE DOMAIN post.weight AS real",
                expected: &[
                    "domain post.weight extra (not in the models)",
                    "column post.parcel.postage: type post.money_amount in models, numeric(12,2) in database",
                ],
            },
        ],
    );
}

#[test]
fn constraint_options_read_back_and_drifts_are_named_exactly() {
    let models = fixtures::constraint_options::builder().build().unwrap();
    let (reference, reading) = built_read_back_and_rebuilt_in("keys", &models, "ledger");
    let account = (reading.tables.iter())
        .find(|t| t.name.name == "account")
        .unwrap();
    assert_eq!(account.primary_key.as_ref().unwrap().include, ["currency"]);
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    assert_eq!(report.differences, []);
    assert_eq!(report.not_compared, []);
    check_model_drifts(
        fixtures::constraint_options::builder(),
        &[
            Drift {
                name: "NOT VALID checks and key validated",
                sql: "ALTER TABLE ledger.account VALIDATE CONSTRAINT account_iban_format;
                      ALTER TABLE ledger.posting VALIDATE CONSTRAINT posting_counter_id_fkey",
                expected: &[
                    "check account_iban_format on ledger.account: NOT VALID (rows it found not checked) in models, validated in database",
                    "foreign key posting_counter_id_fkey on ledger.posting: NOT VALID (rows it found not checked) in models, validated in database",
                ],
            },
            Drift {
                name: "INCLUDE, deferral and MATCH changed",
                sql: "ALTER TABLE ledger.posting DROP CONSTRAINT posting_account_fk;
                      ALTER TABLE ledger.account DROP CONSTRAINT account_iban_key;
                      ALTER TABLE ledger.account ADD CONSTRAINT account_iban_key UNIQUE (iban);
                      ALTER TABLE ledger.posting ADD CONSTRAINT posting_account_fk
                          FOREIGN KEY (account_id, currency) REFERENCES ledger.account (id, currency)",
                expected: &[
                    "unique constraint account_iban_key on ledger.account: include (holder) in models, none in database",
                    "unique constraint account_iban_key on ledger.account: deferrable in models, not deferrable in database",
                    "foreign key posting_account_fk on ledger.posting: match full in models, simple in database",
                ],
            },
            Drift {
                name: "a check made NOT VALID",
                sql: "ALTER TABLE ledger.account DROP CONSTRAINT account_holder_named;
                      ALTER TABLE ledger.account ADD CONSTRAINT account_holder_named
                          CHECK (holder <> '') NO INHERIT NOT VALID",
                expected: &[
                    "check account_holder_named on ledger.account: validated in models, NOT VALID (rows it found not checked) in database",
                ],
            },
        ],
    );
}

#[test]
fn views_read_back_render_to_the_same_catalog_and_what_is_not_held_is_named() {
    let models = views_models().build().unwrap();
    let (reference, reading) = built_read_back_and_rebuilt("views", &models);
    assert_eq!(reading.views.len(), 4);
    // What a view can have that the model does not hold is named, not compared.
    reference.apply_ok(
        "ALTER VIEW shop.item_listing SET (security_invoker = true);
         COMMENT ON COLUMN shop.item_listing.name IS 'shown';
         ALTER VIEW shop.cheap_item ALTER COLUMN discontinued SET DEFAULT false;
         CREATE FUNCTION shop.no_write() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;
         CREATE TRIGGER refuse INSTEAD OF DELETE ON shop.item_listing
             FOR EACH ROW EXECUTE FUNCTION shop.no_write();
         CREATE MATERIALIZED VIEW shop.later AS SELECT 1 AS one WITH NO DATA",
        "what the model does not hold",
    );
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    let not_compared: Vec<String> = report.not_compared.iter().map(|n| n.to_string()).collect();
    assert_eq!(
        not_compared,
        [
            "comment on column shop.item_listing.name",
            "materialized view WITH NO DATA (not populated) shop.later",
            "view column default shop.cheap_item.discontinued",
            "view option security_invoker=true on shop.item_listing",
        ]
    );
    // The unpopulated materialized view is compared all the same: it is not in the models; and
    // so is the view's trigger.
    let differences: Vec<String> = report.differences.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        differences,
        [
            "function shop.no_write() extra (not in the models)",
            "view shop.item_listing: triggers none in models, CREATE TRIGGER refuse INSTEAD OF DELETE ON shop.item_listing FOR EACH ROW EXECUTE FUNCTION shop.no_write() in database",
            "view shop.later extra (not in the models)"
        ]
    );
}

#[test]
fn function_drifts_are_named_exactly() {
    check_model_drifts(
        fixtures::functions::builder(),
        &[
            Drift {
                name: "a body replaced",
                sql: "CREATE OR REPLACE FUNCTION shop.item_count() RETURNS bigint LANGUAGE sql STABLE
                      AS $$SELECT count(*) FROM shop.item WHERE NOT discontinued$$",
                expected: &[
                    "function shop.item_count(): body differs",
                ],
            },
            Drift {
                name: "attributes altered",
                sql: "ALTER FUNCTION shop.items_in(text) VOLATILE;
                      ALTER PROCEDURE shop.discontinue(integer) SECURITY INVOKER;
                      ALTER FUNCTION shop.price_list(numeric) RESET search_path",
                expected: &[
                    "function shop.discontinue(integer): attributes LANGUAGE plpgsql SECURITY DEFINER SET search_path = shop, pg_temp in models, LANGUAGE plpgsql SET search_path = shop, pg_temp in database",
                    "function shop.items_in(text): attributes LANGUAGE sql STABLE in models, LANGUAGE sql in database",
                    "function shop.price_list(numeric): attributes LANGUAGE sql STABLE SET search_path = shop, pg_temp in models, LANGUAGE sql STABLE in database",
                ],
            },
            Drift {
                name: "a default changed",
                sql: "CREATE OR REPLACE FUNCTION shop.add_em(x integer, y integer DEFAULT 2)
                      RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$SELECT x + y$$",
                expected: &[
                    "function shop.add_em(integer, integer): arguments (x integer, y integer DEFAULT 1) in models, (x integer, y integer DEFAULT 2) in database",
                ],
            },
            Drift {
                name: "an overload dropped, another made, a comment changed",
                sql: "DROP FUNCTION shop.sum_n_product(integer, integer);
                      CREATE FUNCTION shop.add_em(text, text) RETURNS text LANGUAGE sql AS $$SELECT $1 || $2$$;
                      COMMENT ON PROCEDURE shop.discontinue(integer) IS NULL",
                expected: &[
                    "function shop.add_em(text, text) extra (not in the models)",
                    "function shop.discontinue(integer): comment 'Takes an item off sale' in models, none in database",
                    "function shop.sum_n_product(integer, integer) missing",
                ],
            },
            Drift {
                name: "a return type changed",
                sql: "DROP FUNCTION shop.mleast(numeric[]);
                      CREATE FUNCTION shop.mleast(VARIADIC arr numeric[]) RETURNS integer LANGUAGE sql
                      AS $$SELECT min($1[i])::integer FROM generate_subscripts($1, 1) g(i)$$",
                expected: &[
                    "function shop.mleast(numeric[]): returns numeric in models, integer in database",
                    "function shop.mleast(numeric[]): body differs",
                ],
            },
        ],
    );
}

#[test]
fn functions_read_back_render_to_the_same_catalog_and_what_is_not_held_is_named() {
    let models = fixtures::functions::builder().build().unwrap();
    let (reference, reading) = built_read_back_and_rebuilt("functions", &models);
    assert_eq!(reading.functions.len(), 10);
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    assert_eq!(
        report.differences,
        [],
        "the models' own database verifies clean"
    );
    // What a function can have that the model does not hold is named, not compared.
    reference.apply_ok(
        "ALTER FUNCTION shop.add_em(integer, integer) COST 5;
         ALTER FUNCTION shop.items_in(text) ROWS 20 LEAKPROOF;
         CREATE AGGREGATE shop.total(numeric) (SFUNC = numeric_add, STYPE = numeric);
         CREATE FUNCTION shop.standard(a integer) RETURNS integer LANGUAGE sql
             BEGIN ATOMIC SELECT a + 1; END",
        "what the model does not hold",
    );
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    let not_compared: Vec<String> = report.not_compared.iter().map(|n| n.to_string()).collect();
    assert_eq!(
        not_compared,
        [
            "aggregate shop.total(numeric)",
            "function attributes shop.add_em(x integer, y integer): COST 5",
            "function attributes shop.items_in(wanted text): LEAKPROOF, ROWS 20",
            "function with a SQL-standard body (BEGIN ATOMIC) shop.standard(a integer)",
        ]
    );
    assert_eq!(report.differences, []);
}

#[test]
fn trigger_drifts_are_named_exactly() {
    check_model_drifts(
        fixtures::triggers::builder(),
        &[
            Drift {
                name: "a condition and an argument changed",
                sql: "CREATE OR REPLACE TRIGGER track_price_changes AFTER UPDATE OF price ON shop.item
                      FOR EACH ROW WHEN (OLD.price < NEW.price) EXECUTE FUNCTION shop.track_price_changes();
                      COMMENT ON TRIGGER track_price_changes ON shop.item IS 'Writes each price change to shop.price_history';
                      CREATE OR REPLACE TRIGGER \"tidy name\" BEFORE INSERT OR UPDATE OF name ON shop.item
                      FOR EACH ROW EXECUTE FUNCTION shop.tidy_name('item')",
                expected: &[
                    "trigger tidy name on shop.item: CREATE TRIGGER \"tidy name\" BEFORE INSERT OR UPDATE OF name ON shop.item FOR EACH ROW EXECUTE FUNCTION shop.tidy_name('item', 'it''s $$ named') in models, CREATE TRIGGER \"tidy name\" BEFORE INSERT OR UPDATE OF name ON shop.item FOR EACH ROW EXECUTE FUNCTION shop.tidy_name('item') in database",
                    "trigger track_price_changes on shop.item: CREATE TRIGGER track_price_changes AFTER UPDATE OF price ON shop.item FOR EACH ROW WHEN ((old.price IS DISTINCT FROM new.price)) EXECUTE FUNCTION shop.track_price_changes() in models, CREATE TRIGGER track_price_changes AFTER UPDATE OF price ON shop.item FOR EACH ROW WHEN ((old.price < new.price)) EXECUTE FUNCTION shop.track_price_changes() in database",
                ],
            },
            Drift {
                name: "a trigger dropped, one made, a comment dropped",
                sql: "DROP TRIGGER count_gone ON shop.item;
                      CREATE TRIGGER shout AFTER INSERT ON shop.audit FOR EACH ROW EXECUTE FUNCTION shop.note_statement();
                      COMMENT ON TRIGGER track_price_changes ON shop.item IS NULL",
                expected: &[
                    "trigger shout on shop.audit extra (not in the models)",
                    "trigger count_gone on shop.item missing",
                    "trigger track_price_changes on shop.item: comment 'Writes each price change to shop.price_history' in models, none in database",
                ],
            },
            Drift {
                name: "a view's trigger dropped",
                sql: "DROP TRIGGER note_insert ON shop.item_names",
                expected: &[
                    "view shop.item_names: triggers CREATE TRIGGER note_insert AFTER INSERT ON shop.item_names FOR EACH STATEMENT EXECUTE FUNCTION shop.note_statement(); CREATE TRIGGER write_item_name INSTEAD OF INSERT OR DELETE OR UPDATE ON shop.item_names FOR EACH ROW EXECUTE FUNCTION shop.write_item_name() (comment 'Writes through to shop.item') in models, CREATE TRIGGER write_item_name INSTEAD OF INSERT OR DELETE OR UPDATE ON shop.item_names FOR EACH ROW EXECUTE FUNCTION shop.write_item_name() (comment 'Writes through to shop.item') in database",
                ],
            },
        ],
    );
}

#[test]
fn triggers_read_back_render_to_the_same_catalog_and_what_is_not_held_is_named() {
    let models = fixtures::triggers::builder().build().unwrap();
    let (reference, reading) = built_read_back_and_rebuilt("triggers", &models);
    let item = reading
        .table(&model_core::QualifiedName::new("shop", "item"))
        .unwrap();
    // Read back in parts, as the models declared them.
    let tidy = item
        .triggers
        .iter()
        .find(|t| t.name == "tidy name")
        .unwrap();
    assert_eq!(tidy.args, ["item", "it's $$ named"]);
    assert_eq!(tidy.update_of, ["name"]);
    let track = (item.triggers.iter())
        .find(|t| t.name == "track_price_changes")
        .unwrap();
    assert_eq!(
        track.when.as_deref(),
        Some("(old.price IS DISTINCT FROM new.price)")
    );
    let view = reading
        .view(&model_core::QualifiedName::new("shop", "item_names"))
        .unwrap();
    assert_eq!(view.triggers.len(), 2);
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    assert_eq!(
        report.differences,
        [],
        "the models' own database verifies clean"
    );
    // A trigger switched off is named, not compared.
    reference.apply_ok(
        "ALTER TABLE shop.item DISABLE TRIGGER count_added",
        "what the model does not hold",
    );
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    let not_compared: Vec<String> = report.not_compared.iter().map(|n| n.to_string()).collect();
    assert_eq!(
        not_compared,
        ["trigger enable state count_added on shop.item"]
    );
    assert_eq!(report.differences, []);
}

#[test]
fn seed_row_drifts_are_named_exactly() {
    check_model_drifts(
        fixtures::seeds::builder(),
        &[
            Drift {
                name: "seed rows as seeded",
                // Rows the seeds do not name are the application's: not compared.
                sql: "INSERT INTO shop.platform (name, slug) VALUES ('Epic', 'epic')",
                expected: &[],
            },
            Drift {
                name: "a seed row edited, one deleted",
                sql: "UPDATE shop.platform SET name = 'Steam!', sort = 2 WHERE id = 1;
                      DELETE FROM shop.game WHERE id = 12",
                expected: &[
                    "seed row (12) of shop.game missing",
                    "seed row (1) of shop.platform: values name = 'Steam', sort = '1' in models, name = 'Steam!', sort = '2' in database",
                ],
            },
            Drift {
                name: "a seed row's NULL set, a DO UPDATE row changed",
                sql: "UPDATE shop.platform SET launched = '2020-01-01' WHERE id = 3;
                      UPDATE shop.brand SET name = 'Globex Corp' WHERE code = 'globex'",
                expected: &[
                    "seed row ('globex') of shop.brand: values name = 'Globex' in models, name = 'Globex Corp' in database",
                    "seed row (3) of shop.platform: values launched = NULL in models, launched = '2020-01-01' in database",
                ],
            },
            Drift {
                name: "an undeclared column changed",
                sql: "UPDATE shop.brand SET note = 'by hand'; UPDATE shop.platform SET sort = 7 WHERE id = 2",
                expected: &[],
            },
        ],
    );
}

#[test]
fn row_security_drifts_are_named_exactly() {
    let models = fixtures::security::builder().build().unwrap();
    let setup = format!(
        "{}\n{}",
        fixtures::security::ROLES,
        create_script(&models, CreateOptions::default())
    );
    check_drifts(
        &setup,
        &models,
        &[
            Drift {
                name: "as built",
                sql: "SELECT 1",
                expected: &[],
            },
            Drift {
                name: "row security disabled, not forced",
                sql: "ALTER TABLE rls.accounts DISABLE ROW LEVEL SECURITY;
                      ALTER TABLE rls.orders NO FORCE ROW LEVEL SECURITY",
                expected: &[
                    "table rls.accounts: row level security enabled in models, disabled in database",
                    "table rls.orders: row level security enabled and forced in models, enabled in database",
                ],
            },
            Drift {
                name: "a policy changed, one dropped, one made",
                sql: "ALTER POLICY user_mod ON rls.passwd USING (true);
                      DROP POLICY all_view ON rls.passwd;
                      CREATE POLICY sneaky ON rls.accounts USING (true)",
                expected: &[
                    "policy sneaky on rls.accounts extra (not in the models)",
                    "policy all_view on rls.passwd missing",
                    "policy user_mod on rls.passwd: using (CURRENT_USER = user_name) in models, true in database",
                ],
            },
            Drift {
                name: "roles, command and kind changed",
                sql: "ALTER POLICY admin_local_only ON rls.passwd TO rls_admin;
                      DROP POLICY account_managers ON rls.accounts;
                      CREATE POLICY account_managers ON rls.accounts AS RESTRICTIVE FOR SELECT
                          TO rls_managers USING (manager = CURRENT_USER)",
                expected: &[
                    "policy account_managers on rls.accounts: kind permissive in models, restrictive in database",
                    "policy account_managers on rls.accounts: for ALL in models, SELECT in database",
                    "policy admin_local_only on rls.passwd: to rls_admin, rls_managers in models, rls_admin in database",
                ],
            },
            Drift {
                name: "a tenant's policy and default loosened",
                sql: "ALTER POLICY tenant_isolation ON rls.orders USING (true);
                      ALTER TABLE rls.orders ALTER tenant_id DROP DEFAULT",
                expected: &[
                    "column rls.orders.tenant_id: default (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::bigint in models, none in database",
                    "policy tenant_isolation on rls.orders: using (tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::bigint) in models, true in database",
                ],
            },
        ],
    );
}

#[test]
fn row_security_read_back_renders_to_the_same_catalog() {
    let models = fixtures::security::builder().build().unwrap();
    let pg = server();
    let reference = pg.fresh_database("roundtrip_rls");
    reference.apply_ok(fixtures::security::ROLES, "roles");
    reference.apply_ok(&create_script(&models, CreateOptions::default()), "rls");
    let reading = runtime().block_on(async {
        let mut conn = sqlx::PgConnection::connect(&reference.url).await.unwrap();
        read_schema(&mut conn, &["rls".to_owned()]).await.unwrap()
    });
    let passwd = reading
        .table(&model_core::QualifiedName::new("rls", "passwd"))
        .unwrap();
    let restrictive = (passwd.policies.iter())
        .find(|p| p.name == "admin_local_only")
        .unwrap();
    assert!(restrictive.restrictive);
    assert_eq!(restrictive.roles, ["rls_admin", "rls_managers"]);
    let rebuilt = pg.fresh_database("roundtrip_rls_gen");
    rebuilt.apply_ok(
        &create_script(&reading, CreateOptions::default()),
        "script rendered from the catalog",
    );
    assert_same_catalog(
        "built from the models",
        &reference.fingerprint(&["rls"]),
        "rebuilt from its reading",
        &rebuilt.fingerprint(&["rls"]),
    );
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    assert_eq!(report.differences, []);
    assert_eq!(report.not_compared, []);
    // A role the server lacks is named before anything is built.
    let mut lacking = models.clone();
    let accounts = (lacking.tables.iter_mut())
        .find(|t| t.name.name == "accounts")
        .unwrap();
    accounts.policies[0].roles = vec!["rls_no_such_role".into()];
    let err = runtime()
        .block_on(verify(&reference.url, &lacking))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "policy account_managers on rls.accounts names role \"rls_no_such_role\", which this server lacks; roles are the cluster's, not the schema's: create it (CREATE ROLE rls_no_such_role NOLOGIN) or take it out of the models"
    );
}

#[test]
fn grants_read_back_and_drifts_are_named_exactly() {
    server()
        .fresh_database("verify_grant_roles")
        .apply_ok(fixtures::grants::ROLES, "roles");
    let models = fixtures::grants::builder().build().unwrap();
    let (reference, reading) = built_read_back_and_rebuilt_in("grants", &models, "hr");
    assert_eq!(reading.grants, models.grants);
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    assert_eq!(report.differences, []);
    assert_eq!(report.not_compared, []);
    check_model_drifts(
        fixtures::grants::builder(),
        &[
            Drift {
                name: "a privilege taken back, one given, a grant option gone",
                sql: r#"REVOKE INSERT ON hr.employee FROM grant_clerk;
                      GRANT DELETE ON hr.employee TO grant_reader;
                      REVOKE GRANT OPTION FOR SELECT ON hr.employee FROM "grant Lead""#,
                expected: &[
                    r#"grants on table hr.employee: grants "grant Lead" SELECT WITH GRANT OPTION; grant_clerk SELECT, INSERT, UPDATE in models, "grant Lead" SELECT; grant_clerk SELECT, UPDATE; grant_reader DELETE in database"#,
                ],
            },
            Drift {
                name: "grants gone from a schema and a function, a sequence's to PUBLIC",
                sql: "REVOKE USAGE ON SCHEMA hr FROM grant_reader;
                      REVOKE EXECUTE ON FUNCTION hr.band(integer) FROM grant_reader;
                      GRANT SELECT ON SEQUENCE hr.badge_no TO PUBLIC",
                expected: &[
                    r#"grants on schema hr: grants "grant Lead" USAGE; grant_clerk USAGE; grant_reader USAGE in models, "grant Lead" USAGE; grant_clerk USAGE in database"#,
                    "grants on sequence hr.badge_no: grants grant_clerk USAGE in models, PUBLIC SELECT; grant_clerk USAGE in database",
                    "grants on function hr.band(integer) missing",
                ],
            },
        ],
    );
    // A role the server lacks is named before anything is built.
    let lacking = fixtures::grants::builder()
        .grant(
            model_core::GrantOn::Table(fixtures::grants::hr("directory")),
            model_core::Grant::new("grant_nobody", &[model_core::Privilege::Select]),
        )
        .build()
        .unwrap();
    let err = runtime()
        .block_on(verify(&reference.url, &lacking))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the grant on table hr.directory names role \"grant_nobody\", which this server lacks; roles are the cluster's, not the schema's: create it (CREATE ROLE grant_nobody NOLOGIN) or take it out of the models"
    );
}

#[test]
fn collation_objects_read_back_and_drifts_are_named_exactly() {
    let models = fixtures::collation_objects::builder().build().unwrap();
    let (reference, reading) =
        built_read_back_and_rebuilt_in("collation_objects", &models, "people");
    assert_eq!(reading.collations, models.collations);
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    assert_eq!(report.differences, []);
    assert_eq!(report.not_compared, []);
    check_model_drifts(
        fixtures::collation_objects::builder(),
        &[
            Drift {
                name: "a collation made otherwise, and one the models lack",
                sql: "DROP INDEX people.person_surname_bytes;
                      DROP COLLATION people.bytes;
                      CREATE COLLATION people.bytes (provider = libc, locale = 'C');
                      CREATE INDEX person_surname_bytes ON people.person (surname COLLATE people.bytes);
                      CREATE COLLATION people.\"Ünïcödé\" (provider = icu, locale = 'und')",
                expected: &[
                    "collation people.bytes: options provider = libc, lc_collate = 'C', lc_ctype = 'POSIX' in models, provider = libc, locale = 'C' in database",
                    "collation people.Ünïcödé extra (not in the models)",
                ],
            },
            Drift {
                name: "nondeterministic no more, comment gone, a column's collation",
                sql: "ALTER TABLE people.person ALTER COLUMN email TYPE text COLLATE \"C\";
                      ALTER TABLE people.person ALTER COLUMN handle TYPE text;
                      DROP DOMAIN people.handle;
                      DROP COLLATION people.case_insensitive;
                      CREATE COLLATION people.case_insensitive (provider = icu, locale = 'und-u-ks-level2')",
                expected: &[
                    "collation people.case_insensitive: options provider = icu, locale = 'und-u-ks-level2', deterministic = false in models, provider = icu, locale = 'und-u-ks-level2' in database",
                    "collation people.case_insensitive: comment 'equal whatever the letters'' case' in models, none in database",
                    "domain people.handle missing",
                    "column people.person.email: collation people.case_insensitive in models, \"C\" in database",
                    "column people.person.handle: type people.handle in models, text in database",
                ],
            },
            Drift {
                name: "a collation missing",
                sql: "DROP INDEX people.person_surname_bytes; DROP COLLATION people.bytes",
                expected: &[
                    "collation people.bytes missing",
                    "index person_surname_bytes on people.person missing",
                ],
            },
        ],
    );
}

#[test]
fn composite_types_read_back_and_drifts_are_named_exactly() {
    let models = fixtures::composites::builder().build().unwrap();
    let (reference, reading) = built_read_back_and_rebuilt_in("composites", &models, "stock");
    assert_eq!(reading.composites, models.composites);
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    assert_eq!(report.differences, []);
    assert_eq!(report.not_compared, []);
    check_model_drifts(
        fixtures::composites::builder(),
        &[
            Drift {
                name: "attributes dropped, added and retyped",
                sql: r#"ALTER TYPE stock.inventory_item DROP ATTRIBUTE "select";
                      ALTER TYPE stock.inventory_item ADD ATTRIBUTE note text;
                      ALTER TABLE stock.on_hand DROP COLUMN readings;
                      ALTER TYPE stock.complex ALTER ATTRIBUTE i TYPE real"#,
                expected: &[
                    "composite type stock.complex: attributes (r double precision, i double precision) in models, (r double precision, i real) in database",
                    r#"composite type stock.inventory_item: attributes (name text COLLATE "C", supplier_id integer, price stock.price, "select" boolean) in models, (name text COLLATE "C", supplier_id integer, price stock.price, note text) in database"#,
                    "column stock.on_hand.readings missing",
                ],
            },
            Drift {
                name: "collation and comment gone, a type the models lack",
                sql: r#"ALTER TABLE stock.on_hand DROP COLUMN item;
                      ALTER TYPE stock.inventory_item ALTER ATTRIBUTE name TYPE text COLLATE "default";
                      COMMENT ON TYPE stock.inventory_item IS NULL;
                      CREATE TYPE stock.pair AS (a integer, b integer)"#,
                expected: &[
                    r#"composite type stock.inventory_item: attributes (name text COLLATE "C", supplier_id integer, price stock.price, "select" boolean) in models, (name text, supplier_id integer, price stock.price, "select" boolean) in database"#,
                    "composite type stock.inventory_item: comment 'an item and who supplies it' in models, none in database",
                    "composite type stock.pair extra (not in the models)",
                    "column stock.on_hand.item missing",
                ],
            },
        ],
    );
}

#[test]
fn partitions_read_back_and_drifts_are_named_exactly() {
    let models = fixtures::partitions::builder().build().unwrap();
    let (reference, reading) =
        built_read_back_and_rebuilt_in_all("partitions", &models, &["metrics", "metrics_archive"]);
    for t in &models.tables {
        let read = reading.table(&t.name).unwrap();
        assert_eq!(read.partition_by, t.partition_by, "{}", t.name);
        // Read back in name order.
        let mut declared = t.partitions.clone();
        declared.sort_by(|a, b| a.name.cmp(&b.name));
        let mut got = read.partitions.clone();
        got.sort_by(|a, b| a.name.cmp(&b.name));
        assert_eq!(got, declared, "{}", t.name);
    }
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    assert_eq!(report.differences, []);
    assert_eq!(report.not_compared, []);
    check_model_drifts(
        fixtures::partitions::builder(),
        &[
            Drift {
                name: "a partition dropped, one the models lack, one bound moved",
                sql: "DROP TABLE metrics.customer_america;
                      CREATE TABLE metrics.customer_asia PARTITION OF metrics.customer FOR VALUES IN ('jp');
                      ALTER TABLE metrics.measurement DETACH PARTITION metrics.measurement_y2006m03;
                      ALTER TABLE metrics.measurement ATTACH PARTITION metrics.measurement_y2006m03
                          FOR VALUES FROM ('2006-03-01') TO ('2006-05-01')",
                expected: &[
                    "partition metrics.customer_america of metrics.customer missing",
                    "partition metrics.customer_asia of metrics.customer extra (not in the models)",
                    "partition metrics.measurement_y2006m03 of metrics.measurement: bound FOR VALUES FROM ('2006-03-01') TO ('2006-04-01') in models, FOR VALUES FROM ('2006-03-01') TO ('2006-05-01') in database",
                ],
            },
            Drift {
                name: "a table not partitioned, a comment gone",
                sql: "DROP TABLE metrics.session;
                      CREATE TABLE metrics.session (id bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL,
                          started_at timestamp with time zone NOT NULL, CONSTRAINT session_pkey PRIMARY KEY (id));
                      COMMENT ON TABLE metrics.measurement_y2006m03 IS NULL",
                expected: &[
                    "partition metrics.measurement_y2006m03 of metrics.measurement: comment 'March 2006' in models, none in database",
                    "table metrics.session: partitioned by HASH (id) in models, none in database",
                    "partition metrics.session_0 of metrics.session missing",
                    "partition metrics.session_1 of metrics.session missing",
                ],
            },
            Drift {
                name: "partitioned by another key",
                sql: "DROP TABLE metrics.event;
                      CREATE TABLE metrics.event (id bigint NOT NULL, kind text) PARTITION BY LIST (kind);
                      CREATE TABLE metrics.event_click PARTITION OF metrics.event FOR VALUES IN ('click');
                      CREATE TABLE metrics.event_view PARTITION OF metrics.event FOR VALUES IN ('view', NULL);
                      COMMENT ON TABLE metrics.event_view IS 'views, and no kind'",
                expected: &[
                    "table metrics.event: partitioned by LIST ((lower(kind))) in models, LIST (kind) in database",
                ],
            },
        ],
    );
    // What a partition has of its own is named, not compared.
    reference.apply_ok(
        "CREATE INDEX measurement_rest_peak ON metrics.measurement_rest (peaktemp);
         ALTER TABLE metrics.customer_other ADD CONSTRAINT other_named CHECK (name <> '');
         ALTER TABLE metrics.customer_europe ALTER COLUMN name SET DEFAULT 'anonymous'",
        "a partition's own",
    );
    let report = runtime().block_on(verify(&reference.url, &models)).unwrap();
    assert_eq!(report.differences, []);
    let named: Vec<String> = report.not_compared.iter().map(|n| n.to_string()).collect();
    assert_eq!(
        named,
        [
            "column default or NOT NULL of a partition (not its parent's) metrics.customer_europe.name",
            "constraint of a partition (not its parent's) other_named on metrics.customer_other",
            "index of a partition (not its parent's) metrics.measurement_rest_peak",
        ]
    );
}
