//! Plain scans of SQL text for the names it may use, without parsing: what the dependency graph
//! needs to order a statement after what it might name. A scan may find a name where the SQL
//! does not use it (in a string, say); that only orders more than needed.

/// Whether `c` can be part of an unquoted SQL name.
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// Whether `sql` names `name` as a word, in any case (or, for a name that is no plain word,
/// holds it anywhere).
pub fn names_word(sql: &str, name: &str) -> bool {
    let sql = sql.to_lowercase();
    let name = name.to_lowercase();
    sql.split(|c: char| !word_char(c)).any(|w| w == name)
        // A quoted name with a space or a sign in it is not one word.
        || (!name.chars().all(word_char) && sql.contains(&name))
}

/// Whether `sql` may call a function named `name`: the name as a word (or quoted), then `(`.
pub fn calls(sql: &str, name: &str) -> bool {
    let lower = sql.to_lowercase();
    let name = name.to_lowercase();
    lower.match_indices(&name).any(|(at, _)| {
        let before = lower[..at].chars().next_back();
        let after = lower[at + name.len()..]
            .trim_start_matches('"')
            .trim_start();
        !before.is_some_and(word_char) && after.starts_with('(')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_calls() {
        assert!(names_word("SELECT Price FROM t", "price"));
        assert!(!names_word("SELECT price_cents FROM t", "price"));
        assert!(names_word("SELECT \"unit price\" FROM t", "unit price"));
        assert!(calls("shop.search_products('x')", "search_products"));
        assert!(calls("\"shop\".\"Search\" (1)", "search"));
        assert!(calls("now() - x", "now"));
        assert!(!calls("my_now() - x", "now"));
        assert!(!calls("SELECT search FROM t", "search"));
    }
}
