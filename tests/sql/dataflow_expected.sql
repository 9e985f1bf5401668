-- The dataflow catalog as the models must produce it, written by hand, independently of the
-- generator: the tests apply this file and the generated script to two fresh databases and compare
-- the two catalogs (tests/sql/fingerprint.sql). It is laid out one table at a time, the way a
-- person reviews a schema: columns, keys, checks, indexes, triggers, comment.
--
-- The facts it encodes (from the DataFlow migration report, 2025-10-18):
--   21 tables in schema dataflow; SERIAL keys; strings text, money numeric(12,2), times timestamptz;
--   every constraint under PostgreSQL's default name (<table>_pkey, <table>_<col>_fkey, _key, _check);
--   uniqueness by named unique indexes (idx_*), except the two FK targets unspsccode.code and
--   etimclass.class_code, which are UNIQUE constraints;
--   updated_at kept by 15 BEFORE UPDATE triggers on one shared function (not on the append-only
--   productpricing and activitylog, nor on the bulk-loaded oshastandard, ansistandard, unspsccode
--   and etimclass); soft delete (deleted_at) on product and customer; optimistic locking (version,
--   moved on by a trigger) on product, workrecommendation, rfpdocument and quotation.
--
-- Expected counts (tests/sql/counts.sql): 21 tables, 241 columns, 98 indexes (77 explicit),
-- 22 foreign keys, 2 checks, 19 triggers, 2 functions, 102 non-serial defaults; and, beyond the
-- report, one view and one function more (at the end).

begin;

create schema dataflow;
comment on schema dataflow is 'DataFlow production models (21 tables)';

create function dataflow.update_updated_at_column() returns trigger language plpgsql as $$
BEGIN
    NEW.updated_at = CURRENT_TIMESTAMP;
    RETURN NEW;
END;
$$;
comment on function dataflow.update_updated_at_column() is
    'Sets NEW.updated_at to the current timestamp; used by the update_<table>_updated_at triggers';

create function dataflow.increment_version_column() returns trigger language plpgsql as $$
BEGIN
    NEW.version = OLD.version + 1;
    RETURN NEW;
END;
$$;
comment on function dataflow.increment_version_column() is
    'Sets NEW.version to OLD.version + 1; used by the increment_<table>_version triggers';

-- ---------------------------------------------------------------- category (7)
create table dataflow.category (
    id serial,
    name text not null,
    slug text not null,
    parent_id integer,
    description text,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint category_pkey primary key (id),
    constraint category_parent_id_fkey foreign key (parent_id)
        references dataflow.category on delete set null
);
create unique index idx_category_slug on dataflow.category (slug);
create index idx_category_parent on dataflow.category (parent_id);
create trigger update_category_updated_at before update on dataflow.category
    for each row execute function dataflow.update_updated_at_column();
comment on table dataflow.category is 'Product categories; hierarchical via parent_id, addressed by slug';

-- ---------------------------------------------------------------- brand (7)
create table dataflow.brand (
    id serial,
    name text not null,
    slug text not null,
    manufacturer text,
    is_active boolean not null default true,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint brand_pkey primary key (id)
);
create unique index idx_brand_slug on dataflow.brand (slug);
create index idx_brand_name on dataflow.brand (name);
create trigger update_brand_updated_at before update on dataflow.brand
    for each row execute function dataflow.update_updated_at_column();
comment on table dataflow.brand is 'Product brands with manufacturer info and active flag';

-- ---------------------------------------------------------------- supplier (10)
create table dataflow.supplier (
    id serial,
    name text not null,
    website text,
    contact_email text,
    api_endpoint text,
    scraping_config jsonb not null default '{}'::jsonb,
    is_active boolean not null default true,
    last_scraped_at timestamptz,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint supplier_pkey primary key (id)
);
create index idx_supplier_name on dataflow.supplier (name);
create index idx_supplier_is_active on dataflow.supplier (is_active);
create trigger update_supplier_updated_at before update on dataflow.supplier
    for each row execute function dataflow.update_updated_at_column();
comment on table dataflow.supplier is 'Suppliers, their API endpoints and scraping configuration';

