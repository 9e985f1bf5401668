use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "productinventory",
    comment = "Stock per product and warehouse location, with reorder points"
)]
#[pg(timestamps)]
#[pg(index(
    name = "idx_productinventory_product_location",
    columns(product_id, warehouse_location)
))]
#[pg(index(
    name = "idx_productinventory_reorder",
    columns(product_id),
    where = "quantity_on_hand <= reorder_point"
))]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    pub product_id: i32,
    #[sea_orm(belongs_to, from = "product_id", to = "id", on_delete = "Cascade")]
    pub product: HasOne<super::product::Entity>,
    #[sea_orm(column_type = "Text", default_value = "main")]
    pub warehouse_location: String,
    #[sea_orm(default_value = 0)]
    pub quantity_on_hand: i32,
    #[sea_orm(default_value = 0)]
    pub quantity_reserved: i32,
    #[sea_orm(default_value = 0)]
    pub reorder_point: i32,
    pub last_restocked_at: Option<DateTimeWithTimeZone>,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
