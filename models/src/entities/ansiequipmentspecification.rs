use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "ansiequipmentspecification",
    comment = "Equipment protection levels and test requirements per ANSI standard"
)]
#[pg(timestamps)]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    #[pg(index(name = "idx_ansiequip_standard"))]
    pub ansi_standard_id: i32,
    #[sea_orm(
        belongs_to,
        from = "ansi_standard_id",
        to = "id",
        on_delete = "Cascade"
    )]
    pub ansi_standard: HasOne<super::ansistandard::Entity>,
    #[sea_orm(column_type = "Text")]
    #[pg(index(name = "idx_ansiequip_equipment_type"))]
    pub equipment_type: String,
    #[sea_orm(column_type = "Text")]
    pub protection_level: String,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'[]'::jsonb")]
    pub test_requirements: Json,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'{}'::jsonb")]
    pub performance_criteria: Json,
    #[sea_orm(column_type = "Text")]
    pub marking_requirements: Option<String>,
    #[sea_orm(default_value = true)]
    pub certification_required: bool,
    #[sea_orm(column_type = "Text")]
    pub notes: Option<String>,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
