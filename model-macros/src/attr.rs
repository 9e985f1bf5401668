//! `#[pg(...)]` and the `#[sea_orm(...)]` keys we need, parsed into typed structs.
//! Parsing checks the grammar only; `check.rs` checks the result against the struct's fields.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned as _;
use syn::{Ident, LitStr, Token};

use crate::ctxt::Ctxt;

/// A value with the span of the token that gave it, for errors.
#[derive(Clone)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// A column named in a `#[pg(...)]` key, by field name.
#[derive(Clone)]
pub struct ColumnRef {
    pub ident: Ident,
    pub desc: bool,
    /// `nulls_first(..)` (`Some(true)`) or `nulls_last(..)` (`Some(false)`).
    pub nulls_first: Option<bool>,
}

#[derive(Default)]
pub struct TableAttrs {
    pub soft_delete: Option<Spanned<String>>,
    pub versioned: Option<Spanned<String>>,
    pub timestamps: Option<Spanned<(String, String)>>,
    pub unlogged: bool,
    pub indexes: Vec<IndexAttr>,
    pub uniques: Vec<UniqueAttr>,
    pub checks: Vec<CheckAttr>,
    pub exclusions: Vec<ExclusionAttr>,
    /// `view = ..` or `materialized_view = ..`: the entity is a view of this query.
    pub view: Option<ViewAttr>,
    pub security_barrier: Option<Span>,
    /// `check_option = "local" | "cascaded"`.
    pub check_option: Option<LitStr>,
    /// `row_security` (`false`) or `row_security(force)` (`true`).
    pub row_security: Option<Spanned<bool>>,
    pub policies: Vec<PolicyAttr>,
    pub tenant: Option<TenantAttr>,
    pub primary_key: Option<PrimaryKeyAttr>,
    /// `with(fillfactor = 70, ..)`: storage parameters.
    pub storage: Option<Vec<StorageAttr>>,
    /// `partition_by(range(..))`, `list(..)` or `hash(..)`.
    pub partition_by: Option<PartitionByAttr>,
    /// `partition(name = "..", ..)`, in declaration order.
    pub partitions: Vec<PartitionAttr>,
}

/// `partition_by(range(at))`, `list(region)`, `hash(id, region)`; an element may be an
/// expression, `range(expr = "date_trunc('month', at)")`.
pub struct PartitionByAttr {
    pub span: Span,
    /// `range`, `list` or `hash`.
    pub strategy: String,
    pub key: Vec<PartitionKeyAttr>,
}

pub enum PartitionKeyAttr {
    Field(ColumnRef),
    Expr(LitStr),
}

/// `partition(name = "..", schema = "..", from(..), to(..) | values(..) | modulus = m,
/// remainder = r | default, comment = "..")`.
pub struct PartitionAttr {
    pub span: Span,
    pub name: LitStr,
    pub schema: Option<LitStr>,
    pub bound: PartitionBoundAttr,
    pub comment: Option<LitStr>,
}

pub enum PartitionBoundAttr {
    Range(Vec<LitStr>, Vec<LitStr>),
    List(Vec<LitStr>),
    Hash(u32, u32),
    Default,
}

/// One storage parameter of `with(..)`: its name, and its value as SQL writes it (`70`,
/// `0.05`, `false`, a string's text).
pub struct StorageAttr {
    pub name: String,
    pub value: String,
}

/// `primary_key(name = "..", deferrable, initially_deferred, include(..))`.
pub struct PrimaryKeyAttr {
    pub span: Span,
    pub name: Option<LitStr>,
    pub deferral: Deferral,
    pub include: Vec<ColumnRef>,
}

/// `deferrable` and `initially_deferred` as read (the second implies the first).
#[derive(Default, Clone, Copy)]
pub struct Deferral {
    pub deferrable: bool,
    pub initially_deferred: bool,
    /// Where the first of them was said, for errors.
    pub span: Option<Span>,
}

impl Deferral {
    /// Reads `deferrable` or `initially_deferred` when `key` is one of them.
    fn read(&mut self, key: &str, meta: &ParseNestedMeta) -> Option<syn::Result<()>> {
        let flag = match key {
            "deferrable" => &mut self.deferrable,
            "initially_deferred" => &mut self.initially_deferred,
            _ => return None,
        };
        let r = set_flag(flag, meta);
        self.span.get_or_insert(meta.path.span());
        Some(r)
    }
}

/// `policy(name = "..", command = "select", roles("a", "b"), using = "..", with_check = "..",
/// restrictive)`.
pub struct PolicyAttr {
    pub span: Span,
    pub name: LitStr,
    pub command: Option<LitStr>,
    pub roles: Vec<LitStr>,
    pub using: Option<LitStr>,
    pub with_check: Option<LitStr>,
    pub restrictive: bool,
}

/// `tenant` or `tenant(column = "..", setting = "..")`.
pub struct TenantAttr {
    pub column: Spanned<String>,
    pub setting: Option<LitStr>,
}

/// A view's query: a string literal, or a macro that expands to one (`include_str!("..")`).
pub struct ViewAttr {
    pub query: syn::Expr,
    pub materialized: bool,
    pub span: Span,
}

#[derive(Default)]
pub struct IndexAttr {
    pub span: Option<Span>,
    pub name: Option<LitStr>,
    pub columns: Vec<ColumnRef>,
    pub exprs: Vec<LitStr>,
    pub tsvector: Option<(LitStr, Vec<ColumnRef>)>,
    pub using: Option<(String, Span)>,
    pub opclass: Option<LitStr>,
    pub unique: bool,
    pub predicate: Option<LitStr>,
    pub include: Vec<ColumnRef>,
    pub nulls_not_distinct: bool,
    /// Field-level only: `desc`.
    pub desc: bool,
    /// Field-level only: `nulls_first` (`Some(true)`) or `nulls_last`.
    pub nulls_first: Option<bool>,
    pub collate: Option<CollateAttr>,
    pub storage: Option<Vec<StorageAttr>>,
}

/// `collate = ".."` (a collation of PostgreSQL's own) or `collate(schema = "..", name = "..")`.
pub struct CollateAttr {
    pub schema: Option<LitStr>,
    pub name: LitStr,
}

