//! Tenant isolation at run time, for entities whose model has `#[pg(tenant)]`.
//!
//! ```ignore
//! use model_core::TenantScoped;
//! let txn = order::Entity::begin_tenant(&db, 42).await?;   // app.tenant_id = '42' until commit
//! let mine = order::Entity::find().all(&txn).await?;        // tenant 42's rows, and only those
//! order::ActiveModel { total: Set(10), ..Default::default() }.insert(&txn).await?; // tenant_id = 42
//! txn.commit().await?;
//! ```
//!
//! The database does the isolating: the tenant key enables and forces row level security on the
//! table, with a policy that shows and takes only the rows of the tenant the setting names. These
//! helpers only set it: for one transaction ([`begin_tenant`], the safe default with a pool), or
//! for a whole session ([`set_session_tenant`], for a connection of one's own). A session that
//! sets nothing sees no row and writes none.

use std::fmt::Display;
use std::future::Future;

use sea_orm::{
    ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, Statement, TransactionTrait,
};

use crate::PgTable;
use crate::entity_columns::column;

/// Implemented by `#[derive(PgTable)]` for entities with `#[pg(tenant)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no tenant",
    label = "tenant isolation is not declared for this entity",
    note = "declare it on the model: #[pg(tenant)] (and a field `tenant_id`)"
)]
pub trait TenantScoped: PgTable {
    /// The column holding a row's tenant.
    fn tenant_column() -> Self::Column {
        column::<Self>(Self::spec().column)
    }

    /// The setting that names the session's tenant (`app.tenant_id` unless renamed).
    fn tenant_setting() -> &'static str {
        Self::spec().setting
    }

    /// Begins a transaction in which this entity's setting names `tenant`: every table
    /// isolated by that setting shows and takes `tenant`'s rows only, until the transaction
    /// ends.
    fn begin_tenant<C>(
        db: &C,
        tenant: impl Display + Send,
    ) -> impl Future<Output = Result<DatabaseTransaction, DbErr>> + Send
    where
        C: TransactionTrait<Transaction = DatabaseTransaction> + Send,
    {
        begin_tenant(db, Self::tenant_setting(), tenant)
    }

    #[doc(hidden)]
    fn spec() -> &'static crate::extras::TenantSpec {
        Self::pg_extras()
            .tenant
            .as_ref()
            .expect("#[pg(tenant)] on this entity")
    }
}

/// Begins a transaction in which `setting` names `tenant` (`set_config(setting, tenant, true)`:
/// gone at commit or rollback, so a pooled connection goes back clean).
pub async fn begin_tenant<C>(
    db: &C,
    setting: &str,
    tenant: impl Display + Send,
) -> Result<DatabaseTransaction, DbErr>
where
    C: TransactionTrait<Transaction = DatabaseTransaction>,
{
    let txn = db.begin().await?;
    set_config(&txn, setting, &tenant.to_string(), true).await?;
    Ok(txn)
}

/// Sets `setting` to `tenant` for the rest of the session (`set_config(.., false)`). Use it on
/// a connection of one's own (a `DatabaseConnection` of one connection, a transaction): on a
/// pool, the next statement may run on another connection, and this one keeps the tenant for
/// whoever gets it next.
pub async fn set_session_tenant<C: ConnectionTrait>(
    conn: &C,
    setting: &str,
    tenant: impl Display,
) -> Result<(), DbErr> {
    set_config(conn, setting, &tenant.to_string(), false).await
}

/// Forgets the session's tenant: from here the session sees and writes no isolated row.
pub async fn clear_session_tenant<C: ConnectionTrait>(
    conn: &C,
    setting: &str,
) -> Result<(), DbErr> {
    set_config(conn, setting, "", false).await
}

async fn set_config<C: ConnectionTrait>(
    conn: &C,
    setting: &str,
    value: &str,
    local: bool,
) -> Result<(), DbErr> {
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT set_config($1, $2, $3)",
        [setting.into(), value.into(), local.into()],
    ))
    .await
    .map(|_| ())
}
