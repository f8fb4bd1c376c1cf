import Database from 'better-sqlite3';
import { HospitalError, InputError } from '../../domain/errors.js';
import { migrations } from './migrations.js';

export type HospitalDatabase = Database.Database;

/** Default records file: HOSPITAL_DB, else ./hospital.db. */
export const defaultDbPath = (env: NodeJS.ProcessEnv = process.env): string => env.HOSPITAL_DB || 'hospital.db';

/**
 * Open (or create) a records file: WAL journal, foreign keys on, migrations applied.
 * `readonly` opens an existing file without migrating it.
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): HospitalDatabase {
  let db: HospitalDatabase;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw new InputError(file, '--db', `a records file that can be ${options.readonly ? 'read' : 'created'} (${(error as Error).message})`);
  }
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) migrate(db, file);
  return db;
}

function migrate(db: HospitalDatabase, file: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const newest = Math.max(0, ...applied);
  const known = Math.max(...migrations.map((m) => m.version));
  if (newest > known)
    throw new HospitalError(
      `${file}: records schema version ${newest} is newer than this program knows (${known}); upgrade agent-hospital`,
    );
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    })();
  }
}