-- ---------------------------------------------------------------- product (28)
create table dataflow.product (
    id serial,
    sku text not null,
    name text not null,
    slug text not null,
    description text,
    short_description text,
    category_id integer,
    brand_id integer,
    supplier_id integer,
    model_number text,
    price numeric(12, 2),
    currency text not null default 'USD',
    status text not null default 'active',
    is_published boolean not null default false,
    specifications jsonb not null default '{}'::jsonb,
    features jsonb not null default '[]'::jsonb,
    images jsonb not null default '[]'::jsonb,
    dimensions jsonb not null default '{}'::jsonb,
    weight_kg numeric(10, 3),
    source_url text,
    enrichment_status text not null default 'pending',
    enrichment_data jsonb not null default '{}'::jsonb,
    enriched_at timestamptz,
    last_scraped_at timestamptz,
    deleted_at timestamptz,
    version integer not null default 1,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint product_pkey primary key (id),
    constraint product_category_id_fkey foreign key (category_id)
        references dataflow.category on delete set null,
    constraint product_brand_id_fkey foreign key (brand_id)
        references dataflow.brand on delete set null,
    constraint product_supplier_id_fkey foreign key (supplier_id)
        references dataflow.supplier on delete set null
);
create unique index idx_product_sku on dataflow.product (sku);
create unique index idx_product_slug on dataflow.product (slug);
create index idx_product_category on dataflow.product (category_id, status);
create index idx_product_brand on dataflow.product (brand_id, status);
create index idx_product_fulltext on dataflow.product
    using gin (to_tsvector('english', name || ' ' || coalesce(description, '')));
create index idx_product_specifications on dataflow.product using gin (specifications jsonb_path_ops);
create index idx_product_supplier on dataflow.product (supplier_id);
create index idx_product_enrichment on dataflow.product (enrichment_status);
create index idx_product_status_live on dataflow.product (status) where deleted_at is null;
create index idx_product_deleted_at on dataflow.product (deleted_at);
create index idx_product_created_at on dataflow.product (created_at);
create trigger update_product_updated_at before update on dataflow.product
    for each row execute function dataflow.update_updated_at_column();
create trigger increment_product_version before update on dataflow.product
    for each row execute function dataflow.increment_version_column();
comment on table dataflow.product is
    'Main product catalog: enrichment pipeline, soft delete (deleted_at), optimistic locking (version)';

-- ---------------------------------------------------------------- productpricing (10), append-only
create table dataflow.productpricing (
    id serial,
    product_id integer not null,
    price_tier text not null default 'list',
    price numeric(12, 2) not null,
    currency text not null default 'USD',
    min_quantity integer not null default 1,
    effective_from timestamptz not null default current_timestamp,
    effective_to timestamptz,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint productpricing_pkey primary key (id),
    constraint productpricing_product_id_fkey foreign key (product_id)
        references dataflow.product on delete cascade
);
create index idx_productpricing_product_effective on dataflow.productpricing (product_id, effective_from desc);
create index idx_productpricing_price_tier on dataflow.productpricing (price_tier);
comment on table dataflow.productpricing is 'Price history: multi-tier, time-bounded prices (append-only)';

-- ---------------------------------------------------------------- productspecification (7)
create table dataflow.productspecification (
    id serial,
    product_id integer not null,
    spec_name text not null,
    spec_value text not null,
    unit text,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint productspecification_pkey primary key (id),
    constraint productspecification_product_id_fkey foreign key (product_id)
        references dataflow.product on delete cascade
);
create index idx_productspecification_name_value on dataflow.productspecification (spec_name, spec_value);
create index idx_productspecification_product on dataflow.productspecification (product_id);
create trigger update_productspecification_updated_at before update on dataflow.productspecification
    for each row execute function dataflow.update_updated_at_column();
comment on table dataflow.productspecification is 'Searchable technical specification attributes of a product';

-- ---------------------------------------------------------------- productinventory (9)
create table dataflow.productinventory (
    id serial,
    product_id integer not null,
    warehouse_location text not null default 'main',
    quantity_on_hand integer not null default 0,
    quantity_reserved integer not null default 0,
    reorder_point integer not null default 0,
    last_restocked_at timestamptz,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint productinventory_pkey primary key (id),
    constraint productinventory_product_id_fkey foreign key (product_id)
        references dataflow.product on delete cascade
);
create index idx_productinventory_product_location on dataflow.productinventory (product_id, warehouse_location);
create index idx_productinventory_reorder on dataflow.productinventory (product_id)
    where quantity_on_hand <= reorder_point;
