import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { allBuiltin, usesModels, type RoleModels } from '../../agents/index.js';
import { InputError } from '../../environment/errors.js';
import { openDatabase, defaultDbPath } from '../../environment/records/database.js';
import { RunStore, type RunConfig, type RunRecord } from '../../environment/records/run-store.js';
import { engineSetupFor } from '../../environment/run-setup.js';
import { runBatch } from '../../environment/runner.js';
import { buildRunReport } from '../../evaluation/run-report.js';
import { resolvePopulation } from '../../scenarios/populations.js';
import { loadScenarioSources } from '../../scenarios/sources.js';
import { collect, facilityOption, integerOption } from '../options.js';
import { createProgressPrinter } from '../progress.js';
import { printRunSummary } from '../run-summary.js';

interface RunFlags {
  scenarios?: string[];
  patients: number;
  seed: number;
  concurrency: number;
  maxTurns: number;
  facility: 'village' | 'county' | 'tertiary';
  population?: string;
  db: string;
  name?: string;
  resume?: string;
  repeats: number;
  workers?: number;
  json?: boolean;
  quiet?: boolean;
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run a batch of patient journeys and record them')
    .option('--scenarios <path>', 'scenario file or folder, or agentclinic:<file.jsonl> (repeatable; default: the built-in library)', collect)
    .option('--patients <n>', 'patients in the batch', integerOption('--patients', { min: 1 }), 20)
    .option('--seed <s>', 'random seed: the same seed gives the same patients', integerOption('--seed', { min: 0 }), 1)
    .option('--concurrency <c>', 'journeys in flight at once', integerOption('--concurrency', { min: 1, max: 1024 }), 8)
    .option('--max-turns <t>', 'consultation turns before the specialist must diagnose', integerOption('--max-turns', { min: 1, max: 200 }), 20)
    .option('--facility <level>', 'tertiary, county or village: which tests exist', facilityOption, 'tertiary')
    .option('--population <id>', 'population the patients come from (see scenarios/populations.yaml)')
    .option('--repeats <k>', 'journeys per patient (independent samples)', integerOption('--repeats', { min: 1, max: 100 }), 1)
    .option('--workers <w>', 'worker threads for built-in runs (default: one per core)', integerOption('--workers', { min: 0, max: 64 }))
    .option('--db <file>', 'records file (default: $HOSPITAL_DB or ./hospital.db)', defaultDbPath())
    .option('--name <label>', 'a label for the run')
    .option('--resume <run>', 'finish an interrupted run (or retry its failed journeys): its id, name or "latest"')
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'print only the summary')
    .action(async (flags: RunFlags, command: Command) => {
      const store = new RunStore(openDatabase(flags.db));
      const run = flags.resume ? resumeRun(store, flags, command) : createRun(store, flags);
      const models = run.config.models as RoleModels;
      const workers = flags.workers ?? (usesModels(models) ? 0 : Math.min(availableParallelism(), 4));
      const controller = new AbortController();
      let interrupts = 0;
      const onSigint = (): void => {
        interrupts++;
        if (interrupts > 1) process.exit(130);
        process.stderr.write(`\nStopping after the journeys in flight; resume with: hospital run --resume ${run.id}\n`);
        controller.abort();
      };
      process.on('SIGINT', onSigint);
      const progress = createProgressPrinter({ quiet: flags.quiet ?? false, json: flags.json ?? false });
      const outcome = await runBatch({
        store,
        run,
        setup: () => engineSetupFor(run.config),
        concurrency: run.config.concurrency,
        workers: usesModels(models) ? 0 : workers,
        hooks: { onStart: progress.start, onJourney: progress.journey, signal: controller.signal },
      });
      process.off('SIGINT', onSigint);
      progress.finish(outcome.progress);
      const report = buildRunReport(store, store.getRun(run.id));
      printRunSummary(report, outcome, flags.json ?? false);
      store.db.close();
      if (outcome.status === 'interrupted') process.exitCode = 130;
    });
}

function createRun(store: RunStore, flags: RunFlags): RunRecord {
  const set = loadScenarioSources(flags.scenarios ?? []);
  if (flags.population) resolvePopulation(flags.population, set.scenarios);
  const config: RunConfig = {
    name: flags.name,
    scenarios: set.sources,
    scenarioHash: set.hash,
    scenarioCount: set.scenarios.length,
    seed: flags.seed,
    patients: flags.patients,
    repeats: flags.repeats,
    concurrency: flags.concurrency,
    maxTurns: flags.maxTurns,
    maxReferrals: 1,
    facility: flags.facility,
    population: flags.population,
    models: { ...allBuiltin },
  };
  return store.createRun(config);
}

/** Options that decide the patients come from the stored run; passing them with --resume is an error. */
function resumeRun(store: RunStore, flags: RunFlags, command: Command): RunRecord {
  const run = store.resolveRun(flags.resume as string);
  const fixed = ['scenarios', 'patients', 'seed', 'maxTurns', 'facility', 'population', 'repeats', 'name'];
  for (const option of fixed) {
    if (command.getOptionValueSource(option) === 'cli') {
      throw new InputError('--resume', `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, `no such option with --resume: the run keeps the settings it was started with`);
    }
  }
  return run;
}
