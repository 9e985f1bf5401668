//! Runs the migrations: `cargo run -- up|down|status|fresh|refresh`, with DATABASE_URL set.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectOptions, ConnectionTrait, Database, DbConn, Statement};

/// How long a run waits for another run on the same database to finish, in seconds.
const WAIT_FOR_OTHER_RUN: u64 = 60;

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
    cli::run_cli_with_connection(migration::Migrator, connect_alone).await;
}

/// Connects, once no other run of these migrations is working on the same database: two runs
/// at once would both apply the first pending migration. A session-level advisory lock, held
/// by a connection of its own until this process ends, makes the second wait (at most
/// WAIT_FOR_OTHER_RUN), then find what the first applied. The second asks again every 100 ms
/// rather than waiting inside one statement: a statement waiting holds a snapshot, and an
/// index the first run builds CONCURRENTLY waits for every older snapshot to go.
async fn connect_alone(options: ConnectOptions) -> Result<DbConn, DbErr> {
    let mut alone = options.clone();
    alone.max_connections(1).min_connections(1);
    let lock = Database::connect(alone).await?;
    let key = "hashtext('sea-orm-migration: ' || current_database())";
    let take = |sql: String| Statement::from_string(lock.get_database_backend(), sql);
    let taken: bool = lock
        .query_one_raw(take(format!("SELECT pg_try_advisory_lock({key}) AS taken")))
        .await?
        .map_or(Ok(false), |row| row.try_get_by("taken"))?;
    if !taken {
        eprintln!(
            "another migration run is working on this database; waiting up to {WAIT_FOR_OTHER_RUN}s for it to finish"
        );
        let deadline =
            std::time::Instant::now() + std::time::Duration::from_secs(WAIT_FOR_OTHER_RUN);
        loop {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            let taken: bool = lock
                .query_one_raw(take(format!("SELECT pg_try_advisory_lock({key}) AS taken")))
                .await?
                .map_or(Ok(false), |row| row.try_get_by("taken"))?;
            if taken {
                break;
            }
            if std::time::Instant::now() > deadline {
                return Err(DbErr::Custom(format!(
                    "another migration run kept working on this database for {WAIT_FOR_OTHER_RUN}s; try again when it has finished"
                )));
            }
        }
    }
    // Held until the process ends.
    std::mem::forget(lock);
    Database::connect(options).await
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
