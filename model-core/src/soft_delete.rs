//! Soft delete at run time, for entities whose model has `#[pg(soft_delete)]`.
//!
//! ```ignore
//! use model_core::{SoftDelete, SoftDeleteModel};
//! let live = customer::Entity::find_live().all(&db).await?;       // deleted_at IS NULL
//! customer.soft_delete(&db).await?;                                 // deleted_at = now
//! customer::Entity::restore_by_id(&db, 7).await?;                   // deleted_at = NULL
//! customer.hard_delete(&db).await?;                                 // DELETE, for real
//! ```
//!
//! The time is the database's (`CURRENT_TIMESTAMP`). Everything takes any SeaORM connection,
//! so it works inside transactions. SeaORM's own `delete` still deletes for real: prefer
//! `hard_delete`, which says so.

use std::future::Future;

use sea_orm::sea_query::{Expr, IntoValueTuple};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, ModelTrait, PrimaryKeyTrait, QueryFilter,
    Select, Value,
};

use crate::PgTable;
use crate::entity_columns::{column, filter_by_key};

/// The type of an entity's primary key (`i32`, `Uuid`, a tuple for a composite key): what the
/// `*_by_id` helpers take, as SeaORM's `find_by_id` does.
pub type KeyOf<E> = <<E as EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType;

/// Implemented by `#[derive(PgTable)]` for entities with `#[pg(soft_delete)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no soft delete",
    label = "soft delete is not declared for this entity",
    note = "declare it on the model: #[pg(soft_delete)] (and an `Option<DateTimeWithTimeZone>` field `deleted_at`)"
)]
pub trait SoftDelete: PgTable {
    /// The column that marks a row deleted (`deleted_at` unless renamed).
    fn soft_delete_column() -> Self::Column {
        column::<Self>(
            Self::pg_extras()
                .soft_delete
                .expect("#[pg(soft_delete)] on this entity"),
        )
    }

    /// Rows that are not deleted: what the application should normally see.
    fn find_live() -> Select<Self> {
        Self::find().filter(Self::soft_delete_column().is_null())
    }

    /// Only the soft-deleted rows.
    fn find_deleted() -> Select<Self> {
        Self::find().filter(Self::soft_delete_column().is_not_null())
    }

    /// Every row, deleted or not (the same as SeaORM's `find()`, named for the reader).
    fn find_with_deleted() -> Select<Self> {
        Self::find()
    }

    /// Marks the row deleted; `Ok(false)` when there is no live row with that key.
    fn soft_delete_by_id<C, K>(db: &C, id: K) -> impl Future<Output = Result<bool, DbErr>> + Send
    where
        C: ConnectionTrait,
        K: Into<KeyOf<Self>>,
    {
        set_deleted::<Self, C>(db, id.into().into_value_tuple().into_iter().collect(), true)
    }

    /// Brings a soft-deleted row back; `Ok(false)` when there is no deleted row with that key.
    fn restore_by_id<C, K>(db: &C, id: K) -> impl Future<Output = Result<bool, DbErr>> + Send
    where
        C: ConnectionTrait,
        K: Into<KeyOf<Self>>,
    {
        set_deleted::<Self, C>(
            db,
            id.into().into_value_tuple().into_iter().collect(),
            false,
        )
    }

    /// Deletes the row for real; `Ok(false)` when there is no row with that key.
    fn hard_delete_by_id<C, K>(db: &C, id: K) -> impl Future<Output = Result<bool, DbErr>> + Send
    where
        C: ConnectionTrait,
        K: Into<KeyOf<Self>>,
    {
        let key: Vec<Value> = id.into().into_value_tuple().into_iter().collect();
        async move {
            let result = filter_by_key::<Self, _>(Self::delete_many(), key)
                .exec(db)
                .await?;
            Ok(result.rows_affected > 0)
        }
    }
}

/// The same operations on a model that was read.
pub trait SoftDeleteModel: ModelTrait
where
    Self::Entity: SoftDelete,
{
    /// Marks this row deleted; `Ok(false)` when it already was (or is gone).
    fn soft_delete<C: ConnectionTrait>(
        &self,
        db: &C,
    ) -> impl Future<Output = Result<bool, DbErr>> + Send {
        set_deleted::<Self::Entity, C>(db, key_of(self), true)
    }

    /// Brings this row back; `Ok(false)` when it was not deleted.
    fn restore<C: ConnectionTrait>(
        &self,
        db: &C,
    ) -> impl Future<Output = Result<bool, DbErr>> + Send {
        set_deleted::<Self::Entity, C>(db, key_of(self), false)
    }

    /// Deletes this row for real.
    fn hard_delete<C: ConnectionTrait>(
        &self,
        db: &C,
    ) -> impl Future<Output = Result<bool, DbErr>> + Send {
        let key = key_of(self);
        async move {
            let result = filter_by_key::<Self::Entity, _>(Self::Entity::delete_many(), key)
                .exec(db)
                .await?;
            Ok(result.rows_affected > 0)
        }
    }

    /// Whether this row, as read, was soft-deleted.
    fn is_deleted(&self) -> bool {
        let value = self.get(Self::Entity::soft_delete_column());
        value != value.as_null()
    }
}

impl<M> SoftDeleteModel for M
where
    M: ModelTrait,
    M::Entity: SoftDelete,
{
}

fn key_of<M: ModelTrait>(model: &M) -> Vec<Value> {
    use sea_orm::{Iterable, PrimaryKeyToColumn};
    <M::Entity as EntityTrait>::PrimaryKey::iter()
        .map(|pk| model.get(pk.into_column()))
        .collect()
}

async fn set_deleted<E, C>(db: &C, key: Vec<Value>, deleted: bool) -> Result<bool, DbErr>
where
    E: SoftDelete,
    C: ConnectionTrait,
{
    let column = E::soft_delete_column();
    let (value, only): (Expr, _) = if deleted {
        (Expr::current_timestamp(), column.is_null())
    } else {
        (Expr::null(), column.is_not_null())
    };
    let update = E::update_many().col_expr(column, value).filter(only);
    let result = filter_by_key::<E, _>(update, key).exec(db).await?;
    Ok(result.rows_affected > 0)
}
