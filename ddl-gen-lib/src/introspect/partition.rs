//! Partitioning as the catalogs print it, read back into the model: `pg_get_partkeydef`'s
//! `RANGE (at, lower(name))` and `pg_get_expr(relpartbound)`'s `FOR VALUES FROM (..) TO (..)`.
//! What PostgreSQL prints there is a small grammar of its own: lists of literals and
//! expressions, split here at the commas outside quotes and parentheses.

use model_core::{PartitionBound, PartitionBy, PartitionKey, PartitionStrategy};

use crate::render::ident;

/// `text` split at its commas outside quotes and parentheses, each part trimmed.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut start) = (0usize, None::<char>, 0);
    for (i, ch) in text.char_indices() {
        match (quote, ch) {
            // A doubled quote inside a literal closes and reopens it: the same state after.
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(ch),
            (None, '(') => depth += 1,
            (None, ')') => depth = depth.saturating_sub(1),
            (None, ',') if depth == 0 => {
                parts.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(text[start..].trim());
    parts
}

/// Where the parenthesis opening at byte `open` of `text` closes.
fn closing(text: &str, open: usize) -> Option<usize> {
    let (mut depth, mut quote) = (0usize, None::<char>);
    for (i, ch) in text[open..].char_indices() {
        match (quote, ch) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(ch),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The text inside `(..)` at the start of `text` (after `prefix`), and what follows it.
fn parenthesized<'t>(text: &'t str, prefix: &str) -> Option<(&'t str, &'t str)> {
    let rest = text.strip_prefix(prefix)?;
    let offset = text.len() - rest.len();
    if !rest.starts_with('(') {
        return None;
    }
    let close = closing(text, offset)?;
    Some((&text[offset + 1..close], &text[close + 1..]))
}

/// A partitioned table's key from `pg_get_partkeydef` and the key's column numbers turned to
/// names (`None` for an expression). `Err` names what the model does not hold (an operator
/// class or a collation of the key's own).
pub fn key(def: &str, columns: &[Option<String>]) -> Result<PartitionBy, String> {
    let (word, rest) = def.split_once(' ').ok_or_else(|| def.to_owned())?;
    let strategy = PartitionStrategy::from_sql(word).ok_or_else(|| def.to_owned())?;
    let (inside, after) = parenthesized(rest, "").ok_or_else(|| def.to_owned())?;
    let elements = split_top_level(inside);
    if !after.trim().is_empty() || elements.len() != columns.len() {
        return Err(def.to_owned());
    }
    let mut key = Vec::new();
    for (element, column) in elements.into_iter().zip(columns) {
        match column {
            // Printed as its quoted name, unless it has a collation or operator class.
            Some(name) if element == ident(name) => key.push(PartitionKey::Column(name.clone())),
            Some(_) => return Err(def.to_owned()),
            None => {
                // `(a + 1)` or `lower(name)`, then nothing (no COLLATE, no operator class).
                let open = if element.starts_with('(') {
                    0
                } else {
                    element.find('(').ok_or_else(|| def.to_owned())?
                };
                let close = closing(element, open).ok_or_else(|| def.to_owned())?;
                if close + 1 != element.len() {
                    return Err(def.to_owned());
                }
                let expr = if open == 0 {
                    &element[1..close]
                } else {
                    element
                };
                key.push(PartitionKey::Expression(expr.to_owned()));
            }
        }
    }
    Ok(PartitionBy { strategy, key })
}

/// A partition's bound from `pg_get_expr(relpartbound, ..)`; `None` where the text is not one
/// PostgreSQL prints.
pub fn bound(text: &str) -> Option<PartitionBound> {
    if text == "DEFAULT" {
        return Some(PartitionBound::Default);
    }
    let values = text.strip_prefix("FOR VALUES ")?;
    let list = |inside: &str| -> Vec<String> {
        split_top_level(inside)
            .into_iter()
            .map(str::to_owned)
            .collect()
    };
    if let Some((from, rest)) = parenthesized(values, "FROM ") {
        let (to, rest) = parenthesized(rest, " TO ")?;
        return rest.is_empty().then(|| PartitionBound::Range {
            from: list(from),
            to: list(to),
        });
    }
    if let Some((inside, rest)) = parenthesized(values, "IN ") {
        return rest.is_empty().then(|| PartitionBound::List(list(inside)));
    }
    let (inside, rest) = parenthesized(values, "WITH ")?;
    let parts = split_top_level(inside);
    let [modulus, remainder] = parts.as_slice() else {
        return None;
    };
    let number = |part: &str, word: &str| part.strip_prefix(word)?.trim().parse::<u32>().ok();
    Some(PartitionBound::Hash {
        modulus: number(modulus, "modulus ")?,
        remainder: number(remainder, "remainder ")?,
    })
    .filter(|_| rest.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(items: &[&str]) -> Vec<String> {
        items.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn bounds_read_back_as_postgresql_prints_them() {
        assert_eq!(bound("DEFAULT"), Some(PartitionBound::Default));
        assert_eq!(
            bound("FOR VALUES FROM (MINVALUE, 'a,b') TO (10, 'it''s (x)')"),
            Some(PartitionBound::Range {
                from: s(&["MINVALUE", "'a,b'"]),
                to: s(&["10", "'it''s (x)'"]),
            })
        );
        assert_eq!(
            bound("FOR VALUES IN ('a', NULL, 'it''s')"),
            Some(PartitionBound::List(s(&["'a'", "NULL", "'it''s'"])))
        );
        assert_eq!(
            bound("FOR VALUES WITH (modulus 4, remainder 3)"),
            Some(PartitionBound::Hash {
                modulus: 4,
                remainder: 3
            })
        );
        assert_eq!(bound("FOR VALUES IN ('a') AND MORE"), None);
        assert_eq!(bound("something else"), None);
    }

    #[test]
    fn keys_read_back_and_refuse_what_the_model_does_not_hold() {
        let at = [Some("at".to_owned())];
        assert_eq!(key("RANGE (at)", &at), Ok(PartitionBy::range(["at"])));
        assert_eq!(
            key(r#"LIST ("Region")"#, &[Some("Region".to_owned())]),
            Ok(PartitionBy::list("Region"))
        );
        let exprs = key("RANGE (((a + 1)), lower(b))", &[None, None]).unwrap();
        assert_eq!(
            exprs.key,
            vec![
                PartitionKey::Expression("(a + 1)".to_owned()),
                PartitionKey::Expression("lower(b)".to_owned())
            ]
        );
        assert!(key(r#"RANGE (b COLLATE "C")"#, &[Some("b".to_owned())]).is_err());
        assert!(key("HASH (lower(b) text_pattern_ops)", &[None]).is_err());
        assert!(key("RANGE (at)", &[None, None]).is_err());
    }
}
