use model_core::PgTable;
use sea_orm::entity::prelude::*;

/// Bulk-loaded reference data: no `timestamps` trigger. `code` is a UNIQUE constraint (not a
/// unique index) because foreign keys point at it.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "unspsccode",
    comment = "UNSPSC taxonomy (segment/family/class/commodity), full-text searchable"
)]
#[pg(index(
    name = "idx_unspsccode_hierarchy",
    columns(segment_code, family_code, class_code)
))]
#[pg(index(
    name = "idx_unspsccode_title_fts",
    tsvector(language = "english", columns(title))
))]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    #[sea_orm(column_type = "Text", unique)]
    pub code: String,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub segment_code: String,
    #[sea_orm(column_type = "Text")]
    pub family_code: String,
    #[sea_orm(column_type = "Text")]
    pub class_code: String,
    #[sea_orm(default_value = 4, indexed)]
    pub level: i32,
    #[pg(default = "CURRENT_TIMESTAMP")]
    pub created_at: DateTimeWithTimeZone,
    #[pg(default = "CURRENT_TIMESTAMP")]
    pub updated_at: DateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
