use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "quotation",
    comment = "Generated quotations, optionally linked to an RFP; optimistic locking (version)"
)]
#[pg(versioned, timestamps)]
#[pg(index(name = "idx_quotation_customer_status", columns(customer_id, status)))]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    #[sea_orm(column_type = "Text")]
    #[pg(index(name = "idx_quotation_number", unique))]
    pub quotation_number: String,
    #[pg(index(name = "idx_quotation_rfp"))]
    pub rfp_id: Option<i32>,
    #[sea_orm(belongs_to, from = "rfp_id", to = "id", on_delete = "SetNull")]
    pub rfp: HasOne<super::rfpdocument::Entity>,
    pub customer_id: i32,
    #[sea_orm(belongs_to, from = "customer_id", to = "id", on_delete = "Restrict")]
    pub customer: HasOne<super::customer::Entity>,
    #[sea_orm(column_type = "Text", default_value = "draft", indexed)]
    pub status: String,
    #[sea_orm(column_type = "Decimal(Some((12, 2)))", default_value = 0)]
    pub subtotal: Decimal,
    #[sea_orm(column_type = "Decimal(Some((12, 2)))", default_value = 0)]
    pub tax_amount: Decimal,
    #[sea_orm(column_type = "Decimal(Some((12, 2)))", default_value = 0)]
    pub discount_amount: Decimal,
    #[sea_orm(column_type = "Decimal(Some((12, 2)))")]
    pub total_amount: Decimal,
    #[sea_orm(column_type = "Text", default_value = "USD")]
    pub currency: String,
    #[sea_orm(column_type = "JsonBinary")]
    pub line_items: Json,
    pub valid_until: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub terms: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub notes: Option<String>,
    pub sent_at: Option<DateTimeWithTimeZone>,
    pub version: i32,
    #[sea_orm(indexed)]
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
