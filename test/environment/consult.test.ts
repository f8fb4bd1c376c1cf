import { beforeAll, describe, expect, it } from 'vitest';
import { BuiltinChief, BuiltinConsultant } from '../../agents/builtin/consultant.js';
import { KnowledgeBase } from '../../agents/builtin/knowledge-base.js';
import { allBuiltin, createHospitalAgents } from '../../agents/index.js';
import { AgentFailure, type AgentContext, type HospitalAgents } from '../../agents/roles.js';
import type { Chart } from '../../domain/chart.js';
import { buildHospitalGraph, runJourney } from '../../environment/hospital-graph.js';
import { isEvent, type DiagnosisReport, type JourneyResult } from '../../domain/journey.js';
import type { ConsultSettings, HospitalDeps } from '../../environment/journey-state.js';
import { Rng } from '../../domain/random.js';
import { generateCase } from '../../scenarios/generator.js';
import { diagnosisTermMatcher } from '../../scenarios/leaks.js';
import type { ScenarioSet } from '../../scenarios/loader.js';
import { loadLibrary } from '../agents/builtin/library.js';

let set: ScenarioSet;
beforeAll(() => {
  set = loadLibrary();
});

const settings = (mode: ConsultSettings['mode'], threshold = 0.6): ConsultSettings => ({ mode, threshold, maxConsultants: 3 });

function depsWith(agents: HospitalAgents, consult?: ConsultSettings): HospitalDeps {
  return {
    agents,
    catalogue: set.catalogue,
    options: { facility: 'tertiary', maxTurns: 20, maxReferrals: 1, ...(consult ? { consult } : {}) },
  };
}

async function journey(
  agents: HospitalAgents,
  consult: ConsultSettings | undefined,
  scenarioIndex: number,
  seed: number,
): Promise<JourneyResult> {
  const deps = depsWith(agents, consult);
  return runJourney(buildHospitalGraph(deps), generateCase(set.scenarios[scenarioIndex], seed, 0), 0, deps);
}

const consultEvents = (result: JourneyResult, actor: string) =>
  result.events.filter((event) => isEvent(event, 'consult')).filter((event) => event.actor === actor);

