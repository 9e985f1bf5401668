//! Snapshots of generated migration files for representative changes, so a change to what
//! `ddl-gen migrate` writes shows in review. (That they compile and run is
//! `migration_history.rs`'s business.)

#![allow(clippy::duplicated_attributes)]

mod revisions;

use ddl_gen::migration::{Step, migration_source, plan, plan_online, renames};
use model_core::Schema;

/// The migration `ddl-gen migrate` writes: planned for a live database.
fn migration(from: &Schema, to: &Schema) -> String {
    migration_planned_by(plan_online, from, to)
}

type Planner = fn(
    &Schema,
    &Schema,
    &[ddl_gen::migration::Rename],
) -> Result<Vec<Step>, ddl_gen::migration::Unsupported>;

fn migration_planned_by(planner: Planner, from: &Schema, to: &Schema) -> String {
    let forward = renames(from, to);
    let backward: Vec<_> = forward
        .iter()
        .map(|(t, old, new)| (t.clone(), new.clone(), old.clone()))
        .collect();
    let up = planner(from, to, &forward).unwrap();
    let down = planner(to, from, &backward).unwrap();
    migration_source("Migration under test", &up, &down)
}

fn snapshot(name: &str, from: fn() -> Schema, to: fn() -> Schema) {
    let source = migration(&from(), &to());
    insta::with_settings!({ snapshot_path => "../../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, source);
    });
}

#[test]
fn rename_widen_and_reindex() {
    snapshot(
        "migration_rename_widen_reindex",
        revisions::r02::schema,
        revisions::r03::schema,
    );
}

#[test]
fn enum_value_added() {
    snapshot(
        "migration_enum_value_added",
        revisions::r04::schema,
        revisions::r05::schema,
    );
}

#[test]
fn timestamps_and_soft_delete_switched_on() {
    snapshot(
        "migration_timestamps_soft_delete",
        revisions::r05::schema,
        revisions::r06::schema,
    );
}

#[test]
fn new_table_extension_deferrable_key() {
    snapshot(
        "migration_new_table",
        revisions::r07::schema,
        revisions::r08::schema,
    );
}

#[test]
fn required_column_with_guard() {
    snapshot(
        "migration_set_not_null",
        revisions::r08::schema,
        revisions::r09::schema,
    );
}

#[test]
fn column_dropped_and_enum_recreated() {
    snapshot(
        "migration_destructive",
        revisions::r09::schema,
        revisions::r10::schema,
    );
}

#[test]
fn the_same_change_writes_the_same_file() {
    let a = migration(&revisions::r05::schema(), &revisions::r06::schema());
    let b = migration(&revisions::r05::schema(), &revisions::r06::schema());
    assert_eq!(a, b);
}

