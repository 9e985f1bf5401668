use model_core::PgTable;
use sea_orm::entity::prelude::*;

/// Bulk-loaded reference data: no `timestamps` trigger.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "oshastandard",
    comment = "OSHA regulations keyed by CFR reference, with risk levels"
)]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    #[sea_orm(column_type = "Text")]
    #[pg(index(unique))]
    pub cfr_reference: String,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub subpart: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'[]'::jsonb")]
    pub requirements: Json,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'[]'::jsonb", gin)]
    pub applies_to: Json,
    #[sea_orm(column_type = "Text", default_value = "medium", indexed)]
    pub risk_level: String,
    #[sea_orm(column_type = "Decimal(Some((12, 2)))")]
    pub penalty_max: Option<Decimal>,
    pub effective_date: Option<Date>,
    #[pg(default = "CURRENT_TIMESTAMP")]
    pub created_at: DateTimeWithTimeZone,
    #[pg(default = "CURRENT_TIMESTAMP")]
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
