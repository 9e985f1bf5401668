//! A change set as lines for people: one per created or dropped object, one per aspect of an
//! altered one, in the words of the command that prints them.

use std::fmt;

use super::{Aspect, Change, ChangeKind, ObjectId};

/// What the two sides of a comparison are called.
#[derive(Debug, Clone, Copy)]
pub struct Sides {
    /// The first schema (what the changes start from).
    pub before: &'static str,
    /// The second schema (what the changes lead to).
    pub after: &'static str,
    /// Said of an object only the second schema has.
    pub created: &'static str,
    /// Said of an object only the first schema has.
    pub dropped: &'static str,
    /// Whether a changed aspect names the second side's value first.
    pub after_first: bool,
}

/// `verify`: from the database to the models.
pub const VERIFY: Sides = Sides {
    before: "database",
    after: "models",
    created: "missing",
    dropped: "extra (not in the models)",
    after_first: true,
};

/// `diff --from A --to B`.
pub const DIFF: Sides = Sides {
    before: "from",
    after: "to",
    created: "only in to",
    dropped: "only in from",
    after_first: false,
};

/// One line of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub object: ObjectId,
    pub text: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Text as one line: a control character (a newline, a carriage return) is written as its
/// escape, so a line cannot break and two values that differ only there print differently.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Every change as lines.
pub fn lines(changes: &[Change<'_>], sides: Sides) -> Vec<Difference> {
    let mut out = Vec::new();
    for change in changes {
        let object = &change.object;
        let mut line = |text: String| {
            out.push(Difference {
                object: object.clone(),
                text: one_line(&text),
            })
        };
        match &change.kind {
            ChangeKind::Create(_) => line(format!("{object} {}", sides.created)),
            ChangeKind::Drop(_) => line(format!("{object} {}", sides.dropped)),
            ChangeKind::Alter { details, .. } => {
                for d in details {
                    if d.aspect == Aspect::Body {
                        line(format!("{object}: body differs"));
                        continue;
                    }
                    let label = match d.aspect.label() {
                        "" => String::new(),
                        label => format!("{label} "),
                    };
                    let (first, first_side, second, second_side) = if sides.after_first {
                        (&d.after, sides.after, &d.before, sides.before)
                    } else {
                        (&d.before, sides.before, &d.after, sides.after)
                    };
                    line(format!(
                        "{object}: {label}{first} in {first_side}, {second} in {second_side}"
                    ));
                }
            }
        }
    }
    out
}
