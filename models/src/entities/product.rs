use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "product",
    comment = "Main product catalog: enrichment pipeline, soft delete (deleted_at), optimistic locking (version)"
)]
#[pg(soft_delete, versioned, timestamps)]
#[pg(index(name = "idx_product_category", columns(category_id, status)))]
#[pg(index(name = "idx_product_brand", columns(brand_id, status)))]
#[pg(index(
    name = "idx_product_fulltext",
    tsvector(language = "english", columns(name, description))
))]
#[pg(index(
    name = "idx_product_status_live",
    columns(status),
    where = "deleted_at IS NULL"
))]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    #[sea_orm(column_type = "Text")]
    #[pg(index(unique))]
    pub sku: String,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    #[sea_orm(column_type = "Text")]
    #[pg(index(unique))]
    pub slug: String,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub short_description: Option<String>,
    pub category_id: Option<i32>,
    #[sea_orm(belongs_to, from = "category_id", to = "id", on_delete = "SetNull")]
    pub category: HasOne<super::category::Entity>,
    pub brand_id: Option<i32>,
    #[sea_orm(belongs_to, from = "brand_id", to = "id", on_delete = "SetNull")]
    pub brand: HasOne<super::brand::Entity>,
    #[pg(index(name = "idx_product_supplier"))]
    pub supplier_id: Option<i32>,
    #[sea_orm(belongs_to, from = "supplier_id", to = "id", on_delete = "SetNull")]
    pub supplier: HasOne<super::supplier::Entity>,
    #[sea_orm(column_type = "Text")]
    pub model_number: Option<String>,
    #[sea_orm(column_type = "Decimal(Some((12, 2)))")]
    pub price: Option<Decimal>,
    #[sea_orm(column_type = "Text", default_value = "USD")]
    pub currency: String,
    #[sea_orm(column_type = "Text")]
    #[pg(default = "'active'")]
    pub status: String,
    #[sea_orm(default_value = false)]
    pub is_published: bool,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'{}'::jsonb", gin(opclass = "jsonb_path_ops"))]
    pub specifications: Json,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'[]'::jsonb")]
    pub features: Json,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'[]'::jsonb")]
    pub images: Json,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'{}'::jsonb")]
    pub dimensions: Json,
    #[sea_orm(column_type = "Decimal(Some((10, 3)))")]
    pub weight_kg: Option<Decimal>,
    #[sea_orm(column_type = "Text")]
    pub source_url: Option<String>,
    #[sea_orm(column_type = "Text", default_value = "pending")]
    #[pg(index(name = "idx_product_enrichment"))]
    pub enrichment_status: String,
    #[sea_orm(column_type = "JsonBinary")]
    #[pg(default = "'{}'::jsonb")]
    pub enrichment_data: Json,
    pub enriched_at: Option<DateTimeWithTimeZone>,
    pub last_scraped_at: Option<DateTimeWithTimeZone>,
    #[pg(index)]
    pub deleted_at: Option<DateTimeWithTimeZone>,
    pub version: i32,
    #[pg(index)]
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