pub struct UniqueAttr {
    pub span: Span,
    pub name: Option<LitStr>,
    pub columns: Vec<ColumnRef>,
    pub nulls_not_distinct: bool,
    pub predicate: Option<LitStr>,
    pub deferral: Deferral,
    pub include: Vec<ColumnRef>,
}

/// `exclude(name = "..", using = "gist", on(room = "=", during = "&&"), expr(sql = "..",
/// with = ".."), include(..), where = "..", deferrable, initially_deferred)`.
pub struct ExclusionAttr {
    pub span: Span,
    pub name: Option<LitStr>,
    pub using: Option<(String, Span)>,
    /// In the order said: a field or an expression, and its operator.
    pub elements: Vec<(ExclusionKey, LitStr)>,
    pub include: Vec<ColumnRef>,
    pub predicate: Option<LitStr>,
    pub deferral: Deferral,
}

pub enum ExclusionKey {
    Field(ColumnRef),
    Expr(LitStr),
}

pub struct CheckAttr {
    pub name: Option<LitStr>,
    pub sql: LitStr,
    pub not_valid: bool,
    pub no_inherit: bool,
}

#[derive(Default)]
pub struct FkAttr {
    pub name: Option<LitStr>,
    pub deferrable: bool,
    pub initially_deferred: bool,
    pub match_full: bool,
    pub not_valid: bool,
}

#[derive(Default)]
pub struct FieldAttrs {
    pub serial: Option<Span>,
    pub default: Option<LitStr>,
    pub sql_type: Option<LitStr>,
    /// `domain = "schema.name"`: the column's type is a domain of the models.
    pub domain: Option<LitStr>,
    pub check: Option<CheckAttr>,
    pub indexes: Vec<IndexAttr>,
    pub fk: Option<(FkAttr, Span)>,
    pub enum_schema: Option<LitStr>,
    pub generated: Option<LitStr>,
    pub collate: Option<CollateAttr>,
    pub identity: Option<IdentityAttr>,
}

/// `identity` or `identity(always, start = 100, increment = 10, min_value = .., max_value = ..,
/// cache = .., cycle)`.
#[derive(Default)]
pub struct IdentityAttr {
    pub span: Option<Span>,
    pub always: bool,
    pub start: Option<i64>,
    pub increment: Option<i64>,
    pub min_value: Option<i64>,
    pub max_value: Option<i64>,
    pub cache: Option<i64>,
    pub cycle: bool,
}

/// What we read of `#[sea_orm(...)]` on a field.
#[derive(Default)]
pub struct SeaOrmField {
    pub column_name: Option<String>,
    pub comment: Option<String>,
    pub indexed: bool,
    pub unique_key: Option<String>,
    pub renamed_from: Option<String>,
    pub ignore: bool,
    pub primary_key: bool,
    pub default: Option<Span>,
    pub column_type: Option<Span>,
}

const TABLE_KEYS: &str = "soft_delete, versioned, timestamps, unlogged, partition_by(..), partition(..), primary_key(..), index(..), unique(..), check(..), exclude(..), view = \"..\", materialized_view = \"..\", security_barrier, check_option = \"..\", row_security, policy(..), tenant, with(..)";
const FIELD_KEYS: &str = "serial, default = \"..\", sql_type = \"..\", domain = \"..\", check, index, gin, fk(..), enum_schema = \"..\", generated = \"..\", collate = \"..\", identity(..)";
const INDEX_KEYS: &str = "name, columns(..), expr, tsvector(..), using, opclass, collate, unique, where, include(..), nulls_not_distinct, with(..)";
const FIELD_INDEX_KEYS: &str =
    "name, using, desc, nulls_first, nulls_last, opclass, collate, unique, where, with(..)";

fn key(meta: &ParseNestedMeta) -> String {
    let s = meta
        .path
        .get_ident()
        .map(|i| i.to_string())
        .unwrap_or_default();
    s.strip_prefix("r#").map(str::to_owned).unwrap_or(s)
}

fn has_args(meta: &ParseNestedMeta) -> bool {
    meta.input.peek(syn::token::Paren)
}

thread_local! {
    /// Empty string values met while parsing one item's attributes (see [`string`]).
    static EMPTY_VALUES: std::cell::RefCell<Vec<syn::Error>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Moves the empty-value errors met so far into `cx`.
fn report_empty_values(cx: &Ctxt) {
    EMPTY_VALUES.with(|errors| {
        for e in errors.borrow_mut().drain(..) {
            cx.syn_error(e);
        }
    });
}

fn string(meta: &ParseNestedMeta) -> syn::Result<LitStr> {
    let value = meta.value()?;
    let lit: syn::Lit = value.parse()?;
    match lit {
        // No key takes an empty string: an empty name or SQL fragment means nothing to
        // PostgreSQL, and would fail only when the DDL runs. Reported without stopping the
        // parse, so the keys after it are still read (and checked).
        syn::Lit::Str(s) if s.value().trim().is_empty() => {
            EMPTY_VALUES.with(|errors| {
                errors.borrow_mut().push(syn::Error::new(
                    s.span(),
                    format!(
                        "`{}` is empty; give it a value or leave the key out",
                        key(meta)
                    ),
                ))
            });
            Ok(s)
        }
        syn::Lit::Str(s) => Ok(s),
        other => Err(syn::Error::new(
            other.span(),
            format!(
                "`{}` takes a string, e.g. {} = \"..\"",
                key(meta),
                key(meta)
            ),
        )),
    }
}

fn no_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) || has_args(meta) {
        return Err(meta.error(format!("`{}` is a flag and takes no value", key(meta))));
    }
    Ok(())
}

fn set_once<T>(slot: &mut Option<T>, value: T, meta: &ParseNestedMeta) -> syn::Result<()> {
    if slot.is_some() {
        return Err(meta.error(format!("duplicate key `{}`: say it once", key(meta))));
    }
    *slot = Some(value);
    Ok(())
}

fn set_flag(flag: &mut bool, meta: &ParseNestedMeta) -> syn::Result<()> {
    no_value(meta)?;
    if *flag {
        return Err(meta.error(format!("duplicate key `{}`: say it once", key(meta))));
    }
    *flag = true;
    Ok(())
}

