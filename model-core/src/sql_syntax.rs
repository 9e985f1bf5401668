//! PostgreSQL's own parser, offline (libpg_query, the grammar of PostgreSQL 15): raw SQL written
//! in the models is checked at `build()`, and generated statements before a migration is written.
//!
//! Only syntax is checked: a misspelt column or an unknown function parses, and is PostgreSQL's
//! to reject when the DDL is applied.

use std::ffi::{CStr, CString, c_char};

use serde_json::Value;

/// Why PostgreSQL's parser refused a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The parser's words, such as `syntax error at or near ")"`.
    pub message: String,
    /// Byte offset in the text where the parser stopped, when it says.
    pub offset: Option<usize>,
}

/// Parses `sql` (one or more statements) and returns the parse tree as JSON.
pub fn parse(sql: &str) -> Result<Value, ParseError> {
    let tree = parse_tree(sql)?;
    serde_json::from_str(&tree).map_err(|e| ParseError {
        message: format!("the parser's tree could not be read: {e}"),
        offset: None,
    })
}

/// Whether `sql` (one or more statements) parses, without reading the tree back.
pub fn check_statements(sql: &str) -> Result<(), ParseError> {
    parse_tree(sql).map(drop)
}

/// The parse tree as libpg_query writes it (JSON text).
fn parse_tree(sql: &str) -> Result<String, ParseError> {
    let text = CString::new(sql).map_err(|e| ParseError {
        message: "the text holds a NUL byte".to_owned(),
        offset: Some(e.nul_position()),
    })?;
    // SAFETY: `text` is a NUL-terminated string that outlives the call. The result's pointers are
    // either null or NUL-terminated strings owned by the result, read before it is freed once.
    unsafe {
        let result = libpg_query2_sys::pg_query_parse(text.as_ptr());
        let outcome = if result.error.is_null() {
            Ok(owned(result.parse_tree))
        } else {
            let error = &*result.error;
            // PostgreSQL counts the position in letters, from 1.
            let at = usize::try_from(error.cursorpos).unwrap_or(0);
            let at = at.checked_sub(1).map(|letters| byte_offset(sql, letters));
            Err(ParseError {
                message: owned(error.message),
                offset: at,
            })
        };
        libpg_query2_sys::pg_query_free_parse_result(result);
        outcome
    }
}

/// Where the letter numbered `letters` (from 0) starts in `text`; its end past the last.
fn byte_offset(text: &str, letters: usize) -> usize {
    text.char_indices()
        .nth(letters)
        .map_or(text.len(), |(b, _)| b)
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

/// Where a raw fragment goes in the DDL, which says what it must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fragment {
    /// A CHECK's boolean expression.
    Check,
    /// A column's default.
    Default,
    /// A generated column's expression.
    Generated,
    /// A column's type: `numeric(12,2)`, `text[]`, `geometry(Point, 4326)`.
    Type,
    /// An index key expression.
    IndexExpression,
    /// A partial index's predicate.
    Predicate,
    /// A trigger's `WHEN (..)` condition.
    TriggerCondition,
    /// A policy's `USING (..)` or `WITH CHECK (..)` expression.
    PolicyExpression,
    /// An expression of a partition key.
    PartitionKey,
    /// One value of a partition's bound.
    PartitionValue,
}

impl Fragment {
    fn noun(self) -> &'static str {
        match self {
            Self::Type => "type",
            _ => "expression",
        }
    }

    /// The fragment inside a statement that gives it the place the renderer gives it, followed
    /// by an element and a statement of our own: a fragment that closes a parenthesis, ends the
    /// statement or opens a comment loses them, and is refused.
    fn wrap(self) -> (&'static str, &'static str) {
        match self {
            Self::Check => ("CREATE TABLE t (CHECK (", "), d int); SELECT 1"),
            Self::Default => ("CREATE TABLE t (c int DEFAULT ", ", d int); SELECT 1"),
            Self::Generated => (
                "CREATE TABLE t (c int GENERATED ALWAYS AS (",
                ") STORED, d int); SELECT 1",
            ),
            Self::Type => ("CREATE TABLE t (c ", ", d int); SELECT 1"),
            Self::IndexExpression => ("CREATE INDEX i ON t ((", "), d); SELECT 1"),
            Self::Predicate => ("CREATE INDEX i ON t (d) WHERE ", "; SELECT 1"),
            Self::TriggerCondition => (
                "CREATE TRIGGER g BEFORE UPDATE ON t FOR EACH ROW WHEN (",
                ") EXECUTE FUNCTION f(); SELECT 1",
            ),
            Self::PolicyExpression => {
                ("CREATE POLICY p ON t USING (", ") WITH CHECK (d); SELECT 1")
            }
            Self::PartitionKey => (
                "CREATE TABLE t (c int) PARTITION BY RANGE ((",
                "), d); SELECT 1",
            ),
            Self::PartitionValue => (
                "CREATE TABLE t PARTITION OF p FOR VALUES IN (",
                ", d); SELECT 1",
            ),
        }
    }
}

