//! A live database read back into the schema model, for the schemas the models use.
//!
//! The result is in PostgreSQL's normal form (`format_type`, `pg_get_expr`,
//! `pg_get_constraintdef`, `pg_get_indexdef`), not the models' spelling: compare two introspected
//! databases with each other (`verify` applies the models to a scratch database for that).
//! Render it, and the script rebuilds the same catalog.

mod not_held;
mod partition;
mod queries;
mod seeds;

pub use not_held::NotHeld;
pub use seeds::read_seeds;

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use model_core::sql_ident::PG_CATALOG;
use model_core::{
    ArgMode, Argument, Attribute, Check, CheckOption, Collation, CollationProvider, Column,
    ColumnType, CompositeType, Deferral, Domain, DomainCheck, EnumType, Exclusion,
    ExclusionElement, Extension, ForeignKey, ForeignKeyAction, Function, Grant, GrantOn, Identity,
    IdentityOptions, Index, IndexKey, IndexKeyKind, IndexMethod, Namespace, NullsOrder,
    ObjectGrants, Parallel, Partition, Policy, PolicyCommand, PrimaryKey, Privilege, QualifiedName,
    Returns, Schema, Sequence, SequenceOwner, Setting, StorageParameters, Table, Trigger,
    TriggerEvent, UniqueConstraint, View, Volatility, normal_grants, normal_roles,
};
use sqlx::postgres::{PgConnection, PgRow};
use sqlx::{Connection, Row};

/// What a database holds in some schemas: the part the model can hold, and the rest by name.
#[derive(Debug, Clone)]
pub struct Reading {
    pub schema: Schema,
    /// Objects (and properties) the model cannot hold, sorted.
    pub not_held: Vec<NotHeld>,
}

/// The schemas the database's users made (see [`queries::USER_SCHEMAS`]), in name order.
pub async fn user_schemas(conn: &mut PgConnection) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(queries::USER_SCHEMAS)
        .fetch_all(conn)
        .await
}

/// Reads `schemas` from the database behind `conn` into the model; what it cannot hold is
/// dropped without a word, so prefer [`read`] wherever a user sees the result.
pub async fn read_schema(
    conn: &mut PgConnection,
    schemas: &[String],
) -> Result<Schema, sqlx::Error> {
    match read(conn, schemas).await {
        Ok(reading) => Ok(reading.schema),
        Err(ReadError::Database(e)) => Err(e),
        Err(e) => Err(sqlx::Error::Protocol(e.describe(|e| e.to_string()))),
    }
}

/// How long a read waits for a lock another session holds (an `ACCESS EXCLUSIVE` lock of a
/// running migration, say) before it gives up and names the blocker.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a database could not be read.
#[derive(Debug)]
pub enum ReadError {
    Database(sqlx::Error),
    /// Waited `waited` for a lock; `blockers` describes the sessions holding strong locks on the
    /// schemas read.
    LockTimeout {
        waited: Duration,
        blockers: Vec<String>,
    },
}

impl From<sqlx::Error> for ReadError {
    fn from(e: sqlx::Error) -> Self {
        Self::Database(e)
    }
}

impl ReadError {
    /// What went wrong, with the database's own words for a database error (`describe` turns
    /// one into text, for the caller to scrub of secrets).
    pub fn describe(&self, describe: impl Fn(&sqlx::Error) -> String) -> String {
        match self {
            Self::Database(e) => describe(e),
            Self::LockTimeout { waited, blockers } if blockers.is_empty() => format!(
                "waited {} s for a lock another session holds, and gave up; try again when it is done (--lock-timeout waits longer)",
                waited.as_secs_f64()
            ),
            Self::LockTimeout { waited, blockers } => format!(
                "waited {} s for a lock and gave up; blocked by {}; try again when it is done, or end it (SELECT pg_terminate_backend(<pid>))",
                waited.as_secs_f64(),
                blockers.join("; ")
            ),
        }
    }
}

/// Reads `schemas` from the database behind `conn`, in one transaction (one snapshot of the
/// catalogs): the model, and every object it cannot hold, named. Waits at most
/// [`DEFAULT_LOCK_TIMEOUT`] for a lock.
pub async fn read(conn: &mut PgConnection, schemas: &[String]) -> Result<Reading, ReadError> {
    read_waiting(conn, schemas, DEFAULT_LOCK_TIMEOUT).await
}

/// [`read`], waiting at most `lock_timeout` for a lock. A read that meets a relation dropped
/// while it ran (concurrent DDL: `could not open relation with OID`) is tried again, twice.
pub async fn read_waiting(
    conn: &mut PgConnection,
    schemas: &[String],
    lock_timeout: Duration,
) -> Result<Reading, ReadError> {
    let mut tries = 0;
    loop {
        tries += 1;
        match read_once(conn, schemas, lock_timeout).await {
            Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("55P03") => {
                let blockers = blockers(conn, schemas).await.unwrap_or_default();
                return Err(ReadError::LockTimeout {
                    waited: lock_timeout,
                    blockers,
                });
            }
            Err(sqlx::Error::Database(e))
                if tries < 3
                    && (e.message().starts_with("could not open relation with OID")
                        || e.message().starts_with("cache lookup failed")) => {}
            other => return Ok(other?),
        }
    }
}

