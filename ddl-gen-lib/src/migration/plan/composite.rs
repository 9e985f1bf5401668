//! Composite types in a migration: created before what uses them, dropped after, and changed
//! in place with `ALTER TYPE`: attributes added (they go last), dropped (the columns of the type
//! lose what they held) and retyped (only where no column uses the type: PostgreSQL refuses
//! otherwise). An order PostgreSQL cannot reach in place is refused.

use model_core::{Attribute, ColumnType, CompositeType, QualifiedName};

use super::{Phase, Planner, Step, Unsupported};
use crate::compare::{Aspect, Change, ObjectId};
use crate::render;
use crate::render::alter::Commented;

impl Planner<'_> {
    pub(super) fn create_composite(&mut self, c: &CompositeType) {
        let id = ObjectId::Composite(c.name.clone());
        self.push(
            Step::sql(
                Phase::Types,
                format!("create {id}"),
                render::create_composite(c),
            )
            .creating([id.clone()]),
        );
        if c.comment.is_some() {
            self.comment(Commented::Type(&c.name), id, &c.comment);
        }
    }

    pub(super) fn change_composite(
        &mut self,
        b: &CompositeType,
        c: &CompositeType,
        change: &Change<'_>,
    ) -> Result<(), Unsupported> {
        let id = ObjectId::Composite(c.name.clone());
        if change.alters(Aspect::Attributes) {
            self.change_attributes(&id, b, c)?;
        }
        if change.alters(Aspect::Comment) {
            self.comment(Commented::Type(&c.name), id, &c.comment);
        }
        Ok(())
    }

    fn change_attributes(
        &mut self,
        id: &ObjectId,
        b: &CompositeType,
        c: &CompositeType,
    ) -> Result<(), Unsupported> {
        // PostgreSQL adds an attribute last and never moves one: the attributes kept must keep
        // their order, and come before the new ones.
        let kept: Vec<&str> = (b.attributes.iter())
            .map(|a| a.name.as_str())
            .filter(|n| c.attribute_named(n).is_some())
            .collect();
        let leading: Vec<&str> = (c.attributes.iter().take(kept.len()))
            .map(|a| a.name.as_str())
            .collect();
        if kept != leading {
            return Err(Unsupported(format!(
                "{id} changes the order of its attributes (({}) to ({})), which PostgreSQL cannot do in place: it adds an attribute last and never moves one; keep the attributes in their order and add new ones at the end, or declare a type under a new name",
                names(&b.attributes),
                names(&c.attributes)
            )));
        }
        let used_by = self.columns_of_type(&b.name);
        let alter = |summary: String, sql: String| {
            Step::sql(Phase::Types, summary, sql).altering(id.clone())
        };
        for a in &b.attributes {
            match c.attribute_named(&a.name) {
                None => {
                    let loses = (!used_by.is_empty()).then(|| {
                        format!(
                            "the values of attribute {} in {}",
                            a.name,
                            used_by.join(", ")
                        )
                    });
                    self.push(
                        alter(
                            format!("drop attribute {} of {id}", a.name),
                            render::drop_attribute(&c.name, &a.name),
                        )
                        .losing(loses),
                    );
                }
                Some(after) if after != a => {
                    if let Some(column) = used_by.first() {
                        return Err(Unsupported(format!(
                            "attribute {} of {id} changes its type or collation, which PostgreSQL refuses while {column} is of the type (\"cannot alter type .. because column .. uses it\"); add an attribute under a new name and drop the old one, or declare a type under a new name",
                            a.name
                        )));
                    }
                    self.push(alter(
                        format!("alter attribute {} of {id}", a.name),
                        render::alter_attribute(&c.name, after),
                    ));
                }
                Some(_) => {}
            }
        }
        for a in c.attributes.iter().skip(kept.len()) {
            self.push(alter(
                format!("add attribute {} to {id}", a.name),
                render::add_attribute(&c.name, a),
            ));
        }
        Ok(())
    }

    /// The columns of existing tables that hold values of composite type `name` (or arrays of
    /// it), as `column t.c`: what changing the type reaches.
    fn columns_of_type(&self, name: &QualifiedName) -> Vec<String> {
        let spelled = render::qualified(name);
        let mut out = Vec::new();
        for t in &self.old.tables {
            for col in &t.columns {
                if let ColumnType::Raw(ty) | ColumnType::Builtin(ty) = &col.ty
                    && ty.trim_end_matches("[]") == spelled
                {
                    out.push(format!("column {}.{}", t.name, col.name));
                }
            }
        }
        out
    }
}

fn names(attributes: &[Attribute]) -> String {
    let names: Vec<&str> = attributes.iter().map(|a| a.name.as_str()).collect();
    names.join(", ")
}
