import type { Command } from 'commander';
import { parseDoctorBiases, parsePatientBehaviours, type DoctorBias, type PatientBehaviour } from '../../agents/biases/catalogue.js';
import type { RoleModels } from '../../agents/index.js';
import { InputError } from '../../domain/errors.js';
import { parseDoctors } from '../../environment/patient-flow.js';
import { consultModeOption, consultThresholdOption, consultConfig } from '../../environment/stages/consult-options.js';
import { defaultDbPath, openDatabase } from '../../environment/records/database.js';
import { RunStore, type RunRecord } from '../../environment/records/run-store.js';
import { executeRun } from '../../environment/run-execution.js';
import { runConfigFor } from '../../environment/run-config.js';
import { executeProfileRun, type RunProfileRef } from '../../environment/profile-run.js';
import { ProfileStore } from '../../environment/records/profiles.js';
import { judgeOptionHelp, judgeRunFromOptions } from '../../evaluation/judge-setup.js';
import { buildRunReport } from '../../evaluation/run-report.js';
import { resolvePopulation } from '../../scenarios/populations.js';
import { loadScenarios } from '../scenario-sources.js';
import { addModelOptions, modelRuntimeFor, roleModels, type ModelCliFlags } from '../model-flags.js';
import { collect, facilityOption, integerOption, numberOption } from '../options.js';
import { createProgressPrinter } from '../progress.js';
import { printRunSummary } from '../run-summary.js';
import { scoreJourney } from '../../evaluation/scorers.js';

interface RunFlags extends ModelCliFlags {
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
  replay?: string;
  repeats: number;
  workers?: number;
  json?: boolean;
  quiet?: boolean;
  arrivals?: number;
  doctors?: Record<string, number>;
  nurses?: number;
  profile?: string;
  doctorBias?: DoctorBias[];
  patientBias?: PatientBehaviour[];
  consult?: 'never' | 'auto' | 'always';
  consultThreshold?: number;
  judge?: string;
  rubric?: boolean;
}

/** Options that decide what a run is; a resumed or replayed run keeps its own. */
const settingsOptions = [
  'scenarios',
  'patients',
  'seed',
  'maxTurns',
  'facility',
  'population',
  'repeats',
  'name',
  'arrivals',
  'doctors',
  'nurses',
  'profile',
  'doctorBias',
  'patientBias',
  'consult',
  'consultThreshold',
  'doctor',
  'triage',
  'specialist',
  'followup',
  'patientModel',
  'examiner',
];

export function registerRunCommand(program: Command): void {
  const command = program
    .command('run')
    .description('run a batch of patient journeys and record them')
    .option(
      '--scenarios <path>',
      'scenario file or folder, or agentclinic:<file.jsonl> (repeatable; default: the built-in library)',
      collect,
    )
    .option('--patients <n>', 'patients in the batch', integerOption('--patients', { min: 1 }), 20)
    .option('--seed <s>', 'random seed: the same seed gives the same patients', integerOption('--seed', { min: 0 }), 1)
    .option('--concurrency <c>', 'journeys in flight at once', integerOption('--concurrency', { min: 1, max: 1024 }), 8)
    .option(
      '--max-turns <t>',
      'consultation turns before the specialist must diagnose',
      integerOption('--max-turns', { min: 1, max: 200 }),
      20,
    )
    .option('--facility <level>', 'tertiary, county or village: which tests exist', facilityOption, 'tertiary')
    .option('--population <id>', 'population the patients come from (see scenarios/populations.yaml)')
    .option('--repeats <k>', 'journeys per patient (independent samples)', integerOption('--repeats', { min: 1, max: 100 }), 1);
  addModelOptions(command)
    .option(
      '--arrivals <per-hour>',
      'patient flow: patients arrive over simulated time at this mean rate and queue (default: one at a time, no queues)',
      numberOption('--arrivals', { min: 0.001 }),
    )
    .option('--doctors <list>', 'patient flow: doctors per department, e.g. cardiology=2,respiratory=1 (others: 1)', parseDoctors)
    .option('--nurses <n>', 'patient flow: triage nurses', integerOption('--nurses', { min: 1, max: 1000 }))
    .option(
      '--doctor-bias <list>',
      'cognitive biases of the specialist, comma-separated (anchoring, confirmation, recency, availability, premature-closure, overconfidence, base-rate-neglect, gender)',
      parseDoctorBiases,
    )
    .option(
      '--patient-bias <list>',
      'patient behaviours, comma-separated (withholding, exaggerating, minimising, anxious, low-literacy, relative)',
      parsePatientBehaviours,
    )
    .option(
      '--consult <mode>',
      'multidisciplinary consult: never, auto (below --consult-threshold) or always (default: never)',
      consultModeOption,
    )
    .option(
      '--consult-threshold <p>',
      'with --consult auto: diagnoses below this confidence are reviewed (default 0.6)',
      consultThresholdOption,
    )
    .option(
      '--workers <w>',
      'worker threads for built-in runs (default: one per core, at most 4)',
      integerOption('--workers', { min: 0, max: 64 }),
    )
    .option('--db <file>', 'records file (default: $HOSPITAL_DB or ./hospital.db)', defaultDbPath())
    .option('--name <label>', 'a label for the run')
    .option(
      '--profile <name>',
      'doctors use this trained profile (see "hospital train"), frozen at the start of the run: the run never changes it',
    )
    .option('--resume <run>', 'finish an interrupted run, or retry its failed journeys: its id, name or "latest"')
    .option('--replay <run>', 'run a recorded run again from the model-call cache: zero model calls, identical journeys')
    .option('--judge <model-spec>', judgeOptionHelp.judge)
    .option('--rubric', judgeOptionHelp.rubric)
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'print only the summary')
    .action(async (flags: RunFlags, cmd: Command) => {
      if (flags.resume && flags.replay) throw new InputError('--replay', '--resume', 'one of the two, not both');
      const store = new RunStore(openDatabase(flags.db));
      const run = flags.resume
        ? continuedRun(store, flags.resume, '--resume', cmd)
        : flags.replay
          ? replayRun(store, flags.replay, cmd)
          : createRun(store, flags);
      const runtime = await modelRuntimeFor(
        run.config.models as RoleModels,
        flags,
        store.db,
        run.config.seed,
        flags.replay ? 'replay' : undefined,
      );
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
      const execute = {
        store,
        run,
        runtime,
        workers: flags.workers,
        score: scoreJourney,
        hooks: { onStart: progress.start, onJourney: progress.journey, signal: controller.signal },
      };
      const profileRef = run.config.profile as RunProfileRef | undefined;
      const outcome = profileRef
        ? await executeProfileRun({
            ...execute,
            frozen: new ProfileStore(store.db).snapshot(profileRef.digest),
            ollamaHost: flags.ollamaHost,
          })
        : await executeRun(execute);
      process.off('SIGINT', onSigint);
      progress.finish(outcome.progress);
      if (flags.judge && outcome.status === 'completed') {
        await judgeRunFromOptions(store, store.getRun(run.id), {
          judge: flags.judge,
          rubric: flags.rubric,
          ollamaHost: flags.ollamaHost,
          modelTimeout: flags.modelTimeout,
        });
      }
      const report = buildRunReport(store, store.getRun(run.id));
      printRunSummary(report, outcome, flags.json ?? false);
      store.db.close();
      if (outcome.status === 'interrupted') process.exitCode = 130;
    });
}