describe('multidisciplinary consult', () => {
  it('with --consult always, every journey records each consultant opinion and the chief merge before the diagnosis', async () => {
    const agents = createHospitalAgents(allBuiltin, set, undefined, { consult: true });
    for (let s = 0; s < 4; s++) {
      const result = await journey(agents, settings('always'), s * 7, 3);
      expect(result.status, result.reason).toBe('completed');
      const [request] = consultEvents(result, 'doctor');
      const opinions = consultEvents(result, 'consultant');
      const [chief] = consultEvents(result, 'chief');
      const requested = request.data?.requested as string[];
      expect(requested.length).toBeGreaterThanOrEqual(1);
      expect(requested).not.toContain(result.department);
      expect(opinions.map((event) => event.data?.department)).toEqual(requested);
      for (const opinion of opinions) expect((opinion.data?.report as DiagnosisReport).diagnosis).toBeTruthy();
      const { before, after, changed } = chief.data as { before: { diagnosis: string }; after: { diagnosis: string }; changed: boolean };
      expect(changed).toBe(before.diagnosis !== after.diagnosis);
      expect(result.report?.diagnosis).toBe(after.diagnosis);
      const diagnose = result.events.find((event) => event.type === 'diagnose');
      expect(diagnose && diagnose.seq > chief.seq).toBe(true);
      expect(result.events.map((event) => event.seq)).toEqual(result.events.map((_, i) => i));
    }
  });

  it('is off by default: the journey is exactly what it was without consult roles', async () => {
    const plain = createHospitalAgents(allBuiltin, set);
    const withRoles = createHospitalAgents(allBuiltin, set, undefined, { consult: true });
    const before = await journey(plain, undefined, 3, 5);
    const never = await journey(withRoles, settings('never'), 3, 5);
    expect(JSON.stringify(never)).toBe(JSON.stringify(before));
    expect(before.events.some((event) => event.type === 'consult')).toBe(false);
  });

  it('auto consults only below the threshold', async () => {
    const agents = createHospitalAgents(allBuiltin, set, undefined, { consult: true });
    const above = await journey(agents, settings('auto', 0), 5, 2);
    const below = await journey(agents, settings('auto', 1.01), 5, 2);
    expect(consultEvents(above, 'chief')).toHaveLength(0);
    expect(consultEvents(below, 'chief')).toHaveLength(1);
  });

  it('a failing consultant gives no opinion, with its reason, and the journey still completes', async () => {
    const agents = createHospitalAgents(allBuiltin, set, undefined, { consult: true });
    const normal = await journey(agents, settings('always'), 0, 1);
    const requested = consultEvents(normal, 'doctor')[0].data?.requested as string[];
    const failing: HospitalAgents = {
      ...agents,
      consultant: {
        review: async (chart, department, working, ctx) => {
          if (department === requested[0]) throw new AgentFailure('consultant', 'model timed out');
          return agents.consultant!.review(chart, department, working, ctx);
        },
      },
    };
    const result = await journey(failing, settings('always'), 0, 1);
    expect(result.status, result.reason).toBe('completed');
    const opinions = consultEvents(result, 'consultant');
    expect(opinions).toHaveLength(requested.length);
    expect(opinions[0].data?.error).toMatch(/model timed out/);
    expect(opinions[0].data?.report).toBeUndefined();
    expect(consultEvents(result, 'chief')[0].data?.departments).toEqual(requested.slice(1));
  });

  it('consultants and the chief get the chart and the doctors’ reports, never the correct diagnosis', async () => {
    const agents = createHospitalAgents(allBuiltin, set, undefined, { consult: true });
    const inputs: string[] = [];
    // Less what the doctors chose themselves: their questions, and the names of the tests they ordered (e.g. "dengue-test").
    const visible = (chart: Chart): string =>
      JSON.stringify({
        ...chart,
        conversation: chart.conversation.filter((turn) => turn.role === 'patient' || turn.role === 'nurse'),
        revealed: chart.revealed.map((fact) => ({ ...fact, factId: fact.source === 'test' ? '' : fact.factId })),
        orders: [],
        asked: [],
        referrals: [],
      });
    const spied: HospitalAgents = {
      ...agents,
      consultant: {
        review: (chart, department, working, ctx) => (
          inputs.push(visible(chart)),
          agents.consultant!.review(chart, department, working, ctx)
        ),
      },
      chief: {
        convene: (chart, working, max) => (inputs.push(visible(chart)), agents.chief!.convene(chart, working, max)),
        merge: (chart, working, opinions, ctx) => (inputs.push(visible(chart)), agents.chief!.merge(chart, working, opinions, ctx)),
      },
    };
    let checked = 0;
    for (let s = 0; s < set.scenarios.length; s += 5) {
      const scenario = set.scenarios[s];
      const leaks = diagnosisTermMatcher([scenario.diagnosis.name, ...scenario.diagnosis.synonyms, scenario.diagnosis.icd10]);
      for (const seed of [1, 2]) {
        inputs.length = 0;
        const result = await journey(spied, settings('always'), s, seed);
        expect(result.status, result.reason).toBe('completed');
        for (const input of inputs) {
          const term = leaks(input);
          if (term) throw new Error(`${scenario.id} seed ${seed}: "${term}" reached a consult: ${input.slice(0, 200)}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  }, 120_000);
});

describe('the built-in chief and consultants', () => {
  const ctx: AgentContext = { rng: new Rng(1), sample: 0, journeyKey: 'test' };
  const report = (diagnosis: string, differential: [string, number][]): DiagnosisReport => ({
    diagnosis,
    confidence: differential[0][1],
    differential: differential.map(([name, p]) => ({ name, p })),
    evidence: [],
    reasoning: `${diagnosis}.`,
    plan: `Treat ${diagnosis}.`,
    disclaimer: 'simulated',
  });

  it('merges differentials by weight: consultants who agree can outvote an unsure treating doctor', async () => {
    const chief = new BuiltinChief(KnowledgeBase.fromScenarios(set.scenarios, set.catalogue));
    const chart = {} as Chart;
    const working = report('Disease A', [
      ['Disease A', 0.45],
      ['Disease B', 0.4],
    ]);
    const agree = await chief.merge(
      chart,
      working,
      [
        {
          department: 'cardiology',
          report: report('Disease A', [
            ['Disease A', 0.7],
            ['Disease B', 0.3],
          ]),
        },
      ],
      ctx,
    );
    expect(agree.diagnosis).toBe('Disease A');
    const outvoted = await chief.merge(
      chart,
      working,
      [
        {
          department: 'cardiology',
          report: report('Disease B', [
            ['Disease B', 0.8],
            ['Disease A', 0.2],
          ]),
        },
        {
          department: 'respiratory',
          report: report('Disease B', [
            ['Disease B', 0.7],
            ['Disease A', 0.3],
          ]),
        },
      ],
      ctx,
    );
    expect(outvoted.diagnosis).toBe('Disease B');
    expect(outvoted.plan).toBe('Treat Disease B.');
    expect(outvoted.confidence).toBeCloseTo((1.5 * 0.4 + 0.8 + 0.7) / 3.5, 3);
    expect(outvoted.reasoning).toMatch(/revised the working diagnosis from Disease A to Disease B/);
  });

  it('a consultant leans towards its own department’s diseases on the same chart', async () => {
    const kb = KnowledgeBase.fromScenarios(set.scenarios, set.catalogue);
    const agents = createHospitalAgents(allBuiltin, set, undefined, { consult: true });
    const result = await journey(agents, settings('always'), 0, 1);
    const opinion = consultEvents(result, 'consultant')[0];
    const department = opinion.data?.department as string;
    const lean = (r: DiagnosisReport): number =>
      r.differential
        .filter((entry) => kb.diseases.find((disease) => disease.name === entry.name)?.department === department)
        .reduce((sum, entry) => sum + entry.p, 0);
    const neutral = new BuiltinConsultant(kb, 1);
    const leaning = new BuiltinConsultant(kb, 3);
    const chart = (await chartAfterConsultation(0, 1)) as Chart;
    const working = result.report as DiagnosisReport;
    const a = await neutral.review(chart, department as never, working, ctx);
    const b = await leaning.review(chart, department as never, working, ctx);
    expect(lean(b.report)).toBeGreaterThanOrEqual(lean(a.report));
  });
});

/** The chart as the consultation left it, captured from the specialist's last call. */
async function chartAfterConsultation(scenarioIndex: number, seed: number): Promise<Chart | undefined> {
  const agents = createHospitalAgents(allBuiltin, set);
  let last: Chart | undefined;
  const spied: HospitalAgents = {
    ...agents,
    specialist: { consult: (chart, c) => ((last = structuredClone(chart)), agents.specialist.consult(chart, c)) },
  };
  await journey(spied, undefined, scenarioIndex, seed);
  return last;
}
