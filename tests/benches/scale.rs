//! `cargo bench -p integration-tests --bench scale`: the tool at 100, 1,000 and 10,000 tables
//! (or `BENCH_TABLES=100,500`), beside PostgreSQL's own tools on the same databases.
//!
//! Every figure is the median of several runs; each database figure is measured beside its peer
//! (PostgreSQL's own tool on the same database) in alternating order, so neither side always
//! runs on a warmer server. PostgreSQL is the harness's: a throwaway cluster, or
//! `DATABASE_URL`; every database the bench makes is dropped before it moves on.

use std::process::Command;
use std::time::{Duration, Instant};

use ddl_gen::introspect::read_schema;
use ddl_gen::migration::{migration_source, plan, renames};
use ddl_gen::render::{CreateOptions, create_script};
use ddl_gen::verify::{Options, verify_with};
use pg_harness::{server, synthetic};
use sqlx::Connection;

/// Runs `f` five times and keeps the median run.
fn median5<T>(mut f: impl FnMut() -> T) -> (T, Duration) {
    let mut times = Vec::new();
    let mut result = None;
    for _ in 0..5 {
        let (r, took) = once(&mut f);
        times.push(took);
        result = Some(r);
    }
    (result.expect("ran"), median(times))
}

/// The median (of an even count, the mean of the middle two).
fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    let n = times.len();
    if n % 2 == 1 {
        times[n / 2]
    } else {
        (times[n / 2 - 1] + times[n / 2]) / 2
    }
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
    let version_db = pg.fresh_database("bench_version");
    let version = version_db.query("SHOW server_version");
    pg.drop_database(version_db);
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
        let (schema, build) = median5(|| synthetic::schema(n, 42));
        let (script, render) = median5(|| create_script(&schema, CreateOptions::default()));
        let changed = synthetic::changed(&schema);
        let (up, diff) = median5(|| plan(&schema, &changed, &renames(&schema, &changed)).unwrap());
        let down = plan(&changed, &schema, &[]).unwrap();
        let (source, write) = median5(|| migration_source("bench", &up, &down));
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

        // The database side, on fresh databases of one server; each pair alternates which
        // side goes first. Applying a 10,000-table script takes a while: two runs each there.
        let runs = if n >= 10_000 { 2 } else { 3 };
        let mut made = Vec::new();
        let (mut apply, mut psql) = (Vec::new(), Vec::new());
        for run in 0..runs {
            let ours = || {
                let db = pg.fresh_database(&format!("bench_ours_{n}"));
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
            let theirs = || {
                let db = pg.fresh_database(&format!("bench_psql_{n}"));
                let ((), took) = once(|| db.apply_ok(&script, "psql -f"));
                (db, took)
            };
            let (a, b) = if run % 2 == 0 {
                let a = ours();
                (a, theirs())
            } else {
                let b = theirs();
                (ours(), b)
            };
            apply.push(a.1);
            psql.push(b.1);
            made.push(a.0);
            made.push(b.0);
        }
        let (apply, psql) = (median(apply), median(psql));
        // Read back the first database our side applied.
        let applied = &made[0];
        let schemas: Vec<String> = schema.namespaces.iter().map(|s| s.name.clone()).collect();
        let introspect_once = || {
            let (read, took) = once(|| {
                rt.block_on(async {
                    let mut conn = sqlx::PgConnection::connect(&applied.url).await.unwrap();
                    read_schema(&mut conn, &schemas).await.unwrap()
                })
            });
            assert_eq!(read.tables.len(), n);
            took
        };
        let pg_dump_once = || {
            let (dump, took) = once(|| {
                Command::new("pg_dump")
                    .args(["--schema-only", "-d", &applied.url])
                    .output()
                    .expect("run pg_dump")
            });
            assert!(
                dump.status.success(),
                "pg_dump: {}",
                String::from_utf8_lossy(&dump.stderr)
            );
            took
        };
        let (mut introspect, mut pg_dump) = (Vec::new(), Vec::new());
        for run in 0..3 {
            if run % 2 == 0 {
                introspect.push(introspect_once());
                pg_dump.push(pg_dump_once());
            } else {
                pg_dump.push(pg_dump_once());
                introspect.push(introspect_once());
            }
        }
        let (introspect, pg_dump) = (median(introspect), median(pg_dump));
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
                .block_on(verify_with(&applied.url, &schema, &options))
                .unwrap();
            assert!(
                report.differences.is_empty(),
                "{:?}",
                &report.differences[..3.min(report.differences.len())]
            );
            report.cached
        };
        let (cold_cached, verified) = once(verify_once);
        let mut warm = Vec::new();
        for _ in 0..3 {
            let (cached, took) = once(verify_once);
            assert!(!cold_cached && cached);
            warm.push(took);
        }
        let warm = median(warm);
        let _ = std::fs::remove_dir_all(&cache);
        for db in made {
            pg.drop_database(db);
        }
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
    // The loop a user waits for: edit one entity, `cargo run` (debug), whole process; on the
    // dataflow models, then on generated crates of 20 and 200 entities. `BENCH_EDIT_LOOP=0`
    // leaves it out.
    let edit_loop = (std::env::var("BENCH_EDIT_LOOP").as_deref() != Ok("0")).then(|| {
        ["edit_loop.sh", "generated_loop.sh"]
            .map(|name| {
                let script = pg_harness::manifest_dir().join("benches").join(name);
                let out = Command::new("bash")
                    .arg(&script)
                    .output()
                    .unwrap_or_else(|e| panic!("run {name}: {e}"));
                assert!(
                    out.status.success(),
                    "{name}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                String::from_utf8_lossy(&out.stdout).trim().to_owned()
            })
            .join("\n")
    });
    println!("In memory (median of 5 runs; per table in parentheses)\n");
    println!(
        "| tables | build + validate | render create script | diff, 1% changed | write migration file | steps | peak RSS |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        println!("{r}");
    }
    println!(
        "\nWith PostgreSQL (same server; medians of runs in alternating order: apply 3, or 2 at 10,000 tables; introspect and pg_dump 3; verify warm 3; verify cold once)\n"
    );
    println!(
        "| tables | apply (ours: sqlx, the script as one message, as verify applies it) | psql -f (statement by statement) | ratio | introspect (ours) | pg_dump --schema-only | ratio | verify, cold (apply to scratch + read both + compare) | verify, warm (cached models + read live + compare) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in &pg_rows {
        println!("{r}");
    }
    if let Some(edit_loop) = edit_loop {
        println!("\n{edit_loop}");
    }
}
