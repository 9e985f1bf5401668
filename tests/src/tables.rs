//! Tables put together by hand, for tests that plan between two schemas without entities.

use model_core::{Column, ColumnType, Identity, PrimaryKey, QualifiedName, Table};

/// A nullable column without default.
pub fn column(name: &str, ty: ColumnType) -> Column {
    Column {
        name: name.into(),
        ty,
        nullable: true,
        default: None,
        identity: Identity::None,
        comment: None,
        renamed_from: None,
        generated: None,
    }
}

/// Table `app.<name>` whose first column is its primary key.
pub fn app_table(name: &str, columns: Vec<Column>) -> Table {
    let mut t = Table::new(QualifiedName::new("app", name));
    t.columns = columns;
    t.primary_key = Some(PrimaryKey {
        name: format!("{name}_pkey"),
        columns: vec![t.columns[0].name.clone()],
        deferral: Default::default(),
    });
    t.columns[0].nullable = false;
    t
}
