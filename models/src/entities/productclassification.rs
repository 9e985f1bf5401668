use model_core::PgTable;
use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, PgTable)]
#[sea_orm(
    schema_name = "dataflow",
    table_name = "productclassification",
    comment = "Links products to UNSPSC and/or ETIM classes with confidence and method"
)]
#[pg(timestamps)]
#[pg(index(
    name = "idx_productclassification_product_method",
    columns(product_id, classification_method)
))]
#[pg(check(
    name = "at_least_one_classification",
    sql = "unspsc_code IS NOT NULL OR etim_class IS NOT NULL"
))]
pub struct Model {
    #[sea_orm(primary_key)]
    #[pg(serial)]
    pub id: i32,
    pub product_id: i32,
    #[sea_orm(belongs_to, from = "product_id", to = "id", on_delete = "Cascade")]
    pub product: HasOne<super::product::Entity>,
    #[sea_orm(column_type = "Text")]
    #[pg(index(name = "idx_productclassification_unspsc"))]
    pub unspsc_code: Option<String>,
    #[sea_orm(
        belongs_to,
        from = "unspsc_code",
        to = "code",
        on_update = "Cascade",
        on_delete = "Restrict"
    )]
    pub unspsc: HasOne<super::unspsccode::Entity>,
    #[sea_orm(column_type = "Text")]
    #[pg(index(name = "idx_productclassification_etim"))]
    pub etim_class: Option<String>,
    #[sea_orm(
        belongs_to,
        from = "etim_class",
        to = "class_code",
        on_update = "Cascade",
        on_delete = "Restrict"
    )]
    pub etim: HasOne<super::etimclass::Entity>,
    #[sea_orm(column_type = "Decimal(Some((3, 2)))")]
    #[pg(check = "confidence >= 0 AND confidence <= 1")]
    pub confidence: Option<Decimal>,
    #[sea_orm(column_type = "Text", default_value = "manual")]
    pub classification_method: String,
    #[sea_orm(default_value = false)]
    pub is_verified: bool,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
