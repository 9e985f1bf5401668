//! Tenant isolation from the models (`#[pg(tenant)]`), through SeaORM on a real database: two
//! tenants, through a role that is not the table's owner, neither read nor write each other's
//! rows; a session that names no tenant reads nothing and writes nothing; the owner is held to
//! the policy too (row security is forced); only a role with BYPASSRLS sees past it.

#![allow(clippy::duplicated_attributes)]

mod fixtures;

use ddl_gen::render::{CreateOptions, create_script};
use fixtures::security::{self, notes, orders};
use model_core::TenantScoped;
use model_core::tenant::{clear_session_tenant, set_session_tenant};
use sea_orm::{
    ActiveModelTrait, ConnectOptions, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};
use sea_orm::{ColumnTrait, DbErr};

/// Makes a role the cluster may already have (the tests share one server).
fn role(name: &str, options: &str) -> String {
    format!(
        "DO $$ BEGIN CREATE ROLE {name} NOLOGIN {options};
         EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;"
    )
}

/// A SeaORM connection to `url` acting as `role` (its current user, which row level security
/// judges), over one connection: a setting made for the session stays with it.
async fn connect_as(url: &str, role: &str) -> DatabaseConnection {
    let sep = if url.contains('?') { '&' } else { '?' };
    let mut options = ConnectOptions::new(format!("{url}{sep}options=-c%20role%3D{role}"));
    options.max_connections(1).sqlx_logging(false);
    sea_orm::Database::connect(options)
        .await
        .unwrap_or_else(|e| panic!("connect as {role}: {e}"))
}

