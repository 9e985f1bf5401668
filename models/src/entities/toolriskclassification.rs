use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "toolriskclassification",
    comment = "Tool safety classification: hazards and required PPE"
)]
#[pg(timestamps)]
#[pg(index(
    name = "idx_toolrisk_category_risk",
    columns(tool_category, risk_level)
))]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    #[sea_orm(column_type = "Text")]
    pub tool_name: String,
    #[sea_orm(column_type = "Text")]
    pub tool_category: String,
    #[sea_orm(column_type = "Text", default_value = "medium")]
    pub risk_level: String,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'[]'::jsonb", gin(name = "idx_toolrisk_hazards"))]
    pub hazards: Json,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'[]'::jsonb")]
    pub ppe_required: Json,
    #[pg(index(name = "idx_toolrisk_osha_standard"))]
    pub osha_standard_id: Option<i32>,
    #[sea_orm(default_value = false)]
    pub training_required: bool,
    #[sea_orm(column_type = "Text")]
    pub notes: Option<String>,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::oshastandard::Entity",
        from = "Column::OshaStandardId",
        to = "super::oshastandard::Column::Id",
        on_delete = "SetNull"
    )]
    OshaStandard,
}

impl ActiveModelBehavior for ActiveModel {}
