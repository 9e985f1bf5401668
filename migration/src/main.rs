//! Runs the migrations: `cargo run -- up|down|status|fresh|refresh`, with DATABASE_URL set.

use sea_orm_migration::prelude::*;

#[tokio::main]
async fn main() {
    // sea-orm-migration panics on some user errors (a malformed URL) with the whole connection
    // string in the message: say what went wrong without the password and without a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("the migration stopped");
        eprintln!("error: {}", without_passwords(message));
    }));
    cli::run_cli(migration::Migrator).await;
}

/// `scheme://user:password@host` written as `scheme://user:***@host`.
fn without_passwords(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        out.push_str(head);
        let end = tail
            .find(|c: char| c.is_whitespace() || c == '"' || c == '\'')
            .unwrap_or(tail.len());
        let (url, after) = tail.split_at(end);
        match url.rsplit_once('@') {
            Some((user_info, host)) => {
                let user = user_info.split_once(':').map_or(user_info, |(u, _)| u);
                let hidden = if user.len() < user_info.len() {
                    ":***"
                } else {
                    ""
                };
                out.push_str(&format!("{user}{hidden}@{host}"));
            }
            None => out.push_str(url),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}