function createRun(store: RunStore, flags: RunFlags): RunRecord {
  if (flags.arrivals === undefined && (flags.doctors || flags.nurses)) {
    throw new InputError(
      '--doctors',
      '--arrivals',
      'an arrival rate: staffing only matters when patients arrive over time (add --arrivals PER-HOUR)',
    );
  }
  const models = roleModels(flags);
  const set = loadScenarios(flags.scenarios ?? []);
  if (flags.population) resolvePopulation(flags.population, set.scenarios);
  const config = runConfigFor(set, {
    name: flags.name,
    seed: flags.seed,
    patients: flags.patients,
    repeats: flags.repeats,
    concurrency: flags.concurrency,
    maxTurns: flags.maxTurns,
    facility: flags.facility,
    population: flags.population,
    models,
    extra: {
      ...(flags.doctorBias && flags.doctorBias.length > 0 ? { doctorBiases: flags.doctorBias } : {}),
      ...(flags.patientBias && flags.patientBias.length > 0 ? { patientBehaviours: flags.patientBias } : {}),
      ...consultConfig(flags.consult, flags.consultThreshold),
      ...(flags.profile ? { profile: profileRef(store, flags.profile) } : {}),
      ...(flags.arrivals !== undefined
        ? { flow: { arrivalsPerHour: flags.arrivals, doctors: flags.doctors ?? {}, defaultDoctors: 1, nurses: flags.nurses ?? 1 } }
        : {}),
    },
  });
  return store.createRun(config);
}

/** Freeze the profile for this run: the run reads the frozen copy, never the live profile. */
function profileRef(store: RunStore, name: string): RunProfileRef {
  const frozen = new ProfileStore(store.db).freeze(name);
  return { name: frozen.name, version: frozen.version, digest: frozen.digest };
}

/** Refuse options that would change what a resumed or replayed run is. */
function refuseSettings(cmd: Command, flag: string): void {
  for (const option of settingsOptions) {
    if (cmd.getOptionValueSource(option) === 'cli') {
      const name = `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      throw new InputError(flag, name, `no such option with ${flag}: the run keeps the settings it was started with`);
    }
  }
}

function continuedRun(store: RunStore, ref: string, flag: string, cmd: Command): RunRecord {
  refuseSettings(cmd, flag);
  const run = store.resolveRun(ref);
  const training = run.config.training as { profile?: string } | undefined;
  if (training?.profile) {
    // Finishing it here would skip the learning step after each journey.
    throw new InputError(
      flag,
      'run',
      `a batch run, not the training run of profile "${training.profile}": continue it with hospital train --profile ${training.profile}`,
    );
  }
  return run;
}

/** A new run with a recorded run's settings, to be served from the model-call cache alone. */
function replayRun(store: RunStore, ref: string, cmd: Command): RunRecord {
  refuseSettings(cmd, '--replay');
  const source = store.resolveRun(ref);
  return store.createRun({ ...source.config, name: `replay of ${source.name ?? source.id}`, replayOf: source.id });
}