/// The other sessions holding `ACCESS EXCLUSIVE` or `EXCLUSIVE` locks on relations of
/// `schemas`, described: pid, application, state, the relation.
async fn blockers(conn: &mut PgConnection, schemas: &[String]) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT format('pid %s (%s, %s since %s) holding %s on %s.%s', l.pid,
                       coalesce(nullif(a.application_name, ''), 'no application name'),
                       a.state, to_char(a.state_change, 'HH24:MI:SS'), l.mode, n.nspname, c.relname)
           FROM pg_locks l
           JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
           LEFT JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.granted AND l.pid <> pg_backend_pid() AND n.nspname = ANY ($1)
            AND l.mode IN ('AccessExclusiveLock', 'ExclusiveLock')
          ORDER BY l.pid, n.nspname, c.relname",
    )
    .bind(schemas)
    .fetch_all(conn)
    .await
}

async fn read_once(
    conn: &mut PgConnection,
    schemas: &[String],
    lock_timeout: Duration,
) -> Result<Reading, sqlx::Error> {
    let mut tx = conn.begin().await?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(&mut *tx)
        .await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SET LOCAL lock_timeout = {}",
        lock_timeout.as_millis().max(1)
    )))
    .execute(&mut *tx)
    .await?;
    // A fixed search path: everything outside pg_catalog comes back schema-qualified. Memory
    // enough to sort and hash a 10,000-table catalog without spilling to disk, and no parallel
    // workers: starting them costs more than the catalog queries gain (measured at 10,000
    // tables), and they are the server's to give to its users' queries.
    sqlx::raw_sql(
        "SET LOCAL search_path = pg_catalog; SET LOCAL work_mem = '64MB';
         SET LOCAL max_parallel_workers_per_gather = 0",
    )
    .execute(&mut *tx)
    .await?;
    let version: i32 = sqlx::query_scalar("SELECT current_setting('server_version_num')::int4")
        .fetch_one(&mut *tx)
        .await?;
    let nnd = if version >= 150000 {
        "ci.indnullsnotdistinct"
    } else {
        "NULL::bool"
    };
    let nnd_index = if version >= 150000 {
        "i.indnullsnotdistinct"
    } else {
        "NULL::bool"
    };
    macro_rules! rows {
        ($sql:expr) => {
            sqlx::query(sqlx::AssertSqlSafe($sql))
                .bind(schemas)
                .fetch_all(&mut *tx)
                .await?
        };
    }
    let namespaces = rows!(queries::NAMESPACES);
    let extensions = sqlx::query(queries::EXTENSIONS).fetch_all(&mut *tx).await?;
    let enums = rows!(queries::ENUMS);
    let collations = rows!(queries::COLLATIONS);
    let grants = rows!(queries::GRANTS);
    let domains = rows!(queries::DOMAINS);
    let composites = rows!(queries::COMPOSITES);
    let functions = rows!(queries::FUNCTIONS);
    let tables = rows!(queries::TABLES);
    let partitions = rows!(queries::PARTITIONS);
    let views = rows!(queries::VIEWS);
    let columns = rows!(queries::COLUMNS);
    let constraints = rows!(queries::CONSTRAINTS.replace("{nulls_not_distinct}", nnd));
    let indexes = rows!(queries::INDEXES.replace("{nulls_not_distinct}", nnd_index));
    let opclasses: HashMap<i64, String> = sqlx::query_as(queries::OPCLASSES)
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .collect();
    let triggers = rows!(queries::TRIGGERS);
    let policies = rows!(queries::POLICIES);
    let sequences = rows!(queries::SEQUENCES);
    let set_null_columns = if version >= 150000 {
        "co.confdelsetcols"
    } else {
        "NULL::int2[]"
    };
    let not_held = rows!(not_held::QUERY.replace("{set_null_columns}", set_null_columns));
    tx.commit().await?;

    let mut by_oid: BTreeMap<i64, Table> = BTreeMap::new();
    for row in &tables {
        let mut table = Table::new(QualifiedName::new(
            get::<String>(row, "schema"),
            get::<String>(row, "name"),
        ));
        table.comment = get(row, "comment");
        table.unlogged = get(row, "unlogged");
        table.storage = storage_parameters(get(row, "storage"));
        table.row_security = get(row, "row_security");
        table.force_row_security = get(row, "force_row_security");
        by_oid.insert(get(row, "oid"), table);
    }
    let mut numbers = ColumnNumbers::default();
    let mut views_by_oid: BTreeMap<i64, View> =
        views.iter().map(|r| (get(r, "oid"), view(r))).collect();
    for row in &columns {
        let oid = get::<i64>(row, "table_oid");
        if let Some(t) = by_oid.get_mut(&oid) {
            let column = column(row);
            numbers.add(oid, get(row, "num"), &column.name);
            t.columns.push(column);
        } else {
            // A materialized view's: its indexes name them.
            numbers.add(oid, get(row, "num"), &get::<String>(row, "name"));
        }
    }
    let mut partitions_not_held = Vec::new();
    for row in &tables {
        let Some(def) = get::<Option<String>>(row, "partition_key") else {
            continue;
        };
        let oid: i64 = get(row, "oid");
        let numbers_of_key: Vec<i32> = get(row, "partition_columns");
        let columns: Vec<Option<String>> = (numbers_of_key.iter())
            .map(|&n| (n != 0).then(|| numbers.name(oid, n).unwrap_or_default().to_owned()))
            .collect();
        let t = by_oid.get_mut(&oid).expect("a table read");
        match partition::key(&def, &columns) {
            Ok(by) => t.partition_by = Some(by),
            Err(def) => partitions_not_held.push(NotHeld {
                kind: "partition key with a collation or operator class of its own".to_owned(),
                name: format!("{} ({def})", t.name),
            }),
        }
    }
    for row in &partitions {
        let name = QualifiedName::new(get::<String>(row, "schema"), get::<String>(row, "name"));
        let Some(t) = by_oid.get_mut(&get::<i64>(row, "parent_oid")) else {
            continue;
        };
        let text: String = get(row, "bound");
        match partition::bound(&text) {
            Some(bound) if t.partition_by.is_some() => t.partitions.push(Partition {
                name,
                bound,
                comment: get(row, "comment"),
            }),
            _ => partitions_not_held.push(NotHeld {
                kind: "partition".to_owned(),
                name: format!("{name} of {} ({text})", t.name),
            }),
        }
    }
    for row in &constraints {
        if let Some(t) = by_oid.get_mut(&get::<i64>(row, "table_oid")) {
            constraint(t, row, &numbers);
        }
    }
    let mut exclusions_not_held = Vec::new();
    for row in &indexes {
        let oid = get::<i64>(row, "table_oid");
        if let Some(t) = by_oid.get_mut(&oid) {
            let i = index(row, &numbers, &opclasses)?;
            match get::<Option<String>>(row, "exclusion") {
                Some(name) => {
                    if !i.storage.is_empty() {
                        exclusions_not_held.push(NotHeld {
                            kind: "exclusion constraint storage parameters".to_owned(),
                            name: format!("{name} on {}", t.name),
                        });
                    }
                    t.exclusions.push(exclusion(row, name, i));
                }
                None => t.indexes.push(i),
            }
        } else if let Some(v) = views_by_oid.get_mut(&oid) {
            v.indexes.push(index(row, &numbers, &opclasses)?);
        }
    }
    for row in &triggers {
        let oid = get::<i64>(row, "table_oid");
        if let Some(t) = by_oid.get_mut(&oid) {
            t.triggers.push(trigger(row));
        } else if let Some(v) = views_by_oid.get_mut(&oid) {
            v.triggers.push(trigger(row));
        }
    }
    for row in &policies {
        if let Some(t) = by_oid.get_mut(&get::<i64>(row, "table_oid")) {
            t.policies.push(policy(row));
        }
    }
    let mut views: Vec<View> = views_by_oid.into_values().collect();
    views.sort_by(|a, b| a.name.cmp(&b.name));
    let mut tables: Vec<Table> = by_oid.into_values().collect();
    tables.sort_by(|a, b| a.name.cmp(&b.name));

    let mut not_held: Vec<NotHeld> = not_held
        .iter()
        .map(|r| NotHeld {
            kind: get(r, "kind"),
            name: get(r, "name"),
        })
        .collect();
    not_held.extend(exclusions_not_held);
    not_held.extend(partitions_not_held);
    let mut own_sequences = Vec::new();
    for row in &sequences {
        match sequence(row, &tables) {
            ReadSequence::Own(s) => own_sequences.push(s),
            ReadSequence::OfColumn { sequence, identity } => {
                let column_type = if identity {
                    hold_identity_options(&mut tables, &sequence)
                } else {
                    String::new()
                };
                not_held.extend(not_held::sequence_of_column(
                    &sequence,
                    identity,
                    &column_type,
                ))
            }
        }
    }
    let functions: Vec<(i64, Function)> = (functions.iter())
        .map(|r| (get(r, "oid"), function(r)))
        .collect();
    // A grant's function by oid (one the model does not hold is named with it, not its grants).
    let function_oids: HashMap<i64, (QualifiedName, String)> = (functions.iter())
        .map(|(oid, f)| (*oid, (f.name.clone(), f.identity_args())))
        .collect();
    // By name as the model sorts them (bytes), for `Schema::domain` and `composite`.
    let mut collations: Vec<Collation> = collations.iter().map(collation).collect();
    collations.sort_by(|a, b| a.name.cmp(&b.name));
    let mut domains: Vec<Domain> = domains.iter().map(domain).collect();
    domains.sort_by(|a, b| a.name.cmp(&b.name));
    let mut composites: Vec<CompositeType> = composites.iter().map(composite).collect();
    composites.sort_by(|a, b| a.name.cmp(&b.name));
    let mut schema = Schema {
        namespaces: namespaces
            .iter()
            .map(|r| Namespace {
                name: get(r, "name"),
                comment: get(r, "comment"),
            })
            .collect(),
        extensions: extensions
            .iter()
            .map(|r| Extension {
                name: get(r, "name"),
                version: Some(get(r, "version")),
            })
            .collect(),
        enums: enums
            .iter()
            .map(|r| EnumType {
                name: QualifiedName::new(get::<String>(r, "schema"), get::<String>(r, "name")),
                values: get(r, "labels"),
            })
            .collect(),
        collations,
        domains,
        composites,
        functions: functions.into_iter().map(|(_, f)| f).collect(),
        sequences: own_sequences,
        tables,
        views,
        seeds: Vec::new(),
        grants: Vec::new(),
    };
    schema.grants = object_grants(&grants, &schema, &function_oids, &mut not_held);
    not_held.sort();
    // What the sql bodies read (PostgreSQL keeps no record of it): a script made from this
    // reading creates such a function after them.
    let declared: std::collections::HashSet<QualifiedName> = (schema.tables.iter())
        .map(|t| t.name.clone())
        .chain(schema.views.iter().map(|v| v.name.clone()))
        .collect();
    for f in &mut schema.functions {
        f.reads = model_core::function_reads(f, &|q| declared.contains(q));
    }
    Ok(Reading { schema, not_held })
}

