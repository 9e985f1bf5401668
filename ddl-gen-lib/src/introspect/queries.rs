//! The catalog queries: one round trip per catalog, whatever the number of tables. Every query
//! takes the schema names as `$1` and runs with `search_path` set to `pg_catalog`, so names
//! outside it come back qualified.

pub const NAMESPACES: &str = "
SELECT n.nspname::text AS name, obj_description(n.oid, 'pg_namespace') AS comment
  FROM pg_namespace n
 WHERE n.nspname = ANY ($1)
 ORDER BY 1";

pub const EXTENSIONS: &str = "
SELECT extname::text AS name, extversion AS version
  FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1";

pub const ENUMS: &str = "
SELECT n.nspname::text AS schema, t.typname::text AS name,
       ARRAY(SELECT e.enumlabel::text FROM pg_enum e
              WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname = ANY ($1) AND t.typtype = 'e'
 ORDER BY 1, 2";

/// Trigger functions without arguments: the kind the generator owns.
pub const FUNCTIONS: &str = "
SELECT n.nspname::text AS schema, p.proname::text AS name, p.prosrc AS source,
       obj_description(p.oid, 'pg_proc') AS comment
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = ANY ($1) AND p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype
   AND p.pronargs = 0
 ORDER BY 1, 2";

pub const TABLES: &str = "
SELECT c.oid::int8 AS oid, n.nspname::text AS schema, c.relname::text AS name,
       obj_description(c.oid, 'pg_class') AS comment
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = ANY ($1) AND c.relkind IN ('r', 'p')
 ORDER BY 2, 3";

pub const COLUMNS: &str = "
SELECT a.attrelid::int8 AS table_oid, a.attname::text AS name,
       format_type(a.atttypid, a.atttypmod) AS type,
       t.typtype = 'e' AS is_enum, tn.nspname::text AS type_schema, t.typname::text AS type_name,
       a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default_expr,
       a.attidentity::text AS identity, a.attgenerated::text AS generated,
       col_description(a.attrelid, a.attnum) AS comment,
       EXISTS (SELECT 1 FROM pg_depend dp JOIN pg_class s ON s.oid = dp.objid AND s.relkind = 'S'
                WHERE dp.classid = 'pg_class'::regclass AND dp.refclassid = 'pg_class'::regclass
                  AND dp.refobjid = a.attrelid AND dp.refobjsubid = a.attnum
                  AND dp.deptype = 'a') AS owns_sequence
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE n.nspname = ANY ($1) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attrelid, a.attnum";

/// `{nulls_not_distinct}` is `ci.indnullsnotdistinct` from PostgreSQL 15 on, `false` before.
pub const CONSTRAINTS: &str = "
SELECT co.conrelid::int8 AS table_oid, co.conname::text AS name, co.contype::text AS kind,
       ARRAY(SELECT a.attname::text FROM unnest(co.conkey) WITH ORDINALITY k(num, pos)
               JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.num
              ORDER BY k.pos) AS columns,
       fn.nspname::text AS ref_schema, fc.relname::text AS ref_table,
       ARRAY(SELECT a.attname::text FROM unnest(co.confkey) WITH ORDINALITY k(num, pos)
               JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.num
              ORDER BY k.pos) AS ref_columns,
       co.confupdtype::text AS on_update, co.confdeltype::text AS on_delete,
       co.condeferrable AS deferrable, co.condeferred AS deferred, co.connoinherit AS no_inherit,
       pg_get_constraintdef(co.oid) AS definition,
       COALESCE({nulls_not_distinct}, false) AS nulls_not_distinct
  FROM pg_constraint co
  JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_class fc ON fc.oid = co.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
  LEFT JOIN pg_index ci ON ci.indexrelid = co.conindid AND co.contype IN ('p', 'u')
 WHERE n.nspname = ANY ($1) AND co.contype IN ('p', 'u', 'f', 'c')
 ORDER BY 1, 2";

/// Indexes that no constraint owns. Per key: the column (or NULL for an expression), the key's
/// definition, a non-default operator class, and DESC.
pub const INDEXES: &str = "
SELECT i.indrelid::int8 AS table_oid, ic.relname::text AS name, i.indisunique AS is_unique,
       am.amname::text AS method, i.indnkeyatts::int4 AS key_count,
       ARRAY(SELECT a.attname::text FROM generate_series(1, i.indnatts) k
               LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1]
                                       AND i.indkey[k - 1] <> 0
              ORDER BY k) AS columns,
       ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnatts) k
              ORDER BY k) AS key_definitions,
       ARRAY(SELECT CASE WHEN oc.opcdefault THEN NULL ELSE oc.opcname::text END
               FROM generate_series(1, i.indnkeyatts) k JOIN pg_opclass oc ON oc.oid = i.indclass[k - 1]
              ORDER BY k) AS opclasses,
       ARRAY(SELECT (i.indoption[k - 1] & 1) = 1 FROM generate_series(1, i.indnkeyatts) k
              ORDER BY k) AS descending,
       pg_get_expr(i.indpred, i.indrelid) AS predicate,
       COALESCE({nulls_not_distinct}, false) AS nulls_not_distinct
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
  JOIN pg_am am ON am.oid = ic.relam
 WHERE n.nspname = ANY ($1)
   AND NOT EXISTS (SELECT 1 FROM pg_constraint co
                    WHERE co.conindid = i.indexrelid AND co.contype IN ('p', 'u', 'x'))
 ORDER BY 1, 2";

pub const TRIGGERS: &str = "
SELECT t.tgrelid::int8 AS table_oid, t.tgname::text AS name,
       pn.nspname::text AS function_schema, p.proname::text AS function_name,
       pg_get_triggerdef(t.oid) AS definition
  FROM pg_trigger t
  JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace pn ON pn.oid = p.pronamespace
 WHERE n.nspname = ANY ($1) AND NOT t.tgisinternal
 ORDER BY 1, 2";

/// The schemas a database's users made: all but the system's (`pg_catalog`,
/// `information_schema`, `pg_toast*`, `pg_temp*`) and those an extension owns.
pub const USER_SCHEMAS: &str = "
SELECT n.nspname::text FROM pg_namespace n
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass
                      AND d.objid = n.oid AND d.deptype = 'e')
 ORDER BY 1";

/// Every sequence with its options and, when a column owns it, the column (`owner_kind` `a`
/// for `OWNED BY`/serial, `i` for an identity column's own).
pub const SEQUENCES: &str = "
SELECT n.nspname::text AS schema, c.relname::text AS name,
       format_type(s.seqtypid, NULL) AS data_type, s.seqstart AS start,
       s.seqincrement AS increment, s.seqmin AS min_value, s.seqmax AS max_value,
       s.seqcache AS cache, s.seqcycle AS cycle, d.deptype::text AS owner_kind,
       own.nspname::text AS owner_schema, oc.relname::text AS owner_table,
       a.attname::text AS owner_column, obj_description(c.oid, 'pg_class') AS comment
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_sequence s ON s.seqrelid = c.oid
  LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
                       AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0
                       AND d.deptype IN ('a', 'i')
  LEFT JOIN pg_class oc ON oc.oid = d.refobjid
  LEFT JOIN pg_namespace own ON own.oid = oc.relnamespace
  LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
 WHERE n.nspname = ANY ($1) AND c.relkind = 'S'
   AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass
                      AND e.objid = c.oid AND e.deptype = 'e')
 ORDER BY 1, 2";
