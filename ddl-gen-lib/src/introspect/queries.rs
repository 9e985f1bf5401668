//! The catalog queries: one round trip per catalog, whatever the number of tables. Every query
//! takes the schema names as `$1` and runs with `search_path` set to `pg_catalog`, so names
//! outside it come back qualified.
//!
//! They are set-based: comments, owned sequences and key columns are joined, not looked up per
//! row (`obj_description` and a correlated subquery each run a small query per row), and the
//! `pg_get_*` deparsers, which open the table they deparse for, run only where there is an
//! expression to deparse.

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

/// Domains with their base type, the collation where it is not the base type's, default,
/// `NOT NULL` and checks (by name; a `NOT VALID` one is named in `not_held.rs` too).
pub const DOMAINS: &str = "
SELECT n.nspname::text AS schema, t.typname::text AS name,
       format_type(t.typbasetype, t.typtypmod) AS data_type,
       cn.nspname::text AS collation_schema, co.collname::text AS collation_name,
       pg_get_expr(t.typdefaultbin, 0) AS default_expr, t.typnotnull AS not_null,
       ARRAY(SELECT c.conname::text FROM pg_constraint c
              WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY 1) AS check_names,
       ARRAY(SELECT pg_get_expr(c.conbin, 0) FROM pg_constraint c
              WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname) AS check_exprs,
       ds.description AS comment
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_type b ON b.oid = t.typbasetype
  LEFT JOIN pg_collation co ON co.oid = t.typcollation AND t.typcollation <> b.typcollation
  LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
  LEFT JOIN pg_description ds ON ds.objoid = t.oid AND ds.classoid = 'pg_type'::regclass
                             AND ds.objsubid = 0
 WHERE n.nspname = ANY ($1) AND t.typtype = 'd'
   AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass
                      AND e.objid = t.oid AND e.deptype = 'e')
 ORDER BY 1, 2";

/// Privileges on schemas, relations and functions that differ from what the object had
/// when made: PostgreSQL's default for its kind (`acldefault`), or for an object initdb made
/// (schema `public`) what `pg_init_privs` holds. `revoked`: one of those taken back, which the
/// model does not hold. The owner's own are left out unless taken back; so are a domain's and a
/// type's (named in `not_held.rs`). `function` is the function's oid, 0 for other kinds.
pub const GRANTS: &str = "
WITH ns AS (SELECT oid, nspname FROM pg_namespace WHERE nspname = ANY ($1)),
target AS (
    SELECT 'schema'::text AS kind, n.nspname::text AS schema, ''::text AS name, 0::int8 AS function,
           coalesce(n.nspacl, acldefault('n', n.nspowner)) AS acl,
           coalesce((SELECT i.initprivs FROM pg_init_privs i
                      WHERE i.classoid = 'pg_namespace'::regclass AND i.objoid = n.oid
                        AND i.objsubid = 0), acldefault('n', n.nspowner)) AS base,
           n.nspowner AS owner
      FROM pg_namespace n JOIN ns ON ns.oid = n.oid
  UNION ALL
    SELECT CASE c.relkind WHEN 'S' THEN 'sequence' ELSE 'table' END, ns.nspname, c.relname, 0,
           c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::\"char\", c.relowner),
           c.relowner
      FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND c.relacl IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass
                          AND e.objid = c.oid AND e.deptype = 'e')
  UNION ALL
    SELECT 'function', ns.nspname, p.proname, p.oid::int8, p.proacl,
           acldefault('f', p.proowner), p.proowner
      FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
     WHERE p.prokind IN ('f', 'p') AND p.proacl IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass
                          AND e.objid = p.oid AND e.deptype IN ('e', 'i'))
)
SELECT DISTINCT t.kind, t.schema, t.name, t.function,
       CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee)::text END AS role,
       x.privilege_type::text AS privilege, x.is_grantable AS grantable, x.revoked
  FROM target t CROSS JOIN LATERAL (
      SELECT a.grantee, a.privilege_type, a.is_grantable, false AS revoked
        FROM aclexplode(t.acl) a
       WHERE a.grantee <> t.owner
         AND (a.grantee, a.privilege_type, a.is_grantable) NOT IN (
             SELECT b.grantee, b.privilege_type, b.is_grantable FROM aclexplode(t.base) b)
    UNION ALL
      SELECT b.grantee, b.privilege_type, b.is_grantable, true
        FROM aclexplode(t.base) b
       WHERE (b.grantee, b.privilege_type) NOT IN (
             SELECT a.grantee, a.privilege_type FROM aclexplode(t.acl) a)
  ) x
 ORDER BY 1, 2, 3, 4, 5, 6";

