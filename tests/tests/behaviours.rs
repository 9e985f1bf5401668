//! Soft delete and optimistic locking at run time, through SeaORM (sqlx-postgres) on a real
//! database built from the generated script: the dense format (dataflow's customer and product)
//! and the expanded one (the `note` fixture).

#![allow(clippy::duplicated_attributes)]

mod fixtures;

use ddl_gen::render::{CreateOptions, create_script};
use model_core::{Schema, SoftDelete, SoftDeleteModel, VersionedActiveModel, VersionedError};
use models::{customer, product};
use pg_harness::server;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, Set,
    TransactionTrait,
};

async fn dataflow_database(label: &str) -> DatabaseConnection {
    let db = server().fresh_database(label);
    db.apply_ok(
        &create_script(&models::schema(), CreateOptions::default()),
        "dataflow",
    );
    sea_orm::Database::connect(&db.url)
        .await
        .expect("connect with SeaORM")
}

async fn new_customer(db: &impl ConnectionTrait, n: u32) -> customer::Model {
    customer::ActiveModel {
        name: Set(format!("Customer {n}")),
        email: Set(format!("c{n}@example.com")),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert customer")
}

async fn counts(db: &impl ConnectionTrait) -> (u64, u64, u64) {
    (
        customer::Entity::find_live().count(db).await.unwrap(),
        customer::Entity::find_deleted().count(db).await.unwrap(),
        customer::Entity::find_with_deleted()
            .count(db)
            .await
            .unwrap(),
    )
}

#[tokio::test]
async fn soft_deleted_rows_leave_the_live_query_and_come_back_on_restore() {
    let db = dataflow_database("soft_delete").await;
    let mut c = Vec::new();
    for n in 0..5 {
        c.push(new_customer(&db, n).await);
    }
    assert_eq!(counts(&db).await, (5, 0, 5));

    assert!(c[0].soft_delete(&db).await.unwrap());
    assert!(!c[0].soft_delete(&db).await.unwrap(), "already deleted");
    assert!(
        customer::Entity::soft_delete_by_id(&db, c[1].id)
            .await
            .unwrap()
    );
    assert_eq!(counts(&db).await, (3, 2, 5));
    let reread = customer::Entity::find_by_id(c[0].id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert!(reread.is_deleted() && !c[2].is_deleted());

    assert!(reread.restore(&db).await.unwrap());
    assert!(!reread.restore(&db).await.unwrap(), "not deleted any more");
    assert_eq!(counts(&db).await, (4, 1, 5));
    assert!(customer::Entity::restore_by_id(&db, c[1].id).await.unwrap());
    assert_eq!(counts(&db).await, (5, 0, 5));

    // Uniqueness among live rows only (the partial unique index): a deleted customer's
    // address can be used again.
    assert!(c[3].soft_delete(&db).await.unwrap());
    customer::ActiveModel {
        name: Set("Again".into()),
        email: Set(c[3].email.clone()),
        ..Default::default()
    }
    .insert(&db)
    .await
    .expect("a soft-deleted row does not hold its unique email");

    // The real delete, under its explicit name.
    assert!(c[2].hard_delete(&db).await.unwrap());
    assert!(
        !customer::Entity::hard_delete_by_id(&db, c[2].id)
            .await
            .unwrap()
    );
    assert_eq!(counts(&db).await, (4, 1, 5));
}

#[tokio::test]
async fn soft_delete_works_inside_a_transaction() {
    let db = dataflow_database("soft_delete_tx").await;
    let c = new_customer(&db, 1).await;
    let tx = db.begin().await.unwrap();
    assert!(c.soft_delete(&tx).await.unwrap());
    assert_eq!(counts(&tx).await, (0, 1, 1), "seen inside the transaction");
    assert_eq!(
        counts(&db).await,
        (1, 0, 1),
        "not seen outside before commit"
    );
    tx.rollback().await.unwrap();
    assert_eq!(counts(&db).await, (1, 0, 1), "rolled back");
    let tx = db.begin().await.unwrap();
    assert!(
        customer::Entity::soft_delete_by_id(&tx, c.id)
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();
    assert_eq!(counts(&db).await, (0, 1, 1));
}

async fn new_product(db: &impl ConnectionTrait) -> product::Model {
    product::ActiveModel {
        sku: Set("H-1".into()),
        name: Set("Hammer".into()),
        slug: Set("hammer".into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert product")
}

/// Two writers start from the same read; returns their results in order.
async fn race(
    db: &DatabaseConnection,
    read: &product::Model,
    names: [String; 2],
) -> Vec<Result<product::Model, VersionedError>> {
    let tasks: Vec<_> = names
        .into_iter()
        .map(|name| {
            let db = db.clone();
            let mut am: product::ActiveModel = read.clone().into();
            am.name = Set(name);
            tokio::spawn(async move { am.update_versioned(&db).await })
        })
        .collect();
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.expect("task"));
    }
    results
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn of_two_writers_from_one_read_exactly_one_wins_every_time() {
    let db = dataflow_database("versioned_race").await;
    let first = new_product(&db).await;
    assert_eq!(first.version, 1);
    let mut read = first;
    for round in 0..50 {
        let names = [
            format!("round {round} writer 0"),
            format!("round {round} writer 1"),
        ];
        let results = race(&db, &read, names.clone()).await;
        let winners: Vec<&product::Model> =
            results.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(
            winners.len(),
            1,
            "round {round}: exactly one writer wins: {results:?}"
        );
        let loser = results
            .iter()
            .find_map(|r| r.as_ref().err())
            .expect("one writer loses");
        match loser {
            VersionedError::StaleVersion {
                table,
                key,
                expected,
            } => {
                assert_eq!(table, "dataflow.product");
                assert_eq!(key, &read.id.to_string());
                assert_eq!(*expected, i64::from(read.version));
            }
            other => panic!("round {round}: expected StaleVersion, got {other}"),
        }
        let row = product::Entity::find_by_id(read.id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            row.version,
            read.version + 1,
            "round {round}: the version moved on once"
        );
        assert_eq!(
            &row, winners[0],
            "round {round}: the row holds the winner's write"
        );
        assert!(names.contains(&row.name));
        read = row;
    }
    assert_eq!(read.version, 51, "50 rounds, no lost update");
}

#[tokio::test]
async fn an_update_through_raw_sql_also_moves_the_version_so_a_stale_writer_loses() {
    let db = dataflow_database("versioned_raw").await;
    let read = new_product(&db).await;
    db.execute_unprepared(&format!(
        "UPDATE dataflow.product SET name = 'raw' WHERE id = {}",
        read.id
    ))
    .await
    .unwrap();
    let mut stale: product::ActiveModel = read.clone().into();
    stale.name = Set("stale".into());
    let err = stale.update_versioned(&db).await.unwrap_err();
    assert!(
        matches!(err, VersionedError::StaleVersion { expected: 1, .. }),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "dataflow.product row {} is no longer at version 1: it was changed since it was read",
            read.id
        )
    );
    let row = product::Entity::find_by_id(read.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.name.as_str(), row.version), ("raw", 2));

    // Nothing changed: the version is still checked, and moves on.
    let fresh: product::ActiveModel = row.clone().into();
    let touched = fresh.update_versioned(&db).await.unwrap();
    assert_eq!((touched.name.as_str(), touched.version), ("raw", 3));
    // Without the version it was read at, there is nothing to check against.
    let blind = product::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(row.id),
        name: Set("x".into()),
        ..Default::default()
    };
    assert!(matches!(
        blind.update_versioned(&db).await,
        Err(VersionedError::MissingVersion { .. })
    ));
}

#[tokio::test]
async fn the_expanded_format_gets_both_behaviours() {
    use fixtures::behaviours::note;
    let schema = Schema::builder().entity::<note::Entity>().build().unwrap();
    let pg = server().fresh_database("note");
    pg.apply_ok(&create_script(&schema, CreateOptions::default()), "note");
    let db = sea_orm::Database::connect(&pg.url).await.unwrap();
    let n = note::ActiveModel {
        body: Set("draft".into()),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    assert_eq!(n.revision, 1);

    let mut edit: note::ActiveModel = n.clone().into();
    edit.body = Set("final".into());
    let saved = edit.update_versioned(&db).await.unwrap();
    assert_eq!((saved.body.as_str(), saved.revision), ("final", 2));
    let mut stale: note::ActiveModel = n.clone().into();
    stale.body = Set("lost".into());
    assert!(matches!(
        stale.update_versioned(&db).await,
        Err(VersionedError::StaleVersion { expected: 1, .. })
    ));

    assert!(saved.soft_delete(&db).await.unwrap());
    assert_eq!(note::Entity::find_live().count(&db).await.unwrap(), 0);
    assert_eq!(note::Entity::find_deleted().count(&db).await.unwrap(), 1);
    assert!(note::Entity::restore_by_id(&db, saved.id).await.unwrap());
    assert_eq!(note::Entity::find_live().count(&db).await.unwrap(), 1);
}

#[tokio::test]
async fn enums_outside_public_are_written_through_the_documented_connection() {
    use fixtures::enums::{Currency, OrderStatus, purchase};
    let models = Schema::builder()
        .entity::<purchase::Entity>()
        .entity::<fixtures::enums::refund::Entity>()
        .build()
        .unwrap();
    let db = server().fresh_database("enum_write");
    db.apply_ok(&create_script(&models, CreateOptions::default()), "enums");
    let row = || purchase::ActiveModel {
        id: sea_orm::ActiveValue::Set(1),
        status: sea_orm::ActiveValue::Set(OrderStatus::Delivered),
        currency: sea_orm::ActiveValue::Set(Currency::Eur),
    };

    // SeaORM names the enum's type without its schema: a default connection cannot find it.
    let plain = sea_orm::Database::connect(&db.url).await.unwrap();
    let err = row().insert(&plain).await.unwrap_err().to_string();
    assert!(err.contains("does not exist"), "{err}");

    assert_eq!(
        model_core::search_path(&models),
        r#""common","returns","shop","public""#
    );
    let conn = sea_orm::Database::connect(model_core::connect_options(&db.url, &models))
        .await
        .unwrap();
    let saved = row().insert(&conn).await.unwrap();
    assert_eq!(saved.status, OrderStatus::Delivered);
    let read = purchase::Entity::find_by_id(1)
        .one(&conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (read.status, read.currency),
        (OrderStatus::Delivered, Currency::Eur)
    );
}
