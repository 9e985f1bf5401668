//! The statements a migration is made of: one function per change, each rendering one
//! statement (no trailing semicolon). The create script shares the element renderers.

use std::fmt::Write as _;

use model_core::{
    Check, Column, EnumType, Exclusion, ForeignKey, Function, Identity, Index, PrimaryKey,
    QualifiedName, StorageParameters, Table, UniqueConstraint,
};

use super::create;
use super::ident::{
    Collation, Ident, Idents, Qualified, dollar_tag, ident, literal, qualified, raise_format,
};

/// What a `COMMENT ON` is about.
pub enum Commented<'a> {
    Schema(&'a str),
    Table(&'a QualifiedName),
    Column(&'a QualifiedName, &'a str),
    Function(&'a Function),
    Sequence(&'a QualifiedName),
    Domain(&'a QualifiedName),
    /// A composite type.
    Type(&'a QualifiedName),
    Collation(&'a QualifiedName),
    /// A view or materialized view (`kind` is [`model_core::View::kind`]).
    View(&'a QualifiedName, &'static str),
    /// A trigger, by the table or view it is on and its name.
    Trigger(&'a QualifiedName, &'a str),
}

/// `COMMENT ON .. IS '..'`, or `IS NULL` to remove it.
pub fn comment(on: &Commented, text: &Option<String>) -> String {
    let mut out = String::new();
    write_comment(&mut out, on, text);
    out
}

/// [`comment`], written into `out`.
pub fn write_comment(out: &mut String, on: &Commented, text: &Option<String>) {
    let _ = match on {
        Commented::Schema(name) => write!(out, "COMMENT ON SCHEMA {}", Ident(name)),
        Commented::Table(t) => write!(out, "COMMENT ON TABLE {}", Qualified(t)),
        Commented::Column(t, c) => write!(out, "COMMENT ON COLUMN {}.{}", Qualified(t), Ident(c)),
        Commented::Function(f) => write!(
            out,
            "COMMENT ON {} {}",
            super::routine::keyword(f),
            super::routine::signature(f)
        ),
        Commented::Sequence(s) => write!(out, "COMMENT ON SEQUENCE {}", Qualified(s)),
        Commented::Domain(d) => write!(out, "COMMENT ON DOMAIN {}", Qualified(d)),
        Commented::Type(t) => write!(out, "COMMENT ON TYPE {}", Qualified(t)),
        Commented::Collation(c) => write!(out, "COMMENT ON COLLATION {}", Qualified(c)),
        Commented::View(v, kind) => write!(out, "COMMENT ON {kind} {}", Qualified(v)),
        Commented::Trigger(on, name) => {
            write!(
                out,
                "COMMENT ON TRIGGER {} ON {}",
                Ident(name),
                Qualified(on)
            )
        }
    };
    out.push_str(" IS ");
    match text {
        Some(text) => out.push_str(&literal(text)),
        None => out.push_str("NULL"),
    }
}

pub fn create_schema(name: &str) -> String {
    format!("CREATE SCHEMA IF NOT EXISTS {}", ident(name))
}

pub fn drop_schema(name: &str) -> String {
    format!("DROP SCHEMA {}", ident(name))
}

pub fn create_extension(name: &str) -> String {
    format!("CREATE EXTENSION IF NOT EXISTS {}", ident(name))
}

pub fn drop_extension(name: &str) -> String {
    format!("DROP EXTENSION {}", ident(name))
}

pub fn create_enum(e: &EnumType) -> String {
    let values: Vec<String> = e.values.iter().map(|v| literal(v)).collect();
    format!(
        "CREATE TYPE {} AS ENUM ({})",
        qualified(&e.name),
        values.join(", ")
    )
}

pub fn drop_enum(name: &QualifiedName) -> String {
    format!("DROP TYPE {}", qualified(name))
}

pub fn rename_enum(name: &QualifiedName, new_name: &str) -> String {
    format!(
        "ALTER TYPE {} RENAME TO {}",
        qualified(name),
        ident(new_name)
    )
}

/// `ALTER TYPE .. ADD VALUE 'v' [BEFORE 'w']`: a value added so cannot be used in the same
/// transaction.
/// Where an added enum value goes: before a value, or after one.
pub enum EnumPosition<'a> {
    Before(&'a str),
    After(&'a str),
}

/// `ALTER TYPE .. ADD VALUE`, `BEFORE` a value or, without one, at the end.
pub fn add_enum_value(name: &QualifiedName, value: &str, before: Option<&str>) -> String {
    match before {
        Some(b) => add_enum_value_at(name, value, EnumPosition::Before(b)),
        None => format!(
            "ALTER TYPE {} ADD VALUE {}",
            qualified(name),
            literal(value)
        ),
    }
}

/// `ALTER TYPE .. ADD VALUE`, placed (`BEFORE`/`AFTER`), so its place never depends on the
/// type's current last value: what migrations write.
pub fn add_enum_value_at(name: &QualifiedName, value: &str, position: EnumPosition) -> String {
    let position = match position {
        EnumPosition::Before(v) => format!(" BEFORE {}", literal(v)),
        EnumPosition::After(v) => format!(" AFTER {}", literal(v)),
    };
    format!(
        "ALTER TYPE {} ADD VALUE {}{position}",
        qualified(name),
        literal(value)
    )
}

pub fn create_function(f: &Function) -> String {
    super::routine::create_function(f)
        .trim_end()
        .trim_end_matches(';')
        .to_owned()
}

pub fn drop_function(f: &Function) -> String {
    format!(
        "DROP {} {}",
        super::routine::keyword(f),
        super::routine::signature(f)
    )
}

pub use super::create::unique_is_inline;

/// `ALTER EXTENSION .. UPDATE TO '<version>'`.
pub fn update_extension(e: &model_core::Extension) -> String {
    let to = e
        .version
        .as_deref()
        .map_or_else(String::new, |v| format!(" TO {}", literal(v)));
    format!("ALTER EXTENSION {} UPDATE{to}", ident(&e.name))
}

/// `CREATE TABLE` without foreign keys (migrations add them once every table exists), nor the
/// UNIQUE constraints `CREATE TABLE` would fold into the primary key.
pub fn create_table(t: &Table) -> String {
    create::create_table_statement(t, false, |_| false)
}

pub fn drop_table(name: &QualifiedName) -> String {
    format!("DROP TABLE {}", qualified(name))
}

pub fn rename_table(name: &QualifiedName, new_name: &str) -> String {
    format!(
        "ALTER TABLE {} RENAME TO {}",
        qualified(name),
        ident(new_name)
    )
}

pub fn add_column(t: &QualifiedName, c: &Column) -> String {
    format!(
        "ALTER TABLE {} ADD COLUMN {}",
        qualified(t),
        create::column(c)
    )
}

/// `ALTER TABLE .. SET UNLOGGED` or `SET LOGGED`: PostgreSQL rewrites the table.
pub fn set_persistence(t: &QualifiedName, unlogged: bool) -> String {
    let to = if unlogged { "UNLOGGED" } else { "LOGGED" };
    format!("ALTER TABLE {} SET {to}", qualified(t))
}

/// `ALTER TABLE|INDEX .. SET (..)` for the parameters `to` sets anew, then `RESET (..)` for
/// those it drops: each statement only where it has something to say.
pub fn set_storage(
    kind: &str,
    name: &QualifiedName,
    from: &StorageParameters,
    to: &StorageParameters,
) -> Vec<String> {
    let set: StorageParameters = (to.iter())
        .filter(|(k, v)| from.get(*k) != Some(*v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let reset: Vec<&String> = from.keys().filter(|k| !to.contains_key(*k)).collect();
    let mut out = Vec::new();
    if !set.is_empty() {
        let list = create::StorageList(&set);
        out.push(format!("ALTER {kind} {} SET {list}", qualified(name)));
    }
    if !reset.is_empty() {
        out.push(format!(
            "ALTER {kind} {} RESET ({})",
            qualified(name),
            Idents(&reset)
        ));
    }
    out
}

pub fn drop_column(t: &QualifiedName, column: &str) -> String {
    format!("ALTER TABLE {} DROP COLUMN {}", qualified(t), ident(column))
}

pub fn rename_column(t: &QualifiedName, old: &str, new: &str) -> String {
    format!(
        "ALTER TABLE {} RENAME COLUMN {} TO {}",
        qualified(t),
        ident(old),
        ident(new)
    )
}

/// `ALTER COLUMN .. TYPE .. USING col::type`: the cast PostgreSQL would refuse to guess.
pub fn alter_column_type(t: &QualifiedName, c: &Column) -> String {
    alter_column_type_using(t, c, "")
}

/// The same, casting through text first: how an enum column moves to a recreated enum type.
pub fn alter_column_type_via_text(t: &QualifiedName, c: &Column) -> String {
    alter_column_type_using(t, c, "::text")
}

/// The same for an array of enum values, cast element by element through `text[]`.
pub fn alter_column_type_via_text_array(t: &QualifiedName, c: &Column) -> String {
    alter_column_type_using(t, c, "::text[]")
}

fn alter_column_type_using(t: &QualifiedName, c: &Column, through: &str) -> String {
    // `serial` is not a type: the column stores an integer (its sequence is altered apart).
    let ty = create::stored_type(c);
    // Without COLLATE the column takes its new type's collation.
    let collation = (c.collation.as_ref()).map(|n| format!(" COLLATE {}", Collation(n)));
    let collation = collation.unwrap_or_default();
    format!(
        "ALTER TABLE {} ALTER COLUMN {} TYPE {ty}{collation} USING {}{through}::{ty}",
        qualified(t),
        ident(&c.name),
        ident(&c.name)
    )
}

/// `ALTER SEQUENCE <table>_<column>_seq AS <type>`: a `serial` column's sequence follows its
/// column's type (an `integer` sequence stops at 2^31 - 1 whatever the column holds).
pub fn serial_sequence_type(t: &QualifiedName, c: &Column) -> String {
    let seq = serial_sequence(t, &c.name);
    format!(
        "ALTER SEQUENCE {} AS {}",
        qualified(&seq),
        create::stored_type(c)
    )
}

/// `ALTER COLUMN .. ADD GENERATED .. AS IDENTITY (..)`: the column gets a sequence of its own.
pub fn add_identity(t: &QualifiedName, c: &Column) -> String {
    let kind = if c.identity == Identity::GeneratedAlways {
        "ALWAYS"
    } else {
        "BY DEFAULT"
    };
    let mut sql = format!(
        "ALTER TABLE {} ALTER COLUMN {} ADD GENERATED {kind} AS IDENTITY",
        qualified(t),
        ident(&c.name)
    );
    if !c.identity_options.is_default() {
        let _ = write!(
            sql,
            " ({})",
            create::identity_options(&c.identity_options, "")
        );
    }
    sql
}

/// `ALTER COLUMN .. DROP IDENTITY`: the column keeps its values; its sequence is dropped.
pub fn drop_identity(t: &QualifiedName, column: &str) -> String {
    format!(
        "ALTER TABLE {} ALTER COLUMN {} DROP IDENTITY",
        qualified(t),
        ident(column)
    )
}

/// `ALTER COLUMN .. SET GENERATED .. SET INCREMENT BY ..`: what differs between two identity
/// columns, each option given its value (a default spelled out, as `SET MINVALUE 1`), the
/// options compared as PostgreSQL fills them in for the new column's type. `None` where
/// nothing differs.
pub fn alter_identity(t: &QualifiedName, old: &Column, c: &Column) -> Option<String> {
    let width = c.ty.integer_width()?;
    let (from, to) = (
        old.identity_options.values(width),
        c.identity_options.values(width),
    );
    let mut said = Vec::new();
    if old.identity != c.identity {
        said.push(if c.identity == Identity::GeneratedAlways {
            "SET GENERATED ALWAYS".to_owned()
        } else {
            "SET GENERATED BY DEFAULT".to_owned()
        });
    }
    let numbers = [
        ("START WITH", from.start, to.start),
        ("INCREMENT BY", from.increment, to.increment),
        ("MINVALUE", from.min_value, to.min_value),
        ("MAXVALUE", from.max_value, to.max_value),
        ("CACHE", from.cache, to.cache),
    ];
    for (option, before, after) in numbers {
        if before != after {
            said.push(format!("SET {option} {after}"));
        }
    }
    if from.cycle != to.cycle {
        said.push(
            if to.cycle {
                "SET CYCLE"
            } else {
                "SET NO CYCLE"
            }
            .to_owned(),
        );
    }
    (!said.is_empty()).then(|| {
        format!(
            "ALTER TABLE {} ALTER COLUMN {} {}",
            qualified(t),
            ident(&c.name),
            said.join(" ")
        )
    })
}

/// The sequence a `serial` column reads: `<table>_<column>_seq`, in the table's schema.
fn serial_sequence(t: &QualifiedName, column: &str) -> QualifiedName {
    QualifiedName::new(&t.schema, model_core::names::sequence(&t.name, column))
}

/// `ALTER SEQUENCE <table>_<from>_seq RENAME TO <table>_<to>_seq`: a serial or identity
/// column's sequence named for the column's new name, as a fresh database names it.
pub fn rename_column_sequence(t: &QualifiedName, from: &str, to: &str) -> String {
    format!(
        "ALTER SEQUENCE {} RENAME TO {}",
        qualified(&serial_sequence(t, from)),
        ident(&model_core::names::sequence(&t.name, to))
    )
}

/// What `serial` makes, on a column that exists: its sequence, owned by the column, and the
/// default that reads it.
pub fn make_serial(t: &QualifiedName, c: &Column) -> [String; 2] {
    let seq = serial_sequence(t, &c.name);
    [
        format!(
            "CREATE SEQUENCE {} AS {} OWNED BY {}.{}",
            qualified(&seq),
            create::stored_type(c),
            qualified(t),
            ident(&c.name)
        ),
        set_default(
            t,
            &c.name,
            &Some(format!("nextval({}::regclass)", literal(&qualified(&seq)))),
        ),
    ]
}

/// Undoes what `serial` made: the column's default, then its sequence.
pub fn unmake_serial(t: &QualifiedName, column: &str) -> [String; 2] {
    [
        set_default(t, column, &None),
        format!("DROP SEQUENCE {}", qualified(&serial_sequence(t, column))),
    ]
}

pub fn set_not_null(t: &QualifiedName, column: &str, not_null: bool) -> String {
    let action = if not_null { "SET" } else { "DROP" };
    format!(
        "ALTER TABLE {} ALTER COLUMN {} {action} NOT NULL",
        qualified(t),
        ident(column)
    )
}

pub fn set_default(t: &QualifiedName, column: &str, default: &Option<String>) -> String {
    let action = default
        .as_ref()
        .map_or_else(|| "DROP DEFAULT".to_owned(), |d| format!("SET DEFAULT {d}"));
    format!(
        "ALTER TABLE {} ALTER COLUMN {} {action}",
        qualified(t),
        ident(column)
    )
}

pub fn add_primary_key(t: &QualifiedName, pk: &PrimaryKey) -> String {
    format!(
        "ALTER TABLE {} ADD {}",
        qualified(t),
        create::primary_key(pk)
    )
}

pub fn add_unique(t: &QualifiedName, u: &UniqueConstraint) -> String {
    format!("ALTER TABLE {} ADD {}", qualified(t), create::unique(u))
}

/// `ALTER TABLE .. ADD CONSTRAINT .. CHECK (..)`, `NOT VALID` when the check is.
pub fn add_check(t: &QualifiedName, c: &Check) -> String {
    let add = format!("ALTER TABLE {} ADD {}", qualified(t), create::check(c));
    if c.not_valid { not_valid(&add) } else { add }
}

/// `ALTER TABLE .. ADD CONSTRAINT .. EXCLUDE ..`: builds its index over the rows, under the
/// table's lock.
pub fn add_exclusion(t: &QualifiedName, x: &Exclusion) -> String {
    format!("ALTER TABLE {} ADD {}", qualified(t), create::exclusion(x))
}

/// `ALTER TABLE .. ADD CONSTRAINT .. FOREIGN KEY ..`, `NOT VALID` when the key is.
pub fn add_foreign_key(t: &QualifiedName, fk: &ForeignKey) -> String {
    let add = format!(
        "ALTER TABLE {} ADD {}",
        qualified(t),
        create::foreign_key(fk)
    );
    if fk.not_valid { not_valid(&add) } else { add }
}

pub fn drop_constraint(t: &QualifiedName, name: &str) -> String {
    format!(
        "ALTER TABLE {} DROP CONSTRAINT {}",
        qualified(t),
        ident(name)
    )
}

pub fn create_index(t: &Table, i: &Index) -> String {
    create::create_index(t, i, false)
}

pub fn drop_index(t: &QualifiedName, name: &str) -> String {
    format!("DROP INDEX {}.{}", ident(&t.schema), ident(name))
}

/// `CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS ..`: built while writes go on, outside a
/// transaction; a second run after a completed one changes nothing.
pub fn create_index_concurrently(t: &Table, i: &Index) -> String {
    let definition = create::index_definition(t, i, true);
    let (unique, rest) = match definition.strip_prefix("UNIQUE ") {
        Some(rest) => ("UNIQUE ", rest),
        None => ("", definition.as_str()),
    };
    let rest = rest.strip_prefix("INDEX ").expect("an index definition");
    format!("CREATE {unique}INDEX CONCURRENTLY {rest}")
}

/// `DROP INDEX CONCURRENTLY IF EXISTS`: how an INVALID index that an interrupted concurrent
/// build left is removed without blocking writes.
pub fn drop_index_concurrently(index: &QualifiedName) -> String {
    format!(
        "DROP INDEX CONCURRENTLY IF EXISTS {}.{}",
        ident(&index.schema),
        ident(&index.name)
    )
}

pub fn rename_index(schema: &str, name: &str, new_name: &str) -> String {
    format!(
        "ALTER INDEX {}.{} RENAME TO {}",
        ident(schema),
        ident(name),
        ident(new_name)
    )
}

/// An `ALTER TABLE .. ADD` constraint statement, `NOT VALID`: only rows written from now on
/// are checked, so it takes its lock only briefly.
pub fn not_valid(add_constraint: &str) -> String {
    format!("{add_constraint} NOT VALID")
}

pub fn validate_constraint(t: &QualifiedName, name: &str) -> String {
    format!(
        "ALTER TABLE {} VALIDATE CONSTRAINT {}",
        qualified(t),
        ident(name)
    )
}

/// Fails the migration (and so rolls it back) when the column holds NULLs, saying how many.
pub fn guard_no_nulls(t: &QualifiedName, column: &str) -> String {
    guard(
        &format!("{} WHERE {} IS NULL", qualified(t), ident(column)),
        &format!("cannot make {t}.{column} NOT NULL: "),
        &format!(
            " rows hold NULL; fill them first (UPDATE {t} SET {column} = .. WHERE {column} IS NULL) or keep the column optional"
        ),
    )
}

/// Fails the migration when the table has rows, with `why`.
pub fn guard_empty(t: &QualifiedName, why: &str) -> String {
    guard(
        &qualified(t),
        &format!("{t} has "),
        &format!(" rows: {why}"),
    )
}

/// A `DO` block that raises `before`, the count, `after` when `from` has rows. Names in the
/// message may hold `%` (RAISE's placeholder) or the dollar tag: both are escaped.
fn guard(from: &str, before: &str, after: &str) -> String {
    let format = format!("{}%{}", raise_format(before), raise_format(after));
    let body = format!(
        "\nDECLARE n bigint;\nBEGIN\n    SELECT count(*) INTO n FROM {from};\n    IF n > 0 THEN\n        RAISE EXCEPTION {}, n;\n    END IF;\nEND\n",
        literal(&format)
    );
    let tag = dollar_tag("guard", &body);
    format!("DO {tag}{body}{tag}")
}
