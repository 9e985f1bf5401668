//! Identifiers and literals as PostgreSQL reads them: what every SQL text we write quotes with.

use std::fmt::{self, Write as _};

use crate::schema::QualifiedName;

/// Keywords that PostgreSQL's `quote_ident()` quotes (every category but "unreserved"), from
/// `pg_get_keywords()` on PostgreSQL 15, plus the ones PostgreSQL 16 and 17 added, so that a
/// script stays valid on newer servers. Sorted, for binary search.
const QUOTED_KEYWORDS: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "bigint",
    "binary",
    "bit",
    "boolean",
    "both",
    "case",
    "cast",
    "char",
    "character",
    "check",
    "coalesce",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "dec",
    "decimal",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "exists",
    "extract",
    "false",
    "fetch",
    "float",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "greatest",
    "group",
    "grouping",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "inout",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "json",
    "json_array",
    "json_arrayagg",
    "json_exists",
    "json_object",
    "json_objectagg",
    "json_query",
    "json_scalar",
    "json_serialize",
    "json_table",
    "json_value",
    "lateral",
    "leading",
    "least",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "merge_action",
    "national",
    "natural",
    "nchar",
    "none",
    "normalize",
    "not",
    "notnull",
    "null",
    "nullif",
    "numeric",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "out",
    "outer",
    "overlaps",
    "overlay",
    "placing",
    "position",
    "precision",
    "primary",
    "real",
    "references",
    "returning",
    "right",
    "row",
    "select",
    "session_user",
    "setof",
    "similar",
    "smallint",
    "some",
    "substring",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "time",
    "timestamp",
    "to",
    "trailing",
    "treat",
    "trim",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
];

/// An identifier, quoted when, and only when, PostgreSQL needs it: upper case, characters
/// outside `[a-z0-9_$]`, a leading digit or `$`, or a keyword that is not unreserved.
pub fn ident(name: &str) -> String {
    Ident(name).to_string()
}

pub fn qualified(name: &QualifiedName) -> String {
    Qualified(name).to_string()
}

/// For each first letter `a`–`z`, a bit per length that some keyword in [`QUOTED_KEYWORDS`]
/// has: most names differ from every keyword in one of the two, and need no comparison.
const KEYWORD_SHAPES: [u32; 26] = {
    let mut shapes = [0u32; 26];
    let mut i = 0;
    while i < QUOTED_KEYWORDS.len() {
        let k = QUOTED_KEYWORDS[i].as_bytes();
        assert!(k[0].is_ascii_lowercase() && k.len() < 32);
        shapes[(k[0] - b'a') as usize] |= 1 << k.len();
        i += 1;
    }
    shapes
};

/// Where each first letter's keywords start in [`QUOTED_KEYWORDS`] (the list is sorted, so a
/// letter's keywords are `[STARTS[l], STARTS[l + 1])`).
const STARTS: [usize; 27] = {
    let mut starts = [0usize; 27];
    let mut letter = 0;
    while letter < 26 {
        let mut i = starts[letter];
        while i < QUOTED_KEYWORDS.len() && QUOTED_KEYWORDS[i].as_bytes()[0] - b'a' <= letter as u8 {
            i += 1;
        }
        starts[letter + 1] = i;
        letter += 1;
    }
    starts
};

/// Whether `name` (all lowercase letters, digits, `_` and `$`) is a keyword `quote_ident()`
/// quotes. Names are compared only with the keywords of their first letter and length: a
/// handful at most, where a binary search over all of them compared eight (a tenth of a
/// 10,000-table script's rendering time).
fn is_quoted_keyword(name: &str) -> bool {
    let b = name.as_bytes();
    match b.first() {
        Some(&c) if c.is_ascii_lowercase() && b.len() < 32 => {
            let letter = (c - b'a') as usize;
            KEYWORD_SHAPES[letter] & (1 << b.len()) != 0
                && QUOTED_KEYWORDS[STARTS[letter]..STARTS[letter + 1]]
                    .iter()
                    .any(|k| k.len() == b.len() && k.as_bytes() == b)
        }
        _ => false,
    }
}

