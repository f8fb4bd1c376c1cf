import { runConfigFor } from '../../environment/run-config.js';
import type { Command } from 'commander';
import { allBuiltin } from '../../agents/index.js';
import { InputError } from '../../domain/errors.js';
import { defaultDbPath, openDatabase } from '../../environment/records/database.js';
import { RunStore } from '../../environment/records/run-store.js';
import { executeRun } from '../../environment/run-execution.js';
import { buildShiftReport, type ProportionDifference } from '../../evaluation/shift.js';
import { resolvePopulation } from '../../scenarios/populations.js';
import { facilityLevels, type FacilityLevel } from '../../scenarios/schema.js';
import { loadScenarios } from '../scenario-sources.js';
import { collect, integerOption } from '../options.js';
import { scoreJourney } from '../../evaluation/scorers.js';

interface Setting {
  population: string;
  facility: FacilityLevel;
}

/** `urban:tertiary` → a population and a facility level. */
function settingOption(flag: string) {
  return (raw: string): Setting => {
    const [population, facility] = raw.split(':');
    if (!population || !facility || !(facilityLevels as readonly string[]).includes(facility)) {
      throw new InputError(flag, 'value', `population:facility, e.g. urban:tertiary or rural:village (got "${raw}")`);
    }
    return { population, facility: facility as FacilityLevel };
  };
}

const pct = (value: number): string => (Number.isNaN(value) ? '—' : `${(value * 100).toFixed(1)}`);
const interval = (d: ProportionDifference): string => `${pct(d.difference)} pts [${pct(d.ci95[0])}, ${pct(d.ci95[1])}]`;

export function registerShiftCommand(program: Command): void {
  program
    .command('shift')
    .description('data shift: the same doctor on the same scenarios in two settings, and the accuracy drop between them')
    .option('--from <population:facility>', 'the setting the doctor is used to', settingOption('--from'), {
      population: 'urban',
      facility: 'tertiary',
    })
    .option('--to <population:facility>', 'the setting it is moved to', settingOption('--to'), { population: 'rural', facility: 'village' })
    .option('--scenarios <path>', 'scenario file or folder (repeatable; default: the built-in library)', collect)
    .option('--patients <n>', 'patients in each setting', integerOption('--patients', { min: 1 }), 400)
    .option('--seed <s>', 'random seed', integerOption('--seed', { min: 0 }), 1)
    .option('--max-turns <t>', 'consultation turns', integerOption('--max-turns', { min: 1, max: 200 }), 20)
    .option('--db <file>', 'records file', defaultDbPath())
    .option('--json', 'print JSON')
    .action(
      async (flags: {
        from: Setting;
        to: Setting;
        scenarios?: string[];
        patients: number;
        seed: number;
        maxTurns: number;
        db: string;
        json?: boolean;
      }) => {
        const set = loadScenarios(flags.scenarios ?? []);
        const store = new RunStore(openDatabase(flags.db));
        const runIds: string[] = [];
        for (const setting of [flags.from, flags.to]) {
          resolvePopulation(setting.population, set.scenarios);
          const config = runConfigFor(set, {
            name: `shift ${setting.population}:${setting.facility}`,
            seed: flags.seed,
            patients: flags.patients,
            maxTurns: flags.maxTurns,
            facility: setting.facility,
            population: setting.population,
            models: { ...allBuiltin },
          });
          const run = store.createRun(config);
          if (!flags.json)
            process.stderr.write(`Running ${flags.patients} patients in ${setting.population}:${setting.facility} (${run.id})…\n`);
          await executeRun({ store, run, set, score: scoreJourney });
          runIds.push(run.id);
        }
        const report = buildShiftReport(store, runIds[0], runIds[1]);
        store.db.close();
        if (flags.json) {
          process.stdout.write(JSON.stringify(report, null, 2) + '\n');
          return;
        }
        const lines = [
          `Accuracy in ${flags.from.population}:${flags.from.facility} ${pct(report.drop.a.value)} % (n=${report.drop.a.n}); in ${flags.to.population}:${flags.to.facility} ${pct(report.drop.b.value)} % (n=${report.drop.b.n}).`,
          `Drop: ${interval(report.drop)} (95 % CI, Newcombe). Runs: ${report.from.runId} → ${report.to.runId}`,
          '',
          'By department (drop in points, 95 % CI):',
        ];
        const width = Math.max(...Object.keys(report.byDepartment).map((d) => d.length));
        for (const [department, d] of Object.entries(report.byDepartment)) {
          lines.push(`  ${department.padEnd(width)}  ${pct(d.a.value).padStart(5)} → ${pct(d.b.value).padStart(5)}   ${interval(d)}`);
        }
        process.stdout.write(lines.join('\n') + '\n');
      },
    );
}
