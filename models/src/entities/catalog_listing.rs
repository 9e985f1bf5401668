use model_core::PgTable;
use sea_orm::entity::prelude::*;

/// The published, live products with their category's name: what the storefront lists. A view,
/// read through SeaORM like a table.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "catalog_listing",
    comment = "Published products not soft-deleted, with their category"
)]
#[pg(view = include_str!("../sql/catalog_listing.sql"))]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    #[sea_orm(column_type = "Text")]
    pub sku: String,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub slug: String,
    #[sea_orm(column_type = "Decimal(Some((12, 2)))")]
    pub price: Option<Decimal>,
    #[sea_orm(column_type = "Text")]
    pub currency: String,
    #[sea_orm(column_type = "Text")]
    pub category: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
