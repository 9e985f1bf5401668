//! Rows a table is created with: a lookup table's contents (platforms, brands, an admin user),
//! declared next to the models so that a fresh database is usable.

use sea_orm::sea_query::{PostgresQueryBuilder, QueryBuilder};
use sea_orm::{ActiveModelTrait, ActiveValue, EntityName, EntityTrait, Iterable, Value};

use super::{ForeignKey, QualifiedName};

/// The seed rows of one table: `INSERT .. ON CONFLICT (key) DO NOTHING` (or `DO UPDATE`) in the
/// create script, data steps in migrations when rows are added, changed or removed.
///
/// ```ignore
/// Seed::rows([
///     platform::ActiveModel { id: Set(1), name: Set("Steam".into()), ..Default::default() },
///     platform::ActiveModel { id: Set(2), name: Set("GOG".into()), ..Default::default() },
/// ])
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Seed {
    pub table: QualifiedName,
    /// The columns that tell the rows apart: the conflict target, and what a migration's
    /// `UPDATE` and `DELETE` match on. The primary key's columns unless declared ([`Self::key`]);
    /// `build()` fills them in.
    pub key: Vec<String>,
    #[serde(default)]
    pub on_conflict: OnConflict,
    /// In the order declared, which is the order inserted.
    pub rows: Vec<SeedRow>,
}

/// What a seed row's `INSERT` does to a row with its key already there.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum OnConflict {
    /// Keeps the row there: the seed only fills what is missing.
    #[default]
    DoNothing,
    /// Sets the columns the seed row declares.
    DoUpdate,
}

/// One row: the columns it declares, each with its value as a SQL literal. Columns it leaves
/// out take their defaults (and are not compared).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SeedRow {
    /// The key's values, `, `-separated (`1`, `'steam', 2`): the row's identity. `build()`
    /// fills it in.
    pub key: String,
    /// (column, value as a literal: `'Steam'`, `42`, `TRUE`, `NULL`), in the order declared
    /// (an entity's rows: its column order).
    pub values: Vec<(String, String)>,
}

impl Seed {
    /// The rows of a SeaORM entity's table, as `ActiveModel`s: the columns `Set` are the row's,
    /// the `NotSet` ones take their defaults.
    pub fn rows<A: ActiveModelTrait>(rows: impl IntoIterator<Item = A>) -> Self {
        let entity = A::Entity::default();
        let table = QualifiedName::new(
            entity.schema_name().unwrap_or(crate::names::DEFAULT_SCHEMA),
            entity.table_name(),
        );
        let rows = rows
            .into_iter()
            .map(|model| {
                let values = <A::Entity as EntityTrait>::Column::iter()
                    .filter_map(|c| match model.get(c) {
                        ActiveValue::Set(v) | ActiveValue::Unchanged(v) => {
                            Some((sea_orm::IdenStatic::as_str(&c).to_owned(), literal(&v)))
                        }
                        ActiveValue::NotSet => None,
                    })
                    .collect();
                SeedRow {
                    key: String::new(),
                    values,
                }
            })
            .collect();
        Self {
            table,
            key: Vec::new(),
            on_conflict: OnConflict::DoNothing,
            rows,
        }
    }

    /// Seed rows of a table assembled by hand (for tools and hand-built tables); add them with
    /// [`Self::row`].
    pub fn new(table: QualifiedName) -> Self {
        Self {
            table,
            key: Vec::new(),
            on_conflict: OnConflict::DoNothing,
            rows: Vec::new(),
        }
    }

    /// A row of (column, value) pairs: `.row([("id", 1.into()), ("name", "Steam".into())])`.
    pub fn row<'c>(mut self, values: impl IntoIterator<Item = (&'c str, Value)>) -> Self {
        self.rows.push(SeedRow {
            key: String::new(),
            values: values
                .into_iter()
                .map(|(c, v)| (c.to_owned(), literal(&v)))
                .collect(),
        });
        self
    }

    /// Tells rows apart by `columns` instead of the primary key: a UNIQUE constraint or unique
    /// index over exactly these columns (a serial key the rows do not set, say, and a unique
    /// `code` they do).
    pub fn key(mut self, columns: &[&str]) -> Self {
        self.key = columns.iter().map(|c| (*c).to_owned()).collect();
        self
    }

    /// `ON CONFLICT (key) DO UPDATE`: a row already there takes the values declared (the
    /// default, `DO NOTHING`, keeps it as it is).
    pub fn do_update(mut self) -> Self {
        self.on_conflict = OnConflict::DoUpdate;
        self
    }
}

impl Seed {
    /// The row of this seed that foreign key `fk` of `row` (a row of the referencing table)
    /// points at: when this seed's key is what `fk` references and `row` sets `fk`'s columns
    /// to that row's key.
    pub fn row_referenced_by(&self, fk: &ForeignKey, row: &SeedRow) -> Option<&SeedRow> {
        let same = self.key.len() == fk.referenced_columns.len()
            && self.key.iter().all(|k| fk.referenced_columns.contains(k));
        if !same {
            return None;
        }
        let values: Option<Vec<&str>> = (self.key.iter())
            .map(|k| {
                let at = fk.referenced_columns.iter().position(|c| c == k)?;
                row.get(fk.columns.get(at)?)
            })
            .collect();
        let key = values?.join(", ");
        self.rows.iter().find(|r| r.key == key)
    }
}

impl SeedRow {
    /// The value declared for `column`.
    pub fn get(&self, column: &str) -> Option<&str> {
        (self.values.iter())
            .find(|(c, _)| c == column)
            .map(|(_, v)| v.as_str())
    }

    /// The columns declared.
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        self.values.iter().map(|(c, _)| c.as_str())
    }
}

/// A value as a PostgreSQL literal, as sea-query writes it inline (`'it''s'`, `E'a\\nb'`,
/// `'\x00FF'`), except that an enum value is left for the column's type to take (sea-query would
/// cast it to an unqualified type name) and a float that is not finite is quoted.
pub fn literal(value: &Value) -> String {
    let builder = PostgresQueryBuilder;
    match value {
        Value::Enum(sea_orm::sea_query::OptionEnum::Some(e)) => {
            builder.value_to_string(&Value::String(Some(e.value.to_string())))
        }
        Value::Float(Some(f)) if !f.is_finite() => format!("'{}'", float_word(f64::from(*f))),
        Value::Double(Some(f)) if !f.is_finite() => format!("'{}'", float_word(*f)),
        v => builder.value_to_string(v),
    }
}

fn float_word(f: f64) -> &'static str {
    if f.is_nan() {
        "NaN"
    } else if f > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    }
}
