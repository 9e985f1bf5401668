//! `ddl-gen import` on real databases: the models it writes compile without a warning in a
//! generator crate (the three-line binary the README shows), verify clean against the database
//! they came from on the first run, and their create script gives the same catalog. For a
//! database of many shapes, the history then starts with `migrate baseline`, the models change,
//! and `migrate` writes a migration whose `up` runs on the database and keeps its rows.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Output};

use model_core::Schema;
use pg_harness::{Database, assert_same_catalog, migration_crate, server, sql_dir, stderr};

/// Where the generator crates live (they build into the target the migration crates share).
fn root() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("import")
}

/// Runs `ddl-gen import` (the library's command line, in this process) on `db` into `out`.
fn import(db: &Database, out: &Path) {
    let code = try_import(db, out);
    assert_eq!(code, ExitCode::SUCCESS, "import of {} failed", db.name);
}

fn try_import(db: &Database, out: &Path) -> ExitCode {
    ddl_gen::cli::run_with_args(
        Schema::empty(),
        [
            "ddl-gen",
            "import",
            "--database-url",
            &db.url,
            "--out",
            out.to_str().unwrap(),
        ],
    )
}

/// A generator crate `name` whose `src/entities` is what `import` writes from `db`: built
/// (without a warning) into the shared target; returns the crate's directory and binary.
fn generator(db: &Database, name: &str) -> (PathBuf, PathBuf) {
    let dir = root().join(std::process::id().to_string()).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let repo = pg_harness::manifest_dir()
        .join("..")
        .canonicalize()
        .unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2024"

[dependencies]
model-core = {{ path = "{repo}/model-core" }}
ddl-gen-lib = {{ path = "{repo}/ddl-gen-lib" }}
sea-orm = {{ version = "2.0.4", default-features = false, features = ["macros", "with-json", "with-chrono", "with-rust_decimal", "with-uuid"] }}

[workspace]
"#,
            repo = repo.display()
        ),
    )
    .unwrap();
    std::fs::copy(repo.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        "mod entities;\n\nfn main() -> std::process::ExitCode {\n    ddl_gen::cli::run(entities::schema())\n}\n",
    )
    .unwrap();
    import(db, &dir.join("src/entities"));
    let binary = build(&dir);
    (dir, binary)
}

fn build(dir: &Path) -> PathBuf {
    let out = migration_crate::cargo_build(&root(), dir, true);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the imported models do not compile:\n{stderr}"
    );
    assert!(
        !stderr.contains("warning"),
        "the imported models compile with warnings:\n{stderr}"
    );
    migration_crate::binary(&root(), dir)
}

