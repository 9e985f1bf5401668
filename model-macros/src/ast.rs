//! The model struct as the derive sees it: its fields with their column names, types and attributes.

use syn::{Ident, Type};

use crate::attr::{self, FieldAttrs, SeaOrmField, TableAttrs};
use crate::ctxt::Ctxt;

pub struct Model<'a> {
    pub ident: &'a Ident,
    pub attrs: TableAttrs,
    pub fields: Vec<Field<'a>>,
}

pub struct Field<'a> {
    /// The Rust field name without `r#`.
    pub name: String,
    /// The database column name (`column_name`, else the field name).
    pub column: String,
    pub ty: &'a Type,
    /// `Option<T>`: the field is nullable.
    pub optional: bool,
    /// The last path segment of the (inner, if optional) type: `i32`, `DateTimeWithTimeZone`.
    pub type_name: String,
    pub sea: SeaOrmField,
    pub pg: FieldAttrs,
}

impl<'a> Model<'a> {
    pub fn from_ast(cx: &Ctxt, input: &'a syn::DeriveInput) -> Option<Self> {
        let syn::Data::Struct(data) = &input.data else {
            cx.error_spanned_by(input, "#[derive(PgTable)] goes on a SeaORM model struct");
            return None;
        };
        let syn::Fields::Named(named) = &data.fields else {
            cx.error_spanned_by(input, "#[derive(PgTable)] needs a struct with named fields");
            return None;
        };
        let fields = named
            .named
            .iter()
            .map(|f| {
                let ident = f.ident.as_ref().expect("named field");
                let name = ident.to_string().trim_start_matches("r#").to_owned();
                let sea = attr::sea_orm_field(&f.attrs);
                let (optional, type_name) = type_shape(&f.ty);
                Field {
                    column: sea.column_name.clone().unwrap_or_else(|| name.clone()),
                    name,
                    ty: &f.ty,
                    optional,
                    type_name,
                    pg: attr::field_attrs(cx, &f.attrs),
                    sea,
                }
            })
            .collect();
        Some(Model {
            ident: &input.ident,
            attrs: attr::table_attrs(cx, &input.attrs),
            fields,
        })
    }

    /// Fields that are columns (not `#[sea_orm(ignore)]`).
    pub fn columns(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields.iter().filter(|f| !f.sea.ignore)
    }

    pub fn field(&self, name: &str) -> Option<&Field<'a>> {
        self.columns().find(|f| f.name == name)
    }
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) => p.path.segments.last(),
        _ => None,
    }
}

fn type_shape(ty: &Type) -> (bool, String) {
    let Some(seg) = last_segment(ty) else {
        return (false, String::new());
    };
    if seg.ident == "Option"
        && let syn::PathArguments::AngleBracketed(args) = &seg.arguments
        && let Some(syn::GenericArgument::Type(inner)) = args.args.first()
    {
        let name = last_segment(inner)
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        return (true, name);
    }
    (false, seg.ident.to_string())
}
