//! Grants in a migration: privileges granted once their object exists, and taken back with
//! `REVOKE` while it still does (an object dropped takes its grants with it). A view or function
//! made again gets its grants again.

use std::collections::BTreeMap;

use model_core::{Grant, GrantOn, ObjectGrants, Privilege, Schema};

use super::{Phase, Planner, Step};
use crate::compare::ObjectId;
use crate::render;

/// Each privilege a role holds on one object, with whether it holds the grant option.
type Held<'a> = BTreeMap<&'a str, BTreeMap<Privilege, bool>>;

fn held(grants: &[Grant]) -> Held<'_> {
    let mut out: Held = BTreeMap::new();
    for g in grants {
        let privileges = out.entry(g.role.as_str()).or_default();
        for p in &g.privileges {
            *privileges.entry(*p).or_default() |= g.with_grant_option;
        }
    }
    out
}

/// The object a grant is on, as the plan's steps name it.
fn target(on: &GrantOn, schema: &Schema) -> ObjectId {
    match on {
        GrantOn::Schema(s) => ObjectId::Schema(s.clone()),
        GrantOn::Table(q) if schema.view(q).is_some() => ObjectId::View(q.clone()),
        GrantOn::Table(q) => ObjectId::Table(q.clone()),
        GrantOn::Sequence(q) => ObjectId::Sequence(q.clone()),
        GrantOn::Function(q, args) => ObjectId::Function(q.clone(), args.clone()),
    }
}

impl Planner<'_> {
    pub(super) fn create_grants(&mut self, g: &ObjectGrants) {
        for grant in &g.grants {
            self.grant(
                &g.on,
                &grant.role,
                &grant.privileges,
                grant.with_grant_option,
            );
        }
    }

    /// The grants on an object made again (a view, a function): PostgreSQL dropped them with
    /// it.
    pub(super) fn grants_again(&mut self, on: &GrantOn) {
        if let Some(g) = self.new.grants_on(on) {
            self.create_grants(g);
        }
    }

    /// `REVOKE`, where the object stays; one that goes takes its grants along.
    pub(super) fn drop_grants(&mut self, g: &ObjectGrants) {
        if !self.new.holds(&g.on) {
            return;
        }
        for grant in &g.grants {
            self.revoke(&g.on, &grant.role, &grant.privileges, false);
        }
    }

    /// Privileges taken back (or their grant option), then privileges granted (or their grant
    /// option), role by role.
    pub(super) fn change_grants(&mut self, b: &ObjectGrants, a: &ObjectGrants) {
        let (before, after) = (held(&b.grants), held(&a.grants));
        let none = BTreeMap::new();
        for (role, had) in &before {
            let has = after.get(role).unwrap_or(&none);
            let gone: Vec<Privilege> = (had.keys())
                .filter(|p| !has.contains_key(p))
                .copied()
                .collect();
            let option_gone: Vec<Privilege> = (had.iter())
                .filter(|(p, option)| **option && has.get(p) == Some(&false))
                .map(|(p, _)| *p)
                .collect();
            if !gone.is_empty() {
                self.revoke(&a.on, role, &gone, false);
            }
            if !option_gone.is_empty() {
                self.revoke(&a.on, role, &option_gone, true);
            }
        }
        for (role, has) in &after {
            let had = before.get(role).unwrap_or(&none);
            for option in [false, true] {
                let new: Vec<Privilege> = (has.iter())
                    .filter(|(p, o)| **o == option && had.get(p).is_none_or(|was| !was && option))
                    .map(|(p, _)| *p)
                    .collect();
                if !new.is_empty() {
                    self.grant(&a.on, role, &new, option);
                }
            }
        }
    }

    fn grant(&mut self, on: &GrantOn, role: &str, privileges: &[Privilege], option: bool) {
        let step = Step::sql(
            Phase::Grants,
            format!("grant {} on {on} to {role}", words(privileges)),
            render::grant_privileges(on, role, privileges, option),
        );
        let id = ObjectId::Grants(on.clone());
        let on_object = target(on, self.new);
        self.push(step.creating([id]).requiring([on_object]));
    }

    fn revoke(&mut self, on: &GrantOn, role: &str, privileges: &[Privilege], option_only: bool) {
        let what = if option_only {
            "the grant option for "
        } else {
            ""
        };
        let step = Step::sql(
            Phase::Revokes,
            format!("revoke {what}{} on {on} from {role}", words(privileges)),
            render::revoke_privileges(on, role, privileges, option_only),
        );
        let on_object = target(on, self.old);
        self.push(step.using([on_object]));
    }
}

fn words(privileges: &[Privilege]) -> String {
    let words: Vec<&str> = privileges.iter().map(|p| p.as_sql()).collect();
    words.join(", ")
}
