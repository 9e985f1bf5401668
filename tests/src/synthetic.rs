//! Synthetic schemas of any size for benchmarks and scale tests: seeded and deterministic, built
//! through `model-core`'s public API without macros (the same schema model entities build).
//!
//! Per table, about what a real application has: 12 to 14 columns of varied types, a primary key
//! (serial or identity), 2 foreign keys (some deferrable, a few closing cycles), 3 secondary
//! indexes (composite, partial, GIN on JSONB; every tenth a full-text one), a CHECK, timestamps
//! with their trigger, and on some tables soft delete and optimistic locking. Tables spread over
//! five schemas; three enum types.

use model_core::{
    Check, Column, ColumnType, EnumType, ForeignKey, ForeignKeyAction, Function, FunctionBody,
    Identity, Index, IndexKey, IndexKeyKind, IndexMethod, PrimaryKey, QualifiedName, Schema,
    SchemaBuilder, SoftDeleteColumn, Table, Trigger, TsVectorColumn,
};

use crate::rng::Rng;

const SCHEMAS: usize = 5;

pub fn table_name(i: usize) -> QualifiedName {
    QualifiedName::new(format!("s{}", i % SCHEMAS), format!("t{i:05}"))
}

fn column(name: &str, ty: ColumnType, nullable: bool, default: Option<&str>) -> Column {
    Column {
        nullable,
        default: default.map(str::to_owned),
        ..Column::new(name, ty)
    }
}

fn b(name: &str) -> ColumnType {
    ColumnType::builtin(name)
}

fn touch(schema: &str) -> QualifiedName {
    QualifiedName::new(schema, "update_updated_at_column")
}

fn bump(schema: &str) -> QualifiedName {
    QualifiedName::new(schema, "increment_version_column")
}

/// A schema of `tables` tables; the same `seed` gives the same schema.
pub fn schema(tables: usize, seed: u64) -> Schema {
    builder(tables, seed)
        .build()
        .expect("the synthetic schema is valid")
}

/// The builder behind [`schema`], for callers that add to it.
pub fn builder(tables: usize, seed: u64) -> SchemaBuilder {
    let mut rng = Rng::new(seed);
    let mut builder = Schema::builder().extension("pg_trgm");
    let status = QualifiedName::new("s0", "status");
    let enums = [
        EnumType {
            name: status.clone(),
            values: vec!["new".into(), "active".into(), "closed".into()],
        },
        EnumType {
            name: QualifiedName::new("s0", "priority"),
            values: vec!["low".into(), "high".into()],
        },
        EnumType {
            name: QualifiedName::new("s1", "kind"),
            values: vec!["a".into(), "b".into(), "c".into()],
        },
    ];
    for e in enums {
        builder = builder.enum_type(e);
    }
    for s in 0..SCHEMAS.min(tables.max(1)) {
        let schema = format!("s{s}");
        builder = builder
            .function(
                Function::generated_trigger(
                    touch(&schema),
                    FunctionBody::TouchTimestamp {
                        column: "updated_at".into(),
                    },
                )
                .comment("Sets NEW.updated_at to the current timestamp"),
            )
            .function(Function::generated_trigger(
                bump(&schema),
                FunctionBody::IncrementVersion {
                    column: "version".into(),
                },
            ))
            .schema_comment(&schema, &format!("synthetic schema {s}"));
    }
    for i in 0..tables {
        builder = builder.table(table(i, tables, &mut rng, &status));
    }
    builder
}