/// The grants read, by object: those on a sequence a column owns (not an object of the model)
/// and default privileges taken back are named instead.
fn object_grants(
    rows: &[PgRow],
    schema: &Schema,
    functions: &HashMap<i64, (QualifiedName, String)>,
    not_held: &mut Vec<NotHeld>,
) -> Vec<ObjectGrants> {
    let mut by_object: BTreeMap<GrantOn, Vec<Grant>> = BTreeMap::new();
    for r in rows {
        let name = || QualifiedName::new(get::<String>(r, "schema"), get::<String>(r, "name"));
        let on = match get::<String>(r, "kind").as_str() {
            "schema" => GrantOn::Schema(get(r, "schema")),
            "table" => GrantOn::Table(name()),
            "sequence" => GrantOn::Sequence(name()),
            _ => match functions.get(&get::<i64>(r, "function")) {
                Some((name, args)) => GrantOn::Function(name.clone(), args.clone()),
                None => continue,
            },
        };
        let (role, privilege): (String, String) = (get(r, "role"), get(r, "privilege"));
        let held = match &on {
            GrantOn::Sequence(q) => schema.sequences.iter().any(|s| &s.name == q),
            _ => true,
        };
        let kind = match (get::<bool>(r, "revoked"), held) {
            (true, _) => "privilege taken back from the default",
            (false, false) => "grants on a sequence a column owns",
            (false, true) => match Privilege::from_sql(&privilege) {
                Some(p) => {
                    let mut g = Grant::new(role, &[p]);
                    g.with_grant_option = get(r, "grantable");
                    by_object.entry(on).or_default().push(g);
                    continue;
                }
                None => "privilege",
            },
        };
        not_held.push(NotHeld {
            kind: kind.to_owned(),
            name: format!("{privilege} on {on} for {role}"),
        });
    }
    (by_object.into_iter())
        .map(|(on, grants)| ObjectGrants {
            on,
            grants: normal_grants(grants),
        })
        .collect()
}

