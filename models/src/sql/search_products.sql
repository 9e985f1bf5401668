
SELECT p.*
  FROM dataflow.product p
 WHERE to_tsvector('english', p.name || ' ' || COALESCE(p.description, ''))
       @@ websearch_to_tsquery('english', terms)
   AND p.deleted_at IS NULL
 ORDER BY ts_rank(to_tsvector('english', p.name || ' ' || COALESCE(p.description, '')),
                  websearch_to_tsquery('english', terms)) DESC,
          p.id
 LIMIT max_rows
