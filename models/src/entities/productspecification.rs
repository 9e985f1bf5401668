use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "productspecification",
    comment = "Searchable technical specification attributes of a product"
)]
#[pg(timestamps)]
#[pg(index(
    name = "idx_productspecification_name_value",
    columns(spec_name, spec_value)
))]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    #[pg(index(name = "idx_productspecification_product"))]
    pub product_id: i32,
    #[sea_orm(belongs_to, from = "product_id", to = "id", on_delete = "Cascade")]
    pub product: HasOne<super::product::Entity>,
    #[sea_orm(column_type = "Text")]
    pub spec_name: String,
    #[sea_orm(column_type = "Text")]
    pub spec_value: String,
    #[sea_orm(column_type = "Text")]
    pub unit: Option<String>,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
