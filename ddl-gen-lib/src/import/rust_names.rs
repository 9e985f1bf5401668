//! Database names as Rust names: modules and fields in snake case, types and variants in upper
//! camel case, keywords and clashes avoided. Where the Rust name differs from the database's,
//! the entity says the database's (`table_name`, `column_name`, `string_value`).

use std::collections::BTreeSet;

/// Rust's keywords (strict and reserved, 2024 edition), which a field or module may not be.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names SeaORM's derives or the generated module use for themselves, which a field or module
/// may not take: the entity's own items and the modules `mod.rs` declares.
const TAKEN: &[&str] = &["entity", "model", "column", "relation", "enums", "prelude"];

/// `name` in snake case: ASCII letters and digits kept (lower case, a `_` where lower case
/// meets upper), anything else a `_`; never empty, never starting with a digit, never a keyword.
pub fn snake(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for ch in name.chars() {
        if ch.is_ascii_alphanumeric() {
            if ch.is_ascii_uppercase() && prev_lower {
                out.push('_');
            }
            prev_lower = ch.is_ascii_lowercase() || ch.is_ascii_digit();
            out.push(ch.to_ascii_lowercase());
        } else {
            if !out.ends_with('_') {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    let trimmed = out.trim_matches('_');
    let mut out = if trimmed.is_empty() {
        "x".to_owned()
    } else {
        trimmed.to_owned()
    };
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'n');
    }
    if KEYWORDS.contains(&out.as_str()) || TAKEN.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// `name` in upper camel case (`order_status` → `OrderStatus`, `it's delivered` →
/// `ItSDelivered`); never empty, never starting with a digit, never `Self`.
pub fn camel(name: &str) -> String {
    let mut out = String::new();
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        // An all-capitals word is an acronym: `EUR` → `Eur`, as clippy's
        // `upper_case_acronyms` wants it.
        let shout = word.chars().all(|c| !c.is_ascii_lowercase());
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            if shout {
                out.extend(chars.map(|c| c.to_ascii_lowercase()));
            } else {
                out.extend(chars);
            }
        }
    }
    if out.is_empty() {
        out.push('X');
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'N');
    }
    if out == "Self" {
        out.push('_');
    }
    out
}

/// Hands out names that are unique within one scope: the first asker gets `base`, later ones
/// `base_2`, `base_3`, ... (or `Base2` for camel-case names).
#[derive(Default)]
pub struct Scope {
    used: BTreeSet<String>,
}

impl Scope {
    /// A scope in which `taken` are already used.
    pub fn with<'a>(taken: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            used: taken.into_iter().map(str::to_owned).collect(),
        }
    }

    pub fn claim(&mut self, base: String) -> String {
        let camel = base.starts_with(|c: char| c.is_ascii_uppercase());
        let mut name = base.clone();
        let mut n = 2;
        while !self.used.insert(name.clone()) {
            name = if camel {
                format!("{base}{n}")
            } else {
                format!("{base}_{n}")
            };
            n += 1;
        }
        name
    }
}

/// A Rust string literal holding `text` exactly: a raw string when it has quotes or
/// backslashes, else a plain one.
pub fn lit(text: &str) -> String {
    if text.contains(['"', '\\']) && !text.contains(char::is_control) {
        let mut hashes = String::from("#");
        while text.contains(&format!("\"{hashes}")) {
            hashes.push('#');
        }
        format!("r{hashes}\"{text}\"{hashes}")
    } else {
        format!("{text:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_names_become_rust_names() {
        assert_eq!(snake("order"), "order");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("Order Date"), "order_date");
        assert_eq!(snake("OrderDate"), "order_date");
        assert_eq!(snake("2fa-codes"), "n2fa_codes");
        assert_eq!(snake("Ärger"), "rger");
        assert_eq!(snake("--"), "x");
        assert_eq!(snake("model"), "model_");
        assert_eq!(camel("order_status"), "OrderStatus");
        assert_eq!(camel("it's delivered"), "ItSDelivered");
        assert_eq!(camel("1st"), "N1st");
        assert_eq!(camel("EUR"), "Eur");
        assert_eq!(camel("iPhone"), "IPhone");
        assert_eq!(camel(""), "X");
        let mut scope = Scope::with(["id"]);
        assert_eq!(scope.claim("id".into()), "id_2");
        assert_eq!(scope.claim("id".into()), "id_3");
        let mut types = Scope::default();
        assert_eq!(types.claim("Mood".into()), "Mood");
        assert_eq!(types.claim("Mood".into()), "Mood2");
    }

    #[test]
    fn literals_hold_the_text_exactly() {
        assert_eq!(lit("a b"), "\"a b\"");
        assert_eq!(lit("'it''s'"), "\"'it''s'\"");
        assert_eq!(lit("\"Order\" > 0"), "r#\"\"Order\" > 0\"#");
        assert_eq!(lit("x \"# y"), "r##\"x \"# y\"##");
        assert_eq!(lit("a\nb"), "\"a\\nb\"");
        let parsed: syn::LitStr = syn::parse_str(&lit("a\\b \"c\"")).unwrap();
        assert_eq!(parsed.value(), "a\\b \"c\"");
    }
}
