//! The one comparison: two schema models in, a typed change set out.
//!
//! `verify` and `diff` print the changes ([`report`]), the migration planner turns them into
//! ordered steps, `migrate --check` names them. A change says which object ([`ObjectId`]), whether
//! it is created, dropped or altered (with the aspects that differ, before and after), and what
//! applying it loses. Nothing else in the project compares two schemas.
//!
//! Both sides must be in the same normal form for equal objects to compare equal: for `verify`
//! both are read back from catalogs; for `migrate` both come from models.

mod detail;
mod loss;
mod object;
pub mod report;

use std::collections::{BTreeMap, BTreeSet};

use model_core::{QualifiedName, Schema, Table};

pub use detail::{Aspect, Detail, row_security as row_security_words};
pub use loss::widens;
pub use object::{Args, Object, ObjectId, ObjectRef, objects, seed_rows, table_parts};

/// A column renamed between two schemas: (table, old name, new name).
pub type Rename = (QualifiedName, String, String);

/// One difference between two schemas, as something to do to the first to get the second.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub object: ObjectId,
    pub kind: ChangeKind<'a>,
    /// What applying the change loses, when it loses data.
    pub loses: Option<String>,
}

#[derive(Debug, Clone)]
pub enum ChangeKind<'a> {
    /// Only in the second schema. A created table comes with all its parts.
    Create(Object<'a>),
    /// Only in the first schema. A dropped table takes all its parts.
    Drop(Object<'a>),
    /// In both, differing in `details` (never empty).
    Alter {
        before: Object<'a>,
        after: Object<'a>,
        details: Vec<Detail>,
    },
}

impl Change<'_> {
    /// The aspects that differ, for an altered object.
    pub fn details(&self) -> &[Detail] {
        match &self.kind {
            ChangeKind::Alter { details, .. } => details,
            _ => &[],
        }
    }

    /// Whether `aspect` is among the differences.
    pub fn alters(&self, aspect: Aspect) -> bool {
        self.details().iter().any(|d| d.aspect == aspect)
    }
}

/// Column renames `to` declares (`renamed_from`) against `from`.
pub fn renames(from: &Schema, to: &Schema) -> Vec<Rename> {
    let mut out = Vec::new();
    for t in &to.tables {
        let Some(before) = from.table(&t.name) else {
            continue;
        };
        for c in &t.columns {
            if let Some(old) = &c.renamed_from
                && before.column(old).is_some()
                && before.column(&c.name).is_none()
            {
                out.push((t.name.clone(), old.clone(), c.name.clone()));
            }
        }
    }
    out
}

/// Every change that turns `from` into `to`, objects in name order, a table's parts after it.
pub fn compare<'a>(from: &'a Schema, to: &'a Schema, renames: &[Rename]) -> Vec<Change<'a>> {
    let mut changes = Changes {
        out: Vec::new(),
        renames,
    };
    changes.matched(
        from.namespaces.iter().map(Object::Schema),
        to.namespaces.iter().map(Object::Schema),
    );
    changes.matched(
        from.extensions.iter().map(Object::Extension),
        to.extensions.iter().map(Object::Extension),
    );
    changes.matched(
        from.enums.iter().map(Object::Enum),
        to.enums.iter().map(Object::Enum),
    );
    changes.matched(
        from.grants.iter().map(Object::Grants),
        to.grants.iter().map(Object::Grants),
    );
    changes.matched(
        from.collations.iter().map(Object::Collation),
        to.collations.iter().map(Object::Collation),
    );
    changes.matched(
        from.composites.iter().map(Object::Composite),
        to.composites.iter().map(Object::Composite),
    );
    changes.matched(
        from.domains.iter().map(Object::Domain),
        to.domains.iter().map(Object::Domain),
    );
    changes.matched(
        from.functions.iter().map(Object::Function),
        to.functions.iter().map(Object::Function),
    );
    changes.matched(
        from.sequences.iter().map(Object::Sequence),
        to.sequences.iter().map(Object::Sequence),
    );
    changes.matched(
        from.tables.iter().map(Object::Table),
        to.tables.iter().map(Object::Table),
    );
    changes.matched(
        from.views.iter().map(Object::View),
        to.views.iter().map(Object::View),
    );
    changes.matched(
        from.seeds.iter().flat_map(seed_rows),
        to.seeds.iter().flat_map(seed_rows),
    );
    changes.out
}

struct Changes<'a, 'r> {
    out: Vec<Change<'a>>,
    renames: &'r [Rename],
}

