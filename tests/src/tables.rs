//! Tables put together by hand, for tests that plan between two schemas without entities.

use model_core::{
    Check, Column, ColumnType, ForeignKey, ForeignKeyAction, Identity, Index, IndexKey,
    IndexMethod, PrimaryKey, QualifiedName, Schema, Table, UniqueConstraint,
};

/// A nullable column without default.
pub fn column(name: &str, ty: ColumnType) -> Column {
    Column::new(name, ty)
}

/// A plain btree index on `keys`.
pub fn btree_index(name: &str, keys: Vec<IndexKey>) -> Index {
    Index {
        name: name.into(),
        unique: false,
        method: IndexMethod::Btree,
        keys,
        include: vec![],
        predicate: None,
        nulls_not_distinct: false,
        storage: Default::default(),
    }
}

/// A foreign key from `columns` to `references (referenced)`, NO ACTION, not deferrable.
pub fn foreign_key(
    name: &str,
    columns: &[&str],
    references: QualifiedName,
    referenced: &[&str],
) -> ForeignKey {
    ForeignKey {
        name: name.into(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        references,
        referenced_columns: referenced.iter().map(|c| c.to_string()).collect(),
        on_delete: ForeignKeyAction::NoAction,
        on_update: ForeignKeyAction::NoAction,
        deferrable: false,
        initially_deferred: false,
        match_full: false,
        not_valid: false,
    }
}

/// A UNIQUE constraint over `columns`, not deferrable, covering nothing.
pub fn unique_key(name: &str, columns: &[&str]) -> UniqueConstraint {
    UniqueConstraint {
        name: name.into(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        nulls_not_distinct: false,
        deferral: Default::default(),
        include: Vec::new(),
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
        include: Vec::new(),
    });
    t.columns[0].nullable = false;
    t
}

/// Two tables in three versions, for the online-migration tests and the stall benchmark:
/// 1, `app.owner` and `app.item (id serial, owner_id, code, qty)`; 2 adds to item an index on
/// `code`, a foreign key to owner, a check on `qty` and makes `qty` NOT NULL; 3 changes that
/// index to `(code, qty)`.
pub fn item_schema(version: u8) -> Schema {
    let owner = app_table("owner", vec![column("id", ColumnType::builtin("bigint"))]);
    let mut item = app_table(
        "item",
        vec![
            column("id", ColumnType::builtin("bigint")),
            column("owner_id", ColumnType::builtin("bigint")),
            column("code", ColumnType::builtin("text")),
            column("qty", ColumnType::builtin("integer")),
        ],
    );
    item.columns[0].identity = Identity::Serial;
    if version >= 2 {
        item.columns[3].nullable = false;
        let mut keys = vec![IndexKey::column("code")];
        if version >= 3 {
            keys.push(IndexKey::column("qty"));
        }
        item.indexes.push(btree_index("idx_item_code", keys));
        item.foreign_keys.push(foreign_key(
            "item_owner_id_fkey",
            &["owner_id"],
            QualifiedName::new("app", "owner"),
            &["id"],
        ));
        item.checks.push(Check::new("item_qty_check", "qty >= 0"));
    }
    Schema::builder()
        .table(owner)
        .table(item)
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}
