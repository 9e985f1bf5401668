//! SeaORM column types to PostgreSQL types, spelled as `format_type()` spells them.

use sea_orm::ColumnType as Sea;
use sea_orm::sea_query::StringLen;

/// The PostgreSQL spelling of a SeaORM column type; `Err` carries a reason for types PostgreSQL
/// has no counterpart for. Enum types are handled by the caller.
pub(crate) fn builtin(ty: &Sea) -> Result<String, String> {
    Ok(match ty {
        Sea::Char(None) => "character(1)".into(),
        Sea::Char(Some(n)) => format!("character({n})"),
        Sea::String(StringLen::N(n)) => format!("character varying({n})"),
        Sea::String(_) => "character varying".into(),
        Sea::Text => "text".into(),
        Sea::Blob | Sea::Binary(_) | Sea::VarBinary(_) => "bytea".into(),
        Sea::TinyInteger | Sea::SmallInteger | Sea::TinyUnsigned => "smallint".into(),
        Sea::Integer | Sea::SmallUnsigned => "integer".into(),
        Sea::BigInteger | Sea::Unsigned => "bigint".into(),
        Sea::BigUnsigned => "numeric(20,0)".into(),
        Sea::Float => "real".into(),
        Sea::Double => "double precision".into(),
        Sea::Decimal(None) => "numeric".into(),
        Sea::Decimal(Some((p, s))) => format!("numeric({p},{s})"),
        Sea::DateTime | Sea::Timestamp => "timestamp without time zone".into(),
        Sea::TimestampWithTimeZone => "timestamp with time zone".into(),
        Sea::Time => "time without time zone".into(),
        Sea::Date => "date".into(),
        Sea::Year => "integer".into(),
        Sea::Interval(None, None) => "interval".into(),
        Sea::Interval(fields, precision) => {
            let mut s = String::from("interval");
            if let Some(f) = fields {
                let mut sql = String::new();
                use sea_orm::sea_query::{PostgresQueryBuilder, TableBuilder};
                PostgresQueryBuilder
                    .prepare_column_type(&Sea::Interval(Some(f.clone()), None), &mut sql);
                s = sql.to_lowercase();
            }
            if let Some(p) = precision {
                s.push_str(&format!("({p})"));
            }
            s
        }
        Sea::Bit(None) => "bit(1)".into(),
        Sea::Bit(Some(n)) => format!("bit({n})"),
        Sea::VarBit(n) => format!("bit varying({n})"),
        Sea::Boolean => "boolean".into(),
        Sea::Money(_) => "money".into(),
        Sea::Json => "json".into(),
        Sea::JsonBinary => "jsonb".into(),
        Sea::Uuid => "uuid".into(),
        Sea::Custom(name) => name.to_string(),
        Sea::Array(inner) => format!("{}[]", builtin(inner)?),
        Sea::Vector(None) => "vector".into(),
        Sea::Vector(Some(n)) => format!("vector({n})"),
        Sea::Cidr => "cidr".into(),
        Sea::Inet => "inet".into(),
        Sea::MacAddr => "macaddr".into(),
        Sea::LTree => "ltree".into(),
        Sea::Enum { name, .. } => return Err(format!("enum {name} has no built-in spelling")),
        other => {
            return Err(format!(
                "SeaORM type {other:?} has no PostgreSQL counterpart"
            ));
        }
    })
}
