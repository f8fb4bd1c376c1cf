import type { Command } from 'commander';
import { defaultDbPath, openDatabase } from '../../environment/records/database.js';
import { RunStore } from '../../environment/records/run-store.js';
import { chooseFormat, renderReport } from '../../evaluation/report-formats.js';
import { buildRunReport } from '../../evaluation/run-report.js';
import { emit } from '../options.js';

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('report a run: accuracy with 95 % intervals, triage, efficiency, by department and scenario')
    .argument('[run]', 'run id, name or "latest"', 'latest')
    .option('--format <format>', 'text, json, csv or md (default: from the -o extension, else text)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--db <file>', 'records file', defaultDbPath())
    .action((ref: string, flags: { format?: string; output?: string; db: string }) => {
      const format = chooseFormat(flags.format, flags.output);
      const store = new RunStore(openDatabase(flags.db, { readonly: true }));
      try {
        emit(renderReport(buildRunReport(store, store.resolveRun(ref)), format), flags.output);
      } finally {
        store.db.close();
      }
    });
}
