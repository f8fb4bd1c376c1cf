import type { Command } from 'commander';
import { render } from 'ink';
import { createElement } from 'react';
import { NotFoundError } from '../../domain/errors.js';
import { defaultDbPath, openDatabase } from '../../environment/records/database.js';
import { JourneyQuery } from '../../environment/records/journey-query.js';
import { RunStore, type RunRecord } from '../../environment/records/run-store.js';
import { integerOption } from '../options.js';
import { ReplayApp } from '../tui/ReplayApp.js';
import { journeyListHeader, journeyListLine, journeyTranscript } from '../tui/plain-transcript.js';
import { enterAlternateScreen } from '../tui/alternate-screen.js';

interface ReplayFlags {
  patient?: number;
  db: string;
  plain?: boolean;
  wrong?: boolean;
}

export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description("browse a run's journeys in the terminal, or print one as a transcript")
    .argument('[run]', 'run id, unique id prefix, name, or "latest"', 'latest')
    .option('--patient <n>', 'open this journey (patient index) directly', integerOption('--patient', { min: 0 }))
    .option('--db <file>', 'records file (default: $HOSPITAL_DB or ./hospital.db)', defaultDbPath())
    .option('--plain', 'print plain text (a transcript with --patient, else the journey list) instead of the browser')
    .option('--wrong', 'with --plain and no --patient: list only the journeys with a wrong diagnosis')
    .addHelpText(
      'after',
      '\nKeys in the browser: enter open · w wrong only · d department · s scenario · / search · space play/pause · +/- speed · j/k step · n/p next/previous journey · ? all keys · q quit',
    )
    .action(async (runRef: string, flags: ReplayFlags) => {
      const store = new RunStore(openDatabase(flags.db, { readonly: true }));
      try {
        const run = store.resolveRun(runRef);
        const query = new JourneyQuery(store);
        const terminal = process.stdout.isTTY === true && process.stdin.isTTY === true;
        if (flags.plain || !terminal) {
          if (!flags.plain) {
            const missing = process.stdout.isTTY ? 'input (stdin)' : 'output (stdout)';
            process.stderr.write(
              `hospital replay: the ${missing} is not a terminal, so printing plain text; the browser needs a terminal (use --plain to silence this note).\n`,
            );
          }
          printPlain(query, run, flags);
          return;
        }
        await browse(query, run, flags.patient);
      } finally {
        store.db.close();
      }
    });
}

function printPlain(query: JourneyQuery, run: RunRecord, flags: ReplayFlags): void {
  const width = Math.max(60, Math.min(process.stdout.columns || 80, 120));
  if (flags.patient !== undefined) {
    const detail = query.detail(run.id, flags.patient, 0);
    if (!detail) throw new NotFoundError(`run ${run.id} has no journey for patient ${flags.patient} (it has ${query.count(run.id)})`);
    process.stdout.write(journeyTranscript(detail, run, width));
    return;
  }
  const filter = flags.wrong ? { wrongOnly: true } : {};
  const totals = query.totals(run.id);
  process.stdout.write(
    `Run ${run.id}${run.name ? ` (${run.name})` : ''}: ${totals.journeys} journeys, ${totals.correct} correct, ${totals.failed} failed. A transcript: hospital replay ${run.id} --patient N --plain\n`,
  );
  process.stdout.write(journeyListHeader() + '\n');
  for (const item of query.iterate(run.id, filter)) process.stdout.write(journeyListLine(item) + '\n');
}

async function browse(query: JourneyQuery, run: RunRecord, patient: number | undefined): Promise<void> {
  const restore = enterAlternateScreen(process.stdout);
  try {
    const instance = render(createElement(ReplayApp, { query, run, patient }), { exitOnCtrlC: true, patchConsole: false });
    await instance.waitUntilExit();
  } finally {
    restore();
  }
}
