import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ruleText } from '../../agents/experience/learner.js';
import { caseText } from '../../agents/experience/retrieval.js';
import { HospitalError } from '../../domain/errors.js';
import { defaultDbPath, openDatabase } from '../../environment/records/database.js';
import { ProfileStore } from '../../environment/records/profiles.js';
import { learningCurveOf, learningCurveText } from '../../evaluation/learning-curve.js';
import { emit } from '../options.js';

const percent = (value: number): string => (Number.isFinite(value) ? `${(value * 100).toFixed(1)} %` : '—');

export function registerProfilesCommand(program: Command): void {
  const profiles = program.command('profiles').description('doctor profiles: list, show, export, import, delete');
  const dbOption = (command: Command): Command =>
    command.option('--db <file>', 'records file (default: $HOSPITAL_DB or ./hospital.db)', defaultDbPath());

  dbOption(profiles.command('list').description('list the profiles in a records file'))
    .option('--json', 'print JSON')
    .action((flags: { db: string; json?: boolean }) => {
      const store = new ProfileStore(openDatabase(flags.db));
      const rows = store.list();
      store.db.close();
      if (flags.json) {
        process.stdout.write(
          `${JSON.stringify(
            rows.map(({ config, ...row }) => ({
              ...row,
              doctor: config.doctor,
              heldOutAccuracy: Number.isFinite(row.heldOutAccuracy) ? row.heldOutAccuracy : null,
            })),
            null,
            2,
          )}\n`,
        );
        return;
      }
      if (rows.length === 0) {
        process.stdout.write('No profiles yet. Train one with: hospital train --profile NAME\n');
        return;
      }
      const table = [['NAME', 'DOCTOR', 'VERSION', 'TRAINED', 'CASES', 'RULES', 'HELD-OUT TOP-1']].concat(
        rows.map((row) => [
          row.name,
          row.config.doctor,
          String(row.version),
          String(row.trained),
          String(row.cases),
          String(row.rules),
          percent(row.heldOutAccuracy),
        ]),
      );
      const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
      for (const row of table)
        process.stdout.write(
          `${row
            .map((cell, i) => cell.padEnd(widths[i]))
            .join('  ')
            .trimEnd()}\n`,
        );
    });

  dbOption(profiles.command('show <name>').description('a profile: its settings, experience and learning curve'))
    .option('--json', 'print JSON (the curve and counts of the experience)')
    .action((name: string, flags: { db: string; json?: boolean }) => {
      const store = new ProfileStore(openDatabase(flags.db));
      const profile = store.get(name);
      const experience = store.loadExperience(name);
      const curve = learningCurveOf(store, name);
      store.db.close();
      if (flags.json) {
        process.stdout.write(
          `${JSON.stringify({ ...profile, counts: experience.counts.size, cases: experience.cases.length, rules: experience.rules.size, curve }, null, 2)}\n`,
        );
        return;
      }
      const { config } = profile;
      const lines = [
        `Profile ${profile.name} — version ${profile.version}, ${profile.trained} patients learned from`,
        `  doctor ${config.doctor}; starts knowing ${config.knownKeyFindings} key finding(s) per disease; ${config.scenarioCount} scenarios (${config.scenarioHash.slice(0, 12)})`,
        `  training seed ${config.seed}; held-out ${config.heldOutPatients} patients of seed ${config.heldOutSeed}; ${config.facility}, ${config.maxTurns} turns`,
        `  experience: ${experience.counts.size} counts, ${experience.cases.length} cases, ${experience.rules.size} rules; retrieval ${config.retrieval.cases} cases, ${config.retrieval.rules} rules, ${config.retrieval.chars} chars`,
        `  training journeys: run ${profile.runId ?? '—'}`,
        '',
      ];
      process.stdout.write(lines.join('\n'));
      process.stdout.write(learningCurveText(curve));
      const rules = experience
        .sortedRules()
        .sort((a, b) => b.support - a.support || (a.key < b.key ? -1 : 1))
        .slice(0, 5);
      if (rules.length > 0) process.stdout.write(`\nMost supported lessons:\n${rules.map((rule) => `  - ${ruleText(rule)}`).join('\n')}\n`);
      const recent = experience.cases.slice(-3);
      if (recent.length > 0) process.stdout.write(`\nLatest cases:\n${recent.map((summary) => `  - ${caseText(summary)}`).join('\n')}\n`);
    });

  dbOption(profiles.command('export <name>').description('write a profile to a file in its canonical form (same profile, same bytes)'))
    .option('-o, --output <file>', 'file to write (default: stdout)')
    .action((name: string, flags: { db: string; output?: string }) => {
      const store = new ProfileStore(openDatabase(flags.db));
      const text = store.exportText(name);
      store.db.close();
      emit(text, flags.output);
      if (flags.output) process.stderr.write(`Exported profile ${name} to ${flags.output}\n`);
    });

  dbOption(profiles.command('import <file>').description('add a profile from an exported file'))
    .option('--name <name>', 'import under this name instead of the one in the file')
    .action((file: string, flags: { db: string; name?: string }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new HospitalError(`${file}: cannot read the file (${(error as Error).message})`, 2);
      }
      const store = new ProfileStore(openDatabase(flags.db));
      const profile = store.importText(text, file, flags.name);
      store.db.close();
      process.stdout.write(`Imported profile ${profile.name}: version ${profile.version}, ${profile.trained} patients learned from\n`);
    });

  dbOption(profiles.command('delete <name>').description('delete a profile (runs that used a frozen copy keep it)')).action(
    (name: string, flags: { db: string }) => {
      const store = new ProfileStore(openDatabase(flags.db));
      store.delete(name);
      store.db.close();
      process.stdout.write(`Deleted profile ${name}\n`);
    },
  );
}