/// A collation as the catalog holds it.
fn collation(r: &PgRow) -> Collation {
    let name = QualifiedName::new(get::<String>(r, "schema"), get::<String>(r, "name"));
    let locale = get::<Option<String>>(r, "locale").unwrap_or_default();
    let mut c = match get::<String>(r, "provider").as_str() {
        "i" => Collation::icu(name, locale),
        _ => Collation::libc(name, locale),
    };
    if c.provider == CollationProvider::Libc
        && let Some(ctype) = get::<Option<String>>(r, "ctype")
    {
        c = c.ctype(ctype);
    }
    c.deterministic = get(r, "deterministic");
    c.comment = get(r, "comment");
    c
}

/// A domain as the catalog holds it.
fn domain(r: &PgRow) -> Domain {
    let name = QualifiedName::new(get::<String>(r, "schema"), get::<String>(r, "name"));
    let mut d = Domain::new(name, get::<String>(r, "data_type"));
    d.collation = get::<Option<String>>(r, "collation_name")
        .map(|c| QualifiedName::new(get::<String>(r, "collation_schema"), c));
    d.default = get(r, "default_expr");
    d.not_null = get(r, "not_null");
    let names: Vec<String> = get(r, "check_names");
    let exprs: Vec<String> = get(r, "check_exprs");
    d.checks = (names.into_iter().zip(exprs))
        .map(|(name, expr)| DomainCheck { name, expr })
        .collect();
    // By name as the model sorts them (bytes), not as the database's collation would.
    d.checks.sort_by(|a, b| a.name.cmp(&b.name));
    d.comment = get(r, "comment");
    d
}

