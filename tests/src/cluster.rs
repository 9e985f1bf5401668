//! A throwaway PostgreSQL cluster: `initdb` into a temporary directory, `pg_ctl start` on a free
//! loopback port, `pg_ctl stop` and removal when the process exits.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

#[derive(Debug)]
pub struct Cluster {
    pub port: u16,
    pub dir: PathBuf,
}

/// Clusters to stop at exit (statics are never dropped, so `atexit` does it).
static RUNNING: Mutex<Vec<(PathBuf, Option<String>)>> = Mutex::new(Vec::new());

unsafe extern "C" {
    fn atexit(callback: extern "C" fn()) -> i32;
    fn geteuid() -> u32;
}

extern "C" fn stop_all() {
    let clusters = std::mem::take(&mut *RUNNING.lock().unwrap_or_else(|e| e.into_inner()));
    for (dir, user) in clusters {
        if let Ok(pg_ctl) = find_tool("pg_ctl") {
            let data = dir.join("data");
            let _ = as_user(&user, &pg_ctl)
                .args(["stop", "-m", "immediate", "-w", "-D"])
                .arg(&data)
                .output();
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

impl Cluster {
    pub fn start() -> Result<Self, String> {
        let initdb = find_tool("initdb")?;
        let pg_ctl = find_tool("pg_ctl")?;
        // initdb refuses to run as root: run the server as the `postgres` user then.
        let user = (unsafe { geteuid() } == 0).then(|| "postgres".to_owned());
        let dir =
            std::env::temp_dir().join(format!("pg-harness-{}-{}", std::process::id(), nanos()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("create {}: {e}", dir.display()))?;
        if let Some(u) = &user {
            let ok = Command::new("chown")
                .arg(u)
                .arg(&dir)
                .status()
                .map(|s| s.success());
            if !matches!(ok, Ok(true)) {
                return Err(format!(
                    "cannot chown {} to {u} (is there a `{u}` user?)",
                    dir.display()
                ));
            }
        }
        let data = dir.join("data");
        let out = as_user(&user, &initdb)
            .args([
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C",
                "-D",
            ])
            .arg(&data)
            .output()
            .map_err(|e| format!("run initdb: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "initdb failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let port = free_port()?;
        // A one-transaction script of 10,000 tables takes more locks than the default lock table
        // holds (max_locks_per_transaction 64 x max_connections 100).
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_locks_per_transaction=1024",
            dir.display()
        );
        let out = as_user(&user, &pg_ctl)
            .args(["start", "-w", "-t", "60", "-D"])
            .arg(&data)
            .arg("-o")
            .arg(&options)
            .arg("-l")
            .arg(dir.join("server.log"))
            .output()
            .map_err(|e| format!("run pg_ctl: {e}"))?;
        if !out.status.success() {
            let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
            return Err(format!(
                "pg_ctl start failed: {}\n{log}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        {
            let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
            if running.is_empty() {
                unsafe { atexit(stop_all) };
            }
            running.push((dir.clone(), user));
        }
        Ok(Cluster { port, dir })
    }

    pub fn url(&self, database: &str) -> String {
        format!("postgresql://postgres@127.0.0.1:{}/{database}", self.port)
    }
}

fn as_user(user: &Option<String>, program: &Path) -> Command {
    match user {
        Some(u) => {
            let mut c = Command::new("runuser");
            c.args(["-u", u, "--"]).arg(program);
            c
        }
        None => Command::new(program),
    }
}

/// `initdb` and `pg_ctl` are often not on PATH (Debian keeps them in /usr/lib/postgresql/N/bin).
fn find_tool(name: &str) -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path().join("bin").join(name))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    versions.sort();
    versions.pop().ok_or_else(|| format!("`{name}` not found on PATH or in /usr/lib/postgresql/*/bin (apt-get install postgresql)"))
}

fn free_port() -> Result<u16, String> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| format!("find a free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}
