namespace Faxgate.Storage.Schema;

/// <summary>
/// Faxgate's schema, version by version. Times are BIGINT milliseconds since 1970-01-01 UTC on both engines, so that
/// comparisons and arithmetic (leases, back-off, retention) are the same SQL everywhere.
/// </summary>
public static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new Migration(1, "accounts, numbers, senders, faxes, documents, jobs, audit, nodes",
        [
            """
            CREATE TABLE accounts (
              id {id},
              handle {varchar(64)} NOT NULL,
              name {varchar(255)} NOT NULL,
              active {bool} NOT NULL,
              public_key {blob} NULL,
              public_key_seal {blob} NULL,
              created_at {bigint} NOT NULL,
              updated_at {bigint} NOT NULL,
              CONSTRAINT ux_accounts_handle UNIQUE (handle))
            """,
            """
            CREATE TABLE users (
              id {id},
              account_id {bigint} NOT NULL,
              login {varchar(254)} NOT NULL,
              password_hash {varchar(255)} NOT NULL,
              key_salt {blob} NOT NULL,
              key_params {varchar(64)} NOT NULL,
              wrapped_private_key {blob} NOT NULL,
              active {bool} NOT NULL,
              created_at {bigint} NOT NULL,
              updated_at {bigint} NOT NULL,
              CONSTRAINT ux_users_login UNIQUE (login),
              CONSTRAINT fk_users_account FOREIGN KEY (account_id) REFERENCES accounts (id))
            """,
            """
            CREATE TABLE numbers (
              id {id},
              e164 {varchar(20)} NOT NULL,
              account_id {bigint} NOT NULL,
              active {bool} NOT NULL,
              attachment_format {varchar(8)} NOT NULL,
              created_at {bigint} NOT NULL,
              updated_at {bigint} NOT NULL,
              CONSTRAINT ux_numbers_e164 UNIQUE (e164),
              CONSTRAINT fk_numbers_account FOREIGN KEY (account_id) REFERENCES accounts (id))
            """,
            """
            CREATE TABLE number_emails (
              number_id {bigint} NOT NULL,
              email {varchar(254)} NOT NULL,
              PRIMARY KEY (number_id, email),
              CONSTRAINT fk_number_emails_number FOREIGN KEY (number_id) REFERENCES numbers (id) ON DELETE CASCADE)
            """,
            """
            CREATE TABLE senders (
              id {id},
              account_id {bigint} NOT NULL,
              email {varchar(254)} NOT NULL,
              password_hash {varchar(255)} NOT NULL,
              created_at {bigint} NOT NULL,
              updated_at {bigint} NOT NULL,
              CONSTRAINT ux_senders_email UNIQUE (email),
              CONSTRAINT fk_senders_account FOREIGN KEY (account_id) REFERENCES accounts (id))
            """,
            """
            CREATE TABLE faxes (
              id {id},
              account_id {bigint} NULL,
              direction {varchar(8)} NOT NULL,
              status {varchar(16)} NOT NULL,
              local_number {varchar(32)} NOT NULL,
              remote_number {varchar(64)} NOT NULL,
              remote_ident {varchar(32)} NOT NULL,
              pages {int} NOT NULL,
              started_at {bigint} NOT NULL,
              ended_at {bigint} NULL,
              outcome_code {int} NULL,
              reason {varchar(255)} NULL,
              node {varchar(128)} NOT NULL,
              CONSTRAINT fk_faxes_account FOREIGN KEY (account_id) REFERENCES accounts (id))
            """,
            "CREATE INDEX ix_faxes_account_started ON faxes (account_id, started_at)",
            """
            CREATE TABLE documents (
              id {id},
              account_id {bigint} NULL,
              fax_id {bigint} NULL,
              kind {varchar(16)} NOT NULL,
              media_type {varchar(64)} NOT NULL,
              length {bigint} NOT NULL,
              chunk_count {int} NOT NULL,
              created_at {bigint} NOT NULL,
              retain_until {bigint} NULL,
              shredded_at {bigint} NULL,
              CONSTRAINT fk_documents_account FOREIGN KEY (account_id) REFERENCES accounts (id),
              CONSTRAINT fk_documents_fax FOREIGN KEY (fax_id) REFERENCES faxes (id))
            """,
            "CREATE INDEX ix_documents_fax ON documents (fax_id)",
            "CREATE INDEX ix_documents_retain ON documents (retain_until)",
            """
            CREATE TABLE document_chunks (
              document_id {bigint} NOT NULL,
              seq {int} NOT NULL,
              ciphertext {blob} NOT NULL,
              PRIMARY KEY (document_id, seq),
              CONSTRAINT fk_document_chunks_document FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE)
            """,
            """
            CREATE TABLE document_keys (
              document_id {bigint} NOT NULL,
              holder {varchar(16)} NOT NULL,
              key_ref {varchar(64)} NOT NULL,
              wrapped {blob} NOT NULL,
              PRIMARY KEY (document_id, holder),
              CONSTRAINT fk_document_keys_document FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE)
            """,
            """
            CREATE TABLE jobs (
              id {id},
              kind {varchar(64)} NOT NULL,
              payload {text} NOT NULL,
              idempotency_key {varchar(191)} NOT NULL,
              state {varchar(12)} NOT NULL,
              run_at {bigint} NOT NULL,
              attempts {int} NOT NULL,
              max_attempts {int} NOT NULL,
              lease_owner {varchar(128)} NULL,
              lease_token {varchar(36)} NULL,
              lease_expires_at {bigint} NULL,
              last_error {varchar(1024)} NULL,
              created_at {bigint} NOT NULL,
              updated_at {bigint} NOT NULL,
              finished_at {bigint} NULL,
              CONSTRAINT ux_jobs_idempotency UNIQUE (idempotency_key))
            """,
            "CREATE INDEX ix_jobs_state_run_at ON jobs (state, run_at)",
            "CREATE INDEX ix_jobs_state_lease ON jobs (state, lease_expires_at)",
            """
            CREATE TABLE job_effects (
              idempotency_key {varchar(191)} NOT NULL,
              effect {varchar(64)} NOT NULL,
              recorded_at {bigint} NOT NULL,
              PRIMARY KEY (idempotency_key, effect))
            """,
            """
            CREATE TABLE audit_log (
              id {id},
              at {bigint} NOT NULL,
              actor {varchar(128)} NOT NULL,
              action {varchar(64)} NOT NULL,
              subject {varchar(255)} NOT NULL,
              detail {varchar(1024)} NULL)
            """,
            "CREATE INDEX ix_audit_log_at ON audit_log (at)",
            """
            CREATE TABLE nodes (
              name {varchar(128)} NOT NULL PRIMARY KEY,
              host {varchar(255)} NOT NULL,
              pid {int} NOT NULL,
              version {varchar(32)} NOT NULL,
              started_at {bigint} NOT NULL,
              heartbeat_at {bigint} NOT NULL)
            """,
        ]),
    ];

    /// <summary>The schema version this build of Faxgate writes.</summary>
    public static int Latest => All[^1].Version;
}