/// A composite type as the catalog holds it.
fn composite(r: &PgRow) -> CompositeType {
    let name = QualifiedName::new(get::<String>(r, "schema"), get::<String>(r, "name"));
    let names: Vec<String> = get(r, "attribute_names");
    let types: Vec<String> = get(r, "attribute_types");
    let schemas: Vec<Option<String>> = get(r, "collation_schemas");
    let collations: Vec<Option<String>> = get(r, "collation_names");
    let mut c = CompositeType::new(name);
    c.attributes = (names
        .into_iter()
        .zip(types)
        .zip(schemas.into_iter().zip(collations)))
    .map(|((name, data_type), collation)| Attribute {
        name,
        data_type,
        collation: match collation {
            (Some(schema), Some(name)) => Some(QualifiedName::new(schema, name)),
            _ => None,
        },
    })
    .collect();
    c.comment = get(r, "comment");
    c
}

/// A function or procedure as the catalog holds it.
fn function(r: &PgRow) -> Function {
    let name = QualifiedName::new(get::<String>(r, "schema"), get::<String>(r, "name"));
    let mut f = Function::new(name, "", get::<String>(r, "source"));
    let modes: Vec<String> = get(r, "arg_modes");
    let names: Vec<String> = get(r, "arg_names");
    let types: Vec<String> = get(r, "arg_types");
    let defaults: Vec<Option<String>> = get(r, "arg_defaults");
    let mut table = Vec::new();
    for (i, ty) in types.into_iter().enumerate() {
        let name = names.get(i).cloned().unwrap_or_default();
        let mode = match modes.get(i).map(String::as_str) {
            Some("o") => ArgMode::Out,
            Some("b") => ArgMode::InOut,
            Some("v") => ArgMode::Variadic,
            Some("t") => {
                table.push((name, ty));
                continue;
            }
            _ => ArgMode::In,
        };
        f.args.push(Argument {
            mode,
            name: (!name.is_empty()).then_some(name),
            sql_type: ty,
            default: defaults.get(i).cloned().flatten(),
        });
    }
    let return_type: String = get(r, "return_type");
    f.returns = if get(r, "procedure") {
        None
    } else if !table.is_empty() {
        Some(Returns::Table(table))
    } else if get(r, "returns_set") {
        Some(Returns::SetOf(return_type))
    } else {
        Some(Returns::Type(return_type))
    };
    f.language = get(r, "language");
    f.volatility = match get::<String>(r, "volatility").as_str() {
        "i" => Volatility::Immutable,
        "s" => Volatility::Stable,
        _ => Volatility::Volatile,
    };
    f.strict = get(r, "strict");
    f.security_definer = get(r, "security_definer");
    f.parallel = match get::<String>(r, "parallel").as_str() {
        "s" => Parallel::Safe,
        "r" => Parallel::Restricted,
        _ => Parallel::Unsafe,
    };
    f.settings = (get::<Vec<String>>(r, "settings").into_iter())
        .map(|s| {
            let (name, value) = s.split_once('=').unwrap_or((&s, ""));
            Setting {
                name: name.to_owned(),
                value: value.to_owned(),
            }
        })
        .collect();
    f.comment = get(r, "comment");
    f
}

/// The names of the columns read, by table and number (`attnum`): keys and indexes give their
/// columns by number.
#[derive(Default)]
struct ColumnNumbers(HashMap<i64, Vec<(i32, String)>>);

impl ColumnNumbers {
    /// Columns come in number order.
    fn add(&mut self, table: i64, number: i32, name: &str) {
        self.0
            .entry(table)
            .or_default()
            .push((number, name.to_owned()));
    }

    fn name(&self, table: i64, number: i32) -> Option<&str> {
        let columns = self.0.get(&table)?;
        let i = columns.binary_search_by_key(&number, |c| c.0).ok()?;
        Some(&columns[i].1)
    }

    /// The columns `numbers` of `table`, a table read.
    fn names(&self, table: i64, numbers: &[i32]) -> Vec<String> {
        numbers
            .iter()
            .map(|&n| {
                self.name(table, n)
                    .unwrap_or_else(|| panic!("column {n} of table {table} was not read"))
                    .to_owned()
            })
            .collect()
    }
}

