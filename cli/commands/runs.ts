import type { Command } from 'commander';
import { defaultDbPath, openDatabase } from '../../environment/records/database.js';
import { RunStore } from '../../environment/records/run-store.js';

export function registerRunsCommand(program: Command): void {
  program
    .command('runs')
    .description('list the runs in a records file')
    .option('--db <file>', 'records file', defaultDbPath())
    .option('--json', 'print JSON')
    .action((flags: { db: string; json?: boolean }) => {
      const store = new RunStore(openDatabase(flags.db, { readonly: true }));
      const runs = store.listRuns();
      store.db.close();
      if (flags.json) {
        const rows = runs.map((run) => ({
          id: run.id,
          name: run.name,
          createdAt: run.createdAt,
          finishedAt: run.finishedAt,
          status: run.status,
          patients: run.patients,
          repeats: run.repeats,
          seed: run.seed,
          journeys: run.journeys,
          completed: run.completed,
          failed: run.failed,
          accuracy: run.journeys > 0 ? run.correct / run.journeys : null,
          models: run.config.models,
        }));
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      if (runs.length === 0) {
        process.stdout.write('No runs yet. Start one with: hospital run\n');
        return;
      }
      const header = ['ID', 'NAME', 'CREATED', 'STATUS', 'DONE', 'FAILED', 'ACCURACY'];
      const rows = runs.map((run) => [
        run.id,
        run.name ?? '',
        run.createdAt.replace('T', ' ').slice(0, 19),
        run.status,
        `${run.journeys}/${run.patients * run.repeats}`,
        String(run.failed),
        run.journeys > 0 ? `${((run.correct / run.journeys) * 100).toFixed(1)} %` : '—',
      ]);
      const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
      for (const row of [header, ...rows])
        process.stdout.write(
          row
            .map((cell, i) => cell.padEnd(widths[i]))
            .join('  ')
            .trimEnd() + '\n',
        );
    });
}
