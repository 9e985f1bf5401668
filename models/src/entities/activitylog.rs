//! The expanded entity format, without relations.

use model_core::PgTable;
use sea_orm::entity::prelude::*;

/// Append-only audit trail: no `timestamps` trigger; the times are plain defaults.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "activitylog",
    comment = "Polymorphic audit trail of user actions on entities (append-only)"
)]
#[pg(index(name = "idx_activitylog_entity", columns(entity_type, entity_id)))]
#[pg(index(
    name = "idx_activitylog_user_created",
    columns(user_id, desc(created_at))
))]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    #[sea_orm(column_type = "Text")]
    pub entity_type: String,
    pub entity_id: i32,
    #[sea_orm(column_type = "Text", indexed)]
    pub action: String,
    #[sea_orm(column_type = "Text")]
    pub user_id: Option<String>,
    #[pg(sql_type = "inet")]
    pub ip_address: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'{}'::jsonb", gin(opclass = "jsonb_path_ops"))]
    pub details: Json,
    #[pg(default = "CURRENT_TIMESTAMP", index)]
    pub created_at: DateTimeWithTimeZone,
    #[pg(default = "CURRENT_TIMESTAMP")]
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
