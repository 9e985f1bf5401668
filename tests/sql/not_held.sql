-- One object of each kind the schema model does not hold yet, in schema `odd`, beside a table it
-- does hold. Introspection must name every one of them (tests/tests/inspect_diff.rs).
CREATE SCHEMA odd;
CREATE TABLE odd.base (
    id integer PRIMARY KEY,
    amount numeric NOT NULL,
    label text COLLATE "C",
    doubled numeric GENERATED ALWAYS AS (amount * 2) STORED,
    big text
);
CREATE VIEW odd.big_amounts AS SELECT id, amount FROM odd.base WHERE amount > 100;
CREATE MATERIALIZED VIEW odd.totals AS SELECT sum(amount) AS total FROM odd.base;
CREATE SEQUENCE odd.invoice_no START 1000;
CREATE TABLE odd.serial_opts (id serial PRIMARY KEY);
ALTER SEQUENCE odd.serial_opts_id_seq INCREMENT BY 10;
CREATE TABLE odd.measure (at date NOT NULL, v integer) PARTITION BY RANGE (at);
CREATE TABLE odd.measure_2026 PARTITION OF odd.measure FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE odd.parent_t (id integer);
CREATE TABLE odd.child_t (extra text) INHERITS (odd.parent_t);
CREATE UNLOGGED TABLE odd.scratch (id integer);
CREATE TABLE odd.tenant_rows (tenant text NOT NULL, body text);
ALTER TABLE odd.tenant_rows ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON odd.tenant_rows USING (tenant = current_user);
GRANT SELECT ON odd.base TO PUBLIC;
ALTER TABLE odd.base ALTER COLUMN big SET STORAGE EXTERNAL;
ALTER TABLE odd.base SET (fillfactor = 70);
CREATE FUNCTION odd.add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
CREATE PROCEDURE odd.noop() LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE FUNCTION odd.touch() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = odd AS $$ BEGIN RETURN NEW; END $$;
CREATE DOMAIN odd.positive AS integer CHECK (VALUE > 0);
CREATE TYPE odd.pair AS (a integer, b integer);
CREATE TYPE odd.span AS RANGE (subtype = integer);
CREATE COLLATION odd.german (provider = icu, locale = 'de-DE');
CREATE TABLE odd.booking (room integer, during tstzrange, EXCLUDE USING gist (during WITH &&));
ALTER TABLE odd.base ADD CONSTRAINT base_amount_check CHECK (amount > 0) NOT VALID;
CREATE TABLE odd.line (base_id integer, FOREIGN KEY (base_id) REFERENCES odd.base (id) MATCH FULL);
COMMENT ON INDEX odd.base_pkey IS 'the key';
CREATE INDEX base_label_nulls_first ON odd.base (label NULLS FIRST);
CREATE INDEX base_label_collated ON odd.base (label COLLATE "POSIX");
CREATE TRIGGER base_touch BEFORE UPDATE ON odd.base FOR EACH ROW EXECUTE FUNCTION odd.touch();
ALTER TABLE odd.base DISABLE TRIGGER base_touch;
CREATE RULE base_no_delete AS ON DELETE TO odd.scratch DO INSTEAD NOTHING;
CREATE STATISTICS odd.base_stats ON amount, label FROM odd.base;
CREATE TYPE odd.mood AS ENUM ('ok');
COMMENT ON TYPE odd.mood IS 'how it goes';
ALTER TABLE odd.base ALTER COLUMN amount SET STATISTICS 500;
ALTER DEFAULT PRIVILEGES IN SCHEMA odd GRANT SELECT ON TABLES TO PUBLIC;
CREATE EXTENSION citext SCHEMA odd;
