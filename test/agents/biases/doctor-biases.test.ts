import { beforeAll, describe, expect, it } from 'vitest';
import { BiasedBuiltinSpecialist } from '../../../agents/biases/biased-specialist.js';
import { doctorBiasNames, parseDoctorBiases, type DoctorBias } from '../../../agents/biases/catalogue.js';
import { biasedPosterior } from '../../../agents/biases/doctor-biases.js';
import { chartEvidence } from '../../../agents/builtin/chart-evidence.js';
import { KnowledgeBase } from '../../../agents/builtin/knowledge-base.js';
import { posterior, topDisease } from '../../../agents/builtin/posterior.js';
import { allBuiltin, createHospitalAgents } from '../../../agents/index.js';
import type { HospitalAgents } from '../../../agents/roles.js';
import type { Chart } from '../../../domain/chart.js';
import { patientFor } from '../../../environment/engine.js';
import { buildHospitalGraph, runJourney } from '../../../environment/hospital-graph.js';
import type { JourneyResult } from '../../../domain/journey.js';
import type { HospitalDeps, JourneyOptions } from '../../../environment/journey-state.js';
import { WardMemory } from '../../../environment/ward-memory.js';
import type { ScenarioSet } from '../../../scenarios/loader.js';
import { loadLibrary } from '../builtin/library.js';

let set: ScenarioSet;
let kb: KnowledgeBase;
const options: JourneyOptions = { facility: 'tertiary', maxTurns: 20, maxReferrals: 1 };
const seed = 11;

beforeAll(() => {
  set = loadLibrary();
  kb = KnowledgeBase.fromScenarios(set.scenarios, set.catalogue);
});

/** Journey of patient slot `index` (seed 11), with the specialist biased or not, and the specialist's last chart. */
async function journey(index: number, biases: DoctorBias[]): Promise<{ result: JourneyResult; chart: Chart }> {
  const memory = biases.includes('availability') ? new WardMemory(set, seed, undefined, options) : undefined;
  const agents = createHospitalAgents(allBuiltin, set, undefined, {
    biases: { doctorBiases: biases, patientBehaviours: [] },
    recentDiagnoses: memory,
  });
  let chart: Chart | undefined;
  const spied: HospitalAgents = {
    ...agents,
    specialist: { consult: (c, ctx) => ((chart = structuredClone(c)), agents.specialist.consult(c, ctx)) },
  };
  const deps: HospitalDeps = { agents: spied, catalogue: set.catalogue, options };
  const result = await runJourney(buildHospitalGraph(deps), patientFor(set, seed, index), 0, deps);
  return { result, chart: chart as Chart };
}

const doctorTurns = (result: JourneyResult): string[] =>
  result.events.filter((event) => event.actor === 'doctor').map((event) => `${event.type}:${event.text}`);

function beliefs(chart: Chart, bias: DoctorBias, recentDiagnoses: string[] = []): { unbiased: Float64Array; biased: Float64Array } {
  const evidence = chartEvidence(kb, chart);
  const unbiased = posterior(kb, evidence.observations, chart.demographics, evidence.absentGroups);
  return { unbiased, biased: biasedPosterior(kb, [bias], { recentDiagnoses }, unbiased, evidence, chart) };
}

/** Expected log-likelihood of one charted fact under a belief: higher means the belief leans towards diseases that explain it. */
function lean(belief: Float64Array, factId: string, present: boolean): number {
  const f = kb.findingIndex.get(factId) ?? -1;
  const column = present ? kb.likelihood.logPresent : kb.likelihood.logAbsent;
  let sum = 0;
  for (let d = 0; d < belief.length; d++) sum += belief[d] * column[f * belief.length + d];
  return sum;
}