async fn add_order(db: &impl sea_orm::ConnectionTrait, item: &str) -> Result<orders::Model, DbErr> {
    orders::ActiveModel {
        item: Set(item.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await
}

fn refused(result: Result<impl std::fmt::Debug, DbErr>, says: &str) {
    match result {
        Err(e) => assert!(e.to_string().contains(says), "{e}"),
        Ok(v) => panic!("written, though it should be refused ({says}): {v:?}"),
    }
}

#[tokio::test]
async fn two_tenants_neither_read_nor_write_each_others_rows() {
    let db = pg_harness::server().fresh_database("tenants");
    db.apply_ok(security::ROLES, "the policies' roles");
    db.apply_ok(
        &[
            role("rls_tenant_app", "NOBYPASSRLS"),
            role("rls_tenant_owner", "NOBYPASSRLS"),
            role("rls_tenant_bypass", "BYPASSRLS"),
        ]
        .concat(),
        "the application's roles",
    );
    let schema = security::builder().build().unwrap();
    db.apply_ok(&create_script(&schema, CreateOptions::default()), "models");
    // The tables belong to a role of their own; the application's role is granted the rows.
    db.apply_ok(
        "ALTER TABLE rls.orders OWNER TO rls_tenant_owner;
         ALTER TABLE rls.notes OWNER TO rls_tenant_owner;
         GRANT USAGE ON SCHEMA rls TO rls_tenant_app, rls_tenant_owner, rls_tenant_bypass;
         GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA rls
            TO rls_tenant_app, rls_tenant_bypass;
         GRANT USAGE ON ALL SEQUENCES IN SCHEMA rls TO rls_tenant_app;",
        "owner and grants",
    );
    let app = connect_as(&db.url, "rls_tenant_app").await;

    // Each tenant writes its rows; the tenant column fills itself from the setting.
    let txn = orders::Entity::begin_tenant(&app, 1).await.unwrap();
    let pen = add_order(&txn, "pen").await.unwrap();
    add_order(&txn, "ink").await.unwrap();
    txn.commit().await.unwrap();
    assert_eq!(pen.tenant_id, 1);
    let txn = orders::Entity::begin_tenant(&app, 2).await.unwrap();
    let desk = add_order(&txn, "desk").await.unwrap();
    txn.commit().await.unwrap();
    assert_eq!(desk.tenant_id, 2);

    // Each reads its own, and only those.
    let txn = orders::Entity::begin_tenant(&app, 1).await.unwrap();
    let mut items: Vec<String> = (orders::Entity::find().all(&txn).await.unwrap())
        .into_iter()
        .map(|o| o.item)
        .collect();
    items.sort();
    assert_eq!(items, ["ink", "pen"]);
    assert_eq!(
        orders::Entity::find_by_id(desk.id).one(&txn).await.unwrap(),
        None,
        "tenant 1 reads tenant 2's row"
    );
    // ... writes none of the other's: an update or delete of it finds no row,
    let moved = orders::Entity::update_many()
        .col_expr(orders::Column::Item, "taken".into())
        .filter(orders::Column::Id.eq(desk.id))
        .exec(&txn)
        .await
        .unwrap();
    assert_eq!(moved.rows_affected, 0);
    let deleted = orders::Entity::delete_by_id(desk.id)
        .exec(&txn)
        .await
        .unwrap();
    assert_eq!(deleted.rows_affected, 0);
    txn.commit().await.unwrap();
    // ... and neither inserts a row for it nor moves its own row to it.
    let txn = orders::Entity::begin_tenant(&app, 1).await.unwrap();
    refused(
        orders::ActiveModel {
            tenant_id: Set(2),
            item: Set("planted".into()),
            ..Default::default()
        }
        .insert(&txn)
        .await,
        "new row violates row-level security policy",
    );
    txn.rollback().await.unwrap();
    let txn = orders::Entity::begin_tenant(&app, 1).await.unwrap();
    refused(
        orders::Entity::update_many()
            .col_expr(orders::Column::TenantId, 2.into())
            .filter(orders::Column::Id.eq(pen.id))
            .exec(&txn)
            .await,
        "new row violates row-level security policy",
    );
    txn.rollback().await.unwrap();
    let txn = orders::Entity::begin_tenant(&app, 2).await.unwrap();
    let theirs = orders::Entity::find().all(&txn).await.unwrap();
    assert_eq!(
        theirs,
        vec![desk.clone()],
        "tenant 2's rows are as it left them"
    );
    txn.commit().await.unwrap();

    // A session naming no tenant reads nothing and writes nothing: never set, and set only
    // for a transaction that has ended (PostgreSQL then reads the setting as '').
    let nobody = connect_as(&db.url, "rls_tenant_app").await;
    assert_eq!(orders::Entity::find().count(&nobody).await.unwrap(), 0);
    refused(
        add_order(&nobody, "orphan").await,
        "new row violates row-level security policy",
    );
    assert_eq!(orders::Entity::find().count(&app).await.unwrap(), 0);

    // A tenant for the whole session, on a connection of one's own; then none again.
    set_session_tenant(&app, orders::Entity::tenant_setting(), 2)
        .await
        .unwrap();
    assert_eq!(orders::Entity::find().count(&app).await.unwrap(), 1);
    clear_session_tenant(&app, "app.tenant_id").await.unwrap();
    assert_eq!(orders::Entity::find().count(&app).await.unwrap(), 0);

    // Row security is forced: the owner is held to the policy too.
    let owner = connect_as(&db.url, "rls_tenant_owner").await;
    assert_eq!(orders::Entity::find().count(&owner).await.unwrap(), 0);
    let txn = orders::Entity::begin_tenant(&owner, 1).await.unwrap();
    assert_eq!(orders::Entity::find().count(&txn).await.unwrap(), 2);
    txn.commit().await.unwrap();

    // Seeing past the policy takes a role with BYPASSRLS.
    let bypass = connect_as(&db.url, "rls_tenant_bypass").await;
    assert_eq!(orders::Entity::find().count(&bypass).await.unwrap(), 3);
    assert_eq!(
        db.query("SELECT rolbypassrls FROM pg_roles WHERE rolname = 'rls_tenant_app'"),
        "f\n"
    );

    // A tenant key of its own: a text column, the setting app.org.
    assert_eq!(notes::Entity::tenant_setting(), "app.org");
    for org in ["acme", "globex"] {
        let txn = notes::Entity::begin_tenant(&app, org).await.unwrap();
        notes::ActiveModel {
            written: Set(1),
            body: Set(format!("{org}'s plans")),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .unwrap();
        txn.commit().await.unwrap();
    }
    let txn = notes::Entity::begin_tenant(&app, "acme").await.unwrap();
    let seen = notes::Entity::find().all(&txn).await.unwrap();
    assert_eq!(
        seen.iter().map(|n| n.body.as_str()).collect::<Vec<_>>(),
        ["acme's plans"]
    );
    assert!(seen.iter().all(|n| n.org == "acme"));
    // The orders' setting is not the notes': tenant 1 of app.tenant_id sees no note.
    txn.commit().await.unwrap();
    let txn = orders::Entity::begin_tenant(&app, 1).await.unwrap();
    assert_eq!(notes::Entity::find().count(&txn).await.unwrap(), 0);
    txn.commit().await.unwrap();
}