/// Checks that `text` is exactly one `kind`: it parses where the renderer puts it, and adds no
/// clause, element or statement of its own. The error reads as a sentence naming the text and
/// where in it the parser stopped.
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
    if shaped(&tree, kind).is_some() {
        Ok(())
    } else {
        Err(format!(
            "the {noun} {text:?} is not one {noun}: it closes what it is written in, ends the statement or comments out what follows"
        ))
    }
}

/// `Some` when the tree is the wrapper's, with the fragment in its place and nothing else.
fn shaped(tree: &Value, kind: Fragment) -> Option<()> {
    let [first, second] = tree.get("stmts")?.as_array()?.as_slice() else {
        return None;
    };
    second.get("stmt")?.get("SelectStmt")?;
    let stmt = first.get("stmt")?;
    let column_d = |e: &Value| {
        let d = e.get("ColumnDef")?;
        (d.get("colname")? == "d" && d.get("constraints").is_none()).then_some(())
    };
    let only_constraint = |e: &Value, contype: &str| {
        let c = e.get("ColumnDef")?;
        let [constraint] = c.get("constraints")?.as_array()?.as_slice() else {
            return None;
        };
        (c.get("colname")? == "c" && constraint.get("Constraint")?.get("contype")? == contype)
            .then_some(())
    };
    match kind {
        Fragment::Check | Fragment::Default | Fragment::Generated | Fragment::Type => {
            let create = stmt.get("CreateStmt")?.as_object()?;
            let plain = create
                .keys()
                .all(|k| matches!(k.as_str(), "relation" | "tableElts" | "oncommit"));
            let [element, last] = create.get("tableElts")?.as_array()?.as_slice() else {
                return None;
            };
            column_d(last)?;
            match kind {
                Fragment::Check => {
                    (element.get("Constraint")?.get("contype")? == "CONSTR_CHECK").then_some(())?
                }
                Fragment::Default => only_constraint(element, "CONSTR_DEFAULT")?,
                Fragment::Generated => only_constraint(element, "CONSTR_GENERATED")?,
                _ => {
                    let c = element.get("ColumnDef")?;
                    (c.get("colname")? == "c" && c.get("constraints").is_none()).then_some(())?
                }
            }
            plain.then_some(())
        }
        Fragment::IndexExpression | Fragment::Predicate => {
            let index = stmt.get("IndexStmt")?.as_object()?;
            let plain = index.keys().all(|k| {
                matches!(
                    k.as_str(),
                    "idxname" | "relation" | "accessMethod" | "indexParams" | "whereClause"
                )
            });
            let params = index.get("indexParams")?.as_array()?.as_slice();
            let last_is_d = |p: &Value| (p.get("IndexElem")?.get("name")? == "d").then_some(());
            match (kind, params) {
                (Fragment::IndexExpression, [expr, d]) => {
                    expr.get("IndexElem")?.get("expr")?;
                    last_is_d(d)?;
                    index.get("whereClause").is_none().then_some(())?
                }
                (Fragment::Predicate, [d]) => {
                    last_is_d(d)?;
                    index.get("whereClause")?;
                }
                _ => return None,
            }
            plain.then_some(())
        }
        Fragment::TriggerCondition => {
            let trigger = stmt.get("CreateTrigStmt")?.as_object()?;
            let plain = trigger.keys().all(|k| {
                matches!(
                    k.as_str(),
                    "trigname"
                        | "relation"
                        | "funcname"
                        | "row"
                        | "timing"
                        | "events"
                        | "whenClause"
                )
            });
            let [function] = trigger.get("funcname")?.as_array()?.as_slice() else {
                return None;
            };
            (function.get("String")?.get("sval")? == "f").then_some(())?;
            trigger.get("whenClause")?;
            plain.then_some(())
        }
        Fragment::PolicyExpression => {
            let policy = stmt.get("CreatePolicyStmt")?.as_object()?;
            let plain = policy.keys().all(|k| {
                matches!(
                    k.as_str(),
                    "policy_name"
                        | "table"
                        | "cmd_name"
                        | "permissive"
                        | "roles"
                        | "qual"
                        | "with_check"
                )
            });
            policy.get("qual")?;
            let check = policy.get("with_check")?.get("ColumnRef")?.get("fields")?;
            let [field] = check.as_array()?.as_slice() else {
                return None;
            };
            (field.get("String")?.get("sval")? == "d").then_some(())?;
            plain.then_some(())
        }
        Fragment::PartitionKey => {
            let create = stmt.get("CreateStmt")?.as_object()?;
            let plain = (create.keys()).all(|k| {
                matches!(
                    k.as_str(),
                    "relation" | "tableElts" | "partspec" | "oncommit"
                )
            });
            let spec = create.get("partspec")?;
            let [expr, d] = spec.get("partParams")?.as_array()?.as_slice() else {
                return None;
            };
            expr.get("PartitionElem")?.get("expr")?;
            (d.get("PartitionElem")?.get("name")? == "d").then_some(())?;
            plain.then_some(())
        }
        Fragment::PartitionValue => {
            let create = stmt.get("CreateStmt")?.as_object()?;
            let plain = create.keys().all(|k| {
                matches!(
                    k.as_str(),
                    "relation" | "inhRelations" | "partbound" | "oncommit"
                )
            });
            let bound = create.get("partbound")?;
            let [_, d] = bound.get("listdatums")?.as_array()?.as_slice() else {
                return None;
            };
            let [field] = d.get("ColumnRef")?.get("fields")?.as_array()?.as_slice() else {
                return None;
            };
            (field.get("String")?.get("sval")? == "d").then_some(())?;
            plain.then_some(())
        }
    }
}

