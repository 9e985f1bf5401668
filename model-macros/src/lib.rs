//! `#[derive(PgTable)]`: the PostgreSQL keys SeaORM cannot say, read from `#[pg(...)]`.
//!
//! Parse (`attr`, `ast`), then check against the struct's fields (`check`), then generate
//! (`expand`): plain `'static` data that `model-core` interprets at run time. Every error of an
//! item is reported at once, under the token that caused it.

mod ast;
mod attr;
mod check;
mod ctxt;
mod expand;

use proc_macro::TokenStream;

/// Implements `model_core::PgTable` for the `Entity` next to a SeaORM `Model`.
///
/// See MODEL-API.md for the `#[pg(...)]` grammar. On the `ModelEx` twin that
/// `#[sea_orm::model]` generates (it copies the derive list), this derive emits nothing.
#[proc_macro_derive(PgTable, attributes(pg))]
pub fn derive_pg_table(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    if is_model_ex_twin(&input) {
        return TokenStream::new();
    }
    let cx = ctxt::Ctxt::default();
    let model = ast::Model::from_ast(&cx, &input);
    if let Some(model) = &model {
        check::check(&cx, model);
    }
    match (cx.check(), model) {
        (Ok(()), Some(model)) => expand::expand(&model).into(),
        (Err(e), _) => e.to_compile_error().into(),
        (Ok(()), None) => TokenStream::new(),
    }
}

/// `#[sea_orm::model]` emits `Model` (marked `#[sea_orm(model_ex)]`) and a `ModelEx` twin
/// carrying the same derives; only `Model` describes the table.
fn is_model_ex_twin(input: &syn::DeriveInput) -> bool {
    let name = input.ident.to_string();
    let Some(base) = name.strip_suffix("Ex") else {
        return false;
    };
    !base.is_empty()
        && !input.attrs.iter().any(|a| {
            a.path().is_ident("sea_orm")
                && a.parse_nested_meta(|m| {
                    if m.path.is_ident("model_ex") {
                        Err(m.error("found"))
                    } else {
                        let _ = m.input.parse::<proc_macro2::TokenStream>();
                        Ok(())
                    }
                })
                .is_err()
        })
}