/// `columns(a, desc(b), c)`; with `ordered`, a key's order too: `desc(..)`, `nulls_first(..)`
/// and `nulls_last(..)` around a field or around each other (`desc(nulls_last(b))`).
fn column_list(meta: &ParseNestedMeta, ordered: bool) -> syn::Result<Vec<ColumnRef>> {
    if !has_args(meta) {
        return Err(meta.error(format!(
            "`{}` takes a list of fields, e.g. {}(a, b)",
            key(meta),
            key(meta)
        )));
    }
    let mut out = Vec::new();
    meta.parse_nested_meta(|inner| column_ref(&inner, ordered, (false, None), &mut out))?;
    if out.is_empty() {
        return Err(meta.error(format!("`{}(..)` needs at least one field", key(meta))));
    }
    Ok(out)
}

/// One entry of a column list: a field, or (when `ordered`) an order around entries. `order` is
/// what the wrappers around this entry said.
fn column_ref(
    meta: &ParseNestedMeta,
    ordered: bool,
    order: (bool, Option<bool>),
    out: &mut Vec<ColumnRef>,
) -> syn::Result<()> {
    let (desc, nulls_first) = order;
    let wrapper = match key(meta).as_str() {
        "desc" if !desc => Some((true, nulls_first)),
        "nulls_first" if nulls_first.is_none() => Some((desc, Some(true))),
        "nulls_last" if nulls_first.is_none() => Some((desc, Some(false))),
        _ => None,
    };
    if let (true, Some(order), true) = (ordered, wrapper, has_args(meta)) {
        return meta.parse_nested_meta(|inner| column_ref(&inner, ordered, order, out));
    }
    let Some(ident) = meta.path.get_ident().cloned() else {
        return Err(meta.error("expected a field name"));
    };
    if meta.input.peek(Token![=]) || has_args(meta) {
        return Err(meta.error(if ordered {
            "expected a field name, or desc(..), nulls_first(..), nulls_last(..) around one"
        } else {
            "expected a field name"
        }));
    }
    out.push(ColumnRef {
        ident,
        desc,
        nulls_first,
    });
    Ok(())
}

fn optional_column(meta: &ParseNestedMeta, default: &str) -> syn::Result<Spanned<String>> {
    let span = meta
        .path
        .get_ident()
        .map(Ident::span)
        .unwrap_or_else(Span::call_site);
    if !has_args(meta) {
        no_value(meta)?;
        return Ok(Spanned {
            value: default.to_owned(),
            span,
        });
    }
    let mut column = None;
    meta.parse_nested_meta(|inner| match key(&inner).as_str() {
        "column" => {
            let s = string(&inner)?;
            set_once(
                &mut column,
                Spanned {
                    value: s.value(),
                    span: s.span(),
                },
                &inner,
            )
        }
        _ => Err(inner.error(format!(
            "unknown key `{}` in `{}(..)`; expected: column = \"..\"",
            key(&inner),
            key(meta)
        ))),
    })?;
    Ok(column.unwrap_or(Spanned {
        value: default.to_owned(),
        span,
    }))
}

fn check_attr(meta: &ParseNestedMeta, field_level: bool) -> syn::Result<CheckAttr> {
    if field_level && meta.input.peek(Token![=]) {
        return Ok(CheckAttr {
            name: None,
            sql: string(meta)?,
            not_valid: false,
            no_inherit: false,
        });
    }
    if !has_args(meta) {
        return Err(meta.error(if field_level {
            "`check` takes an expression: check = \"..\" or check(name = \"..\", sql = \"..\")"
        } else {
            "`check` takes check(name = \"..\", sql = \"..\")"
        }));
    }
    let (mut name, mut sql, mut not_valid, mut no_inherit) = (None, None, false, false);
    meta.parse_nested_meta(|inner| match key(&inner).as_str() {
        "name" => set_once(&mut name, string(&inner)?, &inner),
        "sql" => set_once(&mut sql, string(&inner)?, &inner),
        "not_valid" => set_flag(&mut not_valid, &inner),
        "no_inherit" => set_flag(&mut no_inherit, &inner),
        other => Err(inner.error(format!(
            "unknown key `{other}` in `check(..)`; expected: name, sql, not_valid, no_inherit"
        ))),
    })?;
    if !field_level && name.is_none() {
        return Err(
            meta.error("a table-level check needs a name: check(name = \"..\", sql = \"..\")")
        );
    }
    let sql = sql.ok_or_else(|| meta.error("`check(..)` needs sql = \"..\""))?;
    Ok(CheckAttr {
        name,
        sql,
        not_valid,
        no_inherit,
    })
}

/// `with(fillfactor = 70, autovacuum_enabled = false, buffering = "auto")`: each a name and a
/// number, a boolean or a string.
fn storage_attr(meta: &ParseNestedMeta) -> syn::Result<Vec<StorageAttr>> {
    if !has_args(meta) {
        return Err(meta.error("`with` takes storage parameters: with(fillfactor = 70, ..)"));
    }
    let mut out: Vec<StorageAttr> = Vec::new();
    meta.parse_nested_meta(|inner| {
        let name = key(&inner);
        let input = inner.value()?;
        // `-1` (log_autovacuum_min_duration's "never") is a minus before a literal.
        let minus = if input.peek(Token![-]) {
            input.parse::<Token![-]>()?;
            "-"
        } else {
            ""
        };
        let value = match input.parse::<syn::Lit>()? {
            syn::Lit::Int(i) => format!("{minus}{}", i.base10_digits()),
            syn::Lit::Float(f) => format!("{minus}{}", f.base10_digits()),
            syn::Lit::Bool(b) if minus.is_empty() => b.value.to_string(),
            syn::Lit::Str(s) if minus.is_empty() && !s.value().trim().is_empty() => s.value(),
            other => {
                return Err(syn::Error::new(
                    other.span(),
                    format!(
                        "storage parameter `{name}` takes a number, true or false, or a string"
                    ),
                ));
            }
        };
        // Read whole first, so the keys after it are read too.
        if out.iter().any(|p| p.name == name) {
            return Err(inner.error(format!("duplicate storage parameter `{name}`: say it once")));
        }
        out.push(StorageAttr { name, value });
        Ok(())
    })?;
    Ok(out)
}

