//! What a change loses: rows, values, or values that no longer fit.

use model_core::ColumnType;

use super::detail::{Aspect, Detail};
use super::object::Object;

/// What dropping `object` loses.
pub(super) fn of_drop(object: Object<'_>) -> Option<String> {
    match object {
        Object::Table(_) | Object::Partition(..) => Some("every row in it".to_owned()),
        Object::Column(..) => Some("its values".to_owned()),
        Object::SeedRow(..) => {
            Some("the row, and the rows that reference it ON DELETE CASCADE".to_owned())
        }
        _ => None,
    }
}

/// What altering `before` into `after` loses: values that do not fit a narrower type, rows
/// holding enum values that go away.
pub(super) fn of_alter(
    before: Object<'_>,
    after: Object<'_>,
    details: &[Detail],
) -> Option<String> {
    let changes = |aspect| details.iter().any(|d: &Detail| d.aspect == aspect);
    match (before, after) {
        (Object::Column(_, b), Object::Column(_, a)) if changes(Aspect::Type) => {
            (!widens(&b.ty, &a.ty))
                .then(|| format!("values that do not fit {}", a.ty.display_name()))
        }
        (Object::Enum(b), Object::Enum(a)) => {
            let removed: Vec<String> = b
                .values
                .iter()
                .filter(|v| !a.values.contains(v))
                .map(|v| format!("'{v}'"))
                .collect();
            (!removed.is_empty()).then(|| {
                format!(
                    "values {}: rows holding them make the migration fail",
                    removed.join(", ")
                )
            })
        }
        _ => None,
    }
}

/// Whether every value of `from` fits `to` unchanged.
pub fn widens(from: &ColumnType, to: &ColumnType) -> bool {
    let (ColumnType::Builtin(a), ColumnType::Builtin(b)) = (from, to) else {
        return false;
    };
    let int_rank = |t: &str| match t {
        "smallint" => Some(1),
        "integer" => Some(2),
        "bigint" => Some(3),
        _ => None,
    };
    // PostgreSQL 15 allows a scale above the precision, and a negative one: `numeric(3,5)`.
    let numeric = |t: &str| -> Option<Option<(i32, i32)>> {
        if t == "numeric" {
            return Some(None);
        }
        let inner = t.strip_prefix("numeric(")?.strip_suffix(')')?;
        let (p, s) = inner.split_once(',')?;
        Some(Some((p.trim().parse().ok()?, s.trim().parse().ok()?)))
    };
    let varchar = |t: &str| -> Option<Option<u32>> {
        if t == "character varying" {
            return Some(None);
        }
        Some(Some(
            t.strip_prefix("character varying(")?
                .strip_suffix(')')?
                .parse()
                .ok()?,
        ))
    };
    match (int_rank(a), int_rank(b)) {
        (Some(x), Some(y)) => return x <= y,
        (Some(_), None) => return numeric(b) == Some(None) || b == "text",
        _ => {}
    }
    if let (Some(x), Some(y)) = (numeric(a), numeric(b)) {
        return match (x, y) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some((p1, s1)), Some((p2, s2))) => s2 >= s1 && p2 - s2 >= p1 - s1,
        };
    }
    if b == "text" {
        return varchar(a).is_some() || a.starts_with("character(");
    }
    if let (Some(x), Some(y)) = (varchar(a), varchar(b)) {
        return match (x, y) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(n), Some(m)) => m >= n,
        };
    }
    matches!(
        (a.as_str(), b.as_str()),
        ("real", "double precision") | ("timestamp without time zone", "timestamp with time zone")
    )
}

#[cfg(test)]
mod tests {
    use super::widens;
    use model_core::ColumnType;

    fn w(a: &str, b: &str) -> bool {
        widens(&ColumnType::builtin(a), &ColumnType::builtin(b))
    }

    #[test]
    fn knows_which_type_changes_keep_every_value() {
        assert!(w("integer", "bigint") && !w("bigint", "integer"));
        assert!(
            w("numeric(12,2)", "numeric(14,2)")
                && w("numeric(12,2)", "numeric")
                && w("numeric(10,2)", "numeric(12,4)")
        );
        assert!(w("numeric(3,5)", "numeric(4,5)") && !w("numeric(3,5)", "numeric(3,4)"));
        assert!(w("numeric(3,-2)", "numeric(5,0)") && !w("numeric(5,0)", "numeric(3,-2)"));
        assert!(
            !w("numeric(12,2)", "numeric(10,2)")
                && !w("numeric(12,2)", "numeric(12,1)")
                && !w("numeric", "numeric(12,2)")
        );
        assert!(
            w("character varying(10)", "character varying(20)")
                && w("character varying(10)", "text")
        );
        assert!(
            !w("text", "character varying(20)")
                && !w("character varying(20)", "character varying(10)")
        );
        assert!(!w("text", "integer") && w("integer", "text"));
    }
}