describe('doctor biases: the built-in specialist on the same patients, with and without', () => {
  it('parses comma lists and rejects unknown names with the valid ones listed', () => {
    expect(parseDoctorBiases('confirmation, anchoring')).toEqual(['anchoring', 'confirmation']);
    expect(() => parseDoctorBiases('anchoring,tunnel-vision')).toThrow(
      /--doctor-bias: tunnel-vision: unknown; expected one or more of: anchoring, confirmation/,
    );
  });

  it('every bias changes some journey among the first patients of the batch, and replays identically', async () => {
    const baseline: JourneyResult[] = [];
    for (let index = 0; index < 24; index++) baseline.push((await journey(index, [])).result);
    for (const bias of doctorBiasNames) {
      let changedAt = -1;
      for (let index = 0; index < baseline.length && changedAt < 0; index++) {
        const biased = await journey(index, [bias]);
        if (JSON.stringify(doctorTurns(biased.result)) !== JSON.stringify(doctorTurns(baseline[index]))) changedAt = index;
      }
      expect(changedAt, `${bias} changed no journey`).toBeGreaterThanOrEqual(0);
    }
    const again = await journey(3, ['anchoring', 'confirmation']);
    const first = await journey(3, ['anchoring', 'confirmation']);
    expect(JSON.stringify(again.result)).toBe(JSON.stringify(first.result));
  }, 240_000);

  it('anchoring over-weights the first finding, recency the last', async () => {
    const { chart } = await journey(2, []);
    const first = chart.revealed.find((fact) => fact.source !== 'triage' && fact.present && kb.findingIndex.has(fact.factId))!;
    const anchored = beliefs(chart, 'anchoring');
    expect(lean(anchored.biased, first.factId, true)).toBeGreaterThan(lean(anchored.unbiased, first.factId, true));
    const latest = chart.revealed.filter((fact) => fact.source !== 'triage' && kb.findingIndex.has(fact.factId)).at(-1)!;
    const recent = beliefs(chart, 'recency');
    expect(lean(recent.biased, latest.factId, latest.present)).toBeGreaterThan(lean(recent.unbiased, latest.factId, latest.present));
  });

  it('confirmation bias keeps the leading diagnosis more probable than the evidence allows', async () => {
    let raised = 0;
    for (const index of [0, 1, 2, 3]) {
      const { chart } = await journey(index, []);
      const { unbiased, biased } = beliefs(chart, 'confirmation');
      const leader = topDisease(kb, unbiased);
      expect(biased[leader]).toBeGreaterThanOrEqual(unbiased[leader] - 1e-9);
      if (biased[leader] > unbiased[leader] + 1e-6) raised++;
    }
    expect(raised).toBeGreaterThan(0);
  });

  it('availability boosts the diseases diagnosed on the previous patients of the run', async () => {
    const { chart } = await journey(6, []);
    const name = kb.diseases[5].name;
    const { unbiased, biased } = beliefs(chart, 'availability', [name, name]);
    const odds = (p: Float64Array, d: number): number => p[d] / (1 - p[d]);
    expect(odds(biased, 5) / odds(unbiased, 5)).toBeGreaterThan(3.5);
    // The memory is the unbiased doctor's diagnoses of slots index-5 … index-1, whatever order journeys ran in.
    const memory = new WardMemory(set, seed, undefined, options);
    const previous = await Promise.all([1, 2, 3, 4, 5].map(async (index) => (await journey(index, [])).result.report?.diagnosis));
    expect(await memory.recent(6)).toEqual(previous);
    expect(await memory.recent(0)).toEqual([]);
  }, 60_000);

  it('premature closure diagnoses after fewer turns; overconfidence reports higher confidence', async () => {
    let shorter = 0;
    let surer = 0;
    for (const index of [0, 1, 2, 3, 4, 5]) {
      const base = await journey(index, []);
      const closed = await journey(index, ['premature-closure']);
      const over = await journey(index, ['overconfidence']);
      expect(closed.result.events.length).toBeLessThanOrEqual(base.result.events.length);
      if (closed.result.events.length < base.result.events.length) shorter++;
      const { unbiased, biased } = beliefs(base.chart, 'overconfidence');
      expect(Math.max(...biased)).toBeGreaterThanOrEqual(Math.max(...unbiased));
      if ((over.result.report?.confidence ?? 0) > (base.result.report?.confidence ?? 0)) surer++;
    }
    expect(shorter).toBeGreaterThan(0);
    expect(surer).toBeGreaterThan(0);
  }, 60_000);

  it('base-rate neglect lifts rare diseases; the gender bias lowers cardiac diseases in women only', async () => {
    const { chart } = await journey(1, []);
    const rarest = kb.diseases.reduce((best, disease) => (disease.prevalence < best.prevalence ? disease : best)).index;
    const commonest = kb.diseases.reduce((best, disease) => (disease.prevalence > best.prevalence ? disease : best)).index;
    const neglect = beliefs(chart, 'base-rate-neglect');
    expect(neglect.biased[rarest] / neglect.biased[commonest]).toBeGreaterThan(neglect.unbiased[rarest] / neglect.unbiased[commonest]);
    const cardiac = (p: Float64Array): number =>
      kb.diseases.filter((d) => d.department === 'cardiology').reduce((sum, d) => sum + p[d.index], 0);
    const woman = beliefs({ ...chart, demographics: { ...chart.demographics, sex: 'female' } }, 'gender');
    expect(cardiac(woman.biased)).toBeLessThan(cardiac(woman.unbiased));
    const man = beliefs({ ...chart, demographics: { ...chart.demographics, sex: 'male' } }, 'gender');
    expect(cardiac(man.biased)).toBeCloseTo(cardiac(man.unbiased), 12);
  });

  it('the biased specialist without availability memory never reads earlier patients', async () => {
    const specialist = new BiasedBuiltinSpecialist(kb, ['availability']);
    const { chart } = await journey(2, []);
    const action = await specialist.consult(
      { ...chart, turn: chart.maxTurns - 1 },
      { rng: undefined as never, sample: 0, journeyKey: 'k', patientIndex: 2 },
    );
    expect(action.kind).toBe('diagnose');
  });
});
