//! `cargo bench -p integration-tests --bench stall`: how long writers wait while a migration
//! adds an index, a foreign key, a check and a NOT NULL to a table of 1,000,000 rows
//! (`STALL_ROWS` for another size), planned the plain way (one transaction) and for a live
//! database (`plan_online`, what `ddl-gen migrate` writes).
//!
//! Both plans are applied with `psql -f` as `migration::script` writes them (the online one
//! commits before each part, and builds its index outside a transaction, as the migration's
//! parts do). Meanwhile another connection inserts one row per transaction into the same
//! table, as fast as it can; the figures are its inserts' waits while the migration runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ddl_gen::migration::{Step, plan, plan_online, script};
use pg_harness::tables::item_schema;
use pg_harness::{Database, server};
use sqlx::Connection;

/// What the writer saw while the migration ran.
struct Stalls {
    migration: Duration,
    inserts: usize,
    longest: Duration,
    p99: Duration,
}

/// Applies `steps` to a fresh database of `rows` items while a writer inserts; returns its
/// waits during the migration.
fn measure(label: &str, steps: &[Step], rows: u64) -> Stalls {
    let pg = server();
    let db: Database = pg.fresh_database(label);
    db.apply_ok(
        &ddl_gen::render::create_script(&item_schema(1), Default::default()),
        "the table",
    );
    db.apply_ok(
        &format!(
            "INSERT INTO app.owner SELECT g FROM generate_series(1, 10) g;
             INSERT INTO app.item (owner_id, code, qty)
             SELECT g % 10 + 1, md5(g::text), g % 7 FROM generate_series(1, {rows}) g;
             VACUUM ANALYZE app.item"
        ),
        "rows",
    );
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (url, stop) = (db.url.clone(), stop.clone());
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
                let mut waits: Vec<(Instant, Duration)> = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    let started = Instant::now();
                    sqlx::raw_sql("INSERT INTO app.item (owner_id, code, qty) VALUES (1, 'w', 1)")
                        .execute(&mut conn)
                        .await
                        .expect("the writer's insert");
                    waits.push((started, started.elapsed()));
                }
                waits
            })
        })
    };
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    db.apply_ok(&script(steps), label);
    let migration = started.elapsed();
    std::thread::sleep(Duration::from_millis(200));
    stop.store(true, Ordering::Relaxed);
    let waits = writer.join().unwrap();
    let ended = started + migration;
    let mut during: Vec<Duration> = waits
        .into_iter()
        .filter(|(at, wait)| *at + *wait >= started && *at <= ended)
        .map(|(_, wait)| wait)
        .collect();
    during.sort();
    pg.drop_database(db);
    Stalls {
        migration,
        inserts: during.len(),
        longest: during.last().copied().unwrap_or_default(),
        p99: during
            .get(during.len().saturating_sub(1) * 99 / 100)
            .copied()
            .unwrap_or_default(),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let rows: u64 = std::env::var("STALL_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let (before, after) = (item_schema(1), item_schema(2));
    let plain = plan(&before, &after, &[]).unwrap();
    let online = plan_online(&before, &after, &[]).unwrap();
    let mut lines = Vec::new();
    // Two runs of each, alternating, so neither always runs on a warmer server.
    for run in 0..2 {
        let order: [(&str, &[Step]); 2] = if run % 2 == 0 {
            [("plain", &plain), ("online", &online)]
        } else {
            [("online", &online), ("plain", &plain)]
        };
        for (name, steps) in order {
            let s = measure(&format!("stall_{name}_{run}"), steps, rows);
            let line = format!(
                "| {name} | {} | {} | {} | {} | {} |",
                run + 1,
                ms(s.migration),
                s.inserts,
                ms(s.longest),
                ms(s.p99)
            );
            println!("{line}");
            lines.push(line);
        }
    }
    println!(
        "\nA writer's single-row inserts into app.item ({rows} rows) while the migration adds an index, a foreign key, a check and a NOT NULL\n"
    );
    println!(
        "| plan | run | migration | inserts during it | longest insert wait | 99th percentile |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    lines.sort();
    for line in lines {
        println!("{line}");
    }
}
