import { comparedMetrics } from '../tui/ComparisonCard.js';
import type { Command } from 'commander';
import { render } from 'ink';
import { createElement } from 'react';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import { allBuiltin, createHospitalAgents, usesModels, type RoleModels } from '../../agents/index.js';
import { DemoSession, type DemoDeps, type DemoRole, type DemoUpdate } from '../../environment/demo-session.js';
import { HospitalError, InputError } from '../../domain/errors.js';
import type { JourneyEvent } from '../../domain/journey.js';
import { defaultDbPath, openDatabase } from '../../environment/records/database.js';
import { RunStore } from '../../environment/records/run-store.js';
import { loadScenarios } from '../scenario-sources.js';
import { modelRuntimeFor } from '../model-flags.js';
import { integerOption } from '../options.js';
import { enterAlternateScreen } from '../tui/alternate-screen.js';
import { DemoApp } from '../tui/DemoApp.js';
import { eventText, actorStyle } from '../tui/event-lines.js';
import { formatScore, scoreLabel } from '../tui/ScoresPanel.js';
import { simTime } from '../tui/text-layout.js';
import { scoreJourney } from '../../evaluation/scorers.js';

interface DemoFlags {
  scenario?: string;
  seed: number;
  doctor: string;
  play?: string;
  db: string;
  resume?: string;
  pace: number;
}

const roles: DemoRole[] = ['doctor', 'patient', 'none'];

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run one journey live; with --play a person plays the doctor or the patient')
    .option('--scenario <id>', "the patient's scenario (default: drawn from the library by the seed)")
    .option('--seed <s>', 'random seed of the patient', integerOption('--seed', { min: 0 }), 1)
    .option('--doctor <spec>', 'model for the doctors the person does not play: builtin, ollama:<model>, openai:<url>#<model>', 'builtin')
    .option('--play <role>', 'doctor or patient: the role a person plays (default: watch)')
    .option(
      '--db <file>',
      'records file; demos are recorded and can be resumed from it (default: $HOSPITAL_DB or ./hospital.db)',
      defaultDbPath(),
    )
    .option('--resume <id>', 'continue a demo stopped earlier (its id was shown when it stopped)')
    .option('--pace <ms>', 'milliseconds between events on screen', integerOption('--pace', { min: 0, max: 10_000 }), 250)
    .addHelpText(
      'after',
      '\nAs the doctor, type a question, "order <test>, <test>", "refer <department> <reason>" or "dx <diagnosis>" (then confidence, differential, evidence by fact number, plan). Esc stops; resume later with --resume <id>.',
    )
    .action(async (flags: DemoFlags) => {
      const play = (flags.play ?? 'none') as DemoRole;
      if (!roles.includes(play)) throw new InputError('--play', 'value', `doctor or patient (got "${flags.play}")`);
      const terminal = process.stdin.isTTY === true && process.stdout.isTTY === true;
      if (play !== 'none' && !terminal)
        throw new HospitalError(
          'demo --play needs an interactive terminal (stdin and stdout); without --play it prints the journey as plain text',
          2,
        );
      const db = openDatabase(flags.db);
      const store = new RunStore(db);
      try {
        const set = loadScenarios([]);
        const models: RoleModels = { ...allBuiltin, triage: flags.doctor, specialist: flags.doctor, followUp: flags.doctor };
        const runtime = usesModels(models) ? await modelRuntimeFor(models, {}, db, flags.seed) : undefined;
        const deps: DemoDeps = {
          store,
          score: scoreJourney,
          checkpointer: SqliteSaver.fromConnString(flags.db),
          set,
          options: { facility: 'tertiary', maxTurns: 20, maxReferrals: 1 },
          agentsFor: (roleModels) => createHospitalAgents(roleModels, set, runtime),
        };
        const session = flags.resume
          ? await DemoSession.resume(deps, flags.resume)
          : DemoSession.create(deps, { scenarioId: flags.scenario, seed: flags.seed, play, doctor: flags.doctor });
        const resumeHint = `hospital demo --resume ${session.id}${flags.db === defaultDbPath() ? '' : ` --db ${flags.db}`}`;
        if (!terminal) {
          await printDemo(session);
          return;
        }
        const restore = enterAlternateScreen(process.stdout);
        let ended = 'paused' as 'finished' | 'paused';
        let last: DemoUpdate | undefined;
        try {
          const driver = {
            id: session.id,
            advance: async (reply?: unknown, onEvents?: (events: JourneyEvent[]) => void) =>
              (last = await session.advance(reply, onEvents)),
          };
          const app = render(
            createElement(DemoApp, { driver, play: session.settings.play, resumeHint, paceMs: flags.pace, onExit: (how) => (ended = how) }),
            { exitOnCtrlC: false, patchConsole: false },
          );
          await app.waitUntilExit();
        } finally {
          restore();
        }
        if (ended === 'finished' && last?.outcome) {
          const { outcome } = last;
          process.stdout.write(
            `Demo ${session.id} finished: recorded as journey ${outcome.idx} of run "${outcome.run.name}" (hospital replay ${outcome.run.name} --patient ${outcome.idx}).\n`,
          );
          process.stdout.write(comparisonText(last));
        } else {
          process.stdout.write(`Demo ${session.id} stopped. Resume it with: ${resumeHint}\n`);
        }
      } finally {
        db.close();
      }
    });
}

/** Without a terminal (and without --play), the journey is printed as it happens. */
async function printDemo(session: DemoSession): Promise<void> {
  let printed = 0;
  const print = (events: JourneyEvent[]): void => {
    for (const event of events.slice(printed))
      process.stdout.write(
        `${simTime(event.t).padEnd(10)} ${(actorStyle[event.actor]?.label ?? event.actor).padEnd(9)} ${eventText(event)}\n`,
      );
    printed = Math.max(printed, events.length);
  };
  const update = await session.advance(undefined, print);
  print(update.events);
  if (update.outcome) process.stdout.write(comparisonText(update));
}

function comparisonText(update: DemoUpdate): string {
  const outcome = update.outcome;
  if (!outcome) return '';
  const lines = [`True diagnosis: ${outcome.patient.truth.diagnosis}`, `${''.padEnd(22)}${'this journey'.padEnd(34)}built-in doctor`];
  lines.push(
    `${'Diagnosis'.padEnd(22)}${(outcome.person.result.report?.diagnosis ?? 'none').slice(0, 32).padEnd(34)}${outcome.builtin.result.report?.diagnosis ?? 'none'}`,
  );
  for (const metric of comparedMetrics) {
    const mine = outcome.person.scores.find((score) => score.metric === metric);
    const theirs = outcome.builtin.scores.find((score) => score.metric === metric);
    lines.push(
      `${scoreLabel(metric).padEnd(22)}${(mine ? formatScore(mine).text : '—').padEnd(34)}${theirs ? formatScore(theirs).text : '—'}`,
    );
  }
  return lines.join('\n') + '\n';
}
