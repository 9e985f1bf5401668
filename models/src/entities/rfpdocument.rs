use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "rfpdocument",
    comment = "Uploaded RFP documents, parsed requirements and AI analysis; optimistic locking (version)"
)]
#[pg(versioned, timestamps)]
#[pg(index(name = "idx_rfpdocument_customer_status", columns(customer_id, status)))]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    #[sea_orm(column_type = "Text")]
    #[pg(index(unique))]
    pub rfp_number: String,
    pub customer_id: Option<i32>,
    #[sea_orm(belongs_to, from = "customer_id", to = "id", on_delete = "SetNull")]
    pub customer: HasOne<super::customer::Entity>,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub file_path: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub raw_text: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'[]'::jsonb", gin(name = "idx_rfpdocument_requirements"))]
    pub extracted_requirements: Json,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'{}'::jsonb")]
    pub ai_analysis: Json,
    #[sea_orm(column_type = "Text", default_value = "uploaded", indexed)]
    pub status: String,
    #[sea_orm(indexed)]
    pub due_date: Option<Date>,
    pub version: i32,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
