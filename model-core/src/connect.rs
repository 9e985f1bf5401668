//! Connecting SeaORM so that it finds the models' types. SeaORM writes an enum value's type
//! without its schema (`CAST($1 AS order_status)`), so on a default connection an enum whose
//! type lives outside `public` cannot be written (`type "order_status" does not exist`).
//! Connections made with [`connect_options`] put the models' schemas on the `search_path`.

use sea_orm::ConnectOptions;

use crate::Schema;

/// The models' schemas in name order, then `public`, as a quoted `search_path` list
/// (`"common","shop","public"`).
pub fn search_path(schema: &Schema) -> String {
    let mut names: Vec<&str> = schema
        .namespaces
        .iter()
        .map(|n| n.name.as_str())
        .filter(|n| *n != "public")
        .collect();
    names.push("public");
    names
        .iter()
        .map(|n| format!("\"{}\"", n.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(",")
}

/// SeaORM connect options for `url` with the models' schemas on the `search_path`:
/// `sea_orm::Database::connect(model_core::connect_options(url, &models::schema()))`.
pub fn connect_options(url: impl Into<String>, schema: &Schema) -> ConnectOptions {
    let mut options = ConnectOptions::new(url.into());
    options.set_schema_search_path(search_path(schema));
    options
}
