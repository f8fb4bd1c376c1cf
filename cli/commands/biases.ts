import { runConfigFor } from '../../environment/run-config.js';
import type { Command } from 'commander';
import {
  doctorBiasNames,
  parseDoctorBiases,
  parsePatientBehaviours,
  type DoctorBias,
  type PatientBehaviour,
} from '../../agents/biases/catalogue.js';
import type { RoleModels } from '../../agents/index.js';
import { defaultDbPath, openDatabase } from '../../environment/records/database.js';
import { RunStore, type RunConfig, type RunRecord } from '../../environment/records/run-store.js';
import { executeRun } from '../../environment/run-execution.js';
import { biasEffect, renderBiasEffects, type BiasEffect } from '../../evaluation/bias-report.js';
import { loadScenarios } from '../scenario-sources.js';
import { addModelOptions, modelRuntimeFor, roleModels, type ModelCliFlags } from '../model-flags.js';
import { collect, facilityOption, integerOption } from '../options.js';
import { scoreJourney } from '../../evaluation/scorers.js';

interface BiasesFlags extends ModelCliFlags {
  doctorBias?: DoctorBias[];
  patientBias?: PatientBehaviour[];
  scenarios?: string[];
  patients: number;
  seed: number;
  concurrency: number;
  maxTurns: number;
  facility: 'village' | 'county' | 'tertiary';
  workers?: number;
  db: string;
  json?: boolean;
}

/**
 * `hospital biases`: the same patients seen without biases and then with each bias (or patient
 * behaviour) alone, one recorded run per arm, and accuracy with its interval per bias and the
 * paired difference from the baseline. The runs stay in the records for `report` and `compare`.
 */
export function registerBiasesCommand(program: Command): void {
  const command = program
    .command('biases')
    .description('accuracy with and without each doctor bias or patient behaviour, on the same patients (paired)')
    .option(
      '--doctor-bias <list>',
      `doctor biases to measure, comma-separated (default: all: ${doctorBiasNames.join(', ')})`,
      parseDoctorBiases,
    )
    .option(
      '--patient-bias <list>',
      'patient behaviours to measure, comma-separated (default: none unless no --doctor-bias is given either)',
      parsePatientBehaviours,
    )
    .option('--scenarios <path>', 'scenario file or folder (repeatable; default: the built-in library)', collect)
    .option('--patients <n>', 'patients per run', integerOption('--patients', { min: 1 }), 50)
    .option('--seed <s>', 'random seed: every arm sees the same patients', integerOption('--seed', { min: 0 }), 1)
    .option('--concurrency <c>', 'journeys in flight at once', integerOption('--concurrency', { min: 1, max: 1024 }), 8)
    .option(
      '--max-turns <t>',
      'consultation turns before the specialist must diagnose',
      integerOption('--max-turns', { min: 1, max: 200 }),
      20,
    )
    .option('--facility <level>', 'tertiary, county or village', facilityOption, 'tertiary')
    .option('--workers <w>', 'worker threads for built-in runs', integerOption('--workers', { min: 0, max: 64 }));
  addModelOptions(command)
    .option('--db <file>', 'records file (default: $HOSPITAL_DB or ./hospital.db)', defaultDbPath())
    .option('--json', 'print the comparison as JSON')
    .action(async (flags: BiasesFlags) => {
      const arms: { doctorBiases?: DoctorBias[]; patientBehaviours?: PatientBehaviour[] }[] = [
        ...(flags.doctorBias ?? (flags.patientBias ? [] : doctorBiasNames)).map((bias) => ({ doctorBiases: [bias] })),
        ...(flags.patientBias ?? []).map((behaviour) => ({ patientBehaviours: [behaviour] })),
      ];
      const store = new RunStore(openDatabase(flags.db));
      try {
        const models = roleModels(flags);
        const set = loadScenarios(flags.scenarios ?? []);
        const runtime = await modelRuntimeFor(models as RoleModels, flags, store.db, flags.seed);
        const base: RunConfig = runConfigFor(set, {
          seed: flags.seed,
          patients: flags.patients,
          concurrency: flags.concurrency,
          maxTurns: flags.maxTurns,
          facility: flags.facility,
          models,
        });
        const execute = async (config: RunConfig): Promise<RunRecord> => {
          const run = store.createRun(config);
          if (!flags.json) process.stderr.write(`${config.name}: run ${run.id}…\n`);
          await executeRun({ store, run, runtime, set, workers: flags.workers, score: scoreJourney });
          return store.getRun(run.id);
        };
        const baseline = await execute({ ...base, name: `biases s${flags.seed}: none` });
        const effects: BiasEffect[] = [];
        for (const arm of arms) {
          const label = [...(arm.doctorBiases ?? []), ...(arm.patientBehaviours ?? []).map((name) => `patient:${name}`)].join('+');
          effects.push(biasEffect(store, baseline, await execute({ ...base, ...arm, name: `biases s${flags.seed}: ${label}` })));
        }
        process.stdout.write(
          flags.json ? JSON.stringify({ baselineRunId: baseline.id, effects }, null, 2) + '\n' : renderBiasEffects(effects),
        );
      } finally {
        store.db.close();
      }
    });
}
