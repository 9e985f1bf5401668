use model_core::PgTable;
use sea_orm::entity::prelude::*;

/// Bulk-loaded reference data: no `timestamps` trigger.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "ansistandard",
    comment = "ANSI standards with technical specs and translations"
)]
#[pg(index(
    name = "idx_ansistandard_code_year",
    columns(standard_code, revision_year)
))]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    #[sea_orm(column_type = "Text")]
    pub standard_code: String,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    pub revision_year: Option<i32>,
    #[sea_orm(column_type = "Text", indexed)]
    pub category: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'{}'::jsonb", gin)]
    pub technical_specs: Json,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'{}'::jsonb")]
    pub translations: Json,
    #[sea_orm(column_type = "Text", default_value = "ANSI")]
    pub publisher: String,
    #[sea_orm(column_type = "Text", default_value = "active")]
    pub status: String,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub created_at: DateTimeWithTimeZone,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub updated_at: DateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
