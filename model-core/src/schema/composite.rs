use super::QualifiedName;

/// A composite type (`CREATE TYPE name AS (..)`): a row of named, typed attributes, usable as a
/// column's type (`#[pg(sql_type = "schema.name")]`) or a function's.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CompositeType {
    pub name: QualifiedName,
    /// In order: a value of the type is written `ROW(..)` in this order.
    pub attributes: Vec<Attribute>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// An attribute of a composite type.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attribute {
    pub name: String,
    /// As PostgreSQL's `format_type()` spells it (`text`, `numeric(12,2)`, `shop.mood`).
    pub data_type: String,
    /// `COLLATE ..`, where it is not the type's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<QualifiedName>,
}

impl CompositeType {
    /// A composite type with no attributes yet: add them in order with [`Self::attribute`].
    pub fn new(name: QualifiedName) -> Self {
        Self {
            name,
            attributes: Vec::new(),
            comment: None,
        }
    }

    /// Appends attribute `name` of type `data_type`.
    pub fn attribute(mut self, name: impl Into<String>, data_type: impl Into<String>) -> Self {
        self.attributes.push(Attribute {
            name: name.into(),
            data_type: data_type.into(),
            collation: None,
        });
        self
    }

    /// Appends attribute `name` of type `data_type`, `COLLATE collation`.
    pub fn collated_attribute(
        self,
        name: impl Into<String>,
        data_type: impl Into<String>,
        collation: QualifiedName,
    ) -> Self {
        let mut t = self.attribute(name, data_type);
        if let Some(last) = t.attributes.last_mut() {
            last.collation = Some(collation);
        }
        t
    }

    /// `COMMENT ON TYPE`.
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }

    /// The attribute named `name`.
    pub fn attribute_named(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }
}
