-- How many objects of each kind schema `dataflow` holds, read from the live catalog: one
-- `what|n` line per kind. The dataflow tests compare these between the hand-written expected
-- script (dataflow_expected.sql) and the generated one, and against the figures of the seed report.
WITH ns AS (SELECT oid FROM pg_namespace WHERE nspname = 'dataflow'),
rel AS (SELECT c.* FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM ns)),
idx AS (
    SELECT i.*, am.amname, pg_get_indexdef(i.indexrelid) AS def
      FROM pg_index i
      JOIN rel ic ON ic.oid = i.indexrelid
      JOIN pg_am am ON am.oid = ic.relam
),
con AS (SELECT * FROM pg_constraint WHERE connamespace IN (SELECT oid FROM ns))
SELECT what || '|' || n FROM (VALUES
    (1, 'tables', (SELECT count(*) FROM rel WHERE relkind = 'r')),
    (2, 'columns', (SELECT count(*) FROM pg_attribute a JOIN rel ON rel.oid = a.attrelid
                     WHERE rel.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped)),
    (3, 'indexes, all (incl. primary keys)', (SELECT count(*) FROM idx)),
    (4, 'indexes, primary key', (SELECT count(*) FROM idx WHERE indisprimary)),
    (5, 'indexes, explicit (not primary key)', (SELECT count(*) FROM idx WHERE NOT indisprimary)),
    (6, 'indexes, unique (not primary key)', (SELECT count(*) FROM idx WHERE indisunique AND NOT indisprimary)),
    (7, 'indexes, composite non-unique (>1 key column)',
        (SELECT count(*) FROM idx WHERE NOT indisunique AND indnkeyatts > 1)),
    (8, 'indexes, GIN full-text (to_tsvector expression)',
        (SELECT count(*) FROM idx WHERE amname = 'gin' AND def LIKE '%to_tsvector%')),
    (9, 'indexes, GIN on JSONB column',
        (SELECT count(*) FROM idx WHERE amname = 'gin' AND indexprs IS NULL
            AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = idx.indrelid
                           AND a.attnum = ANY (idx.indkey) AND a.atttypid = 'jsonb'::regtype))),
    (10, 'indexes, single-column B-tree non-unique',
        (SELECT count(*) FROM idx WHERE amname = 'btree' AND NOT indisunique AND indnkeyatts = 1)),
    (11, 'indexes, partial (WHERE ...)', (SELECT count(*) FROM idx WHERE indpred IS NOT NULL)),
    (12, 'foreign keys', (SELECT count(*) FROM con WHERE contype = 'f')),
    (13, 'check constraints', (SELECT count(*) FROM con WHERE contype = 'c')),
    (14, 'primary keys', (SELECT count(*) FROM con WHERE contype = 'p')),
    (15, 'unique constraints', (SELECT count(*) FROM con WHERE contype = 'u')),
    (16, 'triggers (user, not internal)',
        (SELECT count(*) FROM pg_trigger t JOIN rel ON rel.oid = t.tgrelid WHERE NOT t.tgisinternal)),
    (17, 'functions', (SELECT count(*) FROM pg_proc WHERE pronamespace IN (SELECT oid FROM ns))),
    (18, 'tables with a comment',
        (SELECT count(*) FROM rel WHERE relkind = 'r' AND obj_description(oid, 'pg_class') IS NOT NULL)),
    (19, 'sequences (SERIAL)', (SELECT count(*) FROM rel WHERE relkind = 'S')),
    (20, 'columns with a DEFAULT (excl. SERIAL nextval)',
        (SELECT count(*) FROM pg_attrdef d JOIN rel ON rel.oid = d.adrelid
          WHERE pg_get_expr(d.adbin, d.adrelid) NOT LIKE 'nextval%'))
) AS counts (k, what, n)
ORDER BY k;