/// `identity`, or `identity(always, start = 100, increment = -1, cycle, ..)`.
fn identity_attr(meta: &ParseNestedMeta, span: Span) -> syn::Result<IdentityAttr> {
    let mut out = IdentityAttr {
        span: Some(span),
        ..Default::default()
    };
    if !has_args(meta) {
        no_value(meta)?;
        return Ok(out);
    }
    meta.parse_nested_meta(|inner| {
        let k = key(&inner);
        match k.as_str() {
            "always" => set_flag(&mut out.always, &inner),
            "cycle" => set_flag(&mut out.cycle, &inner),
            "start" => set_once(&mut out.start, integer(&inner)?, &inner),
            "increment" => set_once(&mut out.increment, integer(&inner)?, &inner),
            "min_value" => set_once(&mut out.min_value, integer(&inner)?, &inner),
            "max_value" => set_once(&mut out.max_value, integer(&inner)?, &inner),
            "cache" => set_once(&mut out.cache, integer(&inner)?, &inner),
            other => Err(inner.error(format!(
                "unknown key `{other}` in `identity(..)`; expected: always, start, increment, min_value, max_value, cache, cycle"
            ))),
        }
    })?;
    Ok(out)
}

/// `= 100` or `= -1`: a whole number that fits a bigint.
fn integer(meta: &ParseNestedMeta) -> syn::Result<i64> {
    let input = meta.value()?;
    let minus = input.peek(Token![-]);
    if minus {
        input.parse::<Token![-]>()?;
    }
    let lit: syn::LitInt = input.parse()?;
    let digits = lit.base10_digits();
    let text = if minus {
        format!("-{digits}")
    } else {
        digits.to_owned()
    };
    text.parse::<i64>().map_err(|_| {
        syn::Error::new(
            lit.span(),
            format!("{text} does not fit a bigint, which holds a sequence's values"),
        )
    })
}

/// `collate = "C"`, or `collate(schema = "shop", name = "german")` for a collation outside
/// `pg_catalog` (a name is never split at a dot: `en_US.utf8` is one name).
fn collate_attr(meta: &ParseNestedMeta) -> syn::Result<CollateAttr> {
    if !has_args(meta) {
        if !meta.input.peek(Token![=]) {
            return Err(meta.error(
                "`collate` takes a collation: collate = \"C\", or collate(schema = \"..\", name = \"..\")",
            ));
        }
        return Ok(CollateAttr {
            schema: None,
            name: string(meta)?,
        });
    }
    let (mut schema, mut name) = (None, None);
    meta.parse_nested_meta(|inner| match key(&inner).as_str() {
        "schema" => set_once(&mut schema, string(&inner)?, &inner),
        "name" => set_once(&mut name, string(&inner)?, &inner),
        other => Err(inner.error(format!(
            "unknown key `{other}` in `collate(..)`; expected: schema, name"
        ))),
    })?;
    let name = name.ok_or_else(|| {
        meta.error("`collate(..)` needs name = \"..\": collate(schema = \"..\", name = \"..\")")
    })?;
    Ok(CollateAttr { schema, name })
}

fn using(meta: &ParseNestedMeta) -> syn::Result<(String, Span)> {
    let s = string(meta)?;
    Ok((s.value(), s.span()))
}

fn index_attr(meta: &ParseNestedMeta, field_level: bool) -> syn::Result<IndexAttr> {
    let mut index = IndexAttr {
        span: meta.path.get_ident().map(Ident::span),
        ..Default::default()
    };
    if !has_args(meta) {
        no_value(meta)?;
        if field_level {
            return Ok(index);
        }
        return Err(meta.error("`index` on a table takes keys: index(columns(..), ..)"));
    }
    meta.parse_nested_meta(|inner| {
        let k = key(&inner);
        match (k.as_str(), field_level) {
            ("name", _) => set_once(&mut index.name, string(&inner)?, &inner),
            ("using", _) => set_once(&mut index.using, using(&inner)?, &inner),
            ("opclass", _) => set_once(&mut index.opclass, string(&inner)?, &inner),
            ("collate", _) => set_once(&mut index.collate, collate_attr(&inner)?, &inner),
            ("with", _) => set_once(&mut index.storage, storage_attr(&inner)?, &inner),
            ("unique", _) => set_flag(&mut index.unique, &inner),
            ("where", _) => set_once(&mut index.predicate, string(&inner)?, &inner),
            ("desc", true) => set_flag(&mut index.desc, &inner),
            ("nulls_first" | "nulls_last", true) => {
                no_value(&inner)?;
                if index.nulls_first.is_some() {
                    return Err(inner.error("say where NULLs sort once: nulls_first or nulls_last"));
                }
                index.nulls_first = Some(k == "nulls_first");
                Ok(())
            }
            ("columns", false) => {
                if !index.columns.is_empty() {
                    return Err(inner.error("duplicate key `columns`: say it once"));
                }
                index.columns = column_list(&inner, true)?;
                Ok(())
            }
            ("expr", false) => {
                index.exprs.push(string(&inner)?);
                Ok(())
            }
            ("tsvector", false) => {
                let mut language = None;
                let mut columns = Vec::new();
                if !has_args(&inner) {
                    return Err(
                        inner.error("`tsvector` takes tsvector(language = \"..\", columns(..))")
                    );
                }
                inner.parse_nested_meta(|ts| match key(&ts).as_str() {
                    "language" => set_once(&mut language, string(&ts)?, &ts),
                    "columns" => {
                        columns = column_list(&ts, false)?;
                        Ok(())
                    }
                    other => Err(ts.error(format!(
                        "unknown key `{other}` in `tsvector(..)`; expected: language, columns(..)"
                    ))),
                })?;
                let language = language.ok_or_else(|| {
                    inner.error("`tsvector(..)` needs language = \"..\", e.g. \"english\"")
                })?;
                if columns.is_empty() {
                    return Err(inner.error("`tsvector(..)` needs columns(..)"));
                }
                set_once(&mut index.tsvector, (language, columns), &inner)
            }
            ("include", false) => {
                index.include = column_list(&inner, false)?;
                Ok(())
            }
            ("nulls_not_distinct", false) => set_flag(&mut index.nulls_not_distinct, &inner),
            _ => Err(inner.error(format!(
                "unknown key `{k}` in `index(..)`; expected one of: {}",
                if field_level {
                    FIELD_INDEX_KEYS
                } else {
                    INDEX_KEYS
                }
            ))),
        }
    })?;
    Ok(index)
}