/// Collations of ICU and libc (an extension's come with it). ICU's locale is in `colllocale`
/// from PostgreSQL 17, `colliculocale` in 15 and 16, `collcollate` before: read through
/// `to_jsonb` so that one query serves every version.
pub const COLLATIONS: &str = "
SELECT n.nspname::text AS schema, c.collname::text AS name, c.collprovider::text AS provider,
       coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale',
                c.collcollate::text) AS locale,
       c.collctype::text AS ctype, c.collisdeterministic AS deterministic,
       ds.description AS comment
  FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
  LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_collation'::regclass
 WHERE n.nspname = ANY ($1) AND c.collprovider IN ('i', 'c')
   AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_collation'::regclass
                      AND e.objid = c.oid AND e.deptype = 'e')
 ORDER BY 1, 2";

/// Composite types (a table's row type is its table's), with their attributes in order, each
/// with its collation where it is not its type's.
pub const COMPOSITES: &str = "
SELECT n.nspname::text AS schema, t.typname::text AS name,
       coalesce(at.names, '{}') AS attribute_names, coalesce(at.types, '{}') AS attribute_types,
       coalesce(at.collation_schemas, '{}') AS collation_schemas,
       coalesce(at.collation_names, '{}') AS collation_names, ds.description AS comment
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
  LEFT JOIN LATERAL (
      SELECT array_agg(a.attname::text ORDER BY a.attnum) AS names,
             array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum) AS types,
             array_agg(cn.nspname::text ORDER BY a.attnum) AS collation_schemas,
             array_agg(co.collname::text ORDER BY a.attnum) AS collation_names
        FROM pg_attribute a JOIN pg_type y ON y.oid = a.atttypid
        LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> y.typcollation
        LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
       WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) at ON true
  LEFT JOIN pg_description ds ON ds.objoid = t.oid AND ds.classoid = 'pg_type'::regclass
                             AND ds.objsubid = 0
 WHERE n.nspname = ANY ($1) AND t.typtype = 'c'
   AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass
                      AND e.objid = t.oid AND e.deptype = 'e')
 ORDER BY 1, 2";

/// Trigger functions without arguments: the kind the generator owns.
/// Functions and procedures the schemas' users made (an extension's, or one a type made for
/// itself, come with it), with each argument (`mode` as `proargmodes` says, `i` when it says
/// none; `name` empty when unnamed; `default` as PostgreSQL prints it). Aggregates, window
/// functions and SQL-standard bodies are named in `not_held.rs` instead.
pub const FUNCTIONS: &str = "
SELECT p.oid::int8 AS oid, n.nspname::text AS schema, p.proname::text AS name,
       p.prokind = 'p' AS procedure,
       p.prosrc AS source, obj_description(p.oid, 'pg_proc') AS comment,
       l.lanname::text AS language, p.provolatile::text AS volatility, p.proisstrict AS strict,
       p.prosecdef AS security_definer, p.proparallel::text AS parallel,
       COALESCE(p.proconfig, '{}') AS settings, p.proretset AS returns_set,
       format_type(p.prorettype, NULL) AS return_type,
       COALESCE(a.modes, '{}') AS arg_modes, COALESCE(a.names, '{}') AS arg_names,
       COALESCE(a.types, '{}') AS arg_types, COALESCE(a.defaults, '{}') AS arg_defaults
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_language l ON l.oid = p.prolang
  LEFT JOIN LATERAL (
      SELECT array_agg(COALESCE(x.mode, 'i')::text ORDER BY x.n) AS modes,
             array_agg(COALESCE(x.name, '') ORDER BY x.n) AS names,
             array_agg(format_type(x.type, NULL) ORDER BY x.n) AS types,
             array_agg(pg_get_function_arg_default(p.oid, x.n::int) ORDER BY x.n) AS defaults
        FROM unnest(COALESCE(p.proallargtypes, p.proargtypes::oid[]), p.proargmodes,
                    p.proargnames) WITH ORDINALITY AS x(type, mode, name, n)
  ) a ON true
 WHERE n.nspname = ANY ($1) AND p.prokind IN ('f', 'p')
   AND NOT (l.lanname = 'sql' AND p.prosrc = '')
   AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass
                      AND e.objid = p.oid AND e.deptype IN ('e', 'i'))
 ORDER BY 1, 2, oidvectortypes(p.proargtypes)";

