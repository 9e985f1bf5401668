//! Code generation: one `impl PgTable for Entity` holding a `static` of plain data.

use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

use crate::ast::{Field, Model};
use crate::attr::{
    CheckAttr, CollateAttr, ColumnRef, Deferral, ExclusionKey, IndexAttr, StorageAttr,
};

fn opt_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

fn opt_lit(s: &Option<LitStr>) -> TokenStream {
    opt_str(s.as_ref().map(LitStr::value).as_deref())
}

/// `partition_by(..)` and `partition(..)` as `extras::PartitionBySpec` and `PartitionSpec`s.
fn partitioning(model: &Model) -> (TokenStream, Vec<TokenStream>) {
    use crate::attr::{PartitionBoundAttr, PartitionKeyAttr};

    let a = &model.attrs;
    let by = match &a.partition_by {
        Some(by) => {
            let strategy = match by.strategy.as_str() {
                "range" => quote!(Range),
                "list" => quote!(List),
                _ => quote!(Hash),
            };
            let key = by.key.iter().map(|k| match k {
                PartitionKeyAttr::Field(c) => {
                    let c = column(model, c);
                    quote!(::model_core::extras::PartitionKeySpec::Column(#c))
                }
                PartitionKeyAttr::Expr(sql) => {
                    quote!(::model_core::extras::PartitionKeySpec::Expr(#sql))
                }
            });
            quote!(::core::option::Option::Some(::model_core::extras::PartitionBySpec {
                strategy: ::model_core::PartitionStrategy::#strategy,
                key: &[#(#key),*],
            }))
        }
        None => quote!(::core::option::Option::None),
    };
    let partitions = a.partitions.iter().map(|p| {
        let name = &p.name;
        let schema = opt_lit(&p.schema);
        let comment = opt_lit(&p.comment);
        let bound = match &p.bound {
            PartitionBoundAttr::Range(from, to) => {
                quote!(::model_core::extras::BoundSpec::Range { from: &[#(#from),*], to: &[#(#to),*] })
            }
            PartitionBoundAttr::List(values) => {
                quote!(::model_core::extras::BoundSpec::List(&[#(#values),*]))
            }
            PartitionBoundAttr::Hash(m, r) => {
                quote!(::model_core::extras::BoundSpec::Hash { modulus: #m, remainder: #r })
            }
            PartitionBoundAttr::Default => quote!(::model_core::extras::BoundSpec::Default),
        };
        quote!(::model_core::extras::PartitionSpec { name: #name, schema: #schema, bound: #bound, comment: #comment })
    });
    (by, partitions.collect())
}

fn column<'a>(model: &'a Model, c: &'a ColumnRef) -> String {
    let name = c.ident.to_string();
    let name = name.trim_start_matches("r#");
    model
        .field(name)
        .map_or_else(|| name.to_owned(), |f| f.column.clone())
}

fn columns(model: &Model, cols: &[ColumnRef]) -> TokenStream {
    let names = cols.iter().map(|c| column(model, c));
    quote!(&[#(#names),*])
}

fn check(c: &CheckAttr) -> TokenStream {
    let name = opt_lit(&c.name);
    let sql = c.sql.value();
    let (not_valid, no_inherit) = (c.not_valid, c.no_inherit);
    quote!(::model_core::extras::CheckSpec { name: #name, sql: #sql, not_valid: #not_valid, no_inherit: #no_inherit })
}

fn deferral(d: &Deferral) -> TokenStream {
    let variant = match (d.deferrable, d.initially_deferred) {
        (_, true) => quote!(InitiallyDeferred),
        (true, false) => quote!(Deferrable),
        (false, false) => quote!(Immediate),
    };
    quote!(::model_core::Deferral::#variant)
}

fn method(index: &IndexAttr) -> TokenStream {
    method_of(index.using.as_ref().map(|(m, _)| m.as_str()))
}

/// `Some(IndexMethod::..)` for `using = ".."` (checked by then), `None` where it was not said.
fn method_of(using: Option<&str>) -> TokenStream {
    let variant = match using {
        None => return quote!(::core::option::Option::None),
        Some("gin") => quote!(Gin),
        Some("gist") => quote!(Gist),
        Some("brin") => quote!(Brin),
        Some("hash") => quote!(Hash),
        Some("spgist") => quote!(Spgist),
        Some(_) => quote!(Btree),
    };
    quote!(::core::option::Option::Some(::model_core::IndexMethod::#variant))
}

fn column_key(column: &str, desc: bool, nulls_first: Option<bool>) -> TokenStream {
    let nulls_first = match nulls_first {
        Some(first) => quote!(::core::option::Option::Some(#first)),
        None => quote!(::core::option::Option::None),
    };
    quote!(::model_core::extras::IndexKeySpec::Column { column: #column, desc: #desc, nulls_first: #nulls_first })
}

fn index(model: &Model, index: &IndexAttr, field: Option<&Field>) -> TokenStream {
    let mut keys = Vec::new();
    if let Some(f) = field {
        keys.push(column_key(&f.column, index.desc, index.nulls_first));
    }
    for c in &index.columns {
        keys.push(column_key(&column(model, c), c.desc, c.nulls_first));
    }
    for e in &index.exprs {
        let sql = e.value();
        keys.push(quote!(::model_core::extras::IndexKeySpec::Expr(#sql)));
    }
    if let Some((language, cols)) = &index.tsvector {
        let language = language.value();
        let cols = columns(model, cols);
        keys.push(quote!(::model_core::extras::IndexKeySpec::TsVector { language: #language, columns: #cols }));
    }
    let name = opt_lit(&index.name);
    let method = method(index);
    let opclass = opt_lit(&index.opclass);
    let unique = index.unique;
    let predicate = opt_lit(&index.predicate);
    let include = columns(model, &index.include);
    let nnd = index.nulls_not_distinct;
    let collate = collate(&index.collate);
    let storage = storage(&index.storage);
    quote!(::model_core::extras::IndexSpec {
        name: #name,
        keys: &[#(#keys),*],
        method: #method,
        opclass: #opclass,
        unique: #unique,
        predicate: #predicate,
        include: #include,
        nulls_not_distinct: #nnd,
        collate: #collate,
        storage: #storage,
    })
}

/// `&[("fillfactor", "70"), ..]`.
fn storage(storage: &Option<Vec<StorageAttr>>) -> TokenStream {
    let pairs = storage.iter().flatten().map(|p| {
        let (name, value) = (&p.name, &p.value);
        quote!((#name, #value))
    });
    quote!(&[#(#pairs),*])
}

/// `Some(CollationSpec { .. })`: a collation without a schema is PostgreSQL's own.
fn collate(c: &Option<CollateAttr>) -> TokenStream {
    match c {
        Some(c) => {
            let schema = c
                .schema
                .as_ref()
                .map_or_else(|| "pg_catalog".to_owned(), LitStr::value);
            let name = c.name.value();
            quote!(::core::option::Option::Some(::model_core::extras::CollationSpec { schema: #schema, name: #name }))
        }
        None => quote!(::core::option::Option::None),
    }
}

fn field(model: &Model, f: &Field) -> TokenStream {
    let name = &f.name;
    let col = &f.column;
    let serial = f.pg.serial.is_some();
    let default = opt_lit(&f.pg.default);
    let sql_type = opt_lit(&f.pg.sql_type);
    let domain = opt_lit(&f.pg.domain);
    let check = match &f.pg.check {
        Some(c) => {
            let c = check(c);
            quote!(::core::option::Option::Some(#c))
        }
        None => quote!(::core::option::Option::None),
    };
    let indexes = f.pg.indexes.iter().map(|i| index(model, i, Some(f)));
    let fk = match &f.pg.fk {
        Some((fk, _)) => {
            let name = opt_lit(&fk.name);
            let (d, i) = (fk.deferrable, fk.initially_deferred);
            let (m, v) = (fk.match_full, fk.not_valid);
            quote!(::core::option::Option::Some(::model_core::extras::FkSpec { name: #name, deferrable: #d, initially_deferred: #i, match_full: #m, not_valid: #v }))
        }
        None => quote!(::core::option::Option::None),
    };
    let enum_schema = opt_lit(&f.pg.enum_schema);
    let generated = opt_lit(&f.pg.generated);
    let collate = collate(&f.pg.collate);
    let identity = match &f.pg.identity {
        Some(i) => {
            let always = i.always;
            let number = |n: Option<i64>| match n {
                Some(n) => quote!(::core::option::Option::Some(#n)),
                None => quote!(::core::option::Option::None),
            };
            let (start, increment) = (number(i.start), number(i.increment));
            let (min, max, cache) = (number(i.min_value), number(i.max_value), number(i.cache));
            let cycle = i.cycle;
            quote!(::core::option::Option::Some(::model_core::extras::IdentitySpec {
                always: #always,
                options: ::model_core::IdentityOptions {
                    start: #start,
                    increment: #increment,
                    min_value: #min,
                    max_value: #max,
                    cache: #cache,
                    cycle: #cycle,
                },
            }))
        }
        None => quote!(::core::option::Option::None),
    };
    let comment = opt_str(f.sea.comment.as_deref());
    let indexed = f.sea.indexed;
    let unique_key = opt_str(f.sea.unique_key.as_deref());
    let renamed_from = opt_str(f.sea.renamed_from.as_deref());
    quote!(::model_core::extras::FieldExtras {
        field: #name,
        column: #col,
        serial: #serial,
        default: #default,
        sql_type: #sql_type,
        domain: #domain,
        check: #check,
        indexes: &[#(#indexes),*],
        fk: #fk,
        enum_schema: #enum_schema,
        generated: #generated,
        collate: #collate,
        identity: #identity,
        comment: #comment,
        indexed: #indexed,
        unique_key: #unique_key,
        renamed_from: #renamed_from,
    })
}

pub fn expand(model: &Model) -> TokenStream {
    let a = &model.attrs;
    let column_of = |name: &str| {
        model
            .field(name)
            .map_or_else(|| name.to_owned(), |f| f.column.clone())
    };
    let soft_delete = opt_str(
        a.soft_delete
            .as_ref()
            .map(|s| column_of(&s.value))
            .as_deref(),
    );
    let versioned = opt_str(a.versioned.as_ref().map(|s| column_of(&s.value)).as_deref());
    let timestamps = match &a.timestamps {
        Some(ts) => {
            let (c, u) = (column_of(&ts.value.0), column_of(&ts.value.1));
            quote!(::core::option::Option::Some(::model_core::extras::TimestampsSpec { created: #c, updated: #u }))
        }
        None => quote!(::core::option::Option::None),
    };
    let indexes = a.indexes.iter().map(|i| index(model, i, None));
    let uniques = a.uniques.iter().map(|u| {
        let name = opt_lit(&u.name);
        let cols = columns(model, &u.columns);
        let nnd = u.nulls_not_distinct;
        let predicate = opt_lit(&u.predicate);
        let deferral = deferral(&u.deferral);
        let include = columns(model, &u.include);
        quote!(::model_core::extras::UniqueSpec { name: #name, columns: #cols, nulls_not_distinct: #nnd, predicate: #predicate, deferral: #deferral, include: #include })
    });
    let primary_key = match &a.primary_key {
        Some(pk) => {
            let name = opt_lit(&pk.name);
            let deferral = deferral(&pk.deferral);
            let include = columns(model, &pk.include);
            quote!(::core::option::Option::Some(::model_core::extras::PrimaryKeySpec { name: #name, deferral: #deferral, include: #include }))
        }
        None => quote!(::core::option::Option::None),
    };
    let checks = a.checks.iter().map(check);
    let exclusions = a.exclusions.iter().map(|x| {
        let name = opt_lit(&x.name);
        let method = method_of(x.using.as_ref().map(|(m, _)| m.as_str()));
        let elements = x.elements.iter().map(|(key, operator)| {
            let key = match key {
                ExclusionKey::Field(c) => column_key(&column(model, c), false, None),
                ExclusionKey::Expr(sql) => {
                    let sql = sql.value();
                    quote!(::model_core::extras::IndexKeySpec::Expr(#sql))
                }
            };
            let operator = operator.value();
            quote!((#key, #operator))
        });
        let include = columns(model, &x.include);
        let predicate = opt_lit(&x.predicate);
        let deferral = deferral(&x.deferral);
        quote!(::model_core::extras::ExclusionSpec { name: #name, method: #method, elements: &[#(#elements),*], include: #include, predicate: #predicate, deferral: #deferral })
    });
    let unlogged = a.unlogged;
    let (partition_by, partitions) = partitioning(model);
    let storage = storage(&a.storage);
    let row_security = a.row_security.is_some() || a.tenant.is_some();
    let force_row_security = a.row_security.as_ref().is_some_and(|r| r.value) || a.tenant.is_some();
    let policies = a.policies.iter().map(|p| {
        let name = &p.name;
        let command = match p
            .command
            .as_ref()
            .map(|c| c.value().to_ascii_lowercase())
            .as_deref()
        {
            Some("select") => quote!(Select),
            Some("insert") => quote!(Insert),
            Some("update") => quote!(Update),
            Some("delete") => quote!(Delete),
            _ => quote!(All),
        };
        let roles = &p.roles;
        let using = opt_lit(&p.using);
        let with_check = opt_lit(&p.with_check);
        let restrictive = p.restrictive;
        quote!(::model_core::extras::PolicySpec {
            name: #name,
            restrictive: #restrictive,
            command: ::model_core::PolicyCommand::#command,
            roles: &[#(#roles),*],
            using: #using,
            with_check: #with_check,
        })
    });
    let tenant = match &a.tenant {
        Some(t) => {
            let column = column_of(&t.column.value);
            let setting = t
                .setting
                .as_ref()
                .map_or_else(|| "app.tenant_id".to_owned(), LitStr::value);
            quote!(::core::option::Option::Some(::model_core::extras::TenantSpec { column: #column, setting: #setting }))
        }
        None => quote!(::core::option::Option::None),
    };
    let view = match &a.view {
        Some(v) => {
            let query = &v.query;
            let materialized = v.materialized;
            let barrier = a.security_barrier.is_some();
            let check_option = match a.check_option.as_ref().map(|c| c.value()).as_deref() {
                Some("local") => quote!(::core::option::Option::Some(
                    ::model_core::CheckOption::Local
                )),
                Some("cascaded") => quote!(::core::option::Option::Some(
                    ::model_core::CheckOption::Cascaded
                )),
                _ => quote!(::core::option::Option::None),
            };
            quote!(::core::option::Option::Some(::model_core::extras::ViewSpec {
                query: #query,
                materialized: #materialized,
                security_barrier: #barrier,
                check_option: #check_option,
            }))
        }
        None => quote!(::core::option::Option::None),
    };
    let fields = model.columns().map(|f| field(model, f));
    let ident = model.ident;
    let soft_delete_impl = match &a.soft_delete {
        Some(_) => quote!(impl ::model_core::SoftDelete for Entity {}),
        // Without soft delete, `Entity::find_live()` would be a bare "no function found"; these
        // stand in its place with a bound that cannot hold, so the compiler says which
        // `#[pg(..)]` key is missing (`SoftDelete`'s on_unimplemented message).
        None => quote! {
            #[doc(hidden)]
            impl Entity {
                #[allow(dead_code)]
                pub fn find_live() -> ::model_core::__private::sea_orm::Select<Self>
                where
                    for<'a> Self: ::model_core::SoftDelete,
                {
                    <Self as ::model_core::SoftDelete>::find_live()
                }
                #[allow(dead_code)]
                pub fn find_deleted() -> ::model_core::__private::sea_orm::Select<Self>
                where
                    for<'a> Self: ::model_core::SoftDelete,
                {
                    <Self as ::model_core::SoftDelete>::find_deleted()
                }
            }
        },
    };
    let versioned_impl = a
        .versioned
        .as_ref()
        .map(|_| quote!(impl ::model_core::Versioned for Entity {}));
    let tenant_impl = a
        .tenant
        .as_ref()
        .map(|_| quote!(impl ::model_core::TenantScoped for Entity {}));
    quote! {
        #soft_delete_impl
        #versioned_impl
        #tenant_impl

        impl ::model_core::PgTable for Entity {
            fn pg_extras() -> &'static ::model_core::extras::TableExtras {
                static EXTRAS: ::model_core::extras::TableExtras = ::model_core::extras::TableExtras {
                    model: ::core::concat!(::core::module_path!(), "::", ::core::stringify!(#ident)),
                    soft_delete: #soft_delete,
                    versioned: #versioned,
                    timestamps: #timestamps,
                    unlogged: #unlogged,
                    storage: #storage,
                    row_security: #row_security,
                    force_row_security: #force_row_security,
                    policies: &[#(#policies),*],
                    tenant: #tenant,
                    primary_key: #primary_key,
                    indexes: &[#(#indexes),*],
                    uniques: &[#(#uniques),*],
                    exclusions: &[#(#exclusions),*],
                    partition_by: #partition_by,
                    partitions: &[#(#partitions),*],
                    checks: &[#(#checks),*],
                    fields: &[#(#fields),*],
                    view: #view,
                };
                &EXTRAS
            }
        }
    }
}