fn gin_attr(meta: &ParseNestedMeta) -> syn::Result<IndexAttr> {
    let span = meta
        .path
        .get_ident()
        .map(Ident::span)
        .unwrap_or_else(Span::call_site);
    let mut index = IndexAttr {
        span: Some(span),
        using: Some(("gin".into(), span)),
        ..Default::default()
    };
    if !has_args(meta) {
        no_value(meta)?;
        return Ok(index);
    }
    meta.parse_nested_meta(|inner| match key(&inner).as_str() {
        "opclass" => set_once(&mut index.opclass, string(&inner)?, &inner),
        "name" => set_once(&mut index.name, string(&inner)?, &inner),
        other => Err(inner.error(format!(
            "unknown key `{other}` in `gin(..)`; expected: opclass, name"
        ))),
    })?;
    Ok(index)
}

fn unique_attr(meta: &ParseNestedMeta) -> syn::Result<UniqueAttr> {
    let span = meta
        .path
        .get_ident()
        .map(Ident::span)
        .unwrap_or_else(Span::call_site);
    if !has_args(meta) {
        return Err(meta.error(
            "`unique` on a table takes unique(columns(..)); for one column use #[sea_orm(unique)]",
        ));
    }
    let mut u = UniqueAttr {
        span,
        name: None,
        columns: Vec::new(),
        nulls_not_distinct: false,
        predicate: None,
        deferral: Deferral::default(),
        include: Vec::new(),
    };
    meta.parse_nested_meta(|inner| {
        let k = key(&inner);
        if let Some(r) = u.deferral.read(&k, &inner) {
            return r;
        }
        match k.as_str() {
            "columns" => {
                u.columns = column_list(&inner, false)?;
                Ok(())
            }
            "include" => {
                u.include = column_list(&inner, false)?;
                Ok(())
            }
            "name" => set_once(&mut u.name, string(&inner)?, &inner),
            "nulls_not_distinct" => set_flag(&mut u.nulls_not_distinct, &inner),
            "where" => set_once(&mut u.predicate, string(&inner)?, &inner),
            other => Err(inner.error(format!(
                "unknown key `{other}` in `unique(..)`; expected: columns(..), name, nulls_not_distinct, where, deferrable, initially_deferred, include(..)"
            ))),
        }
    })?;
    if u.columns.is_empty() {
        return Err(meta.error("`unique(..)` needs columns(..)"));
    }
    Ok(u)
}

fn exclusion_attr(meta: &ParseNestedMeta) -> syn::Result<ExclusionAttr> {
    let span = meta.path.span();
    if !has_args(meta) {
        return Err(meta.error(
            "`exclude` takes its elements: exclude(using = \"gist\", on(room = \"=\", during = \"&&\"))",
        ));
    }
    let mut x = ExclusionAttr {
        span,
        name: None,
        using: None,
        elements: Vec::new(),
        include: Vec::new(),
        predicate: None,
        deferral: Deferral::default(),
    };
    meta.parse_nested_meta(|inner| {
        let k = key(&inner);
        if let Some(r) = x.deferral.read(&k, &inner) {
            return r;
        }
        match k.as_str() {
            "name" => set_once(&mut x.name, string(&inner)?, &inner),
            "using" => set_once(&mut x.using, using(&inner)?, &inner),
            "where" => set_once(&mut x.predicate, string(&inner)?, &inner),
            "include" => {
                x.include = column_list(&inner, false)?;
                Ok(())
            }
            "on" => {
                if !has_args(&inner) {
                    return Err(inner.error("`on` takes fields and their operators: on(room = \"=\", during = \"&&\")"));
                }
                inner.parse_nested_meta(|field| {
                    let ident = field.path.get_ident().cloned().ok_or_else(|| {
                        field.error("expected a field name: on(room = \"=\")")
                    })?;
                    let operator = string(&field)?;
                    let column = ColumnRef { ident, desc: false, nulls_first: None };
                    x.elements.push((ExclusionKey::Field(column), operator));
                    Ok(())
                })
            }
            "expr" => {
                let (mut sql, mut with) = (None, None);
                if !has_args(&inner) {
                    return Err(inner.error("`expr` takes expr(sql = \"..\", with = \"&&\")"));
                }
                inner.parse_nested_meta(|e| match key(&e).as_str() {
                    "sql" => set_once(&mut sql, string(&e)?, &e),
                    "with" => set_once(&mut with, string(&e)?, &e),
                    other => Err(e.error(format!(
                        "unknown key `{other}` in `expr(..)`; expected: sql, with"
                    ))),
                })?;
                match (sql, with) {
                    (Some(sql), Some(with)) => {
                        x.elements.push((ExclusionKey::Expr(sql), with));
                        Ok(())
                    }
                    _ => Err(inner.error("`expr(..)` needs sql = \"..\" and with = \"..\" (the operator)")),
                }
            }
            other => Err(inner.error(format!(
                "unknown key `{other}` in `exclude(..)`; expected: name, using, on(..), expr(..), include(..), where, deferrable, initially_deferred"
            ))),
        }
    })?;
    if x.elements.is_empty() {
        return Err(
            meta.error("`exclude(..)` needs elements: on(field = \"operator\", ..) or expr(..)")
        );
    }
    Ok(x)
}

fn fk_attr(meta: &ParseNestedMeta) -> syn::Result<FkAttr> {
    let mut fk = FkAttr::default();
    if !has_args(meta) {
        no_value(meta)?;
        return Ok(fk);
    }
    meta.parse_nested_meta(|inner| match key(&inner).as_str() {
        "name" => set_once(&mut fk.name, string(&inner)?, &inner),
        "deferrable" => set_flag(&mut fk.deferrable, &inner),
        "initially_deferred" => set_flag(&mut fk.initially_deferred, &inner),
        "match_full" => set_flag(&mut fk.match_full, &inner),
        "not_valid" => set_flag(&mut fk.not_valid, &inner),
        other => Err(inner.error(format!(
            "unknown key `{other}` in `fk(..)`; expected: name, deferrable, initially_deferred, match_full, not_valid"
        ))),
    })?;
    Ok(fk)
}