create trigger update_productinventory_updated_at before update on dataflow.productinventory
    for each row execute function dataflow.update_updated_at_column();
comment on table dataflow.productinventory is 'Stock per product and warehouse location, with reorder points';

-- ---------------------------------------------------------------- customer (13), soft delete
create table dataflow.customer (
    id serial,
    name text not null,
    email text not null,
    phone text,
    company_name text,
    industry text,
    customer_type text not null default 'business',
    billing_address jsonb not null default '{}'::jsonb,
    status text not null default 'active',
    notes text,
    deleted_at timestamptz,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint customer_pkey primary key (id)
);
create unique index idx_customer_email on dataflow.customer (email) where deleted_at is null;
create index idx_customer_status on dataflow.customer (status);
create index idx_customer_industry on dataflow.customer (industry);
create index idx_customer_deleted_at on dataflow.customer (deleted_at);
create index idx_customer_company_name_lower on dataflow.customer (lower(company_name));
create trigger update_customer_updated_at before update on dataflow.customer
    for each row execute function dataflow.update_updated_at_column();
comment on table dataflow.customer is 'Customer CRM records with industry tracking; soft delete (deleted_at)';

-- ---------------------------------------------------------------- workrecommendation (14), versioned
create table dataflow.workrecommendation (
    id serial,
    customer_id integer,
    session_id text,
    task_description text not null,
    work_type text,
    recommended_products jsonb not null default '[]'::jsonb,
    safety_requirements jsonb not null default '[]'::jsonb,
    confidence_score numeric(3, 2),
    reasoning text,
    model_name text,
    status text not null default 'pending',
    version integer not null default 1,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint workrecommendation_pkey primary key (id),
    constraint workrecommendation_customer_id_fkey foreign key (customer_id)
        references dataflow.customer on delete set null
);
create index idx_workrecommendation_customer_status on dataflow.workrecommendation (customer_id, status);
create index idx_workrecommendation_products on dataflow.workrecommendation using gin (recommended_products);
create index idx_workrecommendation_status on dataflow.workrecommendation (status);
create index idx_workrecommendation_session on dataflow.workrecommendation (session_id);
create index idx_workrecommendation_created_at on dataflow.workrecommendation (created_at);
create trigger update_workrecommendation_updated_at before update on dataflow.workrecommendation
    for each row execute function dataflow.update_updated_at_column();
create trigger increment_workrecommendation_version before update on dataflow.workrecommendation
    for each row execute function dataflow.increment_version_column();
comment on table dataflow.workrecommendation is
    'AI work recommendations with confidence scoring; optimistic locking (version)';

-- ---------------------------------------------------------------- rfpdocument (13), versioned
create table dataflow.rfpdocument (
    id serial,
    rfp_number text not null,
    customer_id integer,
    title text not null,
    file_path text,
    raw_text text,
    extracted_requirements jsonb not null default '[]'::jsonb,
    ai_analysis jsonb not null default '{}'::jsonb,
    status text not null default 'uploaded',
    due_date date,
    version integer not null default 1,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint rfpdocument_pkey primary key (id),
    constraint rfpdocument_customer_id_fkey foreign key (customer_id)
        references dataflow.customer on delete set null
);
create unique index idx_rfpdocument_rfp_number on dataflow.rfpdocument (rfp_number);
create index idx_rfpdocument_customer_status on dataflow.rfpdocument (customer_id, status);
create index idx_rfpdocument_requirements on dataflow.rfpdocument using gin (extracted_requirements);
create index idx_rfpdocument_status on dataflow.rfpdocument (status);
create index idx_rfpdocument_due_date on dataflow.rfpdocument (due_date);
create trigger update_rfpdocument_updated_at before update on dataflow.rfpdocument
    for each row execute function dataflow.update_updated_at_column();
create trigger increment_rfpdocument_version before update on dataflow.rfpdocument
    for each row execute function dataflow.increment_version_column();
comment on table dataflow.rfpdocument is
    'Uploaded RFP documents, parsed requirements and AI analysis; optimistic locking (version)';