impl<'a> Changes<'a, '_> {
    /// Pairs two lists of objects by identity: created, dropped, or compared.
    fn matched(
        &mut self,
        before: impl Iterator<Item = Object<'a>>,
        after: impl Iterator<Item = Object<'a>>,
    ) {
        let before: BTreeMap<ObjectId, Object<'a>> = before.map(|o| (o.id(), o)).collect();
        let after: BTreeMap<ObjectId, Object<'a>> = after.map(|o| (o.id(), o)).collect();
        let ids: BTreeSet<&ObjectId> = before.keys().chain(after.keys()).collect();
        for id in ids {
            match (before.get(id), after.get(id)) {
                (Some(&b), Some(&a)) => self.both(id, b, a),
                (None, Some(&a)) => self.push(id.clone(), ChangeKind::Create(a), None),
                (Some(&b), None) => {
                    let loses = loss::of_drop(b);
                    self.push(id.clone(), ChangeKind::Drop(b), loses)
                }
                (None, None) => unreachable!("an id comes from one side"),
            }
        }
    }

    fn push(&mut self, object: ObjectId, kind: ChangeKind<'a>, loses: Option<String>) {
        self.out.push(Change {
            object,
            kind,
            loses,
        });
    }

    fn both(&mut self, id: &ObjectId, before: Object<'a>, after: Object<'a>) {
        // Most objects are unchanged: equal values need no aspect-by-aspect look (and a table
        // equal to itself has equal parts).
        if before.same_as(&after) {
            return;
        }
        let details = detail::between(before, after);
        if !details.is_empty() {
            let loses = loss::of_alter(before, after, &details);
            self.push(
                id.clone(),
                ChangeKind::Alter {
                    before,
                    after,
                    details,
                },
                loses,
            );
        }
        if let (Object::Table(b), Object::Table(a)) = (before, after) {
            self.table_parts(b, a);
        }
    }

    /// The parts of a table in both schemas. Columns are matched through renames: a renamed
    /// column is altered (its name is one of the aspects), not dropped and added. They come in
    /// the second table's order (added columns are appended in it), then the dropped ones.
    fn table_parts(&mut self, before: &'a Table, after: &'a Table) {
        let renamed: BTreeMap<&str, &str> = self
            .renames
            .iter()
            .filter(|(t, _, _)| *t == after.name)
            .map(|(_, old, new)| (new.as_str(), old.as_str()))
            .collect();
        // A renamed column's old name may be taken by a new column in the same change: that
        // one is new, not the renamed one changed.
        let sources: BTreeSet<&str> = renamed.values().copied().collect();
        let mut matched_old: BTreeSet<&str> = BTreeSet::new();
        let mut columns = Vec::new();
        for c in &after.columns {
            let old = match renamed.get(c.name.as_str()) {
                Some(old) => Some(*old),
                None if sources.contains(c.name.as_str()) => None,
                None => Some(c.name.as_str()),
            };
            match old.and_then(|old| before.column(old).map(|col| (old, col))) {
                Some((old_name, old)) => {
                    matched_old.insert(old_name);
                    columns.push((Some(old), Some(c)));
                }
                None => columns.push((None, Some(c))),
            }
        }
        for c in &before.columns {
            if !matched_old.contains(c.name.as_str()) {
                columns.push((Some(c), None));
            }
        }
        for pair in columns {
            match pair {
                (Some(b), Some(a)) if b == a => {}
                (Some(b), Some(a)) => {
                    let (b, a) = (Object::Column(before, b), Object::Column(after, a));
                    let details = detail::between(b, a);
                    if !details.is_empty() {
                        let loses = loss::of_alter(b, a, &details);
                        self.push(
                            a.id(),
                            ChangeKind::Alter {
                                before: b,
                                after: a,
                                details,
                            },
                            loses,
                        );
                    }
                }
                (None, Some(a)) => {
                    let a = Object::Column(after, a);
                    self.push(a.id(), ChangeKind::Create(a), None);
                }
                (Some(b), None) => {
                    let b = Object::Column(before, b);
                    self.push(b.id(), ChangeKind::Drop(b), loss::of_drop(b));
                }
                (None, None) => {}
            }
        }
        let not_columns = |t: &'a Table| {
            table_parts(t)
                .into_iter()
                .filter(|o| !matches!(o, Object::Column(..)))
        };
        self.matched(not_columns(before), not_columns(after));
    }
}