fn run(binary: &Path, args: &[&str]) -> Output {
    Command::new(binary)
        .args(args)
        .env_remove("DATABASE_URL")
        .output()
        .expect("run the generator")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `file` holds each of `lines`.
fn assert_holds(file: &Path, lines: &[&str]) {
    let text = read(file);
    for line in lines {
        assert!(
            text.contains(line),
            "{line} not in {}:\n{text}",
            file.display()
        );
    }
}

/// The imported models verify clean against `db`, and their script gives `db`'s catalog.
fn assert_models_give_back(db: &Database, binary: &Path, schemas: &[&str]) {
    let verify = run(binary, &["verify", "--database-url", &db.url]);
    assert!(
        verify.status.success(),
        "the imported models do not verify against {}:\n{}{}",
        db.name,
        String::from_utf8_lossy(&verify.stdout),
        stderr(&verify)
    );
    let script = run(binary, &["sql"]);
    assert!(script.status.success(), "{}", stderr(&script));
    let rebuilt = server().fresh_database(&format!("{}_rebuilt", db.name));
    rebuilt.apply_ok(
        &String::from_utf8(script.stdout).unwrap(),
        "the imported models' script",
    );
    assert_same_catalog(
        "source database",
        &db.fingerprint(schemas),
        "rebuilt from the imported models",
        &rebuilt.fingerprint(schemas),
    );
}

#[test]
fn the_dataflow_reference_imports_whole() {
    let db = server().fresh_database("import_dataflow");
    db.apply_ok(
        &pg_harness::expected_dataflow_script(),
        "tests/sql/dataflow_expected.sql",
    );
    let (dir, binary) = generator(&db, "import-dataflow");
    let entities = dir.join("src/entities");
    assert!(
        !entities.join("not_imported.sql").exists(),
        "{}",
        read(&entities.join("not_imported.sql"))
    );
    assert_models_give_back(&db, &binary, &["dataflow"]);

    // What the keys say, not raw SQL: the triggers as `timestamps` and `versioned`, relations
    // both ways, the full-text index with its expression.
    assert_holds(
        &entities.join("product.rs"),
        &[
            "#[pg(timestamps, versioned, soft_delete)]",
            "#[sea_orm(belongs_to, from = \"category_id\", to = \"id\", on_delete = \"SetNull\")]",
            "pub category: HasOne<super::category::Entity>,",
            "#[pg(serial)]",
            "name = \"idx_product_fulltext\"",
        ],
    );
    let category = read(&entities.join("category.rs"));
    assert!(
        category.contains("pub product: HasMany<super::product::Entity>,"),
        "{category}"
    );
    assert!(category.contains("self_ref"), "{category}");

    // The same database gives the same files, byte for byte.
    let again = root()
        .join(std::process::id().to_string())
        .join("dataflow-again");
    let _ = std::fs::remove_dir_all(&again);
    import(&db, &again);
    let mut names: Vec<_> = std::fs::read_dir(&again)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), 22);
    for name in names {
        assert_eq!(
            read(&again.join(&name)),
            read(&entities.join(&name)),
            "{name:?}"
        );
    }
    // A directory that holds something is not written over.
    assert_eq!(try_import(&db, &again), ExitCode::FAILURE);
}