fn primary_key_attr(meta: &ParseNestedMeta) -> syn::Result<PrimaryKeyAttr> {
    if !has_args(meta) {
        return Err(meta.error(
            "`primary_key` on a table takes keys: primary_key(name = \"..\", deferrable, initially_deferred, include(..)); its columns are the #[sea_orm(primary_key)] fields",
        ));
    }
    let mut pk = PrimaryKeyAttr {
        span: meta.path.span(),
        name: None,
        deferral: Deferral::default(),
        include: Vec::new(),
    };
    meta.parse_nested_meta(|inner| {
        let k = key(&inner);
        if let Some(r) = pk.deferral.read(&k, &inner) {
            return r;
        }
        match k.as_str() {
            "name" => set_once(&mut pk.name, string(&inner)?, &inner),
            "include" => {
                pk.include = column_list(&inner, false)?;
                Ok(())
            }
            other => Err(inner.error(format!(
                "unknown key `{other}` in `primary_key(..)`; expected: name, deferrable, initially_deferred, include(..)"
            ))),
        }
    })?;
    Ok(pk)
}

/// Parses every `#[pg(...)]` on the struct; errors go to `cx`, parsing goes on with the next key.
pub fn table_attrs(cx: &Ctxt, attrs: &[syn::Attribute]) -> TableAttrs {
    let mut out = TableAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("pg")) {
        let result = attr.parse_nested_meta(|meta| {
            let k = key(&meta);
            let r = match k.as_str() {
                "soft_delete" => optional_column(&meta, "deleted_at")
                    .and_then(|c| set_once(&mut out.soft_delete, c, &meta)),
                "versioned" => optional_column(&meta, "version")
                    .and_then(|c| set_once(&mut out.versioned, c, &meta)),
                "timestamps" => {
                    timestamps(&meta).and_then(|t| set_once(&mut out.timestamps, t, &meta))
                }
                "unlogged" => set_flag(&mut out.unlogged, &meta),
                "with" => storage_attr(&meta).and_then(|w| set_once(&mut out.storage, w, &meta)),
                "primary_key" => {
                    primary_key_attr(&meta).and_then(|pk| set_once(&mut out.primary_key, pk, &meta))
                }
                "row_security" => {
                    row_security(&meta).and_then(|r| set_once(&mut out.row_security, r, &meta))
                }
                "policy" => policy_attr(&meta).map(|p| out.policies.push(p)),
                "tenant" => tenant_attr(&meta).and_then(|t| set_once(&mut out.tenant, t, &meta)),
                "index" => index_attr(&meta, false).map(|i| out.indexes.push(i)),
                "unique" => unique_attr(&meta).map(|u| out.uniques.push(u)),
                "exclude" => exclusion_attr(&meta).map(|x| out.exclusions.push(x)),
                "partition_by" => {
                    partition_by_attr(&meta).and_then(|p| set_once(&mut out.partition_by, p, &meta))
                }
                "partition" => partition_attr(&meta).map(|p| out.partitions.push(p)),
                "check" => check_attr(&meta, false).map(|c| out.checks.push(c)),
                "view" | "materialized_view" => view_attr(&meta, k == "materialized_view")
                    .and_then(|v| set_once(&mut out.view, v, &meta)),
                "security_barrier" => {
                    let mut flag = out.security_barrier.is_some();
                    set_flag(&mut flag, &meta)
                        .map(|()| out.security_barrier = Some(meta.path.span()))
                }
                "check_option" => {
                    string(&meta).and_then(|s| set_once(&mut out.check_option, s, &meta))
                }
                _ => Err(meta.error(format!(
                    "unknown key `{k}` in #[pg(..)] on a model; expected one of: {TABLE_KEYS}"
                ))),
            };
            if let Err(e) = r {
                cx.syn_error(e);
                skip_rest_of_key(&meta);
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    report_empty_values(cx);
    out
}

/// `view = "SELECT .."`, `view = include_str!("q.sql")`.
fn view_attr(meta: &ParseNestedMeta, materialized: bool) -> syn::Result<ViewAttr> {
    let span = meta.path.span();
    let query: syn::Expr = meta.value()?.parse()?;
    match &query {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) if s.value().trim().is_empty() => Err(syn::Error::new(
            s.span(),
            "the view's query is empty; write its SELECT",
        )),
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(_),
            ..
        })
        | syn::Expr::Macro(_) => Ok(ViewAttr {
            query,
            materialized,
            span,
        }),
        other => Err(syn::Error::new_spanned(
            other,
            "a view's query is a string literal or `include_str!(\"file.sql\")`",
        )),
    }
}

fn timestamps(meta: &ParseNestedMeta) -> syn::Result<Spanned<(String, String)>> {
    let span = meta
        .path
        .get_ident()
        .map(Ident::span)
        .unwrap_or_else(Span::call_site);
    let (mut created, mut updated) = (None, None);
    if has_args(meta) {
        meta.parse_nested_meta(|inner| match key(&inner).as_str() {
            "created" => set_once(&mut created, string(&inner)?.value(), &inner),
            "updated" => set_once(&mut updated, string(&inner)?.value(), &inner),
            other => Err(inner.error(format!(
                "unknown key `{other}` in `timestamps(..)`; expected: created, updated"
            ))),
        })?;
    } else {
        no_value(meta)?;
    }
    Ok(Spanned {
        value: (
            created.unwrap_or_else(|| "created_at".into()),
            updated.unwrap_or_else(|| "updated_at".into()),
        ),
        span,
    })
}

/// `row_security` or `row_security(force)`.
fn row_security(meta: &ParseNestedMeta) -> syn::Result<Spanned<bool>> {
    let span = meta.path.span();
    let mut force = false;
    if has_args(meta) {
        meta.parse_nested_meta(|inner| match key(&inner).as_str() {
            "force" => set_flag(&mut force, &inner),
            other => Err(inner.error(format!(
                "unknown key `{other}` in `row_security(..)`; expected: force"
            ))),
        })?;
        if !force {
            return Err(
                meta.error("`row_security()` is empty; write row_security or row_security(force)")
            );
        }
    } else {
        no_value(meta)?;
    }
    Ok(Spanned { value: force, span })
}

