//! Small helpers over SeaORM entities: a column by its database name, a filter by primary key.

use sea_orm::{
    ColumnTrait, EntityTrait, IdenStatic, Iterable, PrimaryKeyToColumn, QueryFilter, Value,
};

/// The entity's column named `name`. The derive has checked the name against the model's fields,
/// so a miss is a bug in this crate.
pub(crate) fn column<E: EntityTrait>(name: &str) -> E::Column {
    E::Column::iter()
        .find(|c| c.as_str() == name)
        .unwrap_or_else(|| panic!("entity {} has no column {name}", E::default().table_name()))
}

/// `query` narrowed to the row whose primary key is `key` (values in primary-key order).
pub(crate) fn filter_by_key<E: EntityTrait, Q: QueryFilter>(mut query: Q, key: Vec<Value>) -> Q {
    for (pk, value) in E::PrimaryKey::iter().zip(key) {
        query = query.filter(pk.into_column().eq(value));
    }
    query
}