#[test]
fn a_database_of_many_shapes_imports_whole_then_migrates_from_a_baseline() {
    let db = server().fresh_database("import_shapes");
    db.apply_ok(
        &read(&sql_dir().join("import_shapes.sql")),
        "import_shapes.sql",
    );
    db.apply_ok(
        "INSERT INTO shop.customer (\"Full Name\", email) VALUES ('Ada', 'ada@example.com'), ('Bo', 'bo@example.com');
         INSERT INTO shop.\"order\" (customer_id, total) SELECT id, 10 FROM shop.customer;
         INSERT INTO shop.invoice (order_id) SELECT id FROM shop.\"order\";
         UPDATE shop.\"order\" SET total = 12;",
        "rows",
    );
    let rows = "SELECT string_agg(c.\"Full Name\" || ':' || o.total || ':' || o.version || ':' || i.number, ',' ORDER BY c.id)
                  FROM shop.customer c JOIN shop.\"order\" o ON o.customer_id = c.id
                  JOIN shop.invoice i ON i.order_id = o.id";
    let before = db.query(rows);
    assert_eq!(before, "Ada:12.00:2:INV-1000,Bo:12.00:2:INV-1010\n");

    let (dir, binary) = generator(&db, "import-shapes");
    let entities = dir.join("src/entities");
    assert!(!entities.join("not_imported.sql").exists());
    assert_models_give_back(&db, &binary, &["audit", "common", "shop"]);

    assert_holds(
        &entities.join("order.rs"),
        &[
            "table_name = \"order\"",
            "#[pg(timestamps, versioned)]",
            "#[sea_orm(column_name = \"type\", column_type = \"Text\")]",
            "pub type_: Option<String>,",
            "#[pg(fk(name = \"order_invoice_fk\", initially_deferred))]",
            "pub status: super::enums::ShopOrderStatus,",
        ],
    );
    assert_holds(
        &entities.join("customer.rs"),
        &[
            "row_security(force))]",
            "name = \"clerks\",\n    roles(\"shapes_clerk\"),\n    using = \"true\",\n    with_check = r#\"(\"Full Name\" <> ''::text)\"#\n))]",
            "name = \"keep_bo\",\n    command = \"delete\",\n    using = r#\"(\"Full Name\" <> 'Bo'::text)\"#,\n    restrictive\n))]",
            "name = \"own rows\",\n    command = \"select\",\n    using = \"((email)::text = ((CURRENT_USER)::text || '@example.com'::text))\"\n))]",
        ],
    );
    assert_holds(&entities.join("shop_note.rs"), &["row_security)]"]);
    assert_holds(
        &entities.join("ledger.rs"),
        &[
            "#[pg(unique(columns(code), initially_deferred, include(holder)))]",
            "#[pg(check(name = \"ledger_amount_nonzero\", sql = \"(amount <> 0)\", not_valid))]",
            "#[pg(check(name = \"ledger_holder_named\", sql = \"(holder <> ''::text)\", no_inherit))]",
            "#[pg(primary_key(name = \"ledger_key\", deferrable, include(code)))]",
            "#[pg(index(columns(desc(nulls_last(holder)), nulls_first(amount))))]",
        ],
    );
    assert_holds(
        &entities.join("ledger_line.rs"),
        &[
            "#[pg(fk(match_full))]",
            "#[pg(fk(not_valid), index(nulls_first))]",
        ],
    );
    assert_holds(
        &entities.join("term.rs"),
        &[
            "#[pg(collate = \"C\")]",
            "#[pg(collate = \"und-x-icu\")]",
            "#[pg(index(collate = \"POSIX\"))]",
            "#[pg(index(name = \"term_word_lower\", expr = \"lower(word)\", collate = \"und-x-icu\"))]",
            "#[pg(with(autovacuum_vacuum_scale_factor = 0.02, fillfactor = 80))]",
            "with(deduplicate_items = \"off\", fillfactor = 70)",
        ],
    );
    assert_holds(
        &entities.join("ticket.rs"),
        &[
            "#[sea_orm(primary_key)]\n    #[pg(identity(always, start = 500, increment = 5))]\n    pub id: i64,",
            "#[pg(identity(increment = -1, cycle))]\n    pub countdown: i16,",
            "#[pg(exclude(on(countdown = \"<>\"), where = \"(label IS NOT NULL)\"))]",
            "#[pg(exclude(\n    name = \"ticket_open_apart\",\n    expr(sql = \"tstzrange(opens_at, closes_at)\", with = \"&&\"),\n    deferrable\n))]",
        ],
    );
    assert_holds(
        &entities.join("reading.rs"),
        &[
            "#[pg(partition_by(range(at)))]\n#[pg(partition(name = \"reading_2026\", from(\"'2026-01-01'\"), to(\"'2027-01-01'\")))]\n#[pg(partition(name = \"reading_rest\", default, comment = \"the others\"))]",
        ],
    );
    assert_holds(
        &entities.join("stock.rs"),
        &[
            "#[pg(domain = \"shop.sku\")]\n    pub sku: String,",
            "#[pg(domain = \"shop.quantity\")]\n    pub on_hand: i32,",
            "#[pg(sql_type = \"shop.quantity[]\")]\n    pub counts: Option<String>,",
            "#[pg(sql_type = \"shop.shelf\")]\n    pub kept_at: Option<String>,",
            "#[pg(collate(schema = \"shop\", name = \"folded\"))]\n    pub label: Option<String>,",
        ],
    );
    assert_holds(
        &entities.join("mod.rs"),
        &[
            ".check(\"quantity_check\", \"(VALUE >= 0)\"),",
            ".grant(\n            model_core::GrantOn::Schema(\"shop\".into()),\n            model_core::Grant::new(\"shapes_clerk\", &[model_core::Privilege::Usage]),\n        )",
            "model_core::Grant::new(\n                    \"shapes_clerk\",\n                    &[model_core::Privilege::Select, model_core::Privilege::Update],\n                )\n                .with_grant_option(),",
            "model_core::GrantOn::Function(\n                model_core::QualifiedName::new(\"shop\", \"customer_orders\"),\n                \"text\".into(),\n            ),",
            "model_core::Collation::icu(\n                    model_core::QualifiedName::new(\"shop\", \"folded\"),\n                    \"und-u-ks-level2\",\n                )\n                .nondeterministic()\n                .comment(\"case-blind\"),",
            "model_core::Collation::libc(\n                    model_core::QualifiedName::new(\"shop\", \"bytes\"),\n                    \"C\",\n                )\n                .ctype(\"POSIX\"),",
            "model_core::QualifiedName::new(\"pg_catalog\", \"C\"),\n                )\n                .attribute(\"level\", \"shop.quantity\")\n                .comment(\"where it is kept\"),",
            ".collate(model_core::QualifiedName::new(\"pg_catalog\", \"C\"))\n                .default(\"'NONE'::character varying\")\n                .not_null()\n                .check(\"sku_shape\", \"((VALUE)::text ~ '^[A-Z0-9-]+$'::text)\")\n                .comment(\"stock keeping unit\"),",
        ],
    );
    let item = read(&entities.join("item.rs"));
    assert!(item.contains("relation_enum = \"FromCategory\""), "{item}");
    assert!(
        item.contains(
            "#[pg(generated = \"round(((weight * (1000)::double precision))::numeric, 1)\")]"
        ),
        "{item}"
    );
    assert!(entities.join("audit_note.rs").exists() && entities.join("shop_note.rs").exists());
    assert_holds(
        &entities.join("mod.rs"),
        &[
            "model_core::View::new(",
            ".security_barrier()",
            ".check_option(model_core::CheckOption::Local)",
            ".comment(\"Who is still with us\")",
            "model_core::View::materialized(",
        ],
    );
    let enums = read(&entities.join("enums.rs"));
    assert!(
        enums.contains("#[sea_orm(string_value = r#\"it's \"odd\"\"#)]"),
        "{enums}"
    );

    // History from here: the baseline is recorded, not run.
    let migrations = migration_crate::start(&root(), "import-shapes-migration");
    let baseline = run(
        &binary,
        &[
            "migrate",
            "baseline",
            "--database-url",
            &db.url,
            "--dir",
            migrations.to_str().unwrap(),
        ],
    );
    assert!(baseline.status.success(), "{}", stderr(&baseline));
    assert_eq!(db.query("SELECT count(*) FROM seaql_migrations"), "1\n");

    // The first change to the imported models: a column, then its migration.
    let customer = entities.join("customer.rs");
    let text = read(&customer);
    let at = "    pub deleted_at: Option<DateTimeWithTimeZone>,\n";
    assert!(text.contains(at), "{text}");
    std::fs::write(
        &customer,
        text.replace(at, &format!("{at}    pub loyalty_points: Option<i32>,\n")),
    )
    .unwrap();
    let binary = build(&dir);
    let migrate = run(
        &binary,
        &[
            "migrate",
            "add_loyalty",
            "--dir",
            migrations.to_str().unwrap(),
        ],
    );
    assert!(migrate.status.success(), "{}", stderr(&migrate));
    let up = Command::new(migration_crate::build(&root(), &migrations))
        .arg("up")
        .env("DATABASE_URL", &db.url)
        .output()
        .unwrap();
    assert!(up.status.success(), "{}", stderr(&up));
    assert_eq!(db.query("SELECT count(*) FROM seaql_migrations"), "2\n");
    assert_eq!(db.query(rows), before, "the rows are kept");
    let verify = run(&binary, &["verify", "--database-url", &db.url]);
    assert!(
        verify.status.success(),
        "{}{}",
        String::from_utf8_lossy(&verify.stdout),
        stderr(&verify)
    );
}

