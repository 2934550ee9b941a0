-- One row per terminated client: the export of its data for its admin, then the purge of that
-- data. The row is the job's state, so a node that dies mid-way leaves work another node (or the
-- same one after a restart) resumes. It outlives the purge, as the clients row does: it is the
-- record of what was exported and deleted, and when.
create table termination_jobs (
    client_id          uuid primary key references clients (id),
    reason             varchar(2000) not null,
    state              varchar(20)   not null,
    requested_at       timestamp with time zone not null,
    -- A node working on the job holds it until then; past it, another node may take it over.
    lease_until        timestamp with time zone,
    export_file        varchar(300),
    export_bytes       bigint,
    export_sha256      varchar(64),
    export_tables      integer,
    export_rows        bigint,
    export_ready_at    timestamp with time zone,
    export_expires_at  timestamp with time zone,
    -- SHA-256 of the download link's token; the token itself is only in the mail to the admins.
    token_hash         varchar(64),
    mailed_to          varchar(2000),
    downloads          integer not null default 0,
    last_download_at   timestamp with time zone,
    export_deleted_at  timestamp with time zone,
    purge_requested_at timestamp with time zone,
    purge_started_at   timestamp with time zone,
    purged_rows        bigint not null default 0,
    purged_at          timestamp with time zone,
    last_error         varchar(2000),
    updated_at         timestamp with time zone not null,
    constraint termination_jobs_state_check check (state in ('exporting', 'export_ready', 'purging', 'purged')),
    constraint termination_jobs_token_key unique (token_hash)
);
create index termination_jobs_state_idx on termination_jobs (state);