#[test]
fn two_migrations_in_the_same_second_run_in_the_order_they_were_written() {
    let dir = std::env::temp_dir().join(format!("same-second-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    ddl_gen::migration::init(&dir).unwrap();
    let same = || ddl_gen::migration::Options {
        allow_destructive: false,
        timestamp: Some("20260101_120000".into()),
        ..Default::default()
    };
    let zzz = ddl_gen::migration::generate(&dir, "zzz_tables", &models::schema(), &same()).unwrap();
    let with_trgm = models::builder().extension("pg_trgm").build().unwrap();
    let aaa = ddl_gen::migration::generate(&dir, "aaa_trigram", &with_trgm, &same()).unwrap();
    assert_eq!(zzz.module, "m20260101_120000_zzz_tables");
    assert_eq!(aaa.module, "m20260101_120001_aaa_trigram");
    let lib = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
    let first = lib.find("m20260101_120000_zzz_tables::Migration").unwrap();
    let second = lib.find("m20260101_120001_aaa_trigram::Migration").unwrap();
    assert!(first < second, "{lib}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_carriage_return_in_a_comment_survives_the_migration_file_and_shows_in_reports() {
    let table = |comment: &str| {
        let mut t = model_core::Table::new(model_core::QualifiedName::new("notes", "note"));
        t.comment = Some(comment.to_owned());
        Schema::builder().table(t).build().unwrap()
    };
    let (before, after) = (table("line one\nline two"), table("line one\r\nline two"));
    let source = migration(&before, &after);
    // Every SQL string in the file, as the compiler will read it.
    let values: Vec<String> = source
        .match_indices("execute_unprepared(")
        .map(|(at, call)| {
            let rest = &source[at + call.len()..];
            let end = rest.find(".await").expect("end of the call");
            let argument = rest[..end].trim_end().trim_end_matches(')').trim_end();
            syn::parse_str::<syn::LitStr>(argument.trim_end_matches(',').trim())
                .expect("a string literal")
                .value()
        })
        .collect();
    assert!(
        values.contains(&"COMMENT ON TABLE notes.note IS 'line one\r\nline two'".to_owned()),
        "{values:#?}\n{source}"
    );
    assert!(values.contains(&"COMMENT ON TABLE notes.note IS 'line one\nline two'".to_owned()));

    // The comparison shows the two values apart.
    let changes = ddl_gen::compare::compare(&before, &after, &[]);
    let lines = ddl_gen::compare::report::lines(&changes, ddl_gen::compare::report::VERIFY);
    assert_eq!(
        lines.iter().map(|l| l.to_string()).collect::<Vec<_>>(),
        [
            "table notes.note: comment 'line one\\r\\nline two' in models, 'line one\\nline two' in database"
        ]
    );
}

#[test]
fn a_migration_whose_statements_do_not_parse_is_never_written() {
    let dir = std::env::temp_dir().join(format!("unparsable-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    ddl_gen::migration::init(&dir).unwrap();
    let options = ddl_gen::migration::Options::default();
    let table = |check: &str| {
        let mut t = model_core::Table::new(model_core::QualifiedName::new("app", "task"));
        t.checks
            .push(model_core::Check::new("task_due_check", check));
        t
    };
    // A schema put together by hand skips build()'s checks; the migration is still refused.
    let mut unchecked = Schema::empty();
    unchecked.tables.push(table("due_date >"));
    let e = ddl_gen::migration::generate(&dir, "broken", &unchecked, &options).unwrap_err();
    assert_eq!(
        e.to_string(),
        "PostgreSQL's parser refuses statements of this migration; nothing was written:
  - up() step \"create table app.task\": syntax error at or near \")\", line 2 of the statement: CONSTRAINT task_due_check CHECK (due_date >)
Fix the raw SQL in the models (or in schema.json, for a down() step) and run again."
    );
    let files = || {
        let mut names: Vec<_> = std::fs::read_dir(dir.join("src"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        (
            names,
            std::fs::read_to_string(dir.join("schema.json")).unwrap(),
        )
    };
    let before = files();
    assert_eq!(before.0, ["lib.rs", "main.rs"]);

    // A state written before raw SQL was checked: the fix's down() would bring the broken check
    // back, so it is refused too, and nothing changes.
    std::fs::write(
        dir.join("schema.json"),
        serde_json::to_string_pretty(&unchecked).unwrap(),
    )
    .unwrap();
    let before = files();
    let fixed = Schema::builder()
        .table(table("due_date > '2000-01-01'"))
        .build()
        .unwrap();
    let e = ddl_gen::migration::generate(&dir, "fix", &fixed, &options).unwrap_err();
    assert!(
        e.to_string()
            .contains("- down() step \"create check task_due_check on app.task, NOT VALID\": syntax error at or near \")\", line 1 of the statement: ALTER TABLE app.task ADD CONSTRAINT task_due_check CHECK (due_date >) NOT VALID"),
        "{e}"
    );
    assert_eq!(files(), before);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_double_quote_in_a_name_is_written_as_sql_the_builder_cannot_get_wrong() {
    use model_core::{ForeignKey, ForeignKeyAction, Index, IndexKey, IndexMethod, QualifiedName};
    let schema = |with: bool| {
        let mut t = model_core::Table::new(QualifiedName::new("app", "item"));
        for name in ["id", "parent"] {
            t.columns.push(model_core::Column {
                nullable: name != "id",
                ..model_core::Column::new(name, model_core::ColumnType::builtin("integer"))
            });
        }
        t.primary_key = Some(model_core::PrimaryKey {
            name: "item_pkey".into(),
            columns: vec!["id".into()],
            deferral: Default::default(),
            include: Vec::new(),
        });
        if with {
            t.indexes.push(Index {
                name: "idx \"parent\"".into(),
                unique: false,
                method: IndexMethod::Btree,
                keys: vec![IndexKey::column("parent")],
                include: vec![],
                predicate: None,
                nulls_not_distinct: false,
                storage: Default::default(),
            });
            t.foreign_keys.push(ForeignKey {
                name: "item \"parent\" fkey".into(),
                columns: vec!["parent".into()],
                references: QualifiedName::new("app", "item"),
                referenced_columns: vec!["id".into()],
                on_delete: ForeignKeyAction::NoAction,
                on_update: ForeignKeyAction::NoAction,
                deferrable: false,
                initially_deferred: false,
                match_full: false,
                not_valid: false,
            });
        }
        Schema::builder().table(t).build().unwrap()
    };
    // The plain plan, where the builders would otherwise write both statements.
    let source = migration_planned_by(plan, &schema(false), &schema(true));
    assert!(!source.contains("Index::create()"), "{source}");
    assert!(!source.contains("ForeignKey::create()"), "{source}");
    assert!(
        source.contains(r##"CREATE INDEX "idx ""parent""" ON app.item (parent)"##),
        "{source}"
    );
    assert!(source.contains(r#"item ""parent"" fkey"#), "{source}");
}

#[test]
fn an_index_the_builder_cannot_spell_is_written_as_sql() {
    use model_core::{IndexKey, NullsOrder, QualifiedName};
    let schema = |key: Option<IndexKey>, storage: &[(&str, &str)]| {
        let mut t = model_core::Table::new(QualifiedName::new("app", "item"));
        t.columns.push(pg_harness::tables::column(
            "label",
            model_core::ColumnType::builtin("text"),
        ));
        if let Some(key) = key {
            let mut index = pg_harness::tables::btree_index("item_label", vec![key]);
            index.storage = (storage.iter())
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect();
            t.indexes.push(index);
        }
        Schema::builder().table(t).build().unwrap()
    };
    let mut nulls_first = IndexKey::column("label");
    nulls_first.nulls = Some(NullsOrder::First);
    let mut collated = IndexKey::column("label");
    collated.collation = Some(QualifiedName::new("pg_catalog", "C"));
    // sea-query's Index::create() has no NULLS FIRST/LAST, COLLATE or WITH: the file would
    // make another index than the models'.
    for (key, storage, says) in [
        (nulls_first, &[][..], "(label NULLS FIRST)"),
        (collated, &[][..], r#"(label COLLATE "C")"#),
        (
            IndexKey::column("label"),
            &[("fillfactor", "70")][..],
            "(label) WITH (fillfactor = 70)",
        ),
    ] {
        let source = migration_planned_by(plan, &schema(None, &[]), &schema(Some(key), storage));
        assert!(!source.contains("Index::create()"), "{source}");
        assert!(source.contains(says), "{says} not in:\n{source}");
    }
}
