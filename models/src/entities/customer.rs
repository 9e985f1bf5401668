use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "customer",
    comment = "Customer CRM records with industry tracking; soft delete (deleted_at)"
)]
#[pg(soft_delete, timestamps)]
#[pg(unique(columns(email), where = "deleted_at IS NULL"))]
#[pg(index(name = "idx_customer_company_name_lower", expr = "lower(company_name)"))]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub email: String,
    #[sea_orm(column_type = "Text")]
    pub phone: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub company_name: Option<String>,
    #[sea_orm(column_type = "Text", indexed)]
    pub industry: Option<String>,
    #[sea_orm(column_type = "Text", default_value = "business")]
    pub customer_type: String,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'{}'::jsonb")]
    pub billing_address: Json,
    #[sea_orm(column_type = "Text", default_value = "active", indexed)]
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub notes: Option<String>,
    #[sea_orm(indexed)]
    pub deleted_at: Option<DateTimeWithTimeZone>,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
