import { describe, expect, it } from 'vitest';
import { createBuiltinAgents } from '../../agents/builtin/index.js';
import type { HospitalAgents } from '../../agents/roles.js';
import type { Chart } from '../../domain/chart.js';
import { buildHospitalGraph, runJourney } from '../../environment/hospital-graph.js';
import type { HospitalDeps } from '../../environment/journey-state.js';
import { generateCase } from '../../scenarios/generator.js';
import { diagnosisTermMatcher } from '../../scenarios/leaks.js';
import { loadScenarioFiles } from '../../scenarios/loader.js';

/**
 * What a doctor reads, less what the doctor itself wrote: its questions, its referral reasons, and
 * the names of the tests it chose to order (a test may be named after a disease — "coeliac
 * serology" — and ordering it is the doctor's own idea; the result it gets back is checked).
 */
function doctorVisible(chart: Chart): string {
  let text = JSON.stringify({
    ...chart,
    conversation: chart.conversation.filter((turn) => turn.role !== 'doctor'),
    asked: [],
    orders: [],
    referrals: chart.referrals.map(({ from, to }) => ({ from, to })),
  });
  for (const order of chart.orders) text = text.split(order.name).join('<ordered test>').split(order.testId).join('<ordered test>');
  return text;
}

/** Patients per scenario: 40 in `npm test`; `HOSPITAL_LEAK_SEEDS=100` runs the wider sweep. */
const seeds = Number(process.env.HOSPITAL_LEAK_SEEDS ?? 40);

describe('the correct diagnosis never reaches a doctor', () => {
  it(`holds for every scenario × ${seeds} seeds, across triage, specialist and follow-up inputs`, async () => {
    const set = loadScenarioFiles();
    const inputs: string[] = [];
    const builtin = createBuiltinAgents(set);
    const spied: HospitalAgents = {
      ...builtin,
      triage: { triage: (chart, ctx) => (inputs.push(doctorVisible(chart)), builtin.triage.triage(chart, ctx)) },
      specialist: { consult: (chart, ctx) => (inputs.push(doctorVisible(chart)), builtin.specialist.consult(chart, ctx)) },
      followUp: {
        followUp: (chart, report, observation, ctx) => (
          inputs.push(doctorVisible(chart) + JSON.stringify(observation)),
          builtin.followUp.followUp(chart, report, observation, ctx)
        ),
      },
    };
    const deps: HospitalDeps = {
      agents: spied,
      catalogue: set.catalogue,
      options: { facility: 'tertiary', maxTurns: 20, maxReferrals: 1 },
    };
    const graph = buildHospitalGraph(deps);
    let checked = 0;
    for (const scenario of set.scenarios) {
      const leaks = diagnosisTermMatcher([scenario.diagnosis.name, ...scenario.diagnosis.synonyms, scenario.diagnosis.icd10]);
      for (let seed = 1; seed <= seeds; seed++) {
        inputs.length = 0;
        const patient = generateCase(scenario, seed, 0);
        const journey = await runJourney(graph, patient, 0, deps);
        expect(journey.status, journey.reason).toBe('completed');
        for (const input of inputs) {
          const term = leaks(input);
          if (term) throw new Error(`${scenario.id} seed ${seed}: "${term}" reached a doctor: ${input.slice(0, 300)}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(set.scenarios.length * seeds * 3);
  }, 600_000);
});
