//! Two schema models compared: every difference as one readable, stable line, in name order.
//!
//! The left side is "models", the right "database". Both should be in the same normal form (for
//! `verify`: both read back from a catalog), so that equal objects compare equal.

use std::collections::BTreeMap;
use std::fmt;

use model_core::{
    Column, ForeignKey, Index, QualifiedName, Schema, Table, Trigger, UniqueConstraint,
};

use crate::render::{function_body, ident, index_keys, literal};

/// One difference: the object it is about and what differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub object: String,
    pub kind: DifferenceKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DifferenceKind {
    /// In the models, not in the database.
    Missing,
    /// In the database, not in the models.
    Extra,
    /// In both, with this difference.
    Changed(String),
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            DifferenceKind::Missing => write!(f, "{} missing", self.object),
            DifferenceKind::Extra => write!(f, "{} extra (not in the models)", self.object),
            DifferenceKind::Changed(detail) => write!(f, "{}: {detail}", self.object),
        }
    }
}

/// Every difference between `models` and `database`.
pub fn compare(models: &Schema, database: &Schema) -> Vec<Difference> {
    let mut d = Differences::default();
    d.named(
        &models.namespaces,
        &database.namespaces,
        |n| n.name.clone(),
        |n| format!("schema {}", n.name),
        |d, m, db| {
            d.value(
                format!("schema {}", m.name),
                "comment",
                &quoted(&m.comment),
                &quoted(&db.comment),
            )
        },
    );
    for e in &models.extensions {
        if !database.extensions.iter().any(|x| x.name == e.name) {
            d.kind(format!("extension {}", e.name), DifferenceKind::Missing);
        }
    }
    d.named(
        &models.enums,
        &database.enums,
        |e| e.name.clone(),
        |e| format!("enum type {}", e.name),
        |d, m, db| {
            let list = |v: &[String]| {
                format!(
                    "({})",
                    v.iter().map(|s| literal(s)).collect::<Vec<_>>().join(", ")
                )
            };
            d.value(
                format!("enum type {}", m.name),
                "values",
                &list(&m.values),
                &list(&db.values),
            );
        },
    );
    d.named(
        &models.functions,
        &database.functions,
        |f| f.name.clone(),
        |f| format!("function {}()", f.name),
        |d, m, db| {
            let object = format!("function {}()", m.name);
            if function_body(&m.body) != function_body(&db.body) {
                d.push(object.clone(), "body differs");
            }
            d.value(object, "comment", &quoted(&m.comment), &quoted(&db.comment));
        },
    );
    d.named(
        &models.tables,
        &database.tables,
        |t| t.name.clone(),
        |t| format!("{}: table", t.name),
        table,
    );
    d.0
}

#[derive(Default)]
struct Differences(Vec<Difference>);

impl Differences {
    fn push(&mut self, object: impl Into<String>, detail: impl Into<String>) {
        self.kind(object, DifferenceKind::Changed(detail.into()));
    }

    fn kind(&mut self, object: impl Into<String>, kind: DifferenceKind) {
        self.0.push(Difference {
            object: object.into(),
            kind,
        });
    }

    /// `<what> <models> in models, <database> in database`, when they differ.
    fn value(&mut self, object: impl Into<String>, what: &str, models: &str, database: &str) {
        if models != database {
            let what = if what.is_empty() {
                String::new()
            } else {
                format!("{what} ")
            };
            self.push(
                object,
                format!("{what}{models} in models, {database} in database"),
            );
        }
    }

    /// Matches two lists by key: missing (models only), extra (database only), or compared.
    fn named<T, K: Ord>(
        &mut self,
        models: &[T],
        database: &[T],
        key: impl Fn(&T) -> K,
        label: impl Fn(&T) -> String,
        mut both: impl FnMut(&mut Self, &T, &T),
    ) {
        let db: BTreeMap<K, &T> = database.iter().map(|x| (key(x), x)).collect();
        let mut models_sorted: Vec<&T> = models.iter().collect();
        models_sorted.sort_by_key(|x| key(x));
        for m in &models_sorted {
            match db.get(&key(m)) {
                Some(other) => both(self, m, other),
                None => self.kind(label(m), DifferenceKind::Missing),
            }
        }
        let ours: BTreeMap<K, &T> = models.iter().map(|x| (key(x), x)).collect();
        for (k, x) in &db {
            if !ours.contains_key(k) {
                self.kind(label(x), DifferenceKind::Extra);
            }
        }
    }
}

fn quoted(s: &Option<String>) -> String {
    s.as_deref().map_or_else(|| "none".to_owned(), literal)
}

