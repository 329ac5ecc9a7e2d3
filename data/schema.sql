-- Wijkmonitor store schema. Owned by data/store.py; bump SCHEMA_VERSION there when this changes.
--
-- History model: every table except meta and load_log is append-only. Each row carries the load that
-- brought it (load_id, part of the primary key). A later load supersedes a row by adding one with the
-- same business key; the current state is, per key, the row of the newest load whose status is 'ok'
-- (see CURRENT_ROWS in data/store.py). Nothing is deleted or updated, except load_log.status, which is
-- how a load is undone. The state "as of load N" is the same rule restricted to load_id <= N.

create table meta (
    key   varchar primary key,
    value varchar not null
);

create table load_log (
    load_id         integer primary key,
    dataset         varchar not null,     -- e.g. 'indicatorwaarden', 'initiatieven', 'catalogus'
    source          varchar not null,     -- file name, or the demo generator with its seed
    sha256          varchar not null,     -- of the source file(s) or of the generated content
    loaded_by       varchar not null,     -- role, never a person's name
    loaded_at       timestamp not null,
    rows_added      integer not null check (rows_added >= 0),
    rows_superseded integer not null check (rows_superseded >= 0),
    status          varchar not null check (status in ('ok', 'ongedaan')),
    is_demo         boolean not null,
    message         varchar
);

-- Catalogue -------------------------------------------------------------------------------------

create table theme (
    theme_id varchar not null,
    label    varchar not null,
    load_id  integer not null references load_log (load_id),
    primary key (theme_id, load_id)
);

create table ambition (
    ambition_id varchar not null,
    number      integer not null check (number between 1 and 99),
    title       varchar not null,
    description varchar not null,
    load_id     integer not null references load_log (load_id),
    primary key (ambition_id, load_id)
);

create table indicator (
    indicator_id varchar not null,
    label        varchar not null,
    definition   varchar not null,
    unit         varchar not null,
    decimals     integer not null check (decimals between 0 and 4),
    direction    varchar not null check (direction in ('higher', 'lower', 'neutral')),
    theme_id     varchar not null,
    ambition_id  varchar,
    source       varchar not null,
    licence      varchar not null,
    peildatum    varchar not null,
    is_count     boolean not null,
    per_capita   boolean not null,
    is_demo      boolean not null,
    derived_from varchar,           -- computed when read (analysis/derived.py), never loaded
    is_additive  boolean not null,  -- sums over areas (counts, areas): not compared with the gemeente total
    change_threshold double,        -- smallest change called better/worse, in the unit (null: default rule)
    load_id      integer not null references load_log (load_id),
    primary key (indicator_id, load_id)
);

-- One row per point of an ambition's path: the baseline, yearly milestones and the 2030 target.
create table target (
    indicator_id varchar not null,
    area_code    varchar not null,
    year         integer not null check (year between 2000 and 2100),
    kind         varchar not null check (kind in ('nulmeting', 'mijlpaal', 'doel')),
    value        double  not null,
    is_demo      boolean not null,
    load_id      integer not null references load_log (load_id),
    primary key (indicator_id, area_code, year, load_id)
);

create table taakveld (
    taakveld_code varchar not null,
    name          varchar not null,
    per_wijk      boolean not null,
    load_id       integer not null references load_log (load_id),
    primary key (taakveld_code, load_id)
);

-- Areas and boundaries ----------------------------------------------------------------------------

create table area (
    area_code   varchar not null check (regexp_full_match(area_code, '(GM[0-9]{4}|WK[0-9]{4}[0-9A-Z]{2}|BU[0-9]{4}[0-9A-Z]{4})')),
    level       varchar not null check (level in ('gemeente', 'wijk', 'buurt')),
    name        varchar not null,   -- e.g. 'Dorst'
    full_name   varchar not null,   -- as CBS writes it, e.g. 'Wijk 13 Dorst'
    parent_code varchar,            -- wijk of a buurt, gemeente of a wijk
    is_kerkdorp boolean not null,
    load_id     integer not null references load_log (load_id),
    primary key (area_code, load_id)
);

-- Versioned by the year of the CBS division. Geometry as WKB in EPSG:4326 (lon/lat): DuckDB's spatial
-- extension cannot be installed offline, so geometry work happens in shapely/geopandas.
create table area_boundary (
    area_code     varchar not null,
    boundary_year integer not null,
    geometry_wkb  blob    not null,
    area_ha       double  not null check (area_ha > 0),   -- of the generalised polygon, in EPSG:28992
    source        varchar not null,
    load_id       integer not null references load_log (load_id),
    primary key (area_code, boundary_year, load_id)
);

-- Figures -----------------------------------------------------------------------------------------

-- Long form: one value per indicator, area and year. value null = unknown or secret at the source.
create table indicator_value (
    indicator_id varchar not null,
    area_code    varchar not null,
    year         integer not null check (year between 1990 and 2100),
    value        double,
    numerator    double check (numerator >= 0),
    denominator  double check (denominator >= 0),
    n_respondents integer check (n_respondents >= 0),
    margin       double check (margin >= 0),         -- half-width of the 95% interval, in the unit
    load_id      integer not null references load_log (load_id),
    primary key (indicator_id, area_code, year, load_id)
);