/// A column of a catalog row. The queries cast every column to the type read here, so a
/// mismatch is a bug in this module, not in the database.
fn get<'r, T>(row: &'r PgRow, column: &str) -> T
where
    T: sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
{
    row.try_get(column)
        .unwrap_or_else(|e| panic!("catalog column {column}: {e}"))
}

fn column(row: &PgRow) -> Column {
    let default: Option<String> = get(row, "default_expr");
    let serial = get::<bool>(row, "owns_sequence")
        && default
            .as_deref()
            .is_some_and(|d| d.starts_with("nextval("));
    let identity = match get::<String>(row, "identity").as_str() {
        "d" => Identity::GeneratedByDefault,
        "a" => Identity::GeneratedAlways,
        _ if serial => Identity::Serial,
        _ => Identity::None,
    };
    let type_name = || {
        QualifiedName::new(
            get::<String>(row, "type_schema"),
            get::<String>(row, "type_name"),
        )
    };
    let ty = if get::<bool>(row, "is_enum") {
        ColumnType::Enum(type_name())
    } else if get::<bool>(row, "is_domain") {
        ColumnType::Domain(type_name())
    } else {
        ColumnType::Builtin(get(row, "type"))
    };
    // A generated column keeps its expression where a default would be (pg_attrdef).
    let generated = get::<String>(row, "generated") == "s";
    Column {
        name: get(row, "name"),
        ty,
        nullable: !get::<bool>(row, "not_null"),
        default: if serial || generated {
            None
        } else {
            default.clone()
        },
        identity,
        identity_options: IdentityOptions::default(),
        comment: get(row, "comment"),
        renamed_from: None,
        generated: if generated { default } else { None },
        collation: get::<Option<String>>(row, "collation_name")
            .map(|name| QualifiedName::new(get::<String>(row, "collation_schema"), name)),
    }
}

/// A view as the model holds it. Its options other than `security_barrier` and `check_option`
/// are named by the not-held query.
fn view(row: &PgRow) -> View {
    let name = QualifiedName::new(get::<String>(row, "schema"), get::<String>(row, "name"));
    let query: String = get(row, "query");
    let mut v = View::new(name, query);
    v.materialized = get(row, "materialized");
    for option in get::<Vec<String>>(row, "options") {
        match option.split_once('=') {
            Some(("security_barrier", value)) => {
                v.security_barrier = matches!(value, "true" | "on" | "yes" | "1")
            }
            Some(("check_option", "local")) => v.check_option = Some(CheckOption::Local),
            Some(("check_option", "cascaded")) => v.check_option = Some(CheckOption::Cascaded),
            _ => {}
        }
    }
    v.comment = get(row, "comment");
    let schemas: Vec<String> = get(row, "read_schemas");
    let names: Vec<String> = get(row, "read_names");
    v.reads = schemas
        .into_iter()
        .zip(names)
        .map(|(s, n)| QualifiedName::new(s, n))
        .collect();
    v
}

/// A trigger as the model holds it: its parts, read from `pg_trigger`, and PostgreSQL's own
/// statement, by which two databases' triggers are compared.
fn policy(row: &PgRow) -> Policy {
    let command = match get::<String>(row, "command").as_str() {
        "r" => PolicyCommand::Select,
        "a" => PolicyCommand::Insert,
        "w" => PolicyCommand::Update,
        "d" => PolicyCommand::Delete,
        _ => PolicyCommand::All,
    };
    Policy {
        name: get(row, "name"),
        restrictive: !get::<bool>(row, "permissive"),
        command,
        roles: normal_roles(get::<Vec<String>>(row, "roles")),
        using: get(row, "using_expr"),
        with_check: get(row, "check_expr"),
    }
}

fn trigger(row: &PgRow) -> Trigger {
    // `tgtype`'s bits (PostgreSQL's `TRIGGER_TYPE_*`).
    const ROW: i32 = 1;
    const BEFORE: i32 = 2;
    const INSTEAD: i32 = 64;
    let bits: i32 = get(row, "type");
    let definition: String = get(row, "definition");
    let function = QualifiedName::new(
        get::<String>(row, "function_schema"),
        get::<String>(row, "function_name"),
    );
    let name: String = get(row, "name");
    let mut tr = if bits & INSTEAD != 0 {
        Trigger::instead_of(name, function)
    } else if bits & BEFORE != 0 {
        Trigger::before(name, function)
    } else {
        Trigger::after(name, function)
    };
    for (bit, event) in [
        (4, TriggerEvent::Insert),
        (8, TriggerEvent::Delete),
        (16, TriggerEvent::Update),
        (32, TriggerEvent::Truncate),
    ] {
        if bits & bit != 0 {
            tr.events.push(event);
        }
    }
    tr.update_of = get(row, "update_of");
    tr.for_each_statement = bits & ROW == 0;
    tr.when = model_core::sql_text::trigger_condition(&definition);
    tr.old_table = get(row, "old_table");
    tr.new_table = get(row, "new_table");
    let nargs = usize::try_from(get::<i32>(row, "nargs")).unwrap_or_default();
    let args: Vec<u8> = get(row, "args");
    // `tgargs` holds each argument followed by a zero byte.
    tr.args = (args.split(|b| *b == 0))
        .take(nargs)
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    tr.comment = get(row, "comment");
    tr.definition = Some(definition);
    tr
}

