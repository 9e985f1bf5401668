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

/// The condition of `WHEN (..)` in a `CREATE TRIGGER` as `pg_get_triggerdef` prints it, without
/// its parentheses; `None` when it has none. Quoted names and string literals (`'..'`, `E'..'`,
/// `".."`) are skipped whole, so a name or an argument holding `WHEN (` is not taken for it.
pub fn trigger_condition(definition: &str) -> Option<String> {
    let bytes = definition.as_bytes();
    let mut depth = 0usize;
    let mut start = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'\'' | b'"') => {
                let escapes = quote == b'\'' && i > 0 && bytes[i - 1].eq_ignore_ascii_case(&b'e');
                i += 1;
                while i < bytes.len() {
                    if escapes && bytes[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if bytes[i] == quote {
                        // A doubled quote is one quote inside.
                        if bytes.get(i + 1) == Some(&quote) {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
            }
            b'(' => {
                if depth == 0 && start.is_none() && ends_with_when(&definition[..i]) {
                    start = Some(i + 1);
                }
                depth += 1;
            }
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0
                    && let Some(s) = start
                {
                    return Some(definition[s..i].to_owned());
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Whether `before` ends with the word `WHEN` and white space.
fn ends_with_when(before: &str) -> bool {
    let trimmed = before.trim_end();
    trimmed.len() < before.len()
        && trimmed.len() >= 4
        && trimmed[trimmed.len() - 4..].eq_ignore_ascii_case("when")
        && !trimmed[..trimmed.len() - 4]
            .chars()
            .next_back()
            .is_some_and(word_char)
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

    #[test]
    fn a_trigger_s_condition_is_found_past_quoted_names_and_arguments() {
        let plain = "CREATE TRIGGER t BEFORE UPDATE ON s.x FOR EACH ROW WHEN ((old.a IS DISTINCT FROM new.a)) EXECUTE FUNCTION f('when (')";
        assert_eq!(
            trigger_condition(plain).as_deref(),
            Some("(old.a IS DISTINCT FROM new.a)")
        );
        let tricky = r#"CREATE TRIGGER "when (x" AFTER INSERT ON s."WHEN (" FOR EACH ROW WHEN ((new.b <> 'a)'' WHEN (')) EXECUTE FUNCTION f(E'\' WHEN (')"#;
        assert_eq!(
            trigger_condition(tricky).as_deref(),
            Some("(new.b <> 'a)'' WHEN (')")
        );
        assert_eq!(
            trigger_condition(
                "CREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW EXECUTE FUNCTION f('WHEN (1)')"
            ),
            None
        );
    }
}