-- ---------------------------------------------------------------- quotation (18), versioned
create table dataflow.quotation (
    id serial,
    quotation_number text not null,
    rfp_id integer,
    customer_id integer not null,
    status text not null default 'draft',
    subtotal numeric(12, 2) not null default 0,
    tax_amount numeric(12, 2) not null default 0,
    discount_amount numeric(12, 2) not null default 0,
    total_amount numeric(12, 2) not null,
    currency text not null default 'USD',
    line_items jsonb not null,
    valid_until date,
    terms text,
    notes text,
    sent_at timestamptz,
    version integer not null default 1,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint quotation_pkey primary key (id),
    constraint quotation_rfp_id_fkey foreign key (rfp_id)
        references dataflow.rfpdocument on delete set null,
    constraint quotation_customer_id_fkey foreign key (customer_id)
        references dataflow.customer on delete restrict
);
create unique index idx_quotation_number on dataflow.quotation (quotation_number);
create index idx_quotation_customer_status on dataflow.quotation (customer_id, status);
create index idx_quotation_rfp on dataflow.quotation (rfp_id);
create index idx_quotation_status on dataflow.quotation (status);
create index idx_quotation_created_at on dataflow.quotation (created_at);
create trigger update_quotation_updated_at before update on dataflow.quotation
    for each row execute function dataflow.update_updated_at_column();
create trigger increment_quotation_version before update on dataflow.quotation
    for each row execute function dataflow.increment_version_column();
comment on table dataflow.quotation is
    'Generated quotations, optionally linked to an RFP; optimistic locking (version)';

-- ---------------------------------------------------------------- quotationitem (11)
create table dataflow.quotationitem (
    id serial,
    quotation_id integer not null,
    product_id integer,
    supplier_id integer,
    line_number integer not null,
    description text not null,
    quantity integer not null default 1,
    unit_price numeric(12, 2) not null,
    line_total numeric(12, 2) not null,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint quotationitem_pkey primary key (id),
    constraint quotationitem_quotation_id_fkey foreign key (quotation_id)
        references dataflow.quotation on delete cascade,
    constraint quotationitem_product_id_fkey foreign key (product_id)
        references dataflow.product on delete set null,
    constraint quotationitem_supplier_id_fkey foreign key (supplier_id)
        references dataflow.supplier on delete set null
);
create index idx_quotationitem_quotation_line on dataflow.quotationitem (quotation_id, line_number);
create index idx_quotationitem_product on dataflow.quotationitem (product_id);
create index idx_quotationitem_supplier on dataflow.quotationitem (supplier_id);
create trigger update_quotationitem_updated_at before update on dataflow.quotationitem
    for each row execute function dataflow.update_updated_at_column();
comment on table dataflow.quotationitem is 'Quotation line items referencing products and suppliers';

-- ---------------------------------------------------------------- activitylog (9), append-only
create table dataflow.activitylog (
    id serial,
    entity_type text not null,
    entity_id integer not null,
    action text not null,
    user_id text,
    ip_address inet,
    details jsonb not null default '{}'::jsonb,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint activitylog_pkey primary key (id)
);
create index idx_activitylog_entity on dataflow.activitylog (entity_type, entity_id);
create index idx_activitylog_user_created on dataflow.activitylog (user_id, created_at desc);
create index idx_activitylog_details on dataflow.activitylog using gin (details jsonb_path_ops);
create index idx_activitylog_action on dataflow.activitylog (action);
create index idx_activitylog_created_at on dataflow.activitylog (created_at);
comment on table dataflow.activitylog is 'Polymorphic audit trail of user actions on entities (append-only)';

-- ---------------------------------------------------------------- oshastandard (12), reference data
create table dataflow.oshastandard (
    id serial,
    cfr_reference text not null,
    title text not null,
    subpart text,
    description text,
    requirements jsonb not null default '[]'::jsonb,
    applies_to jsonb not null default '[]'::jsonb,
    risk_level text not null default 'medium',
    penalty_max numeric(12, 2),
    effective_date date,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint oshastandard_pkey primary key (id)
);
create unique index idx_oshastandard_cfr_reference on dataflow.oshastandard (cfr_reference);
create index idx_oshastandard_applies_to on dataflow.oshastandard using gin (applies_to);
create index idx_oshastandard_risk_level on dataflow.oshastandard (risk_level);
comment on table dataflow.oshastandard is 'OSHA regulations keyed by CFR reference, with risk levels';