/// `policy(name = "..", ..)`.
fn policy_attr(meta: &ParseNestedMeta) -> syn::Result<PolicyAttr> {
    let span = meta.path.span();
    if !has_args(meta) {
        return Err(meta.error(
            "`policy` takes its parts, e.g. policy(name = \"own_rows\", using = \"owner = current_user\")",
        ));
    }
    let (mut name, mut command, mut roles, mut using, mut with_check) =
        (None, None, None, None, None);
    let mut restrictive = false;
    meta.parse_nested_meta(|inner| match key(&inner).as_str() {
        "name" => set_once(&mut name, string(&inner)?, &inner),
        "command" => set_once(&mut command, string(&inner)?, &inner),
        "roles" => set_once(&mut roles, string_list(&inner)?, &inner),
        "using" => set_once(&mut using, string(&inner)?, &inner),
        "with_check" => set_once(&mut with_check, string(&inner)?, &inner),
        "restrictive" => set_flag(&mut restrictive, &inner),
        other => Err(inner.error(format!(
            "unknown key `{other}` in `policy(..)`; expected: name, command, roles(..), using, with_check, restrictive"
        ))),
    })?;
    let name = name.ok_or_else(|| meta.error("`policy(..)` needs name = \"..\""))?;
    Ok(PolicyAttr {
        span,
        name,
        command,
        roles: roles.unwrap_or_default(),
        using,
        with_check,
        restrictive,
    })
}

fn partition_by_attr(meta: &ParseNestedMeta) -> syn::Result<PartitionByAttr> {
    const EXAMPLE: &str = "e.g. partition_by(range(created_at)), partition_by(list(region)) or partition_by(hash(id))";
    if !has_args(meta) {
        return Err(meta.error(format!(
            "`partition_by` takes its strategy and key, {EXAMPLE}"
        )));
    }
    let mut out = None;
    meta.parse_nested_meta(|inner| {
        let strategy = key(&inner);
        if !matches!(strategy.as_str(), "range" | "list" | "hash") {
            skip_rest_of_key(&inner);
            return Err(inner.error(format!(
                "unknown strategy `{strategy}` in `partition_by(..)`; expected range(..), list(..) or hash(..), {EXAMPLE}"
            )));
        }
        if !has_args(&inner) {
            return Err(inner.error(format!("`{strategy}` takes the key's fields, {EXAMPLE}")));
        }
        let mut key_elements = Vec::new();
        inner.parse_nested_meta(|element| {
            if element.path.is_ident("expr") {
                key_elements.push(PartitionKeyAttr::Expr(string(&element)?));
            } else if let Some(field) = element.path.get_ident() {
                no_value(&element)?;
                key_elements.push(PartitionKeyAttr::Field(ColumnRef {
                    ident: field.clone(),
                    desc: false,
                    nulls_first: None,
                }));
            } else {
                return Err(element.error("expected a field, or expr = \"..\""));
            }
            Ok(())
        })?;
        if key_elements.is_empty() {
            return Err(inner.error(format!("`{strategy}(..)` needs at least one field")));
        }
        let span = inner.path.span();
        set_once(
            &mut out,
            PartitionByAttr {
                span,
                strategy,
                key: key_elements,
            },
            &inner,
        )
    })?;
    out.ok_or_else(|| meta.error(format!("`partition_by(..)` needs a strategy, {EXAMPLE}")))
}

fn partition_attr(meta: &ParseNestedMeta) -> syn::Result<PartitionAttr> {
    const EXAMPLE: &str =
        "e.g. partition(name = \"measure_2026\", from(\"'2026-01-01'\"), to(\"'2027-01-01'\"))";
    let span = meta.path.span();
    if !has_args(meta) {
        return Err(meta.error(format!("`partition` takes its name and bound, {EXAMPLE}")));
    }
    let (mut name, mut schema, mut comment) = (None, None, None);
    let (mut from, mut to, mut values) = (None, None, None);
    let (mut modulus, mut remainder) = (None, None);
    let mut default = false;
    meta.parse_nested_meta(|inner| match key(&inner).as_str() {
        "name" => set_once(&mut name, string(&inner)?, &inner),
        "schema" => set_once(&mut schema, string(&inner)?, &inner),
        "comment" => set_once(&mut comment, string(&inner)?, &inner),
        "from" => set_once(&mut from, literal_list(&inner)?, &inner),
        "to" => set_once(&mut to, literal_list(&inner)?, &inner),
        "values" => set_once(&mut values, literal_list(&inner)?, &inner),
        "modulus" => set_once(&mut modulus, small_integer(&inner)?, &inner),
        "remainder" => set_once(&mut remainder, small_integer(&inner)?, &inner),
        "default" => set_flag(&mut default, &inner),
        other => Err(inner.error(format!(
            "unknown key `{other}` in `partition(..)`; expected: name, schema, from(..), to(..), values(..), modulus, remainder, default, comment"
        ))),
    })?;
    let name =
        name.ok_or_else(|| meta.error(format!("`partition(..)` needs name = \"..\", {EXAMPLE}")))?;
    let bound = match (from, to, values, modulus, remainder, default) {
        (Some(from), Some(to), None, None, None, false) => PartitionBoundAttr::Range(from, to),
        (None, None, Some(values), None, None, false) => PartitionBoundAttr::List(values),
        (None, None, None, Some(m), Some(r), false) => PartitionBoundAttr::Hash(m, r),
        (None, None, None, None, None, true) => PartitionBoundAttr::Default,
        _ => {
            return Err(meta.error(
                "`partition(..)` takes one bound: from(..) and to(..) for a range, values(..) for a list, modulus and remainder for a hash, or default",
            ));
        }
    };
    Ok(PartitionAttr {
        span,
        name,
        schema,
        bound,
        comment,
    })
}

