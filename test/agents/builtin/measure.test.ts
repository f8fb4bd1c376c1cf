import { describe, expect, it } from 'vitest';
import { createBuiltinAgents } from '../../../agents/builtin/index.js';
import type { FacilityLevel } from '../../../scenarios/schema.js';
import { generateCase, pickScenario } from '../../../scenarios/generator.js';
import { runConsultation } from './consultation-loop.js';
import { loadLibrary } from './library.js';

/**
 * Accuracy and speed of the built-in agents on the library, for the record rather than as a
 * gate: `BUILTIN_MEASURE=1 npx vitest run test/agents/builtin/measure.test.ts` (optionally with
 * BUILTIN_FACILITY, BUILTIN_TURNS, BUILTIN_PATIENTS, and BUILTIN_COMPLAINT_TEXT_ONLY to chart the
 * complaint as words only, without its fact ids).
 */
describe.skipIf(!process.env.BUILTIN_MEASURE)('built-in agents on the library', () => {
  it('measures top-1 accuracy, turns, tests and CPU time per journey', async () => {
    const set = loadLibrary();
    const agents = createBuiltinAgents(set);
    const facility = (process.env.BUILTIN_FACILITY ?? 'tertiary') as FacilityLevel;
    const maxTurns = Number(process.env.BUILTIN_TURNS ?? 20);
    const patients = Number(process.env.BUILTIN_PATIENTS ?? 1000);
    const cases = Array.from({ length: patients }, (_, i) => generateCase(pickScenario(set.scenarios, 1 + (i % 3), i), 1 + (i % 3), i));
    let correct = 0;
    let turns = 0;
    let tests = 0;
    let cost = 0;
    let department = 0;
    let acuity = 0;
    const misses = new Map<string, number>();
    const start = process.cpuUsage().user;
    for (const patient of cases) {
      const { chart, report } = await runConsultation(agents, patient, {
        facility,
        maxTurns,
        complaintFacts: !process.env.BUILTIN_COMPLAINT_TEXT_ONLY,
      });
      if (report.diagnosis === patient.truth.diagnosis) correct++;
      else misses.set(`${patient.scenarioId} → ${report.diagnosis}`, (misses.get(`${patient.scenarioId} → ${report.diagnosis}`) ?? 0) + 1);
      turns += chart.turn;
      tests += chart.orders.length;
      cost += chart.orders.reduce((sum, order) => sum + order.cost, 0);
      if (chart.referrals.length === 0 && chart.department === patient.truth.department) department++;
      if (chart.acuity === patient.truth.acuity) acuity++;
    }
    const cpuMs = (process.cpuUsage().user - start) / 1000;
    const n = cases.length;
    console.log(
      `${set.scenarios.length} scenarios, ${n} patients at ${facility}, budget ${maxTurns} turns: top-1 ${(correct / n).toFixed(3)}, ` +
        `turns ${(turns / n).toFixed(1)}, tests ${(tests / n).toFixed(1)}, cost $${(cost / n).toFixed(0)}, triage department ${(department / n).toFixed(3)}, ` +
        `acuity ${(acuity / n).toFixed(3)}, ${(cpuMs / n).toFixed(3)} ms CPU per journey (loop, patient and examiner included)`,
    );
    console.log(
      [...misses.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 20)
        .map(([miss, count]) => `${count} × ${miss}`)
        .join('\n'),
    );
    expect(correct / n).toBeGreaterThanOrEqual(0.6);
  });
});