-- ---------------------------------------------------------------- ansistandard (12), reference data
create table dataflow.ansistandard (
    id serial,
    standard_code text not null,
    title text not null,
    revision_year integer,
    category text,
    description text,
    technical_specs jsonb not null default '{}'::jsonb,
    translations jsonb not null default '{}'::jsonb,
    publisher text not null default 'ANSI',
    status text not null default 'active',
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint ansistandard_pkey primary key (id)
);
create index idx_ansistandard_code_year on dataflow.ansistandard (standard_code, revision_year);
create index idx_ansistandard_technical_specs on dataflow.ansistandard using gin (technical_specs);
create index idx_ansistandard_category on dataflow.ansistandard (category);
comment on table dataflow.ansistandard is 'ANSI standards with technical specs and translations';

-- ---------------------------------------------------------------- toolriskclassification (11)
create table dataflow.toolriskclassification (
    id serial,
    tool_name text not null,
    tool_category text not null,
    risk_level text not null default 'medium',
    hazards jsonb not null default '[]'::jsonb,
    ppe_required jsonb not null default '[]'::jsonb,
    osha_standard_id integer,
    training_required boolean not null default false,
    notes text,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint toolriskclassification_pkey primary key (id),
    constraint toolriskclassification_osha_standard_id_fkey foreign key (osha_standard_id)
        references dataflow.oshastandard on delete set null
);
create index idx_toolrisk_category_risk on dataflow.toolriskclassification (tool_category, risk_level);
create index idx_toolrisk_hazards on dataflow.toolriskclassification using gin (hazards);
create index idx_toolrisk_osha_standard on dataflow.toolriskclassification (osha_standard_id);
create trigger update_toolriskclassification_updated_at before update on dataflow.toolriskclassification
    for each row execute function dataflow.update_updated_at_column();
comment on table dataflow.toolriskclassification is 'Tool safety classification: hazards and required PPE';

-- ---------------------------------------------------------------- taskhazardmapping (10)
create table dataflow.taskhazardmapping (
    id serial,
    task_name text not null,
    task_category text,
    hazards jsonb not null default '[]'::jsonb,
    risk_level text not null default 'medium',
    osha_standard_id integer,
    tool_risk_id integer,
    safety_notes text,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint taskhazardmapping_pkey primary key (id),
    constraint taskhazardmapping_osha_standard_id_fkey foreign key (osha_standard_id)
        references dataflow.oshastandard on delete set null,
    constraint taskhazardmapping_tool_risk_id_fkey foreign key (tool_risk_id)
        references dataflow.toolriskclassification on delete set null
);
create index idx_taskhazard_hazards on dataflow.taskhazardmapping using gin (hazards);
create index idx_taskhazard_osha_standard on dataflow.taskhazardmapping (osha_standard_id);
create index idx_taskhazard_tool_risk on dataflow.taskhazardmapping (tool_risk_id);
create index idx_taskhazard_risk_level on dataflow.taskhazardmapping (risk_level);
create trigger update_taskhazardmapping_updated_at before update on dataflow.taskhazardmapping
    for each row execute function dataflow.update_updated_at_column();
comment on table dataflow.taskhazardmapping is 'Task to hazard mapping for OSHA compliance, with safety notes';

-- ---------------------------------------------------------------- ansiequipmentspecification (11)
create table dataflow.ansiequipmentspecification (
    id serial,
    ansi_standard_id integer not null,
    equipment_type text not null,
    protection_level text not null,
    test_requirements jsonb not null default '[]'::jsonb,
    performance_criteria jsonb not null default '{}'::jsonb,
    marking_requirements text,
    certification_required boolean not null default true,
    notes text,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint ansiequipmentspecification_pkey primary key (id),
    constraint ansiequipmentspecification_ansi_standard_id_fkey foreign key (ansi_standard_id)
        references dataflow.ansistandard on delete cascade
);
create index idx_ansiequip_standard on dataflow.ansiequipmentspecification (ansi_standard_id);
create index idx_ansiequip_equipment_type on dataflow.ansiequipmentspecification (equipment_type);
create trigger update_ansiequipmentspecification_updated_at before update on dataflow.ansiequipmentspecification
    for each row execute function dataflow.update_updated_at_column();
comment on table dataflow.ansiequipmentspecification is
    'Equipment protection levels and test requirements per ANSI standard';