/// `from("'2026-01-01'", "0")`: SQL literals, one per key element.
fn literal_list(meta: &ParseNestedMeta) -> syn::Result<Vec<LitStr>> {
    let example = format!(
        "{}(\"'2026-01-01'\"), one SQL literal per key element",
        key(meta)
    );
    if !has_args(meta) {
        return Err(meta.error(format!(
            "`{}` takes SQL literals, e.g. {example}",
            key(meta)
        )));
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let list = content.parse_terminated(<LitStr as syn::parse::Parse>::parse, Token![,])?;
    let out: Vec<LitStr> = list.into_iter().collect();
    if let Some(empty) = out.iter().find(|s| s.value().trim().is_empty()) {
        return Err(syn::Error::new(
            empty.span(),
            "an empty value; write an SQL literal ('a', 42, NULL, MINVALUE)",
        ));
    }
    if out.is_empty() {
        return Err(meta.error(format!(
            "`{}(..)` needs at least one value, e.g. {example}",
            key(meta)
        )));
    }
    Ok(out)
}

/// A non-negative integer of `u32` (a hash partition's modulus or remainder).
fn small_integer(meta: &ParseNestedMeta) -> syn::Result<u32> {
    let lit: syn::LitInt = meta.value()?.parse()?;
    lit.base10_parse::<u32>().map_err(|_| {
        syn::Error::new(
            lit.span(),
            format!("`{}` takes a whole number from 0 up", key(meta)),
        )
    })
}

/// `roles("a", "b")`: string literals.
fn string_list(meta: &ParseNestedMeta) -> syn::Result<Vec<LitStr>> {
    if !has_args(meta) {
        return Err(meta.error(format!(
            "`{}` takes a list of names, e.g. {}(\"app_user\", \"auditor\")",
            key(meta),
            key(meta)
        )));
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let list = content.parse_terminated(<LitStr as syn::parse::Parse>::parse, Token![,])?;
    let out: Vec<LitStr> = list.into_iter().collect();
    // Reported without stopping the parse (as `string` does), so the keys after it are read.
    let late = |e: syn::Error| EMPTY_VALUES.with(|errors| errors.borrow_mut().push(e));
    if let Some(empty) = out.iter().find(|s| s.value().trim().is_empty()) {
        late(syn::Error::new(
            empty.span(),
            "an empty role name; remove it",
        ));
    }
    if out.is_empty() {
        late(meta.error(format!(
            "`{}(..)` needs at least one name; leave the key out for every role",
            key(meta)
        )));
    }
    Ok(out)
}

/// `tenant` or `tenant(column = "..", setting = "..")`.
fn tenant_attr(meta: &ParseNestedMeta) -> syn::Result<TenantAttr> {
    let span = meta.path.span();
    let (mut column, mut setting) = (None, None);
    if has_args(meta) {
        meta.parse_nested_meta(|inner| match key(&inner).as_str() {
            "column" => {
                let s = string(&inner)?;
                let value = Spanned {
                    value: s.value(),
                    span: s.span(),
                };
                set_once(&mut column, value, &inner)
            }
            "setting" => set_once(&mut setting, string(&inner)?, &inner),
            other => Err(inner.error(format!(
                "unknown key `{other}` in `tenant(..)`; expected: column, setting"
            ))),
        })?;
    } else {
        no_value(meta)?;
    }
    Ok(TenantAttr {
        column: column.unwrap_or(Spanned {
            value: "tenant_id".to_owned(),
            span,
        }),
        setting,
    })
}

/// After an error inside a key, consume what is left of it so the next key still parses.
fn skip_rest_of_key(meta: &ParseNestedMeta) {
    let _ = meta.input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tt, next)) = rest.token_tree() {
            if matches!(&tt, proc_macro2::TokenTree::Punct(p) if p.as_char() == ',') {
                return Ok(((), rest));
            }
            rest = next;
        }
        Ok(((), rest))
    });
}

pub fn field_attrs(cx: &Ctxt, attrs: &[syn::Attribute]) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("pg")) {
        let result = attr.parse_nested_meta(|meta| {
            let k = key(&meta);
            let span = meta
                .path
                .get_ident()
                .map(Ident::span)
                .unwrap_or_else(Span::call_site);
            let r = match k.as_str() {
                "serial" => no_value(&meta).and_then(|_| set_once(&mut out.serial, span, &meta)),
                "default" => string(&meta).and_then(|s| set_once(&mut out.default, s, &meta)),
                "sql_type" => string(&meta).and_then(|s| set_once(&mut out.sql_type, s, &meta)),
                "domain" => string(&meta).and_then(|s| set_once(&mut out.domain, s, &meta)),
                "enum_schema" => {
                    string(&meta).and_then(|s| set_once(&mut out.enum_schema, s, &meta))
                }
                "generated" => string(&meta).and_then(|s| set_once(&mut out.generated, s, &meta)),
                "collate" => collate_attr(&meta).and_then(|c| set_once(&mut out.collate, c, &meta)),
                "identity" => {
                    identity_attr(&meta, span).and_then(|i| set_once(&mut out.identity, i, &meta))
                }
                "check" => check_attr(&meta, true).and_then(|c| set_once(&mut out.check, c, &meta)),
                "index" => index_attr(&meta, true).map(|i| out.indexes.push(i)),
                "gin" => gin_attr(&meta).map(|i| out.indexes.push(i)),
                "fk" => fk_attr(&meta).and_then(|f| set_once(&mut out.fk, (f, span), &meta)),
                _ => Err(meta.error(format!(
                    "unknown key `{k}` in #[pg(..)] on a field; expected one of: {FIELD_KEYS}"
                ))),
            };
            if let Err(e) = r {
                cx.syn_error(e);
                skip_rest_of_key(&meta);
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    report_empty_values(cx);
    out
}

/// Reads the `#[sea_orm(...)]` keys we need from a field; others are SeaORM's business.
pub fn sea_orm_field(attrs: &[syn::Attribute]) -> SeaOrmField {
    let mut out = SeaOrmField::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("sea_orm")) {
        let _ = attr.parse_nested_meta(|meta| {
            let k = key(&meta);
            let span = meta
                .path
                .get_ident()
                .map(Ident::span)
                .unwrap_or_else(Span::call_site);
            if meta.input.peek(Token![=]) {
                let value: syn::Expr = meta.value()?.parse()?;
                let text = match &value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => Some(s.value()),
                    _ => None,
                };
                match k.as_str() {
                    "column_name" => out.column_name = text,
                    "comment" => out.comment = text,
                    "unique_key" => out.unique_key = text,
                    "renamed_from" => out.renamed_from = text,
                    "default_value" | "default_expr" => out.default = Some(span),
                    "column_type" => out.column_type = Some(span),
                    _ => {}
                }
            } else if has_args(&meta) {
                let content;
                syn::parenthesized!(content in meta.input);
                let _: proc_macro2::TokenStream = content.parse()?;
            } else {
                match k.as_str() {
                    "indexed" => out.indexed = true,
                    "ignore" => out.ignore = true,
                    "primary_key" => out.primary_key = true,
                    _ => {}
                }
            }
            Ok(())
        });
    }
    out
}
