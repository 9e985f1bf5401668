//! `cargo bench -p integration-tests --bench scale`: the tool at 100, 1,000 and 10,000 tables
//! (or `BENCH_TABLES=100,500`), beside PostgreSQL's own tools on the same databases.
//!
//! In-memory phases (build+validate, render, diff, write) are the best of several runs; database
//! phases run once. PostgreSQL is the harness's: a throwaway cluster, or `DATABASE_URL`.

use std::process::Command;
use std::time::{Duration, Instant};

use ddl_gen::introspect::read_schema;
use ddl_gen::migration::{migration_source, plan, renames};
use ddl_gen::render::{CreateOptions, create_script};
use ddl_gen::verify::{Options, verify_with};
use pg_harness::{server, synthetic};
use sqlx::Connection;

/// Runs `f` until a second has passed or five times, and keeps the fastest run.
fn best<T>(mut f: impl FnMut() -> T) -> (T, Duration) {
    let started = Instant::now();
    let mut fastest = Duration::MAX;
    let mut result = None;
    for _ in 0..5 {
        let t = Instant::now();
        let r = f();
        fastest = fastest.min(t.elapsed());
        result = Some(r);
        if started.elapsed() > Duration::from_secs(1) {
            break;
        }
    }
    (result.expect("ran once"), fastest)
}

fn once<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed())
}

/// Peak resident memory of this process since the last reset, in MiB (Linux).
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else if ms < 10_000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.1} s", ms / 1000.0)
    }
}

fn per_table(d: Duration, n: usize) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6 / n as f64)
}

fn ratio(ours: Duration, theirs: Duration) -> String {
    format!("{:.2}×", ours.as_secs_f64() / theirs.as_secs_f64())
}

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_TABLES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100, 1_000, 10_000]);
    let pg = server();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let version = pg
        .fresh_database("bench_version")
        .query("SHOW server_version");
    println!(
        "PostgreSQL {}; {} cores; sizes {sizes:?}\n",
        version.trim(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    let mut memory = Vec::new();
    let mut rows = Vec::new();
    let mut pg_rows = Vec::new();
    for &n in &sizes {
        reset_peak_rss();
        let (schema, build) = best(|| synthetic::schema(n, 42));
        let (script, render) = best(|| create_script(&schema, CreateOptions::default()));
        let changed = synthetic::changed(&schema);
        let (up, diff) = best(|| plan(&schema, &changed, &renames(&schema, &changed)).unwrap());
        let down = plan(&changed, &schema, &[]).unwrap();
        let (source, write) = best(|| migration_source("bench", &up, &down));
        memory.push(peak_rss_mib());
        rows.push(format!(
            "| {n} | {} ({}) | {} ({}) | {} ({}) | {} | {} | {:.1} MiB |",
            ms(build),
            per_table(build, n),
            ms(render),
            per_table(render, n),
            ms(diff),
            per_table(diff, n),
            ms(write),
            up.len(),
            memory.last().unwrap()
        ));
        assert!(!source.is_empty());
        println!("{}", rows.last().unwrap());

        // The database side, on fresh databases of one server. Applying is measured twice each,
        // in alternating order (ours first, then psql first), keeping each one's best.
        let apply_ours = |label: &str| {
            let db = pg.fresh_database(label);
            let (applied, took) = once(|| {
                rt.block_on(async {
                    let mut conn = sqlx::PgConnection::connect(&db.url).await?;
                    sqlx::raw_sql(sqlx::AssertSqlSafe(script.clone()))
                        .execute(&mut conn)
                        .await
                })
            });
            applied.expect("the script applies");
            (db, took)
        };
        let apply_psql = |label: &str| {
            let db = pg.fresh_database(label);
            let ((), took) = once(|| db.apply_ok(&script, "psql -f"));
            took
        };
        let (ours, first) = apply_ours(&format!("bench_ours_{n}"));
        let psql_first = apply_psql(&format!("bench_psql_{n}"));
        let psql_second = apply_psql(&format!("bench_psql2_{n}"));
        let (_, second) = apply_ours(&format!("bench_ours2_{n}"));
        let (apply, psql) = (first.min(second), psql_first.min(psql_second));
        let schemas: Vec<String> = schema.namespaces.iter().map(|s| s.name.clone()).collect();
        let (read, introspect) = once(|| {
            rt.block_on(async {
                let mut conn = sqlx::PgConnection::connect(&ours.url).await.unwrap();
                read_schema(&mut conn, &schemas).await.unwrap()
            })
        });
        assert_eq!(read.tables.len(), n);
        let (dump, pg_dump) = once(|| {
            Command::new("pg_dump")
                .args(["--schema-only", "-d", &ours.url])
                .output()
                .expect("run pg_dump")
        });
        assert!(
            dump.status.success(),
            "pg_dump: {}",
            String::from_utf8_lossy(&dump.stderr)
        );
        // Cold: the models built in a scratch database (and cached); warm: from the cache.
        let cache =
            std::env::temp_dir().join(format!("ddl-gen-bench-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&cache);
        let options = Options {
            cache_dir: Some(cache.clone()),
            ..Options::default()
        };
        let verify_once = || {
            let report = rt
                .block_on(verify_with(&ours.url, &schema, &options))
                .unwrap();
            assert!(
                report.differences.is_empty(),
                "{:?}",
                &report.differences[..3.min(report.differences.len())]
            );
            report.cached
        };
        let (cold_cached, verified) = once(verify_once);
        let (warm_cached, warm) = once(verify_once);
        assert!(!cold_cached && warm_cached);
        let _ = std::fs::remove_dir_all(&cache);
        pg_rows.push(format!(
            "| {n} | {} | {} | {} | {} | {} | {} | {} ({}) | {} ({}) |",
            ms(apply),
            ms(psql),
            ratio(apply, psql),
            ms(introspect),
            ms(pg_dump),
            ratio(introspect, pg_dump),
            ms(verified),
            per_table(verified, n),
            ms(warm),
            per_table(warm, n),
        ));
        println!("{}", pg_rows.last().unwrap());
    }
    println!("In memory (best of up to 5 runs; per table in parentheses)\n");
    println!(
        "| tables | build + validate | render create script | diff, 1% changed | write migration file | steps | peak RSS |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        println!("{r}");
    }
    println!(
        "\nWith PostgreSQL (same server; apply: best of two, alternating order; the rest one run)\n"
    );
    println!(
        "| tables | apply script (ours, sqlx) | psql -f | ratio | introspect (ours) | pg_dump --schema-only | ratio | verify, cold (apply to scratch + read both + compare) | verify, warm (cached models + read live + compare) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in &pg_rows {
        println!("{r}");
    }
}
