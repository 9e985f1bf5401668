//! Trigger functions: the PL/pgSQL the `timestamps` and `versioned` keys need.

use model_core::{Function, FunctionBody};

use super::ident::{dollar_tag, ident};

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

pub fn create_function(f: &Function) -> String {
    let body = function_body(&f.body);
    let tag = dollar_tag("", &body);
    format!(
        "CREATE OR REPLACE FUNCTION {}()\nRETURNS TRIGGER\nLANGUAGE plpgsql\nAS {tag}{body}{tag};\n",
        super::qualified(&f.name),
    )
}
