//! The dataflow catalog: 21 SeaORM entities with their PostgreSQL extras, a view of the live
//! catalog (an entity too), a product search function, and [`schema()`].
//!
//! Applied to a fresh database, the script generated from these models gives the same catalog as
//! the hand-written `tests/sql/dataflow_expected.sql` (the integration tests compare the two,
//! catalog to catalog).

// clippy reads repeated names inside different `#[pg(index(columns(..)))]` lists as duplicated
// attributes; they are not.
#![allow(clippy::duplicated_attributes)]

pub mod entities;

pub use entities::*;

/// The dataflow schema, validated.
pub fn schema() -> model_core::Schema {
    try_schema().expect("valid schema")
}

/// The dataflow schema, or every problem the models have.
pub fn try_schema() -> Result<model_core::Schema, model_core::SchemaError> {
    builder().build()
}

/// Every dataflow entity registered, ready for more (`.extension(..)`, `.entity::<..>()`).
pub fn builder() -> model_core::SchemaBuilder {
    model_core::Schema::builder()
        .schema_comment("dataflow", "DataFlow production models (21 tables)")
        .entity::<category::Entity>()
        .entity::<brand::Entity>()
        .entity::<supplier::Entity>()
        .entity::<product::Entity>()
        .entity::<productpricing::Entity>()
        .entity::<productspecification::Entity>()
        .entity::<productinventory::Entity>()
        .entity::<customer::Entity>()
        .entity::<workrecommendation::Entity>()
        .entity::<rfpdocument::Entity>()
        .entity::<quotation::Entity>()
        .entity::<quotationitem::Entity>()
        .entity::<activitylog::Entity>()
        .entity::<oshastandard::Entity>()
        .entity::<ansistandard::Entity>()
        .entity::<toolriskclassification::Entity>()
        .entity::<taskhazardmapping::Entity>()
        .entity::<ansiequipmentspecification::Entity>()
        .entity::<unspsccode::Entity>()
        .entity::<etimclass::Entity>()
        .entity::<productclassification::Entity>()
        .entity::<catalog_listing::Entity>()
        .function(search_products())
}

/// Full-text product search over the index `idx_product_fulltext` (its expression, word for
/// word, so that the planner uses it): live products matching `terms` (web search syntax:
/// `"cordless drill" -battery`), best first. Not STRICT, so that PostgreSQL can inline it into
/// the calling query.
pub fn search_products() -> model_core::Function {
    model_core::Function::new(
        model_core::QualifiedName::new("dataflow", "search_products"),
        "",
        include_str!("sql/search_products.sql"),
    )
    .returns_set_of("dataflow.product")
    .language("sql")
    .arg("terms", "text")
    .arg_default("max_rows", "integer", "20")
    .stable()
    .parallel(model_core::Parallel::Safe)
    .comment("Full-text search of live products, best match first")
}
