//! Optimistic locking at run time, for entities whose model has `#[pg(versioned)]`.
//!
//! ```ignore
//! use model_core::VersionedActiveModel;
//! let mut product: product::ActiveModel = read.into();     // carries the version it was read at
//! product.name = Set("Claw hammer".into());
//! let saved = product.update_versioned(&db).await?;         // or Err(StaleVersion { .. })
//! ```
//!
//! One statement: `UPDATE .. SET <changed columns> WHERE <key> AND version = <read version>
//! RETURNING *`. The generated `BEFORE UPDATE` trigger moves the version on, for this update and
//! for any other (raw SQL included), so a writer holding an older version always loses.

use std::fmt;
use std::future::Future;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue, ColumnTrait, ConnectionTrait, DbErr, EntityName, EntityTrait,
    IdenStatic, QueryFilter, Value,
};

use crate::PgTable;
use crate::entity_columns::{column, filter_by_key};

/// Implemented by `#[derive(PgTable)]` for entities with `#[pg(versioned)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no optimistic locking",
    label = "versioning is not declared for this entity",
    note = "declare it on the model: #[pg(versioned)] (and an `i32` or `i64` field `version`)"
)]
pub trait Versioned: PgTable {
    /// The version column (`version` unless renamed).
    fn version_column() -> Self::Column {
        column::<Self>(
            Self::pg_extras()
                .versioned
                .expect("#[pg(versioned)] on this entity"),
        )
    }
}

/// Why a versioned update did not happen.
#[derive(Debug)]
pub enum VersionedError {
    /// No row had that key at that version: someone else updated (or deleted) it since it was
    /// read. Read it again and retry, or tell the user.
    StaleVersion {
        table: String,
        key: String,
        expected: i64,
    },
    /// The active model does not carry the version it was read at.
    MissingVersion {
        table: String,
        column: String,
    },
    /// The active model does not carry its primary key.
    MissingKey {
        table: String,
    },
    Db(DbErr),
}

impl fmt::Display for VersionedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::StaleVersion {
                table,
                key,
                expected,
            } => write!(
                f,
                "{table} row {key} is no longer at version {expected}: it was changed since it was read"
            ),
            Self::MissingVersion { table, column } => write!(
                f,
                "update_versioned on {table} needs the version the row was read at; the active model's {column} is not set (build it from the model you read)"
            ),
            Self::MissingKey { table } => {
                write!(
                    f,
                    "update_versioned on {table} needs the row's primary key in the active model"
                )
            }
            Self::Db(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for VersionedError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Db(e) => Some(e),
            _ => None,
        }
    }
}

impl From<DbErr> for VersionedError {
    fn from(e: DbErr) -> Self {
        Self::Db(e)
    }
}

/// `active_model.update_versioned(&db)`: SeaORM's `update`, guarded by the version.
pub trait VersionedActiveModel: ActiveModelTrait + Send
where
    Self::Entity: Versioned,
{
    /// Writes the changed columns if the row is still at the version this active model carries;
    /// returns the row as written (with its new version).
    fn update_versioned<C>(
        self,
        db: &C,
    ) -> impl Future<Output = Result<<Self::Entity as EntityTrait>::Model, VersionedError>> + Send
    where
        C: ConnectionTrait,
    {
        async move {
            let entity = Self::Entity::default();
            let table = match entity.schema_name() {
                Some(schema) => format!("{schema}.{}", entity.table_name()),
                None => entity.table_name().to_owned(),
            };
            let version = Self::Entity::version_column();
            let expected = match self.get(version) {
                ActiveValue::Set(v) | ActiveValue::Unchanged(v) => v,
                ActiveValue::NotSet => {
                    return Err(VersionedError::MissingVersion {
                        table,
                        column: version.as_str().to_owned(),
                    });
                }
            };
            let key: Vec<Value> = self
                .get_primary_key_value()
                .ok_or_else(|| VersionedError::MissingKey {
                    table: table.clone(),
                })?
                .into_iter()
                .collect();
            let mut changes = self;
            changes.not_set(version);
            let touch_only = !changes.is_changed();
            let mut update = Self::Entity::update_many().set(changes);
            if touch_only {
                // Nothing changed: still check the version (and let the trigger move it on).
                update = update.col_expr(version, Expr::col(version));
            }
            let update = filter_by_key::<Self::Entity, _>(update, key.clone())
                .filter(version.eq(expected.clone()));
            match update.exec_with_returning(db).await?.into_iter().next() {
                Some(model) => Ok(model),
                None => Err(VersionedError::StaleVersion {
                    table,
                    key: key.iter().map(value_text).collect::<Vec<_>>().join(", "),
                    expected: as_i64(&expected),
                }),
            }
        }
    }
}

impl<A> VersionedActiveModel for A
where
    A: ActiveModelTrait + Send,
    A::Entity: Versioned,
{
}

fn as_i64(v: &Value) -> i64 {
    match v {
        Value::SmallInt(Some(n)) => (*n).into(),
        Value::Int(Some(n)) => (*n).into(),
        Value::BigInt(Some(n)) => *n,
        _ => -1,
    }
}

/// A key value as a person reads it: `7`, `"sku-1"`, `550e8400-e29b-41d4-a716-446655440000`;
/// anything else as PostgreSQL would take it as a literal.
fn value_text(v: &Value) -> String {
    use sea_orm::sea_query::{PostgresQueryBuilder, QueryBuilder};
    match v {
        Value::SmallInt(Some(n)) => n.to_string(),
        Value::Int(Some(n)) => n.to_string(),
        Value::BigInt(Some(n)) => n.to_string(),
        Value::String(Some(s)) => format!("{s:?}"),
        Value::Uuid(Some(u)) => u.to_string(),
        other => PostgresQueryBuilder.value_to_string(other),
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::Value;

    #[test]
    fn keys_read_as_written() {
        let uuid =
            sea_orm::prelude::Uuid::parse_str("550e8400-e29b-41d4-a716-446655440000").unwrap();
        assert_eq!(
            super::value_text(&Value::Uuid(Some(uuid))),
            "550e8400-e29b-41d4-a716-446655440000"
        );
        assert_eq!(super::value_text(&Value::Int(Some(7))), "7");
        assert_eq!(
            super::value_text(&Value::String(Some("a\"b".into()))),
            "\"a\\\"b\""
        );
        assert_eq!(super::value_text(&Value::Bool(Some(true))), "TRUE");
    }
}