#[test]
fn what_the_models_cannot_say_is_listed_with_its_sql() {
    let db = server().fresh_database("import_leftovers");
    db.apply_ok(
        "CREATE SCHEMA app;
         CREATE TABLE app.reading (
             id integer PRIMARY KEY,
             celsius numeric NOT NULL,
             fahrenheit numeric GENERATED ALWAYS AS (celsius * 9 / 5 + 32) STORED,
             ticket integer GENERATED ALWAYS AS IDENTITY
         );
         CREATE TABLE app.log (line text NOT NULL);
         CREATE VIEW app.hot AS SELECT id FROM app.reading WHERE celsius > 30;
         CREATE VIEW app.log_tail AS SELECT line FROM app.log;
         CREATE MATERIALIZED VIEW app.hot_stored AS SELECT id FROM app.reading;
         CREATE UNIQUE INDEX hot_stored_id ON app.hot_stored (id);
         CREATE FUNCTION app.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$;
         CREATE TRIGGER reading_stamp BEFORE INSERT ON app.reading FOR EACH ROW EXECUTE FUNCTION app.stamp();
         CREATE CONSTRAINT TRIGGER reading_late AFTER INSERT ON app.reading DEFERRABLE INITIALLY DEFERRED
             FOR EACH ROW EXECUTE FUNCTION app.stamp();
         CREATE INDEX reading_mixed ON app.reading ((celsius + 1), id DESC);
         ALTER TABLE app.reading ADD COLUMN place text;
         CREATE INDEX reading_place ON app.reading (place COLLATE \"C\", lower(place));",
        "leftovers",
    );
    let out = root()
        .join(std::process::id().to_string())
        .join("leftovers");
    let _ = std::fs::remove_dir_all(&out);
    let reading = pg_harness::runtime()
        .block_on(ddl_gen::inspect::read_database(
            &db.url,
            &[],
            std::time::Duration::from_secs(10),
        ))
        .unwrap();
    let imported = ddl_gen::import::import(&reading);
    let listed: Vec<String> = imported
        .not_imported
        .iter()
        .map(|n| n.object.clone())
        .collect();
    for expected in [
        "table app.log",
        "trigger reading_late on app.reading",
        "index reading_mixed on app.reading",
        "index reading_place on app.reading",
        "view app.log_tail",
        "index hot_stored_id on app.hot_stored",
    ] {
        assert!(
            listed.iter().any(|l| l == expected),
            "{expected} not listed: {listed:#?}"
        );
    }
    // An identity column that is no key is imported with its kind.
    assert!(
        !listed.iter().any(|l| l == "column app.reading.ticket"),
        "{listed:#?}"
    );
    ddl_gen::import::write(&out, &imported).unwrap();
    let sql = read(&out.join("not_imported.sql"));
    for expected in [
        "CREATE TABLE app.log",
        "CREATE CONSTRAINT TRIGGER reading_late AFTER INSERT ON app.reading DEFERRABLE INITIALLY DEFERRED",
        "CREATE INDEX reading_mixed ON app.reading",
        "CREATE VIEW app.log_tail AS",
        "CREATE UNIQUE INDEX hot_stored_id ON app.hot_stored (id);",
    ] {
        assert!(sql.contains(expected), "{expected} not in:\n{sql}");
    }
    // A function is imported even where a trigger executing it is not: it is a function of
    // its own. A plain trigger is imported.
    assert!(
        !listed
            .iter()
            .any(|l| l.contains("app.stamp") || l.contains("reading_stamp")),
        "{listed:#?}"
    );
    let mod_rs = read(&out.join("mod.rs"));
    assert!(
        mod_rs.contains(r#"model_core::QualifiedName::new("app", "stamp"),"#)
            && mod_rs.contains("BEGIN RETURN NEW; END;")
            && mod_rs.contains("model_core::Trigger::before(")
            && mod_rs.contains("\"reading_stamp\","),
        "{mod_rs}"
    );
    // The SQL given is the database's: it makes what was left out.
    let table_sql = imported
        .not_imported
        .iter()
        .find(|n| n.object == "table app.log")
        .and_then(|n| n.sql.clone())
        .unwrap();
    let scratch = server().fresh_database("import_leftovers_log");
    scratch.apply_ok(&format!("CREATE SCHEMA app;\n{table_sql}"), "app.log's SQL");
    assert_eq!(
        scratch.query(
            "SELECT column_name || ' ' || data_type || ' ' || is_nullable FROM information_schema.columns
              WHERE table_schema = 'app' AND table_name = 'log'"
        ),
        "line text NO\n"
    );
}
