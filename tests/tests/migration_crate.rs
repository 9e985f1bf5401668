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
