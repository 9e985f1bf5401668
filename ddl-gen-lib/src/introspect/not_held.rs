//! What the schema model cannot hold yet, named: a comparison that cannot see an object says so
//! instead of calling two databases equal.
//!
//! One query over the catalogs of the schemas read, set-based like the others (comments are
//! joined, index keys unnested once). Objects an extension owns are left out (they come with the
//! extension), and so are the defaults every database has (the `public` schema's own
//! privileges). The options and comments of the sequences a column owns are judged with the
//! columns, in [`sequence_of_column`].

use std::fmt;

use model_core::{IdentityOptions, Sequence, names};

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
///
/// The lists below are inlined into each branch (`NOT MATERIALIZED`), not built once: a branch
/// that joins one with a catalog the planner thinks small (as every catalog is in a database
/// whose catalogs were never analyzed, right after a big script) would otherwise scan the whole
/// list once per row of the other side (a thousand comments on indexes made that 0.8 s at 1,000
/// tables); inlined, the join looks each relation up by its index.
pub const QUERY: &str = "
WITH ns AS (SELECT oid, nspname FROM pg_namespace WHERE nspname = ANY ($1)),
rel AS NOT MATERIALIZED (
    SELECT c.oid, c.relname, c.relkind, c.relpersistence, c.relacl, c.reloptions,
           c.reltablespace, c.relreplident, c.reloftype, c.relam, c.relispopulated,
           c.relispartition, c.relrowsecurity, ns.nspname,
           format('%s.%s', ns.nspname, c.relname) AS qname
      FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
     WHERE NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass
                          AND e.objid = c.oid AND e.deptype = 'e')
),
tab AS NOT MATERIALIZED (SELECT * FROM rel WHERE relkind IN ('r', 'p')),
con AS NOT MATERIALIZED (
    SELECT co.oid, co.conname, co.contype,
           {set_null_columns} AS set_null_columns, t.qname AS tname
      FROM pg_constraint co JOIN tab t ON t.oid = co.conrelid
)
SELECT kind, name FROM (
    SELECT 'foreign table' AS kind, qname AS name FROM rel WHERE relkind = 'f'
  UNION ALL
    SELECT 'comment', format('on attribute %s.%s', r.qname, a.attname)
      FROM rel r JOIN pg_description d ON d.objoid = r.oid AND d.classoid = 'pg_class'::regclass
                                      AND d.objsubid > 0
      JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = d.objsubid
     WHERE r.relkind = 'c'
  UNION ALL
    SELECT 'materialized view WITH NO DATA (not populated)', qname
      FROM rel WHERE relkind = 'm' AND NOT relispopulated
  UNION ALL
    -- a view's options other than the two the model holds (security_invoker, ...)
    SELECT 'view option', format('%s on %s', o, qname)
      FROM rel CROSS JOIN LATERAL unnest(reloptions) o
     WHERE relkind = 'v' AND o NOT LIKE 'security\\_barrier=%' AND o NOT LIKE 'check\\_option=%'
  UNION ALL
    SELECT 'comment', format('on column %s.%s', r.qname, a.attname)
      FROM rel r JOIN pg_description d ON d.objoid = r.oid AND d.classoid = 'pg_class'::regclass
                                      AND d.objsubid > 0
      JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = d.objsubid
     WHERE r.relkind IN ('v', 'm')
  UNION ALL
    SELECT 'view column default', format('%s.%s', r.qname, a.attname)
      FROM pg_attrdef ad JOIN rel r ON r.oid = ad.adrelid
      JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = ad.adnum
     WHERE r.relkind = 'v'
  UNION ALL
    -- a partition is held (its name, bound and comment) where it is a plain table and both it
    -- and its parent are read; inheritance is not
    SELECT CASE WHEN NOT c.relispartition THEN 'inheritance'
                WHEN c.relkind = 'p' THEN 'partition partitioned in turn'
                WHEN c.relkind = 'f' THEN 'partition that is a foreign table'
                ELSE 'partition in a schema not read' END,
           format('%s.%s of %s.%s', cn.nspname, c.relname, pn.nspname, p.relname)
      FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
      JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
     WHERE (cn.nspname = ANY ($1) OR pn.nspname = ANY ($1)) AND c.relkind IN ('r', 'p', 'f')
       AND NOT (c.relispartition AND c.relkind = 'r' AND cn.nspname = ANY ($1)
                AND pn.nspname = ANY ($1))
  UNION ALL
    -- a partition has its parent's keys, constraints, indexes, triggers, defaults and NOT
    -- NULLs; what it has of its own is not held
    SELECT 'constraint of a partition (not its parent''s)', format('%s on %s', co.conname, t.qname)
      FROM pg_constraint co JOIN tab t ON t.oid = co.conrelid
     WHERE t.relispartition AND co.coninhcount = 0 AND co.conparentid = 0
  UNION ALL
    SELECT 'index of a partition (not its parent''s)', r.qname
      FROM pg_index x JOIN rel r ON r.oid = x.indexrelid JOIN tab t ON t.oid = x.indrelid
     WHERE t.relispartition AND NOT r.relispartition
  UNION ALL
    SELECT 'trigger of a partition (not its parent''s)', format('%s on %s', tg.tgname, t.qname)
      FROM pg_trigger tg JOIN tab t ON t.oid = tg.tgrelid
     WHERE t.relispartition AND NOT tg.tgisinternal AND tg.tgparentid = 0
  UNION ALL
    SELECT 'row level security of a partition', t.qname
      FROM tab t
     WHERE t.relispartition
       AND (t.relrowsecurity OR EXISTS (SELECT 1 FROM pg_policy pol WHERE pol.polrelid = t.oid))
  UNION ALL
    SELECT 'column default or NOT NULL of a partition (not its parent''s)',
           format('%s.%s', t.qname, a.attname)
      FROM tab t JOIN pg_inherits i ON i.inhrelid = t.oid
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
      JOIN pg_attribute pa ON pa.attrelid = i.inhparent AND pa.attname = a.attname
      LEFT JOIN pg_attrdef d ON d.adrelid = t.oid AND d.adnum = a.attnum
      LEFT JOIN pg_attrdef pd ON pd.adrelid = i.inhparent AND pd.adnum = pa.attnum
     WHERE t.relispartition
       AND (a.attnotnull <> pa.attnotnull
            OR pg_get_expr(d.adbin, d.adrelid) IS DISTINCT FROM pg_get_expr(pd.adbin, pd.adrelid))
  UNION ALL
    SELECT 'comment', format('on column %s.%s of a partition', r.qname, a.attname)
      FROM rel r JOIN pg_description d ON d.objoid = r.oid AND d.classoid = 'pg_class'::regclass
                                      AND d.objsubid > 0
      JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = d.objsubid
     WHERE r.relkind = 'r' AND r.relispartition
  UNION ALL
    SELECT CASE WHEN relpersistence = 'u' THEN 'unlogged partition'
                ELSE 'storage parameters of a partition' END, qname
      FROM tab WHERE relispartition AND (relpersistence = 'u' OR reloptions IS NOT NULL)
  UNION ALL
    -- grants on a relation, a schema or a function are held; on a column not
    SELECT 'grants', format('on column %s.%s', r.qname, a.attname)
      FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid
     WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
    -- a table's and an index's own are held; a materialized view's and a TOAST table's not
    SELECT 'storage parameters', format('on %s (%s)', qname, array_to_string(reloptions, ', '))
      FROM rel WHERE reloptions IS NOT NULL AND relkind = 'm'
  UNION ALL
    SELECT 'storage parameters', format('on the TOAST table of %s (%s)', r.qname,
                                        array_to_string(tc.reloptions, ', '))
      FROM rel r JOIN pg_class c ON c.oid = r.oid JOIN pg_class tc ON tc.oid = c.reltoastrelid
     WHERE tc.reloptions IS NOT NULL
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
    -- one pass over the columns for what a column may have that the model does not hold
    SELECT x.kind, x.name
      FROM tab t JOIN pg_attribute a ON a.attrelid = t.oid
      JOIN pg_type ty ON ty.oid = a.atttypid
      CROSS JOIN LATERAL (VALUES
          (CASE WHEN a.attstattarget >= 0 THEN 'column statistics target' END,
           format('%s.%s', t.qname, a.attname)),
          (CASE WHEN a.attstorage <> ty.typstorage OR a.attcompression <> ''
                THEN 'column storage or compression' END,
           format('%s.%s', t.qname, a.attname))) x(kind, name)
     WHERE a.attnum > 0 AND NOT a.attisdropped
       AND (a.attstattarget >= 0 OR a.attstorage <> ty.typstorage OR a.attcompression <> '')
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
    SELECT 'foreign key SET NULL/SET DEFAULT column list', format('%s on %s', conname, tname)
      FROM con WHERE contype = 'f' AND set_null_columns IS NOT NULL
  UNION ALL
    SELECT 'comment', format('on constraint %s on %s', c.conname, c.tname)
      FROM con c JOIN pg_description d ON d.objoid = c.oid
                                      AND d.classoid = 'pg_constraint'::regclass AND d.objsubid = 0
  UNION ALL
    SELECT 'comment', format('on index %s', r.qname)
      FROM rel r JOIN pg_description d ON d.objoid = r.oid
                                      AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
     WHERE r.relkind IN ('i', 'I')
  UNION ALL
    SELECT 'invalid index', r.qname FROM pg_index i JOIN rel r ON r.oid = i.indexrelid
     WHERE NOT i.indisvalid
  UNION ALL
    SELECT 'trigger enable state', format('%s on %s', tg.tgname, r.qname)
      FROM pg_trigger tg JOIN rel r ON r.oid = tg.tgrelid
     WHERE NOT tg.tgisinternal AND tg.tgenabled <> 'O'
  UNION ALL
    SELECT CASE WHEN p.prokind = 'a' THEN 'aggregate' WHEN p.prokind = 'w' THEN 'window function'
                ELSE 'function with a SQL-standard body (BEGIN ATOMIC)' END,
           format('%s.%s(%s)', ns.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
      FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
     WHERE (p.prokind IN ('a', 'w') OR (l.lanname = 'sql' AND p.prosrc = ''))
       -- an extension's, or one a type made for itself (a range type's constructors)
       AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass
                          AND e.objid = p.oid AND e.deptype IN ('e', 'i'))
  UNION ALL
    SELECT 'function attributes', format('%s.%s(%s): %s', ns.nspname, p.proname,
               pg_get_function_identity_arguments(p.oid), concat_ws(', ',
               CASE WHEN p.proleakproof THEN 'LEAKPROOF' END,
               CASE WHEN p.procost <> 100 THEN 'COST ' || p.procost END,
               CASE WHEN p.prorows <> CASE WHEN p.proretset THEN 1000 ELSE 0 END
                    THEN 'ROWS ' || p.prorows END,
               CASE WHEN p.probin IS NOT NULL THEN 'object file ' || p.probin END))
      FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
     WHERE p.prokind IN ('f', 'p')
       AND (p.proleakproof OR p.procost <> 100
            OR p.prorows <> CASE WHEN p.proretset THEN 1000 ELSE 0 END
            OR p.probin IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass
                          AND e.objid = p.oid AND e.deptype IN ('e', 'i'))
  UNION ALL
    SELECT CASE t.typtype WHEN 'r' THEN 'range type'
                          WHEN 'b' THEN 'base type' ELSE 'type' END,
           format('%s.%s', ns.nspname, t.typname)
      FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
     WHERE t.typtype IN ('r', 'b', 'p') AND t.typcategory <> 'A'
       AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass
                          AND e.objid = t.oid AND e.deptype = 'e')
  UNION ALL
    -- a domain's checks are held, but not whether the values it had were checked
    SELECT 'domain check NOT VALID (values there before it not checked)',
           format('%s on %s.%s', co.conname, ns.nspname, t.typname)
      FROM pg_constraint co JOIN pg_type t ON t.oid = co.contypid
      JOIN ns ON ns.oid = t.typnamespace
     WHERE co.contype = 'c' AND NOT co.convalidated
  UNION ALL
    SELECT 'grants', format('on domain %s.%s', ns.nspname, t.typname)
      FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
     WHERE t.typtype = 'd' AND t.typacl IS NOT NULL
  UNION ALL
    SELECT 'comment', format('on enum type %s.%s', ns.nspname, t.typname)
      FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
      JOIN pg_description d ON d.objoid = t.oid AND d.classoid = 'pg_type'::regclass
                           AND d.objsubid = 0
     WHERE t.typtype = 'e'
  UNION ALL
    SELECT 'grants', format('on type %s.%s', ns.nspname, t.typname)
      FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
     WHERE t.typtype IN ('e', 'c') AND t.typacl IS NOT NULL
  UNION ALL
    -- a collation of ICU or libc is held; another provider's (builtin), and ICU's rules, not
    SELECT CASE WHEN c.collprovider NOT IN ('i', 'c') THEN 'collation of provider builtin'
                ELSE 'collation ICU rules' END,
           format('%s.%s', ns.nspname, c.collname)
      FROM pg_collation c JOIN ns ON ns.oid = c.collnamespace
     WHERE c.collprovider NOT IN ('i', 'c') OR to_jsonb(c) ->> 'collicurules' IS NOT NULL
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

