import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The records layer's model_cache table, exactly as its migration creates it. */
export const modelCacheDdl =
  'CREATE TABLE model_cache(key TEXT PRIMARY KEY, model TEXT NOT NULL, response TEXT NOT NULL, created_at TEXT NOT NULL)';

/** A real SQLite file in a fresh temp folder, with the model_cache table. */
export function tempCacheDb(): { db: Database.Database; file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'hospital-cache-'));
  const file = join(dir, 'records.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(modelCacheDdl);
  return {
    db,
    file,
    cleanup: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port on 127.0.0.1 where nothing listens (connection refused). */
export async function closedPortUrl(): Promise<string> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
