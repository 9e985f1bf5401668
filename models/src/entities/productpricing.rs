use model_core::PgTable;
use sea_orm::entity::prelude::*;

/// Price history: append-only, so no `timestamps` trigger; the times are plain defaults.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "productpricing",
    comment = "Price history: multi-tier, time-bounded prices (append-only)"
)]
#[pg(index(
    name = "idx_productpricing_product_effective",
    columns(product_id, desc(effective_from))
))]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    pub product_id: i32,
    #[sea_orm(belongs_to, from = "product_id", to = "id", on_delete = "Cascade")]
    pub product: HasOne<super::product::Entity>,
    #[sea_orm(column_type = "Text", default_value = "list", indexed)]
    pub price_tier: String,
    #[sea_orm(column_type = "Decimal(Some((12, 2)))")]
    pub price: Decimal,
    #[sea_orm(column_type = "Text", default_value = "USD")]
    pub currency: String,
    #[sea_orm(default_value = 1)]
    pub min_quantity: i32,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub effective_from: DateTimeWithTimeZone,
    pub effective_to: Option<DateTimeWithTimeZone>,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub created_at: DateTimeWithTimeZone,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub updated_at: DateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
