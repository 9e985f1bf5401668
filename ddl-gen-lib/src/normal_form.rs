//! The models' normal form, cached: what the models' script becomes in PostgreSQL's own words
//! (applied to a scratch database and read back) depends only on the script, the server, and
//! this tool. `verify` keeps the reading under the binary's own directory (`target/<profile>/`
//! for `cargo run`), and builds a scratch database again only when one of those changed.
//!
//! A stale entry cannot be used: the file holds every input in full (the whole script, the
//! server's version, template encoding and collation, the default versions of the models'
//! extensions, the schemas read, and the identity of the binary that read it: path, size and
//! modification time), and is used only when every one of them is byte-equal to now. Its name
//! is a hash of those inputs, only to find it.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use model_core::Schema;
use sqlx::postgres::PgConnection;

use crate::introspect::{NotHeld, Reading};

/// Bumped when the file's layout changes.
const FORMAT: &str = "ddl-gen normal form 1";

/// Entries kept: the most recently written (one per models' script a project verifies with).
const KEPT: usize = 8;

/// Where `verify` keeps its cache unless told otherwise: beside the running binary (for
/// `cargo run`, under `target/`).
pub fn default_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.join("ddl-gen-cache"))
}

/// Everything the normal form depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    /// The format, the binary, the server and the schemas, one fact per line.
    pub facts: String,
    pub script: String,
}

impl Inputs {
    /// Reads the server's facts over `live` (a connection to the same server the scratch
    /// database would be made on).
    pub async fn gather(
        live: &mut PgConnection,
        script: String,
        schemas: &[String],
        models: &Schema,
    ) -> Result<Self, sqlx::Error> {
        let extensions: Vec<String> = models.extensions.iter().map(|e| e.name.clone()).collect();
        let (server, template, available): (String, String, String) = sqlx::query_as(
            "SELECT current_setting('server_version_num'),
                    (SELECT format('%s %s %s', pg_encoding_to_char(encoding), datcollate, datctype)
                       FROM pg_database WHERE datname = 'template0'),
                    coalesce((SELECT string_agg(format('%s=%s', name, default_version), ' ' ORDER BY name)
                                FROM pg_available_extensions WHERE name = ANY ($1)), '')",
        )
        .bind(&extensions)
        .fetch_one(live)
        .await?;
        let facts = format!(
            "{FORMAT}\nbinary {}\nserver {server}\ntemplate {template}\nextensions {available}\nschemas {}\n",
            binary_identity(),
            schemas.join(" ")
        );
        Ok(Self { facts, script })
    }

    fn file_name(&self) -> String {
        let mut h = DefaultHasher::new();
        self.facts.hash(&mut h);
        self.script.hash(&mut h);
        format!("{:016x}.json", h.finish())
    }
}

/// The running binary: path, size and modification time. A rebuild changes it, so a reading
/// made by other introspection code is never reused.
fn binary_identity() -> String {
    let Ok(exe) = std::env::current_exe() else {
        return "unknown".into();
    };
    let modified = std::fs::metadata(&exe)
        .and_then(|m| Ok((m.len(), m.modified()?)))
        .map(|(len, t)| {
            let since = t.duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
            format!(
                "{len} bytes, modified {}.{:09}",
                since.as_secs(),
                since.subsec_nanos()
            )
        })
        .unwrap_or_else(|_| "unreadable".into());
    format!("{} {modified}", exe.display())
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    facts: String,
    script: String,
    schema: Schema,
    not_held: Vec<(String, String)>,
}

/// The cached reading for `inputs`, if one was stored for exactly these inputs.
pub fn load(dir: &Path, inputs: &Inputs) -> Option<Reading> {
    let text = std::fs::read_to_string(dir.join(inputs.file_name())).ok()?;
    let entry: Entry = serde_json::from_str(&text).ok()?;
    (entry.facts == inputs.facts && entry.script == inputs.script).then(|| Reading {
        schema: entry.schema,
        not_held: entry
            .not_held
            .into_iter()
            .map(|(kind, name)| NotHeld { kind, name })
            .collect(),
    })
}

/// Stores `reading` for `inputs`, whole or not at all (written aside, then renamed).
pub fn store(dir: &Path, inputs: &Inputs, reading: &Reading) -> Result<(), String> {
    let entry = Entry {
        facts: inputs.facts.clone(),
        script: inputs.script.clone(),
        schema: reading.schema.clone(),
        not_held: reading
            .not_held
            .iter()
            .map(|n| (n.kind.clone(), n.name.clone()))
            .collect(),
    };
    let text = serde_json::to_string(&entry).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(inputs.file_name());
    let aside = dir.join(format!("{}.{}.tmp", inputs.file_name(), std::process::id()));
    std::fs::write(&aside, text).map_err(|e| format!("{}: {e}", aside.display()))?;
    std::fs::rename(&aside, &path).map_err(|e| {
        let _ = std::fs::remove_file(&aside);
        format!("{}: {e}", path.display())
    })?;
    prune(dir);
    Ok(())
}

/// Removes all but the [`KEPT`] newest entries (each may hold megabytes of script).
fn prune(dir: &Path) {
    let Ok(listing) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<(std::time::SystemTime, PathBuf)> = listing
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (_, old) in entries.into_iter().skip(KEPT) {
        let _ = std::fs::remove_file(old);
    }
}
