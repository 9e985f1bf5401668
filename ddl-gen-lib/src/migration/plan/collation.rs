//! Collations in a migration: created before what sorts by them, dropped after. PostgreSQL
//! alters none of a collation's options, so a changed one is dropped and created again, which
//! it refuses while anything collates by it: that is refused here first, with the way round.

use model_core::Collation;

use super::{Phase, Planner, Step, Unsupported};
use crate::compare::{Aspect, Change, ObjectId};
use crate::render;
use crate::render::alter::Commented;

impl Planner<'_> {
    pub(super) fn create_collation(&mut self, c: &Collation) {
        let id = ObjectId::Collation(c.name.clone());
        self.push(
            Step::sql(
                Phase::Types,
                format!("create {id}"),
                render::create_collation(c),
            )
            .creating([id.clone()]),
        );
        if c.comment.is_some() {
            self.comment(Commented::Collation(&c.name), id, &c.comment);
        }
    }

    pub(super) fn change_collation(
        &mut self,
        b: &Collation,
        c: &Collation,
        change: &Change<'_>,
    ) -> Result<(), Unsupported> {
        let id = ObjectId::Collation(c.name.clone());
        if change.alters(Aspect::Options) {
            let users: Vec<String> = (self.old.collation_users().into_iter())
                .filter(|(_, q)| **q == b.name)
                .map(|(user, _)| user)
                .collect();
            if let Some(user) = users.first() {
                return Err(Unsupported(format!(
                    "{id} changes ({}) to ({}), which PostgreSQL cannot do in place, and it cannot drop a collation {user} collates by{}; declare a collation under a new name, move what collates by this one to it, and drop this one in a later migration",
                    render::collation_options(b),
                    render::collation_options(c),
                    match users.len() {
                        1 => String::new(),
                        n => format!(" ({} more use it)", n - 1),
                    }
                )));
            }
            self.push(
                Step::sql(
                    Phase::DropConstraintsAndIndexes,
                    format!("drop {id} to create it again"),
                    render::drop_collation(&b.name),
                )
                .dropping([id.clone()]),
            );
            self.create_collation(c);
        } else if change.alters(Aspect::Comment) {
            self.comment(Commented::Collation(&c.name), id, &c.comment);
        }
        Ok(())
    }
}