/// Tables, partitions left out (they are read with their parent, in [`PARTITIONS`]). A
/// partitioned table's `partition_key` as `pg_get_partkeydef` prints it, and its columns by
/// number (0 for an expression).
pub const TABLES: &str = "
SELECT c.oid::int8 AS oid, n.nspname::text AS schema, c.relname::text AS name,
       ds.description AS comment, c.relpersistence = 'u' AS unlogged,
       c.relrowsecurity AS row_security, c.relforcerowsecurity AS force_row_security,
       c.reloptions::text[] AS storage,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
       string_to_array(pt.partattrs::text, ' ')::int4[] AS partition_columns
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass
                             AND ds.objsubid = 0
  LEFT JOIN pg_partitioned_table pt ON pt.partrelid = c.oid
 WHERE n.nspname = ANY ($1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
 ORDER BY 2, 3";

/// The partitions of the tables read: plain tables (one partitioned in turn is named "not
/// held"), in schemas read, with their bound as PostgreSQL prints it.
pub const PARTITIONS: &str = "
SELECT i.inhparent::int8 AS parent_oid, n.nspname::text AS schema, c.relname::text AS name,
       pg_get_expr(c.relpartbound, c.oid) AS bound, ds.description AS comment
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_inherits i ON i.inhrelid = c.oid
  LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass
                             AND ds.objsubid = 0
 WHERE n.nspname = ANY ($1) AND c.relkind = 'r' AND c.relispartition
 ORDER BY 1, 2, 3";

/// Views and materialized views. `query` as PostgreSQL prints it (every name outside
/// `pg_catalog` qualified, under the fixed search path); `read_schemas`/`read_names`: the
/// relations its rule depends on (what the query reads), in name order.
pub const VIEWS: &str = "
SELECT c.oid::int8 AS oid, n.nspname::text AS schema, c.relname::text AS name,
       c.relkind = 'm' AS materialized, pg_get_viewdef(c.oid) AS query,
       COALESCE(c.reloptions::text[], '{}') AS options, ds.description AS comment,
       COALESCE(rd.schemas, '{}') AS read_schemas, COALESCE(rd.names, '{}') AS read_names
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass
                             AND ds.objsubid = 0
  LEFT JOIN LATERAL (
      SELECT array_agg(rn.nspname::text ORDER BY rn.nspname, rc.relname) AS schemas,
             array_agg(rc.relname::text ORDER BY rn.nspname, rc.relname) AS names
        FROM (SELECT DISTINCT d.refobjid FROM pg_rewrite r
                JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                                AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> c.oid
               WHERE r.ev_class = c.oid AND r.rulename = '_RETURN') x
        JOIN pg_class rc ON rc.oid = x.refobjid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
  ) rd ON true
 WHERE n.nspname = ANY ($1) AND c.relkind IN ('v', 'm')
   AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass
                      AND e.objid = c.oid AND e.deptype = 'e')
 ORDER BY 2, 3";

pub const COLUMNS: &str = "
SELECT a.attrelid::int8 AS table_oid, a.attnum::int4 AS num, a.attname::text AS name,
       format_type(a.atttypid, a.atttypmod) AS type,
       t.typtype = 'e' AS is_enum, t.typtype = 'd' AS is_domain, tn.nspname::text AS type_schema, t.typname::text AS type_name,
       a.attnotnull AS not_null,
       -- a default names no column, so it is deparsed without the table; a generated
       -- column's expression names some
       pg_get_expr(d.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE d.adrelid END) AS default_expr,
       a.attidentity::text AS identity, a.attgenerated::text AS generated,
       ds.description AS comment, os.refobjid IS NOT NULL AS owns_sequence,
       cn.nspname::text AS collation_schema, co.collname::text AS collation_name
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace
  -- the column's collation where it is not its type's
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
  LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  LEFT JOIN pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass
                             AND ds.objsubid = a.attnum
  LEFT JOIN (SELECT DISTINCT dp.refobjid, dp.refobjsubid
               FROM pg_depend dp JOIN pg_class s ON s.oid = dp.objid AND s.relkind = 'S'
              WHERE dp.classid = 'pg_class'::regclass AND dp.refclassid = 'pg_class'::regclass
                AND dp.deptype = 'a') os ON os.refobjid = a.attrelid AND os.refobjsubid = a.attnum
 WHERE n.nspname = ANY ($1) AND c.relkind IN ('r', 'p', 'm') AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attrelid, a.attnum";