fn table(i: usize, tables: usize, rng: &mut Rng, status: &QualifiedName) -> Table {
    let name = table_name(i);
    let t = name.name.clone();
    let mut table = Table::new(name.clone());
    table.comment = Some(format!("synthetic table {i}"));
    let big = rng.below(3) == 0;
    table.columns.push(Column {
        identity: if big {
            Identity::GeneratedByDefault
        } else {
            Identity::Serial
        },
        ..column("id", b(if big { "bigint" } else { "integer" }), false, None)
    });
    table.columns.extend([
        column("tenant_id", b("integer"), false, None),
        column("parent_a", b("bigint"), true, None),
        column("parent_b", b("bigint"), true, None),
        column("code", b("text"), false, None),
        column("name", b("text"), true, None),
        column("amount", b("numeric(12,2)"), false, Some("0")),
        column("qty", b("integer"), false, Some("1")),
        column("active", b("boolean"), false, Some("true")),
        column("doc", b("jsonb"), false, Some("'{}'::jsonb")),
        column(
            "status",
            ColumnType::Enum(status.clone()),
            false,
            Some("'new'"),
        ),
        column(
            "created_at",
            b("timestamp with time zone"),
            false,
            Some("CURRENT_TIMESTAMP"),
        ),
        column(
            "updated_at",
            b("timestamp with time zone"),
            false,
            Some("CURRENT_TIMESTAMP"),
        ),
    ]);
    table.primary_key = Some(PrimaryKey {
        deferral: Default::default(),
        name: format!("{t}_pkey"),
        columns: vec!["id".into()],
        include: Vec::new(),
    });

    // Two foreign keys, mostly to earlier tables; every 97th pair of neighbours references each
    // other (a cycle); some are deferrable.
    if tables > 1 {
        let earlier = |rng: &mut Rng| if i == 0 { 1 } else { rng.below(i) };
        let a = if i % 97 == 1 {
            i - 1
        } else if i.is_multiple_of(97) && i + 1 < tables {
            i + 1
        } else {
            earlier(rng)
        };
        let b_target = earlier(rng);
        for (column, target, action, deferrable) in [
            (
                "parent_a",
                a,
                ForeignKeyAction::SetNull,
                i.is_multiple_of(7),
            ),
            ("parent_b", b_target, ForeignKeyAction::Cascade, false),
        ] {
            if target == i {
                continue;
            }
            table.foreign_keys.push(ForeignKey {
                name: format!("{t}_{column}_fkey"),
                columns: vec![column.into()],
                references: table_name(target),
                referenced_columns: vec!["id".into()],
                on_delete: action,
                on_update: ForeignKeyAction::NoAction,
                deferrable,
                initially_deferred: deferrable,
                match_full: false,
                not_valid: false,
            });
        }
    }
    // Referenced columns must be keys of the same type: parents' ids may be integer; the
    // referencing columns are bigint, which PostgreSQL accepts (integer = bigint operator).

    let key = |c: &str| IndexKey::column(c);
    let index = |name: String, keys: Vec<IndexKey>| super::tables::btree_index(&name, keys);
    table.indexes.push(Index {
        unique: true,
        ..index(
            format!("idx_{t}_tenant_code"),
            vec![key("tenant_id"), key("code")],
        )
    });
    table.indexes.push(Index {
        predicate: Some("active".into()),
        ..index(format!("idx_{t}_status_active"), vec![key("status")])
    });
    table.indexes.push(Index {
        method: IndexMethod::Gin,
        keys: vec![IndexKey {
            opclass: (i.is_multiple_of(2)).then(|| "jsonb_path_ops".into()),
            ..key("doc")
        }],
        ..index(format!("idx_{t}_doc"), vec![])
    });
    if i.is_multiple_of(10) {
        table.indexes.push(Index {
            method: IndexMethod::Gin,
            keys: vec![IndexKey {
                kind: IndexKeyKind::TsVector {
                    language: "english".into(),
                    columns: vec![
                        TsVectorColumn {
                            name: "code".into(),
                            nullable: false,
                        },
                        TsVectorColumn {
                            name: "name".into(),
                            nullable: true,
                        },
                    ],
                },
                opclass: None,
                descending: false,
                nulls: None,
                collation: None,
            }],
            ..index(format!("idx_{t}_fulltext"), vec![])
        });
    }
    table.checks.push(Check {
        no_inherit: false,
        name: format!("{t}_amount_check"),
        expr: "amount >= 0".into(),
        not_valid: false,
    });

    let schema = name.schema.clone();
    table.triggers.push(Trigger::before_update(
        format!("update_{t}_updated_at"),
        touch(&schema),
    ));
    if i.is_multiple_of(4) {
        table.columns.push(column(
            "deleted_at",
            b("timestamp with time zone"),
            true,
            None,
        ));
        table.soft_delete = Some(SoftDeleteColumn {
            column: "deleted_at".into(),
        });
    }
    if i.is_multiple_of(3) {
        table
            .columns
            .push(column("version", b("integer"), false, Some("1")));
        table.version_column = Some("version".into());
        table.triggers.push(Trigger::before_update(
            format!("increment_{t}_version"),
            bump(&schema),
        ));
    }
    table
}

/// `schema` with one table in a hundred changed: a column added, an index predicate changed, a
/// check dropped, in turn.
pub fn changed(schema: &Schema) -> Schema {
    let mut out = schema.clone();
    for (n, t) in out
        .tables
        .iter_mut()
        .enumerate()
        .filter(|(n, _)| n.is_multiple_of(100))
    {
        match (n / 100) % 3 {
            0 => t.columns.push(column("extra", b("text"), true, None)),
            1 => t.indexes[1].predicate = Some("active AND qty > 0".into()),
            _ => t.checks.clear(),
        }
    }
    out
}
