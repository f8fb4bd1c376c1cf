/**
 * Versioned schema migrations, applied in order inside one transaction each. Never edit a
 * released migration: add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'runs, journeys, events, scores, model cache',
    sql: `
      CREATE TABLE runs (
        id            TEXT PRIMARY KEY,
        name          TEXT,
        created_at    TEXT NOT NULL,
        finished_at   TEXT,
        status        TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted')),
        seed          INTEGER NOT NULL,
        patients      INTEGER NOT NULL,
        repeats       INTEGER NOT NULL DEFAULT 1,
        scenario_hash TEXT NOT NULL,
        config        TEXT NOT NULL
      );
      CREATE TABLE journeys (
        run_id          TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        idx             INTEGER NOT NULL,
        sample          INTEGER NOT NULL DEFAULT 0,
        case_id         TEXT NOT NULL,
        scenario_id     TEXT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('completed', 'failed')),
        reason          TEXT,
        true_department TEXT NOT NULL,
        department      TEXT,
        acuity          INTEGER,
        diagnosis       TEXT,
        correct         INTEGER,
        turns           INTEGER NOT NULL DEFAULT 0,
        tests           INTEGER NOT NULL DEFAULT 0,
        test_cost       REAL NOT NULL DEFAULT 0,
        sim_minutes     REAL NOT NULL DEFAULT 0,
        case_json       TEXT NOT NULL,
        report_json     TEXT,
        follow_up_json  TEXT,
        created_at      TEXT NOT NULL,
        PRIMARY KEY (run_id, idx, sample)
      );
      CREATE TABLE events (
        run_id     TEXT NOT NULL,
        idx        INTEGER NOT NULL,
        sample     INTEGER NOT NULL,
        seq        INTEGER NOT NULL,
        t          REAL NOT NULL,
        stage      TEXT NOT NULL,
        actor      TEXT NOT NULL,
        type       TEXT NOT NULL,
        text       TEXT NOT NULL,
        data       TEXT,
        fact_ids   TEXT,
        model      TEXT,
        in_tokens  INTEGER,
        out_tokens INTEGER,
        latency_ms REAL,
        cached     INTEGER,
        PRIMARY KEY (run_id, idx, sample, seq),
        FOREIGN KEY (run_id, idx, sample) REFERENCES journeys (run_id, idx, sample) ON DELETE CASCADE
      );
      CREATE TABLE scores (
        run_id TEXT NOT NULL,
        idx    INTEGER NOT NULL,
        sample INTEGER NOT NULL,
        metric TEXT NOT NULL,
        value  REAL,
        detail TEXT,
        PRIMARY KEY (run_id, idx, sample, metric),
        FOREIGN KEY (run_id, idx, sample) REFERENCES journeys (run_id, idx, sample) ON DELETE CASCADE
      );
      CREATE INDEX scores_by_metric ON scores (run_id, metric);
      CREATE TABLE model_cache (
        key        TEXT PRIMARY KEY,
        model      TEXT NOT NULL,
        response   TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'run-level metrics (patient flow, consults)',
    sql: `
      CREATE TABLE run_metrics (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        metric TEXT NOT NULL,
        value  REAL,
        detail TEXT,
        PRIMARY KEY (run_id, metric)
      );
    `,
  },
  {
    version: 3,
    name: 'doctor profiles: experience counts, case base, experience base, learning curve, frozen snapshots',
    sql: `
      CREATE TABLE profiles (
        name       TEXT PRIMARY KEY,
        version    INTEGER NOT NULL DEFAULT 0,
        trained    INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        config     TEXT NOT NULL,
        run_id     TEXT
      );
      CREATE TABLE profile_counts (
        profile TEXT NOT NULL REFERENCES profiles (name) ON DELETE CASCADE,
        disease TEXT NOT NULL,
        feature TEXT NOT NULL,
        present INTEGER NOT NULL,
        absent  INTEGER NOT NULL,
        PRIMARY KEY (profile, disease, feature)
      );
      CREATE TABLE profile_cases (
        profile TEXT NOT NULL REFERENCES profiles (name) ON DELETE CASCADE,
        seq     INTEGER NOT NULL,
        data    TEXT NOT NULL,
        PRIMARY KEY (profile, seq)
      );
      CREATE TABLE profile_rules (
        profile TEXT NOT NULL REFERENCES profiles (name) ON DELETE CASCADE,
        key     TEXT NOT NULL,
        data    TEXT NOT NULL,
        PRIMARY KEY (profile, key)
      );
      CREATE TABLE profile_training (
        profile        TEXT NOT NULL REFERENCES profiles (name) ON DELETE CASCADE,
        idx            INTEGER NOT NULL,
        correct        INTEGER NOT NULL,
        diagnosis      TEXT,
        true_diagnosis TEXT NOT NULL,
        PRIMARY KEY (profile, idx)
      );
      CREATE TABLE profile_curve (
        profile  TEXT NOT NULL REFERENCES profiles (name) ON DELETE CASCADE,
        trained  INTEGER NOT NULL,
        patients INTEGER NOT NULL,
        correct  INTEGER NOT NULL,
        top3     INTEGER NOT NULL,
        PRIMARY KEY (profile, trained)
      );
      CREATE TABLE profile_snapshots (
        digest     TEXT PRIMARY KEY,
        profile    TEXT NOT NULL,
        version    INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        content    TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'demo sessions: the settings a paused demo resumes with',
    sql: `
      CREATE TABLE IF NOT EXISTS demo_sessions (
        id         TEXT PRIMARY KEY,
        settings   TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
];
