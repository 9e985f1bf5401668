-- One line per catalog object of the schemas named by :'schemas' (a comma-separated list),
-- in PostgreSQL's own normal form (format_type, pg_get_expr, pg_get_constraintdef,
-- pg_get_indexdef, pg_get_triggerdef), sorted. Two databases with the same lines have the same
-- schema. Object identifiers (OIDs) never appear.
WITH ns AS (
    SELECT oid, nspname FROM pg_namespace
     WHERE nspname = ANY (string_to_array(:'schemas', ','))
)
SELECT line FROM (
    SELECT format('schema %s comment=%L', nspname, obj_description(oid, 'pg_namespace')) AS line FROM ns
  UNION ALL
    SELECT format('extension %s %s', extname, extversion) FROM pg_extension WHERE extname <> 'plpgsql'
  UNION ALL
    SELECT format('table %s.%s kind=%s persistence=%s row-security=%s forced=%s storage=%s comment=%L partition-key=%s partition-of=%s bound=%s',
                  ns.nspname, c.relname, c.relkind, c.relpersistence, c.relrowsecurity,
                  c.relforcerowsecurity, (SELECT array_agg(o ORDER BY o) FROM unnest(c.reloptions) o),
                  obj_description(c.oid, 'pg_class'), pg_get_partkeydef(c.oid),
                  (SELECT format('%s.%s', pn.nspname, p.relname) FROM pg_inherits i
                     JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
                    WHERE i.inhrelid = c.oid),
                  pg_get_expr(c.relpartbound, c.oid))
      FROM pg_class c JOIN ns ON ns.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')
  UNION ALL
    SELECT format('column %s.%s #%s %s %s notnull=%s default=%s identity=%s generated=%s collation=%s.%s comment=%L',
                  ns.nspname, c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),
                  a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,
                  cn.nspname, co.collname, col_description(c.oid, a.attnum))
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN ns ON ns.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      LEFT JOIN pg_collation co ON co.oid = a.attcollation
      LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
     WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
    SELECT format('view %s.%s kind=%s options=%s populated=%s comment=%L columns=(%s) query=%L',
                  ns.nspname, c.relname, c.relkind, c.reloptions, c.relispopulated,
                  obj_description(c.oid, 'pg_class'),
                  (SELECT string_agg(format('%s %s', a.attname, format_type(a.atttypid, a.atttypmod)),
                                     ', ' ORDER BY a.attnum)
                     FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0),
                  pg_get_viewdef(c.oid))
      FROM pg_class c JOIN ns ON ns.oid = c.relnamespace WHERE c.relkind IN ('v', 'm')
  UNION ALL
    SELECT format('constraint %s.%s %s %s: %s', ns.nspname, c.relname, co.conname, co.contype,
                  pg_get_constraintdef(co.oid))
      FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid JOIN ns ON ns.oid = c.relnamespace
  UNION ALL
    -- storage parameters in name order (PostgreSQL keeps them in the order they were given)
    SELECT format('index %s storage=%s',
                  regexp_replace(pg_get_indexdef(i.indexrelid), ' WITH \([^)]*\)', ''),
                  (SELECT array_agg(o ORDER BY o) FROM unnest(c.reloptions) o))
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN ns ON ns.oid = c.relnamespace
  UNION ALL
    SELECT format('sequence %s.%s %s start=%s step=%s min=%s max=%s cache=%s cycle=%s owned-by=%s comment=%L',
                  ns.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,
                  s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                  (SELECT format('%s.%s', dc.relname, da.attname) FROM pg_depend dp
                     JOIN pg_class dc ON dc.oid = dp.refobjid
                     JOIN pg_attribute da ON da.attrelid = dp.refobjid AND da.attnum = dp.refobjsubid
                    WHERE dp.classid = 'pg_class'::regclass AND dp.objid = c.oid
                      AND dp.refclassid = 'pg_class'::regclass AND dp.deptype IN ('a', 'i')),
                  obj_description(c.oid, 'pg_class'))
      FROM pg_class c JOIN ns ON ns.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
  UNION ALL
    SELECT format('policy %s on %s.%s permissive=%s command=%s roles=(%s) using=%L with-check=%L',
                  pol.polname, ns.nspname, c.relname, pol.polpermissive, pol.polcmd,
                  (SELECT string_agg(n, ', ' ORDER BY n)
                     FROM (SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END
                             FROM unnest(pol.polroles) r) x(n)),
                  pg_get_expr(pol.polqual, pol.polrelid), pg_get_expr(pol.polwithcheck, pol.polrelid))
      FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid JOIN ns ON ns.oid = c.relnamespace
  UNION ALL
    SELECT format('trigger %s comment=%L enabled=%s', pg_get_triggerdef(t.oid),
                  obj_description(t.oid, 'pg_trigger'), t.tgenabled)
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN ns ON ns.oid = c.relnamespace
     WHERE NOT t.tgisinternal
  UNION ALL
    -- the whole declaration as PostgreSQL prints it: arguments with defaults, result,
    -- language, volatility, STRICT, SECURITY, PARALLEL, COST, ROWS, SET, body
    SELECT format('%s %s.%s(%s) comment=%L definition=%L',
                  CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, ns.nspname,
                  p.proname, pg_get_function_identity_arguments(p.oid),
                  obj_description(p.oid, 'pg_proc'), pg_get_functiondef(p.oid))
      FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace WHERE p.prokind IN ('f', 'p')
  UNION ALL
    SELECT format('type %s.%s enum (%s) comment=%L', ns.nspname, t.typname,
                  (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                     FROM pg_enum e WHERE e.enumtypid = t.oid),
                  obj_description(t.oid, 'pg_type'))
      FROM pg_type t JOIN ns ON ns.oid = t.typnamespace WHERE t.typtype = 'e'
  UNION ALL
    SELECT format('domain %s.%s as %s collation=%s default=%s not_null=%s checks=(%s) comment=%L',
                  ns.nspname, t.typname, format_type(t.typbasetype, t.typtypmod),
                  t.typcollation::regcollation, pg_get_expr(t.typdefaultbin, 0), t.typnotnull,
                  (SELECT string_agg(format('%s %s valid=%s', c.conname, pg_get_constraintdef(c.oid),
                                            c.convalidated), ', ' ORDER BY c.conname)
                     FROM pg_constraint c WHERE c.contypid = t.oid),
                  obj_description(t.oid, 'pg_type'))
      FROM pg_type t JOIN ns ON ns.oid = t.typnamespace WHERE t.typtype = 'd'
  UNION ALL
    SELECT format('composite type %s.%s (%s) comment=%L', ns.nspname, c.relname,
                  (SELECT string_agg(format('%s %s collation=%s', a.attname,
                                            format_type(a.atttypid, a.atttypmod),
                                            a.attcollation::regcollation), ', ' ORDER BY a.attnum)
                     FROM pg_attribute a
                    WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
                  obj_description(c.reltype, 'pg_type'))
      FROM pg_class c JOIN ns ON ns.oid = c.relnamespace WHERE c.relkind = 'c'
  UNION ALL
    -- ICU's locale is in colliculocale on PostgreSQL 15 and 16, colllocale from 17
    SELECT format('collation %s.%s provider=%s locale=%s collate=%s ctype=%s deterministic=%s comment=%L',
                  ns.nspname, c.collname, c.collprovider,
                  coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale'),
                  c.collcollate, c.collctype, c.collisdeterministic,
                  obj_description(c.oid, 'pg_collation'))
      FROM pg_collation c JOIN ns ON ns.oid = c.collnamespace
  UNION ALL
    -- privileges other than the defaults (an explicit ACL equal to them is the same)
    SELECT format('grants on %s %s.%s %s', c.relkind, ns.nspname, c.relname, acl.items)
      FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
      CROSS JOIN LATERAL (SELECT CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char" AS kind) k
      CROSS JOIN LATERAL (SELECT array_agg(a::text ORDER BY a::text) AS items
                            FROM unnest(coalesce(c.relacl, acldefault(k.kind, c.relowner))) a) acl
      CROSS JOIN LATERAL (SELECT array_agg(a::text ORDER BY a::text) AS items
                            FROM unnest(acldefault(k.kind, c.relowner)) a) def
     WHERE c.relacl IS NOT NULL AND acl.items IS DISTINCT FROM def.items
  UNION ALL
    SELECT format('grants on schema %s %s', n.nspname, acl.items)
      FROM pg_namespace n JOIN ns ON ns.oid = n.oid
      CROSS JOIN LATERAL (SELECT array_agg(a::text ORDER BY a::text) AS items
                            FROM unnest(coalesce(n.nspacl, acldefault('n', n.nspowner))) a) acl
      CROSS JOIN LATERAL (SELECT array_agg(a::text ORDER BY a::text) AS items
                            FROM unnest(coalesce((SELECT i.initprivs FROM pg_init_privs i
                                                   WHERE i.classoid = 'pg_namespace'::regclass
                                                     AND i.objoid = n.oid AND i.objsubid = 0),
                                                 acldefault('n', n.nspowner))) a) def
     WHERE acl.items IS DISTINCT FROM def.items
  UNION ALL
    SELECT format('grants on function %s.%s(%s) %s', ns.nspname, p.proname,
                  pg_get_function_identity_arguments(p.oid), acl.items)
      FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
      CROSS JOIN LATERAL (SELECT array_agg(a::text ORDER BY a::text) AS items
                            FROM unnest(coalesce(p.proacl, acldefault('f', p.proowner))) a) acl
      CROSS JOIN LATERAL (SELECT array_agg(a::text ORDER BY a::text) AS items
                            FROM unnest(acldefault('f', p.proowner)) a) def
     WHERE p.proacl IS NOT NULL AND acl.items IS DISTINCT FROM def.items
) objects
ORDER BY line COLLATE "C";
