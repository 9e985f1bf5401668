//! The expanded entity format: `Model`, then the `Relation` enum by hand.

use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "quotationitem",
    comment = "Quotation line items referencing products and suppliers"
)]
#[pg(timestamps)]
#[pg(index(
    name = "idx_quotationitem_quotation_line",
    columns(quotation_id, line_number)
))]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    pub quotation_id: i32,
    #[pg(index(name = "idx_quotationitem_product"))]
    pub product_id: Option<i32>,
    #[pg(index(name = "idx_quotationitem_supplier"))]
    pub supplier_id: Option<i32>,
    pub line_number: i32,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    #[sea_orm(default_value = 1)]
    pub quantity: i32,
    #[sea_orm(column_type = "Decimal(Some((12, 2)))")]
    pub unit_price: Decimal,
    #[sea_orm(column_type = "Decimal(Some((12, 2)))")]
    pub line_total: Decimal,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::quotation::Entity",
        from = "Column::QuotationId",
        to = "super::quotation::Column::Id",
        on_delete = "Cascade"
    )]
    Quotation,
    #[sea_orm(
        belongs_to = "super::product::Entity",
        from = "Column::ProductId",
        to = "super::product::Column::Id",
        on_delete = "SetNull"
    )]
    Product,
    #[sea_orm(
        belongs_to = "super::supplier::Entity",
        from = "Column::SupplierId",
        to = "super::supplier::Column::Id",
        on_delete = "SetNull"
    )]
    Supplier,
}

impl ActiveModelBehavior for ActiveModel {}