/// `{nulls_not_distinct}` is `ci.indnullsnotdistinct` from PostgreSQL 15 on, `false` before.
/// Columns come as numbers (`keys`, `ref_keys`), named from the columns read; a foreign key
/// to a table in a schema not read has its referenced columns named here (`outside_ref_columns`).
/// `definition` (`pg_get_constraintdef`) is read for checks only. `include_keys`: the columns a
/// key's index covers beyond the key (`INCLUDE`), which `conkey` leaves out.
pub const CONSTRAINTS: &str = "
SELECT co.conrelid::int8 AS table_oid, co.conname::text AS name, co.contype::text AS kind,
       COALESCE(co.conkey::int4[], '{}') AS keys,
       fn.nspname::text AS ref_schema, fc.relname::text AS ref_table, co.confrelid::int8 AS ref_oid,
       COALESCE(co.confkey::int4[], '{}') AS ref_keys,
       CASE WHEN co.contype = 'f' AND fn.nspname <> ALL ($1) THEN
           ARRAY(SELECT a.attname::text FROM unnest(co.confkey) WITH ORDINALITY k(num, pos)
                   JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.num
                  ORDER BY k.pos) END AS outside_ref_columns,
       co.confupdtype::text AS on_update, co.confdeltype::text AS on_delete,
       co.condeferrable AS deferrable, co.condeferred AS deferred, co.connoinherit AS no_inherit,
       CASE WHEN co.contype = 'c' THEN pg_get_constraintdef(co.oid) END AS definition,
       COALESCE({nulls_not_distinct}, false) AS nulls_not_distinct,
       COALESCE((ci.indkey::int2[]::int4[])[ci.indnkeyatts:], '{}') AS include_keys,
       co.convalidated AS validated, co.confmatchtype = 'f' AS match_full
  FROM pg_constraint co
  JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_class fc ON fc.oid = co.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
  LEFT JOIN pg_index ci ON ci.indexrelid = co.conindid AND co.contype IN ('p', 'u')
 WHERE n.nspname = ANY ($1) AND co.contype IN ('p', 'u', 'f', 'c')
 ORDER BY 1, 2";

