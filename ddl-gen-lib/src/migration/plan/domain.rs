//! Domains in a migration: created before the columns of them, dropped after, and changed in
//! place with `ALTER DOMAIN` (default, `NOT NULL`, checks, comment). A new base type or
//! collation is refused: PostgreSQL cannot alter either.

use model_core::{Domain, QualifiedName};

use super::{Phase, Planner, Step, Unsupported};
use crate::compare::{Aspect, Change, ObjectId};
use crate::graph::domain_of;
use crate::migration::hazard::Hazard;
use crate::render;
use crate::render::alter::Commented;

impl Planner<'_> {
    pub(super) fn create_domain(&mut self, d: &Domain) {
        let id = ObjectId::Domain(d.name.clone());
        self.push(
            Step::sql(
                Phase::Types,
                format!("create {id}"),
                render::create_domain(d),
            )
            .creating([id.clone()]),
        );
        if d.comment.is_some() {
            self.comment(Commented::Domain(&d.name), id, &d.comment);
        }
    }

    pub(super) fn change_domain(
        &mut self,
        b: &Domain,
        d: &Domain,
        change: &Change<'_>,
    ) -> Result<(), Unsupported> {
        let id = ObjectId::Domain(d.name.clone());
        for (aspect, what) in [
            (Aspect::Type, "base type"),
            (Aspect::Collation, "collation"),
        ] {
            if change.alters(aspect) {
                return Err(Unsupported(format!(
                    "{id} changes its {what}, which PostgreSQL cannot alter; declare a domain under a new name, move the columns to it, and drop the old one in a later migration"
                )));
            }
        }
        let alter = |summary: String, sql: String| {
            Step::sql(Phase::Types, summary, sql).altering(id.clone())
        };
        // Checks that go or change are dropped before the rest (a changed one is added again
        // below); the new ones and the new NOT NULL read the rows of every column of the domain.
        for c in &b.checks {
            if d.check_named(&c.name) != Some(c) {
                self.push(alter(
                    format!("drop check {} of {id}", c.name),
                    render::drop_domain_check(&d.name, &c.name),
                ));
            }
        }
        if change.alters(Aspect::Default) {
            self.push(alter(
                format!("set the default of {id}"),
                render::domain_default(d),
            ));
        }
        let scans = self.domain_scans(&b.name);
        let checks_values = (d.not_null && !b.not_null)
            || d.checks.iter().any(|c| b.check_named(&c.name) != Some(c));
        if checks_values {
            self.arrays_of_domain(d)?;
        }
        if change.alters(Aspect::Nullability) {
            let step = alter(
                format!(
                    "{} NOT NULL on {id}",
                    if d.not_null { "set" } else { "drop" }
                ),
                render::domain_not_null(d),
            );
            let hazards = if d.not_null {
                scans.clone()
            } else {
                Vec::new()
            };
            self.push(step.hazards(hazards));
        }
        for c in &d.checks {
            if b.check_named(&c.name) != Some(c) {
                self.push(
                    alter(
                        format!("add check {} to {id}", c.name),
                        render::add_domain_check(&d.name, c),
                    )
                    .hazards(scans.clone()),
                );
            }
        }
        if change.alters(Aspect::Comment) {
            self.comment(Commented::Domain(&d.name), id, &d.comment);
        }
        Ok(())
    }

    /// PostgreSQL cannot check the values of a domain that a column holds an array of: adding
    /// a check or NOT NULL to one fails ("cannot alter type .. because column .. uses it"), so
    /// it is refused here, with the way round, where such a column stays through the migration.
    fn arrays_of_domain(&self, d: &Domain) -> Result<(), Unsupported> {
        let array = format!("{}[]", render::qualified(&d.name));
        for t in &self.old.tables {
            for c in t.columns.iter().filter(|c| c.ty.display_name() == array) {
                let kept = (self.new.table(&t.name).and_then(|n| n.column(&c.name)))
                    .is_some_and(|n| n.ty.display_name() == array);
                if kept {
                    return Err(Unsupported(format!(
                        "domain {} gets a new check or NOT NULL, which PostgreSQL cannot add while column {}.{} holds an array of the domain; make that column an array of the base type ({}[]) in one migration, and change the domain in the next",
                        d.name, t.name, c.name, d.data_type
                    )));
                }
            }
        }
        Ok(())
    }

    /// What checking every value of domain `name` does to a live database: each existing table
    /// with a column of it is read whole, its writes blocked meanwhile.
    fn domain_scans(&self, name: &QualifiedName) -> Vec<Hazard> {
        let mut hazards = Vec::new();
        for t in &self.old.tables {
            if t.columns
                .iter()
                .any(|c| domain_of(&c.ty, self.old) == Some(name))
            {
                hazards.push(Hazard::BlocksWrites(t.name.clone()));
                hazards.push(Hazard::ScansTable(t.name.clone()));
            }
        }
        hazards
    }
}