/// The relations a view's query names, as written: `(schema, name)`, the schema `None` where the
/// query does not give one. A name that is one of the query's own `WITH` queries is not a
/// relation and is left out.
pub type RelationName = (Option<String>, String);

/// Checks that `query` is exactly one query a view can be made of (it parses as the body of
/// `CREATE VIEW .. AS`, and closes, ends or comments out nothing the renderer writes after it),
/// and returns the relations it names, sorted, each once.
pub fn view_query(query: &str) -> Result<Vec<RelationName>, String> {
    let before = "CREATE VIEW v AS ";
    let wrapped = format!("{before}{query} WITH LOCAL CHECK OPTION; SELECT 1");
    let tree = parse(&wrapped).map_err(|e| {
        let words = e.message.split(" at or near ").next().unwrap_or_default();
        let words = words.trim_end_matches(" at end of input");
        match e.offset.map(|o| o.saturating_sub(before.len())) {
            Some(at) if at < query.len() && query.is_char_boundary(at) => format!(
                "PostgreSQL's parser says {words} at character {} of the query",
                query[..at].chars().count() + 1
            ),
            Some(_) => format!(
                "PostgreSQL's parser says {words} at the end of the query: it is incomplete, or more than one statement"
            ),
            None => format!("PostgreSQL's parser says {words} in the query"),
        }
    })?;
    let shaped = || -> Option<&Value> {
        let [first, second] = tree.get("stmts")?.as_array()?.as_slice() else {
            return None;
        };
        second.get("stmt")?.get("SelectStmt")?;
        let view = first.get("stmt")?.get("ViewStmt")?;
        (view.get("withCheckOption")? == "LOCAL_CHECK_OPTION").then_some(())?;
        view.get("query")
    };
    let Some(body) = shaped() else {
        return Err(
            "the query is not one query: it ends the statement or comments out what follows"
                .to_owned(),
        );
    };
    Ok(relations(body))
}