-- National context (read-only reference, loaded by the build): every gemeente and wijk of the Netherlands
-- and Nederland itself, with the few figures the national comparisons need (RIVM 50090NED, CBS KWB basics).
-- Kept apart from area/indicator_value so the pages that list Oosterhout's areas are not touched.
-- level 'land' = Nederland (NL01). Names and geometry may be unknown (codes of another year's division).
create table nl_area (
    area_code      varchar not null check (regexp_full_match(area_code, '(NL|GM|WK)[0-9A-Z]{2,8}')),
    level          varchar not null check (level in ('land', 'gemeente', 'wijk')),
    name           varchar,
    gemeente_code  varchar,
    gemeente_name  varchar,
    geometry_wkb   blob,               -- 2024 wijk boundary, strongly simplified, EPSG:4326
    load_id        integer not null references load_log (load_id)
    -- no primary key, like nl_value
);

create table nl_value (
    indicator_id varchar not null,
    area_code    varchar not null,
    year         integer not null check (year between 1990 and 2100),
    value        double,               -- null = secret at the source
    load_id      integer not null references load_log (load_id)
    -- no primary key: its index would double the store (140,000 rows) for a table only the build writes;
    -- key uniqueness is checked by the build (data/rivm.py) and by `python -m data check`
);

create table initiative (
    initiative_id    varchar not null,
    title            varchar not null,
    description      varchar not null,
    theme            varchar not null,
    status           varchar not null check (status in ('idee', 'lopend', 'afgerond', 'gestopt')),
    start_date       date    not null,
    end_date         date,
    participants     integer check (participants >= 0),
    subsidy_eur      decimal(12, 2) check (subsidy_eur >= 0),
    wijk_code        varchar not null,
    buurt_code       varchar,
    is_good_example  boolean not null,   -- "mooi voorbeeld"
    load_id          integer not null references load_log (load_id),
    primary key (initiative_id, load_id),
    check (end_date is null or end_date >= start_date)
);

create table volunteer_activity (
    area_code         varchar not null,
    year              integer not null,
    quarter           integer not null check (quarter between 1 and 4),
    active_volunteers integer not null check (active_volunteers >= 0),
    volunteer_hours   integer not null check (volunteer_hours >= 0),
    organisations     integer not null check (organisations >= 0),
    load_id           integer not null references load_log (load_id),
    primary key (area_code, year, quarter, load_id)
);

-- Gemeente rows hold the whole amount; wijk rows (realisatie only, taakvelden with per_wijk) hold the
-- part allocated to that wijk.
create table spending (
    taakveld_code varchar not null,
    area_code     varchar not null,
    year          integer not null,
    kind          varchar not null check (kind in ('begroot', 'realisatie')),
    amount_eur    decimal(14, 2) not null check (amount_eur >= 0),
    load_id       integer not null references load_log (load_id),
    primary key (taakveld_code, area_code, year, kind, load_id)
);

create table agenda_item (
    item_id      varchar not null,
    area_code    varchar not null,
    theme        varchar not null,
    ambition_id  varchar,
    action       varchar not null,
    owner_role   varchar not null,
    status       varchar not null check (status in ('gepland', 'lopend', 'afgerond', 'vertraagd')),
    deadline     date    not null,
    progress_pct integer not null check (progress_pct between 0 and 100),
    load_id      integer not null references load_log (load_id),
    primary key (item_id, load_id)
);


-- Logboek: dated notes from the field on a wijk (or the gemeente), optionally tied to an indicator. A
-- correction is a new version with the same note_id; author_role is a role, never a person's name.
create table note (
    note_id      varchar   not null,
    area_code    varchar   not null,
    note_date    date      not null,
    indicator_id varchar,
    text         varchar   not null check (length(text) between 1 and 2000),
    author_role  varchar   not null,
    created_at   timestamp not null,
    load_id      integer   not null references load_log (load_id),
    primary key (note_id, load_id)
);

-- Raadssnapshots (report/): every generated PDF, kept with its bytes so it can be downloaded again exactly
-- as it was handed out. A log like load_log, not a versioned table: no load_id, not in TABLE_KEYS, never
-- superseded, and recording a snapshot does not change the data version. Append-only.
create table snapshot (
    snapshot_no      integer   primary key,           -- 1, 2, 3 … in order of generation
    snapshot_id      varchar   not null,              -- the citable ID; the same ID may be generated again
    area_code        varchar   not null,
    as_of            integer,                         -- the load asked for with --as-of (null: the newest)
    data_version     integer   not null check (data_version >= 0),
    template_version varchar   not null,
    generated_by     varchar   not null,              -- role, never a person's name
    generated_at     timestamp not null,
    page_count       integer   not null check (page_count > 0),
    file_sha256      varchar   not null,
    pdf              blob      not null
);

-- Audit trail: who did what, when (loads, edits, undo, snapshots). A log like load_log: append-only, never
-- superseded, written in the same transaction as the action it records. `account` is a pseudonym
-- (data/access.py account_id), 'demo' in open demo mode, 'opdrachtregel' on the server's command line or
-- 'systeem' for the build; never a name or an e-mail address.
create table audit_log (
    event_no    integer   primary key,
    happened_at timestamp not null,
    account     varchar   not null,
    role        varchar   not null,
    scope       varchar,                 -- a wijkmakelaar's own wijken, comma-separated
    action      varchar   not null check (action in ('lading', 'bewerking', 'ongedaan', 'snapshot')),
    load_id     integer,
    snapshot_no integer,
    detail      varchar   not null
);