/// An identity column holds its sequence's options (those that are not PostgreSQL's defaults
/// for the column's type). Returns the column's type.
fn hold_identity_options(tables: &mut [Table], sequence: &Sequence) -> String {
    let Some(owner) = &sequence.owned_by else {
        return String::new();
    };
    let Ok(i) = tables.binary_search_by(|t| t.name.cmp(&owner.table)) else {
        return String::new();
    };
    let Some(c) = tables[i]
        .columns
        .iter_mut()
        .find(|c| c.name == owner.column)
    else {
        return String::new();
    };
    if let Some(width) = c.ty.integer_width() {
        c.identity_options = IdentityOptions::from_values(sequence.values(), width);
    }
    c.ty.display_name()
}

/// A sequence as the model holds it.
enum ReadSequence {
    /// A sequence of its own (perhaps `OWNED BY` a column).
    Own(Sequence),
    /// One the model holds as part of its column: an identity column's, or the one a `serial`
    /// column owns and reads. Its options and comment are judged by
    /// [`not_held::sequence_of_column`].
    OfColumn { sequence: Sequence, identity: bool },
}

fn sequence(row: &PgRow, tables: &[Table]) -> ReadSequence {
    let kind = get::<Option<String>>(row, "owner_kind");
    let owner = kind.as_ref().map(|_| SequenceOwner {
        table: QualifiedName::new(
            get::<String>(row, "owner_schema"),
            get::<String>(row, "owner_table"),
        ),
        column: get(row, "owner_column"),
    });
    let identity = kind.as_deref() == Some("i");
    let serial = owner.as_ref().is_some_and(|o| {
        tables
            .binary_search_by(|t| t.name.cmp(&o.table))
            .ok()
            .and_then(|i| tables[i].column(&o.column))
            .is_some_and(|c| c.identity == Identity::Serial)
    });
    let sequence = Sequence {
        name: QualifiedName::new(get::<String>(row, "schema"), get::<String>(row, "name")),
        data_type: get(row, "data_type"),
        start: get(row, "start"),
        increment: get(row, "increment"),
        min_value: get(row, "min_value"),
        max_value: get(row, "max_value"),
        cache: get(row, "cache"),
        cycle: get(row, "cycle"),
        owned_by: owner,
        comment: get(row, "comment"),
    };
    if identity || serial {
        ReadSequence::OfColumn { sequence, identity }
    } else {
        ReadSequence::Own(sequence)
    }
}

fn action(code: &str) -> ForeignKeyAction {
    match code {
        "r" => ForeignKeyAction::Restrict,
        "c" => ForeignKeyAction::Cascade,
        "n" => ForeignKeyAction::SetNull,
        "d" => ForeignKeyAction::SetDefault,
        _ => ForeignKeyAction::NoAction,
    }
}

fn constraint(t: &mut Table, row: &PgRow, numbers: &ColumnNumbers) {
    let name: String = get(row, "name");
    let columns = numbers.names(get(row, "table_oid"), &get::<Vec<i32>>(row, "keys"));
    let deferral = Deferral::new(get(row, "deferrable"), get(row, "deferred"));
    let include = || numbers.names(get(row, "table_oid"), &get::<Vec<i32>>(row, "include_keys"));
    let not_valid = !get::<bool>(row, "validated");
    match get::<String>(row, "kind").as_str() {
        "p" => {
            t.primary_key = Some(PrimaryKey {
                name,
                columns,
                deferral,
                include: include(),
            })
        }
        "u" => t.uniques.push(UniqueConstraint {
            name,
            columns,
            nulls_not_distinct: get(row, "nulls_not_distinct"),
            deferral,
            include: include(),
        }),
        "f" => t.foreign_keys.push(ForeignKey {
            name,
            columns,
            references: QualifiedName::new(
                get::<String>(row, "ref_schema"),
                get::<String>(row, "ref_table"),
            ),
            referenced_columns: get::<Option<Vec<String>>>(row, "outside_ref_columns")
                .unwrap_or_else(|| {
                    numbers.names(get(row, "ref_oid"), &get::<Vec<i32>>(row, "ref_keys"))
                }),
            on_delete: action(&get::<String>(row, "on_delete")),
            on_update: action(&get::<String>(row, "on_update")),
            deferrable: get(row, "deferrable"),
            initially_deferred: get(row, "deferred"),
            match_full: get(row, "match_full"),
            not_valid,
        }),
        _ => {
            // pg_get_constraintdef: `CHECK (<expr>)`, then ` NO INHERIT` and ` NOT VALID`
            // where they apply.
            let definition: String = get(row, "definition");
            let body = definition.strip_suffix(" NOT VALID").unwrap_or(&definition);
            let no_inherit: bool = get(row, "no_inherit");
            let body = if no_inherit {
                body.strip_suffix(" NO INHERIT").unwrap_or(body)
            } else {
                body
            };
            let expr = body
                .strip_prefix("CHECK (")
                .and_then(|s| s.strip_suffix(')'))
                .unwrap_or(body)
                .to_owned();
            t.checks.push(Check {
                name,
                expr,
                no_inherit,
                not_valid,
            });
        }
    }
}