-- ---------------------------------------------------------------- unspsccode (10), reference data
create table dataflow.unspsccode (
    id serial,
    code text not null,
    title text not null,
    description text,
    segment_code text not null,
    family_code text not null,
    class_code text not null,
    level integer not null default 4,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint unspsccode_pkey primary key (id),
    constraint unspsccode_code_key unique (code)
);
create index idx_unspsccode_hierarchy on dataflow.unspsccode (segment_code, family_code, class_code);
create index idx_unspsccode_title_fts on dataflow.unspsccode using gin (to_tsvector('english', title));
create index idx_unspsccode_level on dataflow.unspsccode (level);
comment on table dataflow.unspsccode is 'UNSPSC taxonomy (segment/family/class/commodity), full-text searchable';

-- ---------------------------------------------------------------- etimclass (10), reference data
create table dataflow.etimclass (
    id serial,
    class_code text not null,
    description_en text not null,
    description_de text,
    description_fr text,
    group_code text,
    parent_class_code text,
    etim_version text not null default '9.0',
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint etimclass_pkey primary key (id),
    constraint etimclass_class_code_key unique (class_code),
    constraint etimclass_parent_class_code_fkey foreign key (parent_class_code)
        references dataflow.etimclass (class_code) on update cascade on delete set null
);
create index idx_etimclass_description_fts on dataflow.etimclass using gin (to_tsvector('english', description_en));
create index idx_etimclass_parent on dataflow.etimclass (parent_class_code);
create index idx_etimclass_group on dataflow.etimclass (group_code);
comment on table dataflow.etimclass is 'ETIM classification classes, multi-language, parent-child';

-- ---------------------------------------------------------------- productclassification (9)
create table dataflow.productclassification (
    id serial,
    product_id integer not null,
    unspsc_code text,
    etim_class text,
    confidence numeric(3, 2),
    classification_method text not null default 'manual',
    is_verified boolean not null default false,
    created_at timestamptz not null default current_timestamp,
    updated_at timestamptz not null default current_timestamp,
    constraint productclassification_pkey primary key (id),
    constraint productclassification_product_id_fkey foreign key (product_id)
        references dataflow.product on delete cascade,
    constraint productclassification_unspsc_code_fkey foreign key (unspsc_code)
        references dataflow.unspsccode (code) on update cascade on delete restrict,
    constraint productclassification_etim_class_fkey foreign key (etim_class)
        references dataflow.etimclass (class_code) on update cascade on delete restrict,
    constraint productclassification_confidence_check check (confidence >= 0 and confidence <= 1),
    constraint at_least_one_classification check (unspsc_code is not null or etim_class is not null)
);
create index idx_productclassification_product_method
    on dataflow.productclassification (product_id, classification_method);
create index idx_productclassification_unspsc on dataflow.productclassification (unspsc_code);
create index idx_productclassification_etim on dataflow.productclassification (etim_class);
create trigger update_productclassification_updated_at before update on dataflow.productclassification
    for each row execute function dataflow.update_updated_at_column();
comment on table dataflow.productclassification is
    'Links products to UNSPSC and/or ETIM classes with confidence and method';

-- Beyond the reference: the storefront's listing of live products, and a search over the
-- full-text index idx_product_fulltext (the same expression, so that the planner uses it).
create function dataflow.search_products(terms text, max_rows integer default 20)
    returns setof dataflow.product
    language sql stable parallel safe
    as $fn$
SELECT p.*
  FROM dataflow.product p
 WHERE to_tsvector('english', p.name || ' ' || COALESCE(p.description, ''))
       @@ websearch_to_tsquery('english', terms)
   AND p.deleted_at IS NULL
 ORDER BY ts_rank(to_tsvector('english', p.name || ' ' || COALESCE(p.description, '')),
                  websearch_to_tsquery('english', terms)) DESC,
          p.id
 LIMIT max_rows
$fn$;
comment on function dataflow.search_products(text, integer) is
    'Full-text search of live products, best match first';

create view dataflow.catalog_listing as
select p.id, p.sku, p.name, p.slug, p.price, p.currency, c.name as category
  from dataflow.product p left join dataflow.category c on c.id = p.category_id
 where p.deleted_at is null and p.is_published;
comment on view dataflow.catalog_listing is 'Published products not soft-deleted, with their category';

commit;
