//! What the schema model cannot hold yet, named: a comparison that cannot see an object says so
//! instead of calling two databases equal.
//!
//! One query over the catalogs of the schemas read. Objects an extension owns are left out
//! (they come with the extension), and so are the defaults every database has (the `public`
//! schema's own privileges, sequences that are exactly what `serial` makes).

use std::fmt;

/// An object, or a property of one, that the model does not hold.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct NotHeld {
    /// What it is: `view`, `policy`, `generated column`, ...
    pub kind: String,
    /// Which one: `sales.recent_orders`, `tenant_isolation on sales.orders`, ...
    pub name: String,
}

impl fmt::Display for NotHeld {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind, self.name)
    }
}

/// `$1`: the schema names. `{set_null_columns}` is `co.confdelsetcols` from PostgreSQL 15 on.
pub const QUERY: &str = "
WITH ns AS (SELECT oid, nspname FROM pg_namespace WHERE nspname = ANY ($1)),
rel AS (
    SELECT c.*, ns.nspname, format('%s.%s', ns.nspname, c.relname) AS qname
      FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
     WHERE NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass
                          AND e.objid = c.oid AND e.deptype = 'e')
),
tab AS (SELECT * FROM rel WHERE relkind IN ('r', 'p')),
seq AS (
    SELECT r.qname, r.relname, s.*, d.deptype, d.refobjid, d.refobjsubid,
           s.seqstart = 1 AND s.seqincrement = 1 AND s.seqmin = 1 AND s.seqcache = 1
           AND NOT s.seqcycle
           AND s.seqmax = CASE s.seqtypid WHEN 'int2'::regtype THEN 32767
                                          WHEN 'int4'::regtype THEN 2147483647
                                          ELSE 9223372036854775807 END AS plain,
           -- read as part of its column: an identity's, or a serial's (owned and read by it)
           d.deptype = 'i' OR (d.deptype = 'a' AND EXISTS (
               SELECT 1 FROM pg_attrdef ad
                WHERE ad.adrelid = d.refobjid AND ad.adnum = d.refobjsubid
                  AND pg_get_expr(ad.adbin, ad.adrelid) LIKE 'nextval(%')) AS of_column
      FROM rel r JOIN pg_sequence s ON s.seqrelid = r.oid
      LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = r.oid
                           AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0
                           AND d.deptype IN ('a', 'i')
),
con AS (
    SELECT co.*, t.qname AS tname FROM pg_constraint co JOIN tab t ON t.oid = co.conrelid
)
SELECT kind, name FROM (
    SELECT CASE relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                        WHEN 'f' THEN 'foreign table' WHEN 'c' THEN 'composite type'
                        WHEN 'p' THEN 'partitioned table' END AS kind, qname AS name
      FROM rel WHERE relkind IN ('v', 'm', 'f', 'c', 'p')
  UNION ALL
    SELECT CASE WHEN c.relispartition THEN 'partition' ELSE 'inheritance' END,
           format('%s.%s of %s.%s', cn.nspname, c.relname, pn.nspname, p.relname)
      FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
      JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
     WHERE cn.nspname = ANY ($1) AND c.relkind IN ('r', 'p', 'f')
  UNION ALL
    SELECT CASE deptype WHEN 'i' THEN 'identity sequence options'
                        ELSE 'sequence name or options (not those serial makes)' END,
           format('%s (owned by %s.%s)', s.qname, t.qname, a.attname)
      FROM seq s JOIN tab t ON t.oid = s.refobjid
      JOIN pg_attribute a ON a.attrelid = s.refobjid AND a.attnum = s.refobjsubid
     WHERE s.of_column
       AND (NOT s.plain OR (s.deptype = 'a' AND s.relname <> format('%s_%s_seq', t.relname, a.attname)))
  UNION ALL
    SELECT 'unlogged table', qname FROM tab WHERE relpersistence = 'u'
  UNION ALL
    SELECT 'row level security', format('on %s%s', qname,
                                        CASE WHEN relforcerowsecurity THEN ' (forced)' ELSE '' END)
      FROM tab WHERE relrowsecurity OR relforcerowsecurity
  UNION ALL
    SELECT 'policy', format('%s on %s', pol.polname, t.qname)
      FROM pg_policy pol JOIN tab t ON t.oid = pol.polrelid
  UNION ALL
    SELECT 'grants', format('on %s', qname) FROM rel WHERE relacl IS NOT NULL AND relkind IN ('r', 'p', 'S')
  UNION ALL
    SELECT 'grants', format('on schema %s', nspname) FROM pg_namespace
     WHERE nspname = ANY ($1) AND nspacl IS NOT NULL
       AND NOT (nspname = 'public'
                AND nspacl::text[] = '{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}')
  UNION ALL
    SELECT 'storage parameters', format('on %s (%s)', qname, array_to_string(reloptions, ', '))
      FROM rel WHERE reloptions IS NOT NULL AND relkind IN ('r', 'p', 'i', 'I', 'm')
  UNION ALL
    SELECT 'tablespace', format('of %s', qname) FROM rel WHERE reltablespace <> 0
  UNION ALL
    SELECT 'replica identity', qname FROM tab WHERE relreplident <> 'd'
  UNION ALL
    SELECT 'typed table', qname FROM tab WHERE reloftype <> 0
  UNION ALL
    SELECT 'table access method', format('%s (%s)', t.qname, am.amname)
      FROM tab t JOIN pg_am am ON am.oid = t.relam WHERE am.amname <> 'heap'
  UNION ALL
    SELECT 'column statistics target', format('%s.%s', t.qname, a.attname)
      FROM tab t JOIN pg_attribute a ON a.attrelid = t.oid
     WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attstattarget >= 0
  UNION ALL
    SELECT 'default privileges', format('in schema %s', ns.nspname)
      FROM pg_default_acl da JOIN ns ON ns.oid = da.defaclnamespace
  UNION ALL
    SELECT 'extension schema', format('%s in schema %s', e.extname, en.nspname)
      FROM pg_extension e JOIN pg_namespace en ON en.oid = e.extnamespace
     WHERE en.nspname <> 'public' AND e.extname <> 'plpgsql'
  UNION ALL
    SELECT 'rule', format('%s on %s', rw.rulename, r.qname)
      FROM pg_rewrite rw JOIN rel r ON r.oid = rw.ev_class WHERE rw.rulename <> '_RETURN'
  UNION ALL
    SELECT 'column collation', format('%s.%s (%s)', t.qname, a.attname, co.collname)
      FROM tab t JOIN pg_attribute a ON a.attrelid = t.oid
      JOIN pg_type ty ON ty.oid = a.atttypid JOIN pg_collation co ON co.oid = a.attcollation
     WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attcollation <> ty.typcollation
  UNION ALL
    SELECT 'column storage or compression', format('%s.%s', t.qname, a.attname)
      FROM tab t JOIN pg_attribute a ON a.attrelid = t.oid JOIN pg_type ty ON ty.oid = a.atttypid
     WHERE a.attnum > 0 AND NOT a.attisdropped
       AND (a.attstorage <> ty.typstorage OR a.attcompression <> '')
  UNION ALL
    SELECT 'exclusion constraint', format('%s on %s', conname, tname) FROM con WHERE contype = 'x'
  UNION ALL
    SELECT 'NOT VALID constraint', format('%s on %s', conname, tname)
      FROM con WHERE NOT convalidated
  UNION ALL
    SELECT 'foreign key MATCH FULL', format('%s on %s', conname, tname)
      FROM con WHERE contype = 'f' AND confmatchtype = 'f'
  UNION ALL
    SELECT 'foreign key SET NULL/SET DEFAULT column list', format('%s on %s', conname, tname)
      FROM con WHERE contype = 'f' AND {set_null_columns} IS NOT NULL
  UNION ALL
    SELECT 'comment', format('on constraint %s on %s', conname, tname)
      FROM con WHERE obj_description(oid, 'pg_constraint') IS NOT NULL
  UNION ALL
    SELECT 'comment', format('on index %s', qname)
      FROM rel WHERE relkind IN ('i', 'I') AND obj_description(oid, 'pg_class') IS NOT NULL
  UNION ALL
    SELECT 'comment', format('on sequence %s', s.qname)
      FROM seq s WHERE s.of_column AND obj_description(s.seqrelid, 'pg_class') IS NOT NULL
  UNION ALL
    SELECT 'invalid index', r.qname FROM pg_index i JOIN rel r ON r.oid = i.indexrelid
     WHERE NOT i.indisvalid
  UNION ALL
    SELECT 'index NULLS FIRST/LAST', r.qname FROM pg_index i JOIN rel r ON r.oid = i.indexrelid
     WHERE EXISTS (SELECT 1 FROM generate_series(0, i.indnkeyatts - 1) k
                    WHERE i.indoption[k] & 3 IN (1, 2))
  UNION ALL
    SELECT 'index collation', r.qname FROM pg_index i JOIN rel r ON r.oid = i.indexrelid
     WHERE EXISTS (SELECT 1 FROM generate_series(0, i.indnkeyatts - 1) k
                     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k]
                    WHERE i.indkey[k] <> 0 AND i.indcollation[k] <> a.attcollation)
  UNION ALL
    SELECT 'trigger enable state', format('%s on %s', tg.tgname, t.qname)
      FROM pg_trigger tg JOIN tab t ON t.oid = tg.tgrelid
     WHERE NOT tg.tgisinternal AND tg.tgenabled <> 'O'
  UNION ALL
    SELECT 'comment', format('on trigger %s on %s', tg.tgname, t.qname)
      FROM pg_trigger tg JOIN tab t ON t.oid = tg.tgrelid
     WHERE NOT tg.tgisinternal AND obj_description(tg.oid, 'pg_trigger') IS NOT NULL
  UNION ALL
    SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate'
                          WHEN 'w' THEN 'window function' ELSE 'function' END,
           format('%s.%s(%s)', ns.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
      FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
     WHERE NOT (p.prorettype = 'trigger'::regtype AND p.pronargs = 0)
       -- an extension's, or one a type made for itself (a range type's constructors)
       AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass
                          AND e.objid = p.oid AND e.deptype IN ('e', 'i'))
  UNION ALL
    SELECT 'function attributes', format('%s.%s(): %s', ns.nspname, p.proname, concat_ws(', ',
               CASE WHEN l.lanname <> 'plpgsql' THEN 'LANGUAGE ' || l.lanname END,
               CASE WHEN p.prosecdef THEN 'SECURITY DEFINER' END,
               CASE WHEN p.provolatile <> 'v' THEN 'not VOLATILE' END,
               CASE WHEN p.proleakproof THEN 'LEAKPROOF' END,
               CASE WHEN p.proparallel <> 'u' THEN 'PARALLEL' END,
               CASE WHEN p.procost <> 100 THEN 'COST' END,
               CASE WHEN p.proconfig IS NOT NULL THEN 'SET ' || array_to_string(p.proconfig, ', ') END,
               CASE WHEN p.proacl IS NOT NULL THEN 'grants' END))
      FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
     WHERE p.prorettype = 'trigger'::regtype AND p.pronargs = 0
       AND (l.lanname <> 'plpgsql' OR p.prosecdef OR p.provolatile <> 'v' OR p.proleakproof
            OR p.proparallel <> 'u' OR p.procost <> 100 OR p.proconfig IS NOT NULL
            OR p.proacl IS NOT NULL)
  UNION ALL
    SELECT CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range type'
                          WHEN 'b' THEN 'base type' ELSE 'type' END,
           format('%s.%s', ns.nspname, t.typname)
      FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
     WHERE t.typtype IN ('d', 'r', 'b', 'p') AND t.typcategory <> 'A'
       AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass
                          AND e.objid = t.oid AND e.deptype = 'e')
  UNION ALL
    SELECT 'comment', format('on enum type %s.%s', ns.nspname, t.typname)
      FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
     WHERE t.typtype = 'e' AND obj_description(t.oid, 'pg_type') IS NOT NULL
  UNION ALL
    SELECT 'grants', format('on type %s.%s', ns.nspname, t.typname)
      FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
     WHERE t.typtype = 'e' AND t.typacl IS NOT NULL
  UNION ALL
    SELECT 'collation', format('%s.%s', ns.nspname, c.collname)
      FROM pg_collation c JOIN ns ON ns.oid = c.collnamespace
  UNION ALL
    SELECT 'operator', format('%s.%s', ns.nspname, o.oprname)
      FROM pg_operator o JOIN ns ON ns.oid = o.oprnamespace
     WHERE NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_operator'::regclass
                          AND e.objid = o.oid AND e.deptype = 'e')
  UNION ALL
    SELECT 'text search configuration', format('%s.%s', ns.nspname, c.cfgname)
      FROM pg_ts_config c JOIN ns ON ns.oid = c.cfgnamespace
  UNION ALL
    SELECT 'statistics', format('%s.%s', ns.nspname, s.stxname)
      FROM pg_statistic_ext s JOIN ns ON ns.oid = s.stxnamespace
) found
WHERE kind IS NOT NULL
ORDER BY 1, 2";
