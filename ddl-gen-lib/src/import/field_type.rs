//! A column's PostgreSQL type as a field's Rust type, with the SeaORM `column_type` that gives
//! the same PostgreSQL type back, or `#[pg(sql_type)]` where SeaORM has no word for it.

use model_core::ColumnType;

/// How a field declares its column's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldType {
    /// The Rust type, without `Option`.
    pub rust: String,
    /// `#[sea_orm(column_type = "..")]`, when the Rust type's default is another PostgreSQL type.
    pub column_type: Option<String>,
    /// `#[pg(sql_type = "..")]`: SeaORM has no column type for it; the field is a `String`.
    pub sql_type: Option<String>,
}

impl FieldType {
    fn plain(rust: &str) -> Self {
        Self {
            rust: rust.to_owned(),
            column_type: None,
            sql_type: None,
        }
    }

    fn with(rust: &str, column_type: String) -> Self {
        Self {
            column_type: Some(column_type),
            ..Self::plain(rust)
        }
    }

    /// Whether the Rust type has no `Eq` (a model with such a field cannot derive it).
    pub fn is_float(&self) -> bool {
        matches!(self.rust.as_str(), "f32" | "f64")
    }
}

/// The field type of `ty`; `enum_path` names the Rust enum of an enum column. A domain's
/// column is its base type's (the caller passes that): a domain alone is a `String`.
pub fn field_type(ty: &ColumnType, enum_path: impl FnOnce() -> String) -> FieldType {
    let spelled = match ty {
        ColumnType::Enum(_) => return FieldType::plain(&enum_path()),
        ColumnType::Domain(_) => return FieldType::plain("String"),
        ColumnType::Builtin(s) | ColumnType::Raw(s) => s.as_str(),
    };
    let simple = match spelled {
        "smallint" => Some("i16"),
        "integer" => Some("i32"),
        "bigint" => Some("i64"),
        "boolean" => Some("bool"),
        "real" => Some("f32"),
        "double precision" => Some("f64"),
        "character varying" => Some("String"),
        "numeric" => Some("Decimal"),
        "date" => Some("Date"),
        "time without time zone" => Some("Time"),
        "timestamp without time zone" => Some("DateTime"),
        "timestamp with time zone" => Some("DateTimeWithTimeZone"),
        "uuid" => Some("Uuid"),
        "json" => Some("Json"),
        "bytea" => Some("Vec<u8>"),
        _ => None,
    };
    if let Some(rust) = simple {
        return FieldType::plain(rust);
    }
    match spelled {
        "text" => return FieldType::with("String", "Text".into()),
        "jsonb" => return FieldType::with("Json", "JsonBinary".into()),
        _ => {}
    }
    let sized = |prefix: &str| -> Option<Vec<u32>> {
        let args = spelled
            .strip_prefix(prefix)?
            .strip_prefix('(')?
            .strip_suffix(')')?;
        args.split(',').map(|n| n.trim().parse().ok()).collect()
    };
    if let Some([n]) = sized("character varying").as_deref() {
        return FieldType::with("String", format!("String(StringLen::N({n}))"));
    }
    if let Some([n]) = sized("character").as_deref() {
        return FieldType::with("String", format!("Char(Some({n}))"));
    }
    if let Some([p, s]) = sized("numeric").as_deref() {
        return FieldType::with("Decimal", format!("Decimal(Some(({p}, {s})))"));
    }
    FieldType {
        sql_type: Some(spelled.to_owned()),
        ..FieldType::plain("String")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(spelled: &str) -> FieldType {
        field_type(&ColumnType::builtin(spelled), || unreachable!())
    }

    #[test]
    fn types_map_to_what_seaorm_gives_back() {
        assert_eq!(of("integer"), FieldType::plain("i32"));
        assert_eq!(of("text").column_type.as_deref(), Some("Text"));
        assert_eq!(
            of("character varying(40)").column_type.as_deref(),
            Some("String(StringLen::N(40))")
        );
        assert_eq!(
            of("character(3)").column_type.as_deref(),
            Some("Char(Some(3))")
        );
        assert_eq!(
            of("numeric(12,2)").column_type.as_deref(),
            Some("Decimal(Some((12, 2)))")
        );
        let inet = of("inet");
        assert_eq!(
            (inet.rust.as_str(), inet.sql_type.as_deref()),
            ("String", Some("inet"))
        );
        assert_eq!(
            of("timestamp(3) with time zone").sql_type.as_deref(),
            Some("timestamp(3) with time zone")
        );
        assert_eq!(of("text[]").sql_type.as_deref(), Some("text[]"));
        assert!(of("real").is_float());
    }
}
