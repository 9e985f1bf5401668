//! Foreign keys as SeaORM relations: `belongs_to` on the table that holds the key (a field
//! after the key's last column), `has_many` on the table it references where SeaORM can tell
//! the two apart (one key between the two tables, none back), and `#[pg(fk(..))]` where the
//! key's name or deferral are not the models' defaults.

use std::collections::BTreeMap;

use model_core::{QualifiedName, Table};

use super::entity::{action, fk_spec, relation_field, variant};
use super::rust_names::{Scope, camel, lit, snake};
use super::{Naming, NotImported};

/// Every imported table's relation fields, as source.
pub struct Relations {
    tables: BTreeMap<QualifiedName, TableRelations>,
}

#[derive(Default)]
pub struct TableRelations {
    /// `#[pg(fk(..))]` by the column that carries it.
    fk_specs: BTreeMap<String, String>,
    /// Relation fields by the column they follow.
    after: BTreeMap<String, Vec<String>>,
    has_many: Vec<String>,
}

impl TableRelations {
    pub fn fk_spec_on(&self, column: &str) -> Option<String> {
        self.fk_specs.get(column).cloned()
    }

    pub fn after_column(&self, column: &str) -> impl Iterator<Item = &str> {
        self.after
            .get(column)
            .into_iter()
            .flatten()
            .map(String::as_str)
    }

    pub fn has_many(&self) -> impl Iterator<Item = &str> {
        self.has_many.iter().map(String::as_str)
    }
}

const NONE: &TableRelations = &TableRelations {
    fk_specs: BTreeMap::new(),
    after: BTreeMap::new(),
    has_many: Vec::new(),
};

impl Relations {
    pub fn new(tables: &[&Table], naming: &Naming, not_imported: &mut Vec<NotImported>) -> Self {
        let by_name: BTreeMap<&QualifiedName, &Table> =
            tables.iter().map(|t| (&t.name, *t)).collect();
        let mut out: BTreeMap<QualifiedName, TableRelations> = BTreeMap::new();
        let mut field_scopes: BTreeMap<QualifiedName, Scope> = tables
            .iter()
            .map(|t| {
                let fields = naming.fields(&t.name).iter().map(String::as_str);
                (t.name.clone(), Scope::with(fields))
            })
            .collect();
        // (from, to) pairs whose belongs_to is inferred: the candidates for has_many.
        let mut inferred: Vec<(QualifiedName, QualifiedName)> = Vec::new();
        let mut pairs: BTreeMap<(QualifiedName, QualifiedName), usize> = BTreeMap::new();
        for t in tables {
            for fk in &t.foreign_keys {
                *pairs
                    .entry((t.name.clone(), fk.references.clone()))
                    .or_default() += 1;
            }
        }
        for t in tables {
            let mine = out.entry(t.name.clone()).or_default();
            let mut variants = Scope::default();
            // The variants SeaORM infers from target modules, claimed first.
            for fk in &t.foreign_keys {
                if fk.references != t.name
                    && pairs[&(t.name.clone(), fk.references.clone())] == 1
                    && let Some(module) = naming.module(&fk.references)
                {
                    variants.claim(camel(module));
                }
            }
            let mut carriers: Vec<&str> = Vec::new();
            for fk in &t.foreign_keys {
                let Some(target) = by_name.get(&fk.references) else {
                    not_imported.push(NotImported {
                        object: format!("foreign key {} on {}", fk.name, t.name),
                        why: format!(
                            "references {}, which is not imported (another schema, or a table without a primary key); a relation needs both entities",
                            fk.references
                        ),
                        sql: Some(format!(
                            "{};",
                            crate::render::alter::add_foreign_key(&t.name, fk)
                        )),
                    });
                    continue;
                };
                let target_module = naming.module(&fk.references).expect("imported");
                let field = field_scopes
                    .get_mut(&t.name)
                    .expect("every table has a scope")
                    .claim(relation_field(&fk.columns, target_module));
                let self_ref = fk.references == t.name;
                let named = self_ref || pairs[&(t.name.clone(), fk.references.clone())] > 1;
                let from = columns(&fk.columns, |c| naming.field(&t.name, c, t));
                let to = columns(&fk.referenced_columns, |c| {
                    naming.field(&fk.references, c, target)
                });
                let mut keys = Vec::new();
                if self_ref {
                    keys.push("self_ref".to_owned());
                } else {
                    keys.push("belongs_to".to_owned());
                }
                if named {
                    let name = variants.claim(variant(&field));
                    keys.push(format!("relation_enum = {}", lit(&name)));
                } else {
                    inferred.push((t.name.clone(), fk.references.clone()));
                }
                keys.push(format!("from = {}", lit(&from)));
                keys.push(format!("to = {}", lit(&to)));
                if let Some(a) = action(fk.on_delete) {
                    keys.push(format!("on_delete = {}", lit(a)));
                }
                if let Some(a) = action(fk.on_update) {
                    keys.push(format!("on_update = {}", lit(a)));
                }
                let entity = if self_ref {
                    "Entity".to_owned()
                } else {
                    format!("super::{target_module}::Entity")
                };
                let source = format!(
                    "#[sea_orm({})]\npub {field}: HasOne<{entity}>,\n",
                    keys.join(", ")
                );
                let last = fk
                    .columns
                    .iter()
                    .max_by_key(|c| t.columns.iter().position(|col| &col.name == *c));
                mine.after
                    .entry(last.expect("a key has columns").clone())
                    .or_default()
                    .push(source);
                if let Some(spec) = fk_spec(t, fk) {
                    // `#[pg(fk)]` goes on a column no other key of the table uses, so the
                    // builder gives it to this key alone.
                    let carrier = fk.columns.iter().find(|c| {
                        !carriers.contains(&c.as_str())
                            && t.foreign_keys
                                .iter()
                                .filter(|o| o.columns.contains(c))
                                .count()
                                == 1
                    });
                    match carrier {
                        Some(c) => {
                            carriers.push(c);
                            mine.fk_specs.insert(c.clone(), spec);
                        }
                        None => not_imported.push(NotImported {
                            object: format!("foreign key {} on {}", fk.name, t.name),
                            why: "shares every column with another foreign key, so its fk(..) keys (name, deferral, MATCH FULL, NOT VALID) cannot be given on a column of its own; imported with the defaults".into(),
                            sql: None,
                        }),
                    }
                }
            }
        }
        // has_many where SeaORM can pair it with the one belongs_to.
        for (from, to) in inferred {
            let back = pairs.contains_key(&(to.clone(), from.clone()));
            if back {
                continue;
            }
            let module = naming.module(&from).expect("imported");
            let field = field_scopes
                .get_mut(&to)
                .expect("every table has a scope")
                .claim(snake(module));
            out.entry(to.clone()).or_default().has_many.push(format!(
                "#[sea_orm(has_many)]\npub {field}: HasMany<super::{module}::Entity>,\n"
            ));
        }
        Self { tables: out }
    }

    /// The relations of imported table `t`.
    pub fn of(&self, t: &QualifiedName) -> &TableRelations {
        self.tables.get(t).unwrap_or(NONE)
    }
}

/// SeaORM's spelling of a relation's columns: `a`, or `(a, b)`.
fn columns<'a>(columns: &'a [String], field: impl Fn(&'a str) -> Option<&'a str>) -> String {
    let fields: Vec<&str> = columns
        .iter()
        .map(|c| field(c).unwrap_or(c.as_str()))
        .collect();
    match fields.as_slice() {
        [one] => (*one).to_owned(),
        many => format!("({})", many.join(", ")),
    }
}
