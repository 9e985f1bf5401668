use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "workrecommendation",
    comment = "AI work recommendations with confidence scoring; optimistic locking (version)"
)]
#[pg(versioned, timestamps)]
#[pg(index(
    name = "idx_workrecommendation_customer_status",
    columns(customer_id, status)
))]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    pub customer_id: Option<i32>,
    #[sea_orm(belongs_to, from = "customer_id", to = "id", on_delete = "SetNull")]
    pub customer: HasOne<super::customer::Entity>,
    #[sea_orm(column_type = "Text")]
    #[pg(index(name = "idx_workrecommendation_session"))]
    pub session_id: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub task_description: String,
    #[sea_orm(column_type = "Text")]
    pub work_type: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'[]'::jsonb", gin(name = "idx_workrecommendation_products"))]
    pub recommended_products: Json,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'[]'::jsonb")]
    pub safety_requirements: Json,
    #[sea_orm(column_type = "Decimal(Some((3, 2)))")]
    pub confidence_score: Option<Decimal>,
    #[sea_orm(column_type = "Text")]
    pub reasoning: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub model_name: Option<String>,
    #[sea_orm(column_type = "Text", default_value = "pending", indexed)]
    pub status: String,
    pub version: i32,
    #[sea_orm(indexed)]
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