fn table(d: &mut Differences, m: &Table, db: &Table) {
    let t = &m.name;
    d.value(
        format!("{t}"),
        "comment",
        &quoted(&m.comment),
        &quoted(&db.comment),
    );
    d.named(
        &m.columns,
        &db.columns,
        |c| c.name.clone(),
        |c| format!("{t}.{}: column", c.name),
        |d, mc, dc| column(d, t, mc, dc),
    );
    let order = |cols: &[Column]| cols.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
    let (mo, dbo) = (order(&m.columns), order(&db.columns));
    let common = |a: &[String], b: &[String]| {
        a.iter()
            .filter(|c| b.contains(c))
            .cloned()
            .collect::<Vec<_>>()
    };
    if common(&mo, &dbo) != common(&dbo, &mo) {
        d.value(
            format!("{t}"),
            "column order",
            &format!("({})", mo.join(", ")),
            &format!("({})", dbo.join(", ")),
        );
    }

    match (&m.primary_key, &db.primary_key) {
        (Some(a), Some(b)) => {
            d.value(
                format!("{t}"),
                "primary key",
                &format!("{} ({})", a.name, a.columns.join(", ")),
                &format!("{} ({})", b.name, b.columns.join(", ")),
            );
        }
        (Some(a), None) => d.kind(
            format!("{t}: primary key {}", a.name),
            DifferenceKind::Missing,
        ),
        (None, Some(b)) => d.kind(
            format!("{t}: primary key {}", b.name),
            DifferenceKind::Extra,
        ),
        (None, None) => {}
    }
    let constraint = |name: &str| format!("{}.{name}", t.schema);
    d.named(
        &m.uniques,
        &db.uniques,
        |u| u.name.clone(),
        |u| format!("{t}: unique constraint {}", u.name),
        |d, a, b| unique(d, &constraint(&a.name), a, b),
    );
    d.named(
        &m.foreign_keys,
        &db.foreign_keys,
        |f| f.name.clone(),
        |f| format!("{t}: foreign key {}", f.name),
        |d, a, b| foreign_key(d, &constraint(&a.name), a, b),
    );
    d.named(
        &m.checks,
        &db.checks,
        |c| c.name.clone(),
        |c| format!("{t}: check {}", c.name),
        |d, a, b| {
            d.value(
                constraint(&a.name),
                "",
                &format!("CHECK ({})", a.expr),
                &format!("CHECK ({})", b.expr),
            );
        },
    );
    d.named(
        &m.indexes,
        &db.indexes,
        |i| i.name.clone(),
        |i| format!("{t}: index {}", i.name),
        |d, a, b| index(d, &constraint(&a.name), a, b),
    );
    d.named(
        &m.triggers,
        &db.triggers,
        |x| x.name.clone(),
        |x| format!("{t}: trigger {}", x.name),
        |d, a: &Trigger, b| {
            let object = format!("{t}: trigger {}", a.name);
            d.value(
                &object,
                "function",
                &a.function.to_string(),
                &b.function.to_string(),
            );
            // Read back from catalogs, both sides carry PostgreSQL's own definition: timing,
            // events, WHEN, arguments.
            if let (Some(da), Some(db)) = (&a.definition, &b.definition)
                && a.function == b.function
            {
                d.value(object, "", da, db);
            }
        },
    );
}

fn column(d: &mut Differences, t: &QualifiedName, m: &Column, db: &Column) {
    let object = format!("{t}.{}", m.name);
    d.value(&object, "type", &m.ty.display_name(), &db.ty.display_name());
    let null = |c: &Column| if c.nullable { "nullable" } else { "NOT NULL" };
    if m.nullable != db.nullable {
        d.push(
            &object,
            format!("{} in models, {} in database", null(m), null(db)),
        );
    }
    let default = |c: &Column| c.default.clone().unwrap_or_else(|| "none".into());
    d.value(&object, "default", &default(m), &default(db));
    let identity = |c: &Column| c.identity.description();
    d.value(&object, "identity", identity(m), identity(db));
    d.value(object, "comment", &quoted(&m.comment), &quoted(&db.comment));
}

fn unique(d: &mut Differences, object: &str, a: &UniqueConstraint, b: &UniqueConstraint) {
    d.value(
        object,
        "columns",
        &format!("({})", a.columns.join(", ")),
        &format!("({})", b.columns.join(", ")),
    );
    let nnd = |u: &UniqueConstraint| {
        if u.nulls_not_distinct {
            "NULLS NOT DISTINCT"
        } else {
            "NULLS DISTINCT"
        }
    };
    d.value(object, "", nnd(a), nnd(b));
}

fn foreign_key(d: &mut Differences, object: &str, a: &ForeignKey, b: &ForeignKey) {
    let target = |f: &ForeignKey| format!("{}({})", f.references, f.referenced_columns.join(", "));
    d.value(
        object,
        "columns",
        &format!("({})", a.columns.join(", ")),
        &format!("({})", b.columns.join(", ")),
    );
    d.value(object, "references", &target(a), &target(b));
    d.value(
        object,
        "on delete",
        &a.on_delete.sql().to_lowercase(),
        &b.on_delete.sql().to_lowercase(),
    );
    d.value(
        object,
        "on update",
        &a.on_update.sql().to_lowercase(),
        &b.on_update.sql().to_lowercase(),
    );
    let deferral = |f: &ForeignKey| match (f.deferrable, f.initially_deferred) {
        (false, _) => "not deferrable",
        (true, false) => "deferrable",
        (true, true) => "deferrable initially deferred",
    };
    if deferral(a) != deferral(b) {
        d.push(
            object,
            format!("{} in models, {} in database", deferral(a), deferral(b)),
        );
    }
}

fn index(d: &mut Differences, object: &str, a: &Index, b: &Index) {
    let u = |i: &Index| if i.unique { "unique" } else { "not unique" };
    if a.unique != b.unique {
        d.push(object, format!("{} in models, {} in database", u(a), u(b)));
    }
    d.value(object, "method", a.method.name(), b.method.name());
    d.value(object, "keys", &index_keys(a), &index_keys(b));
    let include = |i: &Index| {
        format!(
            "({})",
            i.include
                .iter()
                .map(|c| ident(c))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    d.value(object, "include", &include(a), &include(b));
    let predicate = |i: &Index| i.predicate.clone().unwrap_or_else(|| "none".into());
    d.value(object, "predicate", &predicate(a), &predicate(b));
    let nnd = |i: &Index| {
        if i.nulls_not_distinct {
            "NULLS NOT DISTINCT"
        } else {
            "NULLS DISTINCT"
        }
    };
    d.value(object, "", nnd(a), nnd(b));
}
