//! Connecting to a database named by a URL, and saying what went wrong without ever printing
//! the password in it.

use std::str::FromStr;

use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::{ConnectOptions, Connection};

/// A database to connect to: the parsed options and a label safe to print
/// (`user@host:port/database`, no password).
#[derive(Debug, Clone)]
pub struct Target {
    pub options: PgConnectOptions,
    pub label: String,
    /// The password, if the URL had one: scrubbed from every message.
    secret: Option<String>,
}

impl Target {
    /// Parses a `postgres://` or `postgresql://` URL.
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim();
        if url.is_empty() {
            return Err(
                "no database given: pass a URL (postgres://user@host:5432/db) or set DATABASE_URL"
                    .into(),
            );
        }
        let scheme = url.split_once("://").map(|(s, _)| s);
        if !matches!(scheme, Some("postgres" | "postgresql")) {
            return Err(format!(
                "not a PostgreSQL URL (it starts with {:?}); write postgres://user@host:5432/db",
                scheme.unwrap_or(url.split(':').next().unwrap_or_default())
            ));
        }
        let secret = password_of(url);
        let options = PgConnectOptions::from_str(url).map_err(|e| {
            let text = scrub(&e.to_string(), secret.as_deref());
            format!("the database URL cannot be read: {text}")
        })?;
        let label = format!(
            "{}@{}:{}/{}",
            options.get_username(),
            options.get_host(),
            options.get_port(),
            options.get_database().unwrap_or(options.get_username())
        );
        Ok(Self {
            options: options.disable_statement_logging(),
            label,
            secret,
        })
    }

    /// The same server, another database.
    pub fn with_database(&self, database: &str) -> Self {
        let options = self.options.clone().database(database);
        let label = format!(
            "{}@{}:{}/{database}",
            options.get_username(),
            options.get_host(),
            options.get_port()
        );
        Self {
            options,
            label,
            secret: self.secret.clone(),
        }
    }

    /// Connects, or says to what it could not connect and why.
    pub async fn connect(&self) -> Result<PgConnection, String> {
        PgConnection::connect_with(&self.options)
            .await
            .map_err(|e| format!("cannot connect to {}: {}", self.label, self.message(&e)))
    }

    /// A database error in PostgreSQL's words, without the password.
    pub fn message(&self, e: &sqlx::Error) -> String {
        scrub(&message(e), self.secret.as_deref())
    }
}

/// PostgreSQL's own message for database errors (with its SQLSTATE and hint), sqlx's text
/// otherwise.
pub fn message(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Database(db) => {
            let mut text = db.message().to_owned();
            if let Some(code) = db.code() {
                text.push_str(&format!(" (SQLSTATE {code})"));
            }
            let hint = db
                .try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
                .and_then(|e| e.hint());
            if let Some(hint) = hint {
                text.push_str(&format!("; hint: {hint}"));
            }
            text
        }
        other => other.to_string(),
    }
}

/// The password of `scheme://user:password@host/..`, if any (still percent-encoded, as it
/// may appear in messages either way).
fn password_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let userinfo = rest.rsplit_once('@')?.0;
    let password = userinfo.split_once(':')?.1;
    (!password.is_empty()).then(|| password.to_owned())
}

/// `text` with every occurrence of the password (raw or percent-decoded) replaced.
fn scrub(text: &str, secret: Option<&str>) -> String {
    let Some(secret) = secret else {
        return text.to_owned();
    };
    let mut out = text.replace(secret, "***");
    let decoded = percent_decode(secret);
    if decoded != secret && !decoded.is_empty() {
        out = out.replace(&decoded, "***");
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::Target;

    #[test]
    fn labels_and_errors_never_hold_the_password() {
        let t = Target::parse("postgres://alice:s3cr%40t@db.example:6543/app").unwrap();
        assert_eq!(t.label, "alice@db.example:6543/app");
        assert_eq!(
            super::scrub("bad password s3cr@t and s3cr%40t", t.secret.as_deref()),
            "bad password *** and ***"
        );
        let err = Target::parse("mysql://root:hunter2@localhost/db").unwrap_err();
        assert!(
            err.contains("not a PostgreSQL URL") && !err.contains("hunter2"),
            "{err}"
        );
        let err = Target::parse("postgres://u:hunter2@host:notaport/db").unwrap_err();
        assert!(!err.contains("hunter2"), "{err}");
    }
}
