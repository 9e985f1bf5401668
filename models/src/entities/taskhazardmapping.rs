use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "taskhazardmapping",
    comment = "Task to hazard mapping for OSHA compliance, with safety notes"
)]
#[pg(timestamps)]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    #[sea_orm(column_type = "Text")]
    pub task_name: String,
    #[sea_orm(column_type = "Text")]
    pub task_category: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'[]'::jsonb", gin(name = "idx_taskhazard_hazards"))]
    pub hazards: Json,
    #[sea_orm(column_type = "Text", default_value = "medium")]
    #[pg(index(name = "idx_taskhazard_risk_level"))]
    pub risk_level: String,
    #[pg(index(name = "idx_taskhazard_osha_standard"))]
    pub osha_standard_id: Option<i32>,
    #[pg(index(name = "idx_taskhazard_tool_risk"))]
    pub tool_risk_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub safety_notes: Option<String>,
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
    #[sea_orm(
        belongs_to = "super::toolriskclassification::Entity",
        from = "Column::ToolRiskId",
        to = "super::toolriskclassification::Column::Id",
        on_delete = "SetNull"
    )]
    ToolRisk,
}

impl ActiveModelBehavior for ActiveModel {}
