use super::QualifiedName;

/// A collation of the models (`CREATE COLLATION`): a sort order columns, domains, composite
/// attributes and index keys name with `COLLATE`. PostgreSQL alters nothing of one but its name,
/// so a collation is compared whole.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Collation {
    pub name: QualifiedName,
    pub provider: CollationProvider,
    /// ICU's locale (`und-u-ks-level2`, `de-DE`), or libc's `LC_COLLATE` (`de_DE.utf8`, `C`).
    pub locale: String,
    /// libc's `LC_CTYPE`, where it is not `locale`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ctype: Option<String>,
    /// `deterministic = false`: strings that compare equal need not be byte-equal (ICU only),
    /// what a case- or accent-insensitive collation is.
    #[serde(default = "deterministic", skip_serializing_if = "is_deterministic")]
    pub deterministic: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// Who sorts: the ICU library, or the operating system's C library.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum CollationProvider {
    Icu,
    Libc,
}

impl CollationProvider {
    /// As `CREATE COLLATION (provider = ..)` says it.
    pub fn as_sql(self) -> &'static str {
        match self {
            Self::Icu => "icu",
            Self::Libc => "libc",
        }
    }
}

fn deterministic() -> bool {
    true
}

fn is_deterministic(d: &bool) -> bool {
    *d
}

impl Collation {
    /// An ICU collation of `locale`, a BCP 47 language tag with ICU's keywords
    /// (`und-u-ks-level2` compares case-insensitively once [`Self::nondeterministic`]).
    pub fn icu(name: QualifiedName, locale: impl Into<String>) -> Self {
        Self::new(name, CollationProvider::Icu, locale.into())
    }

    /// A libc collation of `locale` (`LC_COLLATE` and `LC_CTYPE` both), one the server's
    /// operating system has (`locale -a`): `C`, `POSIX`, `en_US.utf8`.
    pub fn libc(name: QualifiedName, locale: impl Into<String>) -> Self {
        Self::new(name, CollationProvider::Libc, locale.into())
    }

    fn new(name: QualifiedName, provider: CollationProvider, locale: String) -> Self {
        Self {
            name,
            provider,
            locale,
            ctype: None,
            deterministic: true,
            comment: None,
        }
    }

    /// libc's `LC_CTYPE` (character classes, `upper()`), where it is not the locale's.
    pub fn ctype(mut self, ctype: impl Into<String>) -> Self {
        let ctype = ctype.into();
        self.ctype = (ctype != self.locale).then_some(ctype);
        self
    }

    /// `deterministic = false` (ICU only): strings equal by the collation's rules compare
    /// equal, byte-equal or not. A unique key over such a column refuses `'A'` beside `'a'`
    /// (at `und-u-ks-level2`); `LIKE` is refused on one before PostgreSQL 18.
    pub fn nondeterministic(mut self) -> Self {
        self.deterministic = false;
        self
    }

    /// `COMMENT ON COLLATION`.
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }
}

impl super::Schema {
    /// What names a collation with `COLLATE`, each with the collation: columns, domains,
    /// composite attributes, index keys (of tables and materialized views) and exclusion
    /// elements, described as an error message names them (`column app.item.name`).
    pub fn collation_users(&self) -> Vec<(String, &QualifiedName)> {
        let mut out = Vec::new();
        for t in &self.tables {
            for c in &t.columns {
                if let Some(q) = &c.collation {
                    out.push((format!("column {}.{}", t.name, c.name), q));
                }
            }
            for i in &t.indexes {
                for q in i.keys.iter().filter_map(|k| k.collation.as_ref()) {
                    out.push((format!("index \"{}\" on {}", i.name, t.name), q));
                }
            }
            for x in &t.exclusions {
                for q in x.elements.iter().filter_map(|e| e.key.collation.as_ref()) {
                    out.push((
                        format!("exclusion constraint \"{}\" on {}", x.name, t.name),
                        q,
                    ));
                }
            }
        }
        for v in &self.views {
            for i in &v.indexes {
                for q in i.keys.iter().filter_map(|k| k.collation.as_ref()) {
                    out.push((format!("index \"{}\" on {}", i.name, v.name), q));
                }
            }
        }
        for d in &self.domains {
            if let Some(q) = &d.collation {
                out.push((format!("domain {}", d.name), q));
            }
        }
        for c in &self.composites {
            for a in &c.attributes {
                if let Some(q) = &a.collation {
                    out.push((
                        format!("attribute \"{}\" of composite type {}", a.name, c.name),
                        q,
                    ));
                }
            }
        }
        out
    }
}