/// Checks a function or procedure: `declaration` (`FUNCTION s.f(a integer) RETURNS integer`, what
/// the renderer writes between `CREATE OR REPLACE` and `LANGUAGE`) and `body` parse as one
/// `CREATE FUNCTION` in `language`; a `plpgsql` body is read by PL/pgSQL's own parser as well,
/// and a `sql` body by PostgreSQL's. Returns the relations a `sql` body names, sorted, each
/// once (none for other languages, whose bodies PostgreSQL does not check at creation).
pub fn routine(declaration: &str, language: &str, body: &str) -> Result<Vec<RelationName>, String> {
    let tag = crate::schema::dollar_tag("body", body);
    let statement = format!("CREATE {declaration} LANGUAGE {language} AS {tag}{body}{tag}");
    let tree = parse(&format!("{statement}; SELECT 1"))
        .map_err(|e| format!("PostgreSQL's parser refuses its declaration: {}", e.message))?;
    let shaped = || -> Option<()> {
        let [first, second] = tree.get("stmts")?.as_array()?.as_slice() else {
            return None;
        };
        second.get("stmt")?.get("SelectStmt")?;
        first.get("stmt")?.get("CreateFunctionStmt").map(drop)
    };
    if shaped().is_none() {
        return Err(
            "its declaration is not one function: an argument or type closes it or adds a statement"
                .to_owned(),
        );
    }
    match language {
        "plpgsql" => plpgsql(&statement, body, tag.len()).map(|()| Vec::new()),
        "sql" => {
            let tree = parse(body).map_err(|e| {
                let words = e.message.split(" at or near ").next().unwrap_or_default();
                match e.offset {
                    Some(at) if at < body.len() && body.is_char_boundary(at) => {
                        let line = body[..at].matches('\n').count() + 1;
                        format!("PostgreSQL's parser says {words} on line {line} of the body")
                    }
                    _ => format!("PostgreSQL's parser says {words} in the body"),
                }
            })?;
            Ok(relations(&tree))
        }
        _ => Ok(Vec::new()),
    }
}

/// Runs PL/pgSQL's parser over `statement` (a whole `CREATE FUNCTION`) that ends with `body`
/// and a closing tag `tag_len` bytes long.
fn plpgsql(statement: &str, body: &str, tag_len: usize) -> Result<(), String> {
    let text = CString::new(statement).map_err(|_| "the body holds a NUL byte".to_owned())?;
    // SAFETY: as in `parse_tree`: `text` outlives the call, the result is read, then freed once.
    let error = unsafe {
        let result = libpg_query2_sys::pg_query_parse_plpgsql(text.as_ptr());
        let error = (!result.error.is_null()).then(|| {
            let e = &*result.error;
            (owned(e.message), e.cursorpos)
        });
        libpg_query2_sys::pg_query_free_plpgsql_parse_result(result);
        error
    };
    let Some((message, cursor)) = error else {
        return Ok(());
    };
    // The body ends the statement, before the closing tag.
    let body_start = statement.len() - tag_len - body.len();
    let at = (usize::try_from(cursor).ok())
        .and_then(|c| c.checked_sub(1))
        .map(|letters| byte_offset(statement, letters));
    Err(
        match at.filter(|&a| {
            (body_start..=body_start + body.len()).contains(&a) && statement.is_char_boundary(a)
        }) {
            Some(a) => {
                let line = statement[body_start..a].matches('\n').count() + 1;
                format!("PL/pgSQL's parser says {message} on line {line} of the body")
            }
            None => format!("PL/pgSQL's parser says {message}"),
        },
    )
}

/// The `COLLATE` of each key of an index, from its `CREATE INDEX` statement as
/// `pg_get_indexdef` prints it (which says a key's collation exactly when it is not what the key
/// indexes: the column's, or the expression's): `(schema, name)`, the schema `None` where the
/// statement names none; `None` for a key without one.
pub fn index_collations(definition: &str) -> Result<Vec<Option<RelationName>>, String> {
    let tree = parse(definition).map_err(|e| e.message)?;
    let params = || -> Option<&Vec<Value>> {
        let [statement] = tree.get("stmts")?.as_array()?.as_slice() else {
            return None;
        };
        statement
            .get("stmt")?
            .get("IndexStmt")?
            .get("indexParams")?
            .as_array()
    };
    let params = params().ok_or("not one CREATE INDEX statement")?;
    let name = |part: &Value| -> Option<String> {
        Some(part.get("String")?.get("sval")?.as_str()?.to_owned())
    };
    Ok(params
        .iter()
        .map(|p| {
            let parts: Vec<String> = p
                .get("IndexElem")?
                .get("collation")?
                .as_array()?
                .iter()
                .filter_map(name)
                .collect();
            match parts.as_slice() {
                [name] => Some((None, name.clone())),
                [schema, name] => Some((Some(schema.clone()), name.clone())),
                _ => None,
            }
        })
        .collect())
}