/// [`ident`] written straight into the output, without a string of its own.
#[derive(Clone, Copy)]
pub struct Ident<'a>(pub &'a str);

impl fmt::Display for Ident<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.0;
        let plain = name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'$')
            && !is_quoted_keyword(name);
        if plain {
            return f.write_str(name);
        }
        f.write_char('"')?;
        for (i, part) in name.split('"').enumerate() {
            if i > 0 {
                f.write_str("\"\"")?;
            }
            f.write_str(part)?;
        }
        f.write_char('"')
    }
}

/// [`qualified`] written straight into the output.
#[derive(Clone, Copy)]
pub struct Qualified<'a>(pub &'a QualifiedName);

impl fmt::Display for Qualified<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", Ident(&self.0.schema), Ident(&self.0.name))
    }
}

/// A collation as a `COLLATE` clause names it: one of PostgreSQL's own (in `pg_catalog`, which
/// every search path reads first) by its name alone, `"C"`, any other qualified.
pub struct Collation<'a>(pub &'a QualifiedName);

impl fmt::Display for Collation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.schema == PG_CATALOG {
            Ident(&self.0.name).fmt(f)
        } else {
            Qualified(self.0).fmt(f)
        }
    }
}

/// The schema of PostgreSQL's own objects (its collations, types, functions).
pub const PG_CATALOG: &str = "pg_catalog";

/// A comma-separated list of identifiers, written straight into the output.
pub struct Idents<'a, S>(pub &'a [S]);

impl<S: AsRef<str>> fmt::Display for Idents<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, name) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            Ident(name.as_ref()).fmt(f)?;
        }
        Ok(())
    }
}

/// A standard-conforming string literal: `'it''s'`.
pub fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

pub use crate::schema::dollar_tag;

/// `text` inside a `RAISE` format string, where `%` stands for an argument.
pub fn raise_format(text: &str) -> String {
    text.replace('%', "%%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_list_is_sorted_by_first_letter() {
        assert!(QUOTED_KEYWORDS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(STARTS[26], QUOTED_KEYWORDS.len());
    }

    #[test]
    fn every_keyword_and_only_keywords_are_found() {
        for k in QUOTED_KEYWORDS {
            assert!(is_quoted_keyword(k), "{k}");
            // Near misses: one letter more, one less, and the neighbouring first letters.
            let near = [
                format!("{k}s"),
                k[..k.len() - 1].to_string(),
                format!("b{}", &k[1..]),
            ];
            for n in near {
                let keyword = QUOTED_KEYWORDS.contains(&n.as_str());
                assert_eq!(is_quoted_keyword(&n), keyword, "{n}");
            }
        }
        for plain in ["level", "name", "zone", "a", "xml", "t00001", "amount"] {
            assert!(!is_quoted_keyword(plain), "{plain}");
        }
    }

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(ident("product"), "product");
        assert_eq!(ident("level"), "level"); // unreserved
        assert_eq!(ident("order"), "\"order\"");
        assert_eq!(ident("user"), "\"user\"");
        assert_eq!(ident("Product"), "\"Product\"");
        assert_eq!(ident("1st"), "\"1st\"");
        assert_eq!(ident("a b"), "\"a b\"");
        assert_eq!(ident("say\"hi"), "\"say\"\"hi\"");
        assert_eq!(ident("price$"), "price$");
        assert_eq!(literal("it's"), "'it''s'");
    }

    #[test]
    fn dollar_tags_do_not_occur_in_their_body() {
        assert_eq!(dollar_tag("ddl", "CREATE TYPE a AS ENUM ('x')"), "$ddl$");
        assert_eq!(dollar_tag("ddl", "'$ddl$' '$ddl1$'"), "$ddl2$");
        assert_eq!(dollar_tag("", "NEW.a = 1"), "$$");
        assert_eq!(dollar_tag("", "'$$'"), "$body$");
        assert_eq!(dollar_tag("", "'$$' '$body$'"), "$body1$");
    }
}
