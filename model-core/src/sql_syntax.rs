//! PostgreSQL's own parser, offline (libpg_query, the grammar of PostgreSQL 15): raw SQL written
//! in the models is checked at `build()`, and generated statements before a migration is written.
//!
//! Only syntax is checked: a misspelt column or an unknown function parses, and is PostgreSQL's
//! to reject when the DDL is applied.

use std::ffi::{CStr, CString, c_char};

/// Why PostgreSQL's parser refused a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The parser's words, such as `syntax error at or near ")"`.
    pub message: String,
    /// Byte offset in the text where the parser stopped, when it says.
    pub offset: Option<usize>,
}

/// Parses `sql` (one or more statements) and returns the parse tree as JSON.
pub fn parse(sql: &str) -> Result<serde_json::Value, ParseError> {
    let text = CString::new(sql).map_err(|e| ParseError {
        message: "the text holds a NUL byte".to_owned(),
        offset: Some(e.nul_position()),
    })?;
    // SAFETY: `text` is a NUL-terminated string that outlives the call. The result's pointers are
    // either null or NUL-terminated strings owned by the result, read before it is freed once.
    unsafe {
        let result = libpg_query2_sys::pg_query_parse(text.as_ptr());
        let outcome = if result.error.is_null() {
            let tree = owned(result.parse_tree);
            serde_json::from_str(&tree).map_err(|e| ParseError {
                message: format!("the parser's tree could not be read: {e}"),
                offset: None,
            })
        } else {
            let error = &*result.error;
            let at = usize::try_from(error.cursorpos).unwrap_or(0);
            Err(ParseError {
                message: owned(error.message),
                offset: at.checked_sub(1),
            })
        };
        libpg_query2_sys::pg_query_free_parse_result(result);
        outcome
    }
}

/// # Safety
/// `p` is null or a NUL-terminated string.
unsafe fn owned(p: *const c_char) -> String {
    if p.is_null() {
        String::new()
    } else {
        // SAFETY: guaranteed by the caller.
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }
}

/// What a raw fragment must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fragment {
    /// One value expression: a check, a default, a generated column, an index key or predicate.
    Expression,
    /// One type name: `numeric(12,2)`, `text[]`, `geometry(Point, 4326)`.
    Type,
}

impl Fragment {
    fn noun(self) -> &'static str {
        match self {
            Self::Expression => "expression",
            Self::Type => "type",
        }
    }

    /// The fragment inside the smallest statement that gives it its meaning.
    fn wrap(self) -> (&'static str, &'static str) {
        match self {
            Self::Expression => ("SELECT (", ")"),
            Self::Type => ("SELECT CAST(NULL AS ", ")"),
        }
    }
}

/// Checks that `text` is exactly one `kind`: it parses, and nothing in it closes the parentheses
/// it is rendered in to add a clause or a statement. The error reads as a sentence naming the
/// text and where in it the parser stopped.
pub fn check_fragment(kind: Fragment, text: &str) -> Result<(), String> {
    let (before, after) = kind.wrap();
    let wrapped = format!("{before}{text}{after}");
    let noun = kind.noun();
    let tree = parse(&wrapped).map_err(|e| {
        let at = e.offset.map(|o| o.saturating_sub(before.len()));
        // The parser's "at or near <token>" may quote the wrapper's own text: say where instead.
        let words = e.message.split(" at or near ").next().unwrap_or_default();
        let words = words.trim_end_matches(" at end of input");
        match at {
            Some(at) if at < text.len() && text.is_char_boundary(at) => format!(
                "PostgreSQL's parser says {words} at character {} of the {noun} {text:?}",
                text[..at].chars().count() + 1
            ),
            Some(_) if words == "syntax error" => {
                format!("PostgreSQL's parser finds the {noun} {text:?} incomplete (syntax error at its end)")
            }
            _ => format!("PostgreSQL's parser says {words} in the {noun} {text:?}"),
        }
    })?;
    if one_target(&tree, kind) {
        Ok(())
    } else {
        Err(format!(
            "the {noun} {text:?} is not one {noun}: it closes the parentheses it is written in (or ends the statement) and adds SQL of its own"
        ))
    }
}

/// The tree of `SELECT <one target>` and nothing else (no alias, no other clause, one statement).
fn one_target(tree: &serde_json::Value, kind: Fragment) -> bool {
    let Some([stmt]) = tree["stmts"].as_array().map(Vec::as_slice) else {
        return false;
    };
    let Some(select) = stmt["stmt"]["SelectStmt"].as_object() else {
        return false;
    };
    let plain = select.iter().all(|(key, value)| match key.as_str() {
        "targetList" => true,
        "limitOption" => value == "LIMIT_OPTION_DEFAULT",
        "op" => value == "SETOP_NONE",
        _ => false,
    });
    let Some([target]) = select
        .get("targetList")
        .and_then(|t| t.as_array())
        .map(Vec::as_slice)
    else {
        return false;
    };
    let target = &target["ResTarget"];
    let bare = target.get("name").is_none() && target.get("indirection").is_none();
    let shaped = match kind {
        Fragment::Expression => true,
        Fragment::Type => target["val"].get("TypeCast").is_some(),
    };
    plain && bare && shaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_parse_or_say_where_they_stop() {
        assert_eq!(
            check_fragment(Fragment::Expression, "a > 0 AND b IS NOT NULL"),
            Ok(())
        );
        assert_eq!(check_fragment(Fragment::Expression, "lower(email)"), Ok(()));
        let end = check_fragment(Fragment::Expression, "due_date >").unwrap_err();
        assert!(end.contains("incomplete"), "{end}");
        let inside = check_fragment(Fragment::Expression, "a >> > b").unwrap_err();
        assert!(inside.contains("at character 6"), "{inside}");
        let comment = check_fragment(Fragment::Expression, "a > 0 -- positive").unwrap_err();
        assert!(comment.contains("incomplete"), "{comment}");
    }

    #[test]
    fn a_fragment_cannot_escape_its_parentheses() {
        for escape in [
            "a) , (b",
            "1) FROM (pg_class",
            "1); DROP TABLE t; SELECT (1",
            "1) UNION SELECT (2",
            "1) AS (x",
        ] {
            let e = check_fragment(Fragment::Expression, escape).unwrap_err();
            assert!(
                e.contains("not one expression") || e.contains("parser"),
                "{escape}: {e}"
            );
        }
        let e = check_fragment(Fragment::Type, "int) , (1").unwrap_err();
        assert!(e.contains("not one type"), "{e}");
    }

    #[test]
    fn types_parse() {
        for ty in [
            "numeric(12,2)",
            "text[]",
            "geometry(Point, 4326)",
            "timestamp with time zone",
        ] {
            assert_eq!(check_fragment(Fragment::Type, ty), Ok(()), "{ty}");
        }
        assert!(check_fragment(Fragment::Type, "numeric(").is_err());
        assert!(check_fragment(Fragment::Type, "1 + 1").is_err());
    }

    #[test]
    fn a_nul_byte_is_refused() {
        assert!(parse("SELECT 1\0").is_err());
    }
}
