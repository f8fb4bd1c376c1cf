import { closeSync, openSync, writeSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../domain/errors.js';
import { defaultDbPath, openDatabase } from '../../environment/records/database.js';
import { exportRunLines } from '../../environment/records/journey-export.js';
import { RunStore } from '../../environment/records/run-store.js';

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export a run as JSON Lines: one journey per line with its case, events and scores')
    .argument('[run]', 'run id, name or "latest"', 'latest')
    .option('--format <format>', 'jsonl', 'jsonl')
    .option('--canonical', 'drop the run id and wall-clock fields, so equal runs export equal bytes')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--db <file>', 'records file', defaultDbPath())
    .action((ref: string, flags: { format: string; canonical?: boolean; output?: string; db: string }) => {
      if (flags.format !== 'jsonl') throw new InputError('--format', 'format', `jsonl (got "${flags.format}")`);
      const store = new RunStore(openDatabase(flags.db, { readonly: true }));
      const run = store.resolveRun(ref);
      const fd = flags.output ? openSync(flags.output, 'w') : 1;
      try {
        for (const line of exportRunLines(store, run, flags.canonical ?? false)) writeSync(fd, line);
      } finally {
        if (flags.output) closeSync(fd);
        store.db.close();
      }
    });
}
