//! Migration timestamps, `YYYYMMDD_HHMMSS` in UTC: the order migrations run in, so a new one
//! always sorts after every migration already there, even two written in the same second.

use chrono::{NaiveDateTime, TimeDelta, Utc};

const FORMAT: &str = "%Y%m%d_%H%M%S";

/// Now, UTC.
pub(super) fn now() -> String {
    Utc::now().format(FORMAT).to_string()
}

/// `requested`, or one second after the latest of `existing` (module names `m<timestamp>_..`)
/// when `requested` would not sort after it.
pub(super) fn after_existing(requested: String, existing: &[String]) -> String {
    let latest = existing
        .iter()
        .filter_map(|m| m.get(1..16))
        .filter_map(|t| NaiveDateTime::parse_from_str(t, FORMAT).ok())
        .max();
    match latest {
        Some(latest) if requested.as_str() <= latest.format(FORMAT).to_string().as_str() => {
            (latest + TimeDelta::seconds(1)).format(FORMAT).to_string()
        }
        _ => requested,
    }
}

#[cfg(test)]
mod tests {
    use super::after_existing;

    #[test]
    fn a_new_migration_sorts_after_the_last() {
        let existing = ["m20261121_235959_zzz_add_column".to_owned()];
        assert_eq!(
            after_existing("20261121_235959".into(), &existing),
            "20261122_000000"
        );
        assert_eq!(
            after_existing("20261121_120000".into(), &existing),
            "20261122_000000"
        );
        assert_eq!(
            after_existing("20261122_080000".into(), &existing),
            "20261122_080000"
        );
        assert_eq!(
            after_existing("20261122_080000".into(), &[]),
            "20261122_080000"
        );
    }
}