fn index(
    row: &PgRow,
    numbers: &ColumnNumbers,
    opclasses: &HashMap<i64, String>,
) -> Result<Index, sqlx::Error> {
    let table: i64 = get(row, "table_oid");
    let name: String = get(row, "name");
    let key_count = get::<i32>(row, "key_count") as usize;
    let columns: Vec<i32> = get(row, "keys");
    let expressions: Option<Vec<Option<String>>> = get(row, "expressions");
    let classes: Vec<i64> = get(row, "opclasses");
    let options: Vec<i32> = get(row, "options");
    let mut collations = vec![None; key_count];
    let schemas: Option<Vec<Option<String>>> = get(row, "collation_schemas");
    let names: Option<Vec<Option<String>>> = get(row, "collation_names");
    for (k, (schema, name)) in (schemas.into_iter().flatten())
        .zip(names.into_iter().flatten())
        .enumerate()
        .take(key_count)
    {
        if let (Some(schema), Some(name)) = (schema, name) {
            collations[k] = Some(QualifiedName::new(schema, name));
        }
    }
    if let Some(definition) = get::<Option<String>>(row, "collated_definition") {
        // Read under search_path = pg_catalog: a collation named alone is PostgreSQL's own.
        let said = model_core::sql_syntax::index_collations(&definition).map_err(|e| {
            sqlx::Error::Protocol(format!(
                "the definition of index {name} could not be read ({e}): {definition}"
            ))
        })?;
        for (k, collation) in said.into_iter().enumerate().take(key_count) {
            if columns[k] == 0 {
                collations[k] = collation.map(|(schema, name)| {
                    QualifiedName::new(schema.as_deref().unwrap_or(PG_CATALOG), name)
                });
            }
        }
    }
    let keys = (0..key_count)
        .map(|k| IndexKey {
            kind: match columns[k] {
                0 => IndexKeyKind::Expression(
                    expressions
                        .as_ref()
                        .and_then(|e| e[k].clone())
                        .expect("an index key that is no column has an expression"),
                ),
                n => IndexKeyKind::Column(numbers.names(table, &[n]).remove(0)),
            },
            opclass: classes.get(k).and_then(|c| opclasses.get(c)).cloned(),
            // indoption: bit 1 DESC, bit 2 NULLS FIRST; held only where not the default.
            descending: options.get(k).is_some_and(|o| o & 1 == 1),
            nulls: match options.get(k).map(|o| (o & 1 == 1, o & 2 == 2)) {
                Some((false, true)) => Some(NullsOrder::First),
                Some((true, false)) => Some(NullsOrder::Last),
                _ => None,
            },
            collation: collations[k].take(),
        })
        .collect();
    let method: String = get(row, "method");
    Ok(Index {
        name,
        unique: get(row, "is_unique"),
        method: IndexMethod::from_name(&method),
        keys,
        include: numbers.names(table, &columns[key_count..]),
        predicate: get(row, "predicate"),
        nulls_not_distinct: get(row, "nulls_not_distinct"),
        storage: storage_parameters(get(row, "storage")),
    })
}

/// An exclusion constraint from its index's reading and the constraint's operators.
fn exclusion(row: &PgRow, name: String, index: Index) -> Exclusion {
    let operators: Vec<String> =
        get::<Option<Vec<String>>>(row, "exclusion_operators").unwrap_or_default();
    Exclusion {
        name,
        method: index.method,
        elements: (index.keys.into_iter())
            .zip(operators)
            .map(|(key, operator)| ExclusionElement { key, operator })
            .collect(),
        include: index.include,
        predicate: index.predicate,
        deferral: Deferral::new(
            get(row, "exclusion_deferrable"),
            get(row, "exclusion_deferred"),
        ),
    }
}

/// `pg_class.reloptions` (`{fillfactor=70}`) by name.
fn storage_parameters(options: Option<Vec<String>>) -> StorageParameters {
    (options.into_iter().flatten())
        .filter_map(|o| {
            let (name, value) = o.split_once('=')?;
            Some((name.to_owned(), value.to_owned()))
        })
        .collect()
}
