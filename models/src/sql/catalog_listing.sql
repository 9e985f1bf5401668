SELECT p.id, p.sku, p.name, p.slug, p.price, p.currency, c.name AS category
  FROM dataflow.product p
  LEFT JOIN dataflow.category c ON c.id = p.category_id
 WHERE p.deleted_at IS NULL AND p.is_published