/// What the model does not hold of a sequence it reads as part of its column (`owned_by`): an
/// identity column's (`identity`) or a `serial` column's. An identity column holds its
/// sequence's options, not a name of its own (`SEQUENCE NAME`) or a type other than the
/// column's; a `serial` column holds neither options other than the defaults nor a name other
/// than `<table>_<column>_seq`. A comment on either is named too.
pub fn sequence_of_column(sequence: &Sequence, identity: bool, column_type: &str) -> Vec<NotHeld> {
    let Some(owner) = &sequence.owned_by else {
        return Vec::new();
    };
    let width = match sequence.data_type.as_str() {
        "smallint" => 2,
        "integer" => 4,
        _ => 8,
    };
    let plain = IdentityOptions::from_values(sequence.values(), width).is_default();
    let named_as_made = sequence.name.name == names::sequence(&owner.table.name, &owner.column);
    let kind = if identity {
        (!named_as_made || sequence.data_type != column_type)
            .then_some("identity sequence name or type (not the column's)")
    } else {
        (!plain || !named_as_made).then_some("sequence name or options (not those serial makes)")
    };
    let mut found = Vec::new();
    if let Some(kind) = kind {
        found.push(NotHeld {
            kind: kind.to_owned(),
            name: format!(
                "{}.{} (owned by {}.{}.{})",
                sequence.name.schema,
                sequence.name.name,
                owner.table.schema,
                owner.table.name,
                owner.column
            ),
        });
    }
    if sequence.comment.is_some() {
        found.push(NotHeld {
            kind: "comment".to_owned(),
            name: format!(
                "on sequence {}.{}",
                sequence.name.schema, sequence.name.name
            ),
        });
    }
    found
}
