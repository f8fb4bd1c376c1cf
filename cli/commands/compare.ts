import type { Command } from 'commander';
import { defaultDbPath, openDatabase } from '../../environment/records/database.js';
import { RunStore } from '../../environment/records/run-store.js';
import { compareRuns } from '../../evaluation/compare.js';
import { renderComparison } from '../../evaluation/compare-format.js';

export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description('compare two runs on the same patients: paired differences with 95 % intervals and McNemar’s test')
    .argument('<runA>', 'the baseline run: id, name or "latest"')
    .argument('<runB>', 'the run compared with it')
    .option('--db <file>', 'records file', defaultDbPath())
    .option('--json', 'print the comparison as JSON')
    .action((refA: string, refB: string, flags: { db: string; json?: boolean }) => {
      const store = new RunStore(openDatabase(flags.db, { readonly: true }));
      try {
        const comparison = compareRuns(store, store.resolveRun(refA), store.resolveRun(refB));
        process.stdout.write(flags.json ? JSON.stringify(comparison, null, 2) + '\n' : renderComparison(comparison));
      } finally {
        store.db.close();
      }
    });
}