/// The relations a parse tree names, as written, without the names of its own `WITH` queries;
/// sorted, each once.
pub fn relations(tree: &Value) -> Vec<RelationName> {
    let mut ctes = Vec::new();
    let mut relations = Vec::new();
    walk(tree, &mut |key, node| match key {
        "CommonTableExpr" => {
            if let Some(name) = node.get("ctename").and_then(Value::as_str) {
                ctes.push(name.to_owned());
            }
        }
        "RangeVar" => {
            let text = |k: &str| node.get(k).and_then(Value::as_str).map(str::to_owned);
            if let Some(name) = text("relname") {
                relations.push((text("schemaname"), name));
            }
        }
        _ => {}
    });
    relations.retain(|(schema, name)| schema.is_some() || !ctes.contains(name));
    relations.sort();
    relations.dedup();
    relations
}

/// Calls `visit` with every node of a parse tree that is named (`{"RangeVar": {..}}`), outer
/// ones first.
fn walk(tree: &Value, visit: &mut dyn FnMut(&str, &Value)) {
    match tree {
        Value::Object(map) => {
            for (key, value) in map {
                if value.is_object() && key.starts_with(|c: char| c.is_ascii_uppercase()) {
                    visit(key, value);
                }
                walk(value, visit);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| walk(v, visit)),
        _ => {}
    }
}

/// Checks many fragments, each distinct one once (schemas repeat `now()` and `'{}'::jsonb`
/// thousands of times): `Err` holds the message of each one refused.
#[derive(Default)]
pub struct FragmentChecker {
    seen: std::collections::HashMap<(Fragment, String), Option<String>>,
}

impl FragmentChecker {
    pub fn check(&mut self, kind: Fragment, text: &str) -> Result<(), String> {
        if let Some(outcome) = self.seen.get(&(kind, text.to_owned())) {
            return outcome.clone().map_or(Ok(()), Err);
        }
        let outcome = check_fragment(kind, text);
        self.seen
            .insert((kind, text.to_owned()), outcome.clone().err());
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_collations_are_read_per_key() {
        let def = r#"CREATE INDEX i ON s.t USING btree (a COLLATE "C", lower(b) COLLATE s."de x" DESC, c)"#;
        assert_eq!(
            index_collations(def).unwrap(),
            vec![
                Some((None, "C".to_owned())),
                Some((Some("s".to_owned()), "de x".to_owned())),
                None
            ]
        );
        assert!(index_collations("SELECT 1").is_err());
    }
    use Fragment::*;

    #[test]
    fn fragments_parse_or_say_where_they_stop() {
        assert_eq!(check_fragment(Check, "a > 0 AND b IS NOT NULL"), Ok(()));
        assert_eq!(check_fragment(IndexExpression, "lower(email)"), Ok(()));
        assert_eq!(
            check_fragment(PartitionKey, "date_trunc('day', at)"),
            Ok(())
        );
        assert_eq!(check_fragment(PartitionValue, "'2026-01-01'"), Ok(()));
        assert_eq!(check_fragment(PartitionValue, "MAXVALUE"), Ok(()));
        assert!(check_fragment(PartitionValue, "1), (2").is_err());
        assert!(check_fragment(PartitionKey, "a), (b").is_err());
        assert_eq!(check_fragment(Default, "'{}'::jsonb"), Ok(()));
        assert_eq!(check_fragment(Generated, "price * 2"), Ok(()));
        assert_eq!(check_fragment(Predicate, "deleted_at IS NULL"), Ok(()));
        assert_eq!(
            check_fragment(TriggerCondition, "OLD.price IS DISTINCT FROM NEW.price"),
            Ok(())
        );
        assert_eq!(
            check_fragment(
                PolicyExpression,
                "manager = current_user OR EXISTS (SELECT 1 FROM admins a WHERE a.name = current_user)"
            ),
            Ok(())
        );
        let end = check_fragment(Check, "due_date >").unwrap_err();
        assert!(end.contains("incomplete"), "{end}");
        let inside = check_fragment(Check, "a >> > b").unwrap_err();
        assert!(inside.contains("at character 6"), "{inside}");
    }

    #[test]
    fn a_fragment_cannot_escape_its_place() {
        for (kind, escape) in [
            (Check, "a) + (b"),
            (Check, "a), CHECK (b"),
            (Check, "a > 0 -- positive"),
            (Default, "1, e int"),
            (Default, "1 NOT NULL"),
            (Default, "now() -- at insert"),
            (Generated, "a) + (b"),
            (IndexExpression, "lower(a)), (upper(b)"),
            (Predicate, "a IS NULL; DROP TABLE t"),
            (Predicate, "a IS NULL -- live rows"),
            (Type, "int, e int"),
            (Type, "int NOT NULL"),
            (TriggerCondition, "true) EXECUTE FUNCTION g(); SELECT (1"),
            (TriggerCondition, "true -- always"),
            (PolicyExpression, "true) WITH CHECK (true"),
            (PolicyExpression, "true); DROP POLICY p ON t; SELECT (1"),
            (PolicyExpression, "true -- everyone"),
        ] {
            assert!(check_fragment(kind, escape).is_err(), "{kind:?} {escape:?}");
        }
    }

    #[test]
    fn types_parse() {
        for ty in [
            "numeric(12,2)",
            "text[]",
            "geometry(Point, 4326)",
            "timestamp with time zone",
            "text COLLATE \"C\"",
        ] {
            assert_eq!(check_fragment(Type, ty), Ok(()), "{ty}");
        }
        assert!(check_fragment(Type, "numeric(").is_err());
        assert!(check_fragment(Type, "1 + 1").is_err());
    }

    #[test]
    fn the_checker_asks_once_per_distinct_fragment() {
        let mut checker = FragmentChecker::default();
        assert!(checker.check(Check, "x >").is_err());
        assert!(checker.check(Check, "x >").is_err());
        assert_eq!(checker.check(Default, "now()"), Ok(()));
        assert_eq!(checker.seen.len(), 2);
    }

    #[test]
    fn a_view_query_names_what_it_reads() {
        let q = "WITH recent AS (SELECT * FROM shop.orders WHERE placed > now() - interval '1 day')
                 SELECT c.name, count(*) FROM recent r JOIN shop.customer c ON c.id = r.customer_id
                 WHERE EXISTS (SELECT 1 FROM audit.flag f WHERE f.id = c.id) GROUP BY c.name";
        let owned = |s: &str, n: &str| (Some(s.to_owned()), n.to_owned());
        assert_eq!(
            view_query(q),
            Ok(vec![
                owned("audit", "flag"),
                owned("shop", "customer"),
                owned("shop", "orders")
            ])
        );
        assert_eq!(
            view_query("SELECT * FROM product"),
            Ok(vec![(None, "product".to_owned())])
        );
        assert_eq!(view_query("VALUES (1), (2)"), Ok(vec![]));
    }

    #[test]
    fn a_view_query_cannot_escape_its_place() {
        for escape in [
            "SELECT 1; DROP TABLE t",
            "SELECT 1 -- and the rest",
            "SELECT 1 WITH CASCADED CHECK OPTION",
            "",
        ] {
            assert!(view_query(escape).is_err(), "{escape:?}");
        }
        let broken = view_query("SELECT a FROM FROM t").unwrap_err();
        assert!(broken.contains("at character 15"), "{broken}");
    }

    #[test]
    fn function_bodies_are_read_by_their_language_s_parser() {
        let reads = routine(
            "FUNCTION s.f(wanted text) RETURNS bigint",
            "sql",
            "SELECT count(*) FROM s.item WHERE name = wanted",
        );
        assert_eq!(reads, Ok(vec![(Some("s".into()), "item".into())]));
        let fine = "DECLARE n int; BEGIN SELECT 1 INTO n; RETURN n; END;";
        assert_eq!(
            routine("FUNCTION s.g() RETURNS int", "plpgsql", fine),
            Ok(vec![])
        );
        // Text after the error's position, in letters of more than one byte, is no trouble.
        let broken = "BEGIN\n  RETURN 'é€€€€€€€€€€' + + ;\nEND;";
        let e = routine("FUNCTION s.g() RETURNS int", "plpgsql", broken).unwrap_err();
        assert!(e.starts_with("PL/pgSQL's parser says"), "{e}");
        let escape = routine(
            "FUNCTION s.g() RETURNS int AS 'x'; DROP TABLE t; --",
            "sql",
            "x",
        );
        assert!(escape.is_err());
    }

    #[test]
    fn positions_count_letters_not_bytes() {
        // PostgreSQL gives an error's position in letters; ten of three bytes each come first.
        let e = view_query("SELECT '€€€€€€€€€€' FROM FROM t").unwrap_err();
        assert!(e.contains("at character 26 of the query"), "{e}");
    }

    #[test]
    fn a_nul_byte_is_refused() {
        assert!(parse("SELECT 1\0").is_err());
    }
}