/// Indexes that no key owns, and those of exclusion constraints (`exclusion`: the
/// constraint's name, with its operators by key, as `OPERATOR(schema.op)` outside
/// `pg_catalog`, and its deferral). (`[:]` makes the vectors, numbered from 0, arrays from 1.)
/// `keys`: per column of the index, the table's column number (0 for an expression); for expressions (if any) `expressions` has, per column of the index,
/// the expression's definition or NULL; `opclasses` (oids) and `options` (bit 1: DESC) cover
/// the key columns, not the `INCLUDE`d ones. `collation_schemas`/`collation_names`: per key
/// column, its collation where it is not its column's (NULL elsewhere, and for expressions);
/// an expression's `COLLATE` is read from `collated_definition`, the whole `CREATE INDEX`
/// (which says it exactly where it is not the expression's own), given when some expression key
/// has a collation.
pub const INDEXES: &str = "
SELECT i.indrelid::int8 AS table_oid, ic.relname::text AS name, i.indisunique AS is_unique,
       am.amname::text AS method, i.indnkeyatts::int4 AS key_count,
       (i.indkey::int2[]::int4[])[:] AS keys,
       CASE WHEN 0 = ANY (i.indkey) THEN
           ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0 THEN pg_get_indexdef(i.indexrelid, k, true) END
                   FROM generate_series(1, i.indnatts) k ORDER BY k) END AS expressions,
       (i.indclass::oid[]::int8[])[:] AS opclasses, (i.indoption::int2[]::int4[])[:] AS options,
       pg_get_expr(i.indpred, i.indrelid) AS predicate,
       COALESCE({nulls_not_distinct}, false) AS nulls_not_distinct,
       kc.schemas AS collation_schemas, kc.names AS collation_names,
       CASE WHEN kc.expression_collated THEN pg_get_indexdef(i.indexrelid) END AS collated_definition,
       ic.reloptions::text[] AS storage,
       xc.conname::text AS exclusion,
       CASE WHEN xc.oid IS NOT NULL THEN ARRAY(
           SELECT CASE WHEN opn.nspname = 'pg_catalog' THEN op.oprname::text
                       ELSE format('OPERATOR(%I.%s)', opn.nspname, op.oprname) END
             FROM unnest(xc.conexclop) WITH ORDINALITY x(op, pos)
             JOIN pg_operator op ON op.oid = x.op JOIN pg_namespace opn ON opn.oid = op.oprnamespace
            ORDER BY x.pos) END AS exclusion_operators,
       COALESCE(xc.condeferrable, false) AS exclusion_deferrable,
       COALESCE(xc.condeferred, false) AS exclusion_deferred
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
  JOIN pg_am am ON am.oid = ic.relam
  LEFT JOIN pg_constraint xc ON xc.conindid = i.indexrelid AND xc.contype = 'x'
  LEFT JOIN LATERAL (
      SELECT array_agg(cn.nspname::text ORDER BY k.pos) AS schemas,
             array_agg(co.collname::text ORDER BY k.pos) AS names,
             bool_or(k.num = 0 AND k.coll <> 0) AS expression_collated
        FROM unnest(i.indkey::int2[], i.indcollation::oid[]) WITH ORDINALITY k(num, coll, pos)
        LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num AND k.num <> 0
        LEFT JOIN pg_collation co ON co.oid = k.coll AND k.coll <> a.attcollation
        LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
       WHERE k.pos <= i.indnkeyatts
  ) kc ON NOT i.indcollation::oid[] <@ '{0}'
 WHERE n.nspname = ANY ($1)
   AND NOT EXISTS (SELECT 1 FROM pg_constraint co
                    WHERE co.conindid = i.indexrelid AND co.contype IN ('p', 'u'))
 ORDER BY 1, 2";

/// The operator classes that are not their type's default, by oid: an index key names its
/// operator class only when it is one of these.
pub const OPCLASSES: &str = "
SELECT oc.oid::int8 AS oid, oc.opcname::text AS name FROM pg_opclass oc WHERE NOT oc.opcdefault";

/// User triggers on tables and views: the parts of `CREATE TRIGGER` (`tgtype`'s bits say the
/// timing, events and level), and the whole statement as PostgreSQL prints it.
pub const TRIGGERS: &str = "
SELECT t.tgrelid::int8 AS table_oid, t.tgname::text AS name,
       pn.nspname::text AS function_schema, p.proname::text AS function_name,
       pg_get_triggerdef(t.oid) AS definition, t.tgtype::int4 AS type,
       ARRAY(SELECT a.attname::text FROM unnest(t.tgattr::int2[]) WITH ORDINALITY k(num, ord)
               JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.num
              ORDER BY k.ord) AS update_of,
       t.tgoldtable::text AS old_table, t.tgnewtable::text AS new_table,
       t.tgnargs::int4 AS nargs, t.tgargs AS args,
       obj_description(t.oid, 'pg_trigger') AS comment
  FROM pg_trigger t
  JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace pn ON pn.oid = p.pronamespace
 WHERE n.nspname = ANY ($1) AND NOT t.tgisinternal
 ORDER BY 1, 2";

/// Row level security policies. `command`: `polcmd` (`*` all, `r` select, `a` insert, `w`
/// update, `d` delete); `roles` by name, `public` for every role, a dropped role's as
/// PostgreSQL prints it; the expressions as PostgreSQL prints them.
pub const POLICIES: &str = "
SELECT pol.polrelid::int8 AS table_oid, pol.polname::text AS name,
       pol.polpermissive AS permissive, pol.polcmd::text AS command,
       ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END
               FROM unnest(pol.polroles) r) AS roles,
       pg_get_expr(pol.polqual, pol.polrelid) AS using_expr,
       pg_get_expr(pol.polwithcheck, pol.polrelid) AS check_expr
  FROM pg_policy pol
  JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = ANY ($1)
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
       a.attname::text AS owner_column, ds.description AS comment
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_sequence s ON s.seqrelid = c.oid
  LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass
                             AND ds.objsubid = 0
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
