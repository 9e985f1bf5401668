use super::QualifiedName;

/// A sequence of its own (`CREATE SEQUENCE`), as opposed to the one a `serial` column makes.
/// Columns use it through a default such as `nextval('shop.invoice_no')`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sequence {
    pub name: QualifiedName,
    /// `smallint`, `integer` or `bigint` (PostgreSQL's default).
    pub data_type: String,
    pub start: i64,
    pub increment: i64,
    pub min_value: i64,
    pub max_value: i64,
    pub cache: i64,
    pub cycle: bool,
    /// `OWNED BY table.column`: dropped with the column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owned_by: Option<SequenceOwner>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// The column a sequence belongs to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SequenceOwner {
    pub table: QualifiedName,
    pub column: String,
}

impl Sequence {
    /// A `bigint` sequence with PostgreSQL's defaults: start 1, step 1, no cycle.
    pub fn new(name: QualifiedName) -> Self {
        Self {
            name,
            data_type: "bigint".to_owned(),
            start: 1,
            increment: 1,
            min_value: 1,
            max_value: i64::MAX,
            cache: 1,
            cycle: false,
            owned_by: None,
            comment: None,
        }
    }

    /// Its options as PostgreSQL holds them.
    pub fn values(&self) -> super::SequenceValues {
        super::SequenceValues {
            start: self.start,
            increment: self.increment,
            min_value: self.min_value,
            max_value: self.max_value,
            cache: self.cache,
            cycle: self.cycle,
        }
    }

    /// The sequences a default expression reads (`nextval('name')`, `currval(..)`,
    /// `setval(..)`), resolved against `schema` when the name is not qualified.
    pub fn used_by(default: &str, schema: &str) -> Vec<QualifiedName> {
        let mut out = Vec::new();
        for call in ["nextval('", "currval('", "setval('"] {
            let mut rest = default;
            while let Some(at) = rest.find(call) {
                rest = &rest[at + call.len()..];
                let Some(end) = rest.find('\'') else { break };
                let name = &rest[..end];
                let unquote = |s: &str| s.trim_matches('"').to_owned();
                out.push(match name.split_once('.') {
                    Some((s, n)) => QualifiedName::new(unquote(s), unquote(n)),
                    None => QualifiedName::new(schema, unquote(name)),
                });
                rest = &rest[end..];
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{QualifiedName, Sequence};

    #[test]
    fn finds_the_sequences_a_default_reads() {
        assert_eq!(
            Sequence::used_by("nextval('odd.invoice_no'::regclass)", "public"),
            [QualifiedName::new("odd", "invoice_no")]
        );
        assert_eq!(
            Sequence::used_by("'INV-' || nextval('invoice_no')::text", "shop"),
            [QualifiedName::new("shop", "invoice_no")]
        );
        assert!(Sequence::used_by("now()", "shop").is_empty());
    }
}
