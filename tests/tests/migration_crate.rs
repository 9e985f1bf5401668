//! The workspace's own migration crate: `fresh` builds the dataflow schema exactly as the models
//! say, and `down` takes it all away.

use ddl_gen::verify::verify;
use migration::{Migrator, MigratorTrait};
use pg_harness::server;

#[tokio::test]
async fn fresh_builds_the_dataflow_schema_that_verify_finds_identical() {
    let db = server().fresh_database("migration_crate");
    let conn = sea_orm::Database::connect(&db.url).await.unwrap();
    Migrator::fresh(&conn).await.expect("fresh");
    let report = verify(&db.url, &models::schema()).await.unwrap();
    assert_eq!(report.tables, 21);
    assert_eq!(report.differences, vec![]);

    Migrator::down(&conn, None).await.expect("down");
    assert_eq!(db.fingerprint(&["dataflow"]), Vec::<String>::new());
    Migrator::up(&conn, None).await.expect("up again");
    assert_eq!(
        verify(&db.url, &models::schema())
            .await
            .unwrap()
            .differences,
        vec![]
    );
}

#[tokio::test]
async fn verify_sets_the_history_table_aside_for_models_in_public() {
    use model_core::{Column, ColumnType, Identity, PrimaryKey, QualifiedName, Schema, Table};
    // Models in `public`, where sea-orm-migration keeps its history table too.
    let mut note = Table::new(QualifiedName::new("public", "note"));
    note.columns.push(Column {
        nullable: false,
        identity: Identity::GeneratedByDefault,
        ..Column::new("id", ColumnType::builtin("integer"))
    });
    note.primary_key = Some(PrimaryKey {
        name: "note_pkey".into(),
        columns: vec!["id".into()],
        deferral: Default::default(),
        include: Vec::new(),
    });
    let models = Schema::builder().table(note).build().unwrap();
    let db = server().fresh_database("history_public");
    db.apply_ok(
        &ddl_gen::render::create_script(&models, Default::default()),
        "the models",
    );
    // The history table as sea-orm-migration itself makes it.
    let conn = sea_orm::Database::connect(&db.url).await.unwrap();
    Migrator::install(&conn)
        .await
        .expect("install the history table");
    assert_eq!(
        db.query("SELECT count(*) FROM pg_tables WHERE tablename = 'seaql_migrations'"),
        "1\n"
    );
    let report = verify(&db.url, &models).await.unwrap();
    assert_eq!(report.differences, vec![]);
    assert_eq!(
        report.history_tables,
        [QualifiedName::new("public", "seaql_migrations")]
    );
    // Under another name it is a table like any other.
    let options = ddl_gen::verify::Options {
        history_table: "app_migrations".into(),
        ..Default::default()
    };
    let report = ddl_gen::verify::verify_with(&db.url, &models, &options)
        .await
        .unwrap();
    let lines: Vec<String> = report.differences.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        lines,
        ["table public.seaql_migrations extra (not in the models)"]
    );
}
