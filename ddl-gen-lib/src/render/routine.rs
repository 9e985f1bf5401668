//! Functions and procedures: `CREATE OR REPLACE FUNCTION` with the whole declaration, and the
//! PL/pgSQL the `timestamps` and `versioned` keys need.

use std::fmt::Write as _;

use model_core::{Function, FunctionBody, Parallel, Returns, Volatility};

use super::ident::{Ident, Qualified, dollar_tag, ident};

/// The body between the dollar quotes, as `pg_proc.prosrc` holds it.
pub fn function_body(body: &FunctionBody) -> String {
    let assignment = match body {
        FunctionBody::TouchTimestamp { column } => {
            format!("NEW.{} = CURRENT_TIMESTAMP", ident(column))
        }
        FunctionBody::IncrementVersion { column } => {
            let c = ident(column);
            format!("NEW.{c} = OLD.{c} + 1")
        }
        FunctionBody::Source(source) => return source.clone(),
    };
    format!("\nBEGIN\n    {assignment};\n    RETURN NEW;\nEND;\n")
}

/// `CREATE OR REPLACE FUNCTION name(args)`, `RETURNS ..`, `LANGUAGE ..`, the attributes other
/// than the defaults, each `SET`, then the body, one clause per line.
pub fn create_function(f: &Function) -> String {
    let body = function_body(&f.body);
    let tag = dollar_tag("", &body);
    let mut out = format!(
        "CREATE OR REPLACE {} {}({})\n",
        keyword(f),
        Qualified(&f.name),
        arguments(f)
    );
    if let Some(returns) = returns(f) {
        let _ = writeln!(out, "RETURNS {returns}");
    }
    let _ = writeln!(out, "LANGUAGE {}", f.language);
    let attributes = attributes(f);
    if !attributes.is_empty() {
        let _ = writeln!(out, "{}", attributes.join(" "));
    }
    for s in settings(f) {
        let _ = writeln!(out, "{s}");
    }
    let _ = writeln!(out, "AS {tag}{body}{tag};");
    out
}

/// `FUNCTION` or `PROCEDURE`.
pub fn keyword(f: &Function) -> &'static str {
    if f.is_procedure() {
        "PROCEDURE"
    } else {
        "FUNCTION"
    }
}

/// `name(types)`: the function as `DROP` and `COMMENT ON` name it (by its input types).
pub fn signature(f: &Function) -> String {
    format!("{}({})", Qualified(&f.name), f.identity_args())
}

/// What follows `RETURNS`; `None` for a procedure.
pub fn returns(f: &Function) -> Option<String> {
    let returns = f.returns.as_ref()?;
    Some(match returns {
        Returns::Type(_) if returns.is_trigger() => "TRIGGER".to_owned(),
        Returns::Type(t) => t.clone(),
        Returns::SetOf(t) => format!("SETOF {t}"),
        Returns::Table(columns) => {
            let columns: Vec<String> = (columns.iter())
                .map(|(n, t)| format!("{} {t}", Ident(n)))
                .collect();
            format!("TABLE ({})", columns.join(", "))
        }
    })
}

/// The attributes other than the defaults: volatility, `STRICT`, `SECURITY DEFINER`, `PARALLEL`.
pub fn attributes(f: &Function) -> Vec<String> {
    let attributes = [
        (f.volatility != Volatility::Volatile).then(|| f.volatility.keyword().to_owned()),
        f.strict.then(|| "STRICT".to_owned()),
        f.security_definer.then(|| "SECURITY DEFINER".to_owned()),
        (f.parallel != Parallel::Unsafe).then(|| format!("PARALLEL {}", f.parallel.keyword())),
    ];
    attributes.into_iter().flatten().collect()
}

/// Each `SET name = value`, in order.
pub fn settings(f: &Function) -> Vec<String> {
    (f.settings.iter())
        .map(|s| format!("SET {} = {}", ident(&s.name), s.value))
        .collect()
}

/// The arguments as declared: `[mode] [name] type [DEFAULT expr]`, `, `-separated.
pub fn arguments(f: &Function) -> String {
    let args: Vec<String> = (f.args.iter())
        .map(|a| {
            let mut out = String::new();
            if let Some(mode) = a.mode.keyword() {
                let _ = write!(out, "{mode} ");
            }
            if let Some(name) = &a.name {
                let _ = write!(out, "{} ", Ident(name));
            }
            out.push_str(&a.sql_type);
            if let Some(d) = &a.default {
                let _ = write!(out, " DEFAULT {d}");
            }
            out
        })
        .collect();
    args.join(", ")
}
