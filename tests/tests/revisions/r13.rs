//! r13: book.price widens to numeric(14,2) under the three views that read it (two of them
//! directly, one through another view): PostgreSQL refuses to change the type of a column a view
//! reads, so the migration drops the views, changes the type and makes them again.
use model_core::{ColumnType, QualifiedName, Schema};

pub fn schema() -> Schema {
    widen_price(super::r12::schema())
}

/// `schema` (r12's, or one built on it) with book.price numeric(14,2).
pub fn widen_price(mut schema: Schema) -> Schema {
    let book = (schema.tables.iter_mut())
        .find(|t| t.name == QualifiedName::new("shop", "book"))
        .expect("shop.book");
    let price = (book.columns.iter_mut())
        .find(|c| c.name == "price")
        .expect("book.price");
    assert_eq!(
        price.ty,
        ColumnType::builtin("numeric(12,2)"),
        "r12's price"
    );
    price.ty = ColumnType::builtin("numeric(14,2)");
    schema
}
