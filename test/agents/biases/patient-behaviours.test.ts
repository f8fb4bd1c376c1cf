import { beforeAll, describe, expect, it } from 'vitest';
import { parsePatientBehaviours, patientBehaviourNames, type PatientBehaviour } from '../../../agents/biases/catalogue.js';
import { BehavingPatient, inThirdPerson } from '../../../agents/biases/patient-behaviours.js';
import { BuiltinPatient } from '../../../agents/builtin/patient.js';
import { allBuiltin, createHospitalAgents } from '../../../agents/index.js';
import type { AgentContext, HospitalAgents, PatientAnswer } from '../../../agents/roles.js';
import { newChart, type Chart } from '../../../domain/chart.js';
import { patientFor } from '../../../environment/engine.js';
import { buildHospitalGraph, runJourney } from '../../../environment/hospital-graph.js';
import type { HospitalDeps } from '../../../environment/journey-state.js';
import { Rng } from '../../../domain/random.js';
import { generateCase } from '../../../scenarios/generator.js';
import type { ScenarioSet } from '../../../scenarios/loader.js';
import type { Fact, PatientCase } from '../../../domain/patient-case.js';
import { loadLibrary } from '../builtin/library.js';

let set: ScenarioSet;
beforeAll(() => {
  set = loadLibrary();
});

const plain = new BuiltinPatient();
const ctx = (): AgentContext => ({ rng: new Rng(5), sample: 0, journeyKey: 'k', patientIndex: 0 });

/** A patient of the scenario (the first seed from 1 up that satisfies `wanted`). */
function patientOf(scenarioId: string, wanted: (patient: PatientCase) => boolean): PatientCase {
  const scenario = set.scenarios.find((s) => s.id === scenarioId)!;
  for (let seed = 1; seed < 200; seed++) {
    const patient = generateCase(scenario, seed, 0);
    if (wanted(patient)) return patient;
  }
  throw new Error(`no ${scenarioId} patient fits`);
}

/** A chart on which the doctor has asked these questions (the last one being asked now). */
function chartAsking(patient: PatientCase, questions: string[]): Chart {
  const chart = newChart({
    caseId: patient.caseId,
    facility: 'tertiary',
    demographics: patient.demographics,
    complaint: patient.complaint.text,
    maxTurns: 20,
  });
  for (const question of questions) chart.conversation.push({ role: 'doctor', text: question });
  return chart;
}

async function ask(behaviours: PatientBehaviour[], patient: PatientCase, questions: string[]): Promise<PatientAnswer> {
  const agent = behaviours.length > 0 ? new BehavingPatient(plain, behaviours) : plain;
  return agent.answer(questions.at(-1)!, patient, chartAsking(patient, questions), ctx());
}

const has = (patient: PatientCase, id: string, present: boolean): boolean =>
  patient.facts.some((fact) => fact.id === id && fact.present === present);
const question = (fact: Fact): string => `Have you had any ${fact.ask[0] ?? fact.label}?`;
const fact = (patient: PatientCase, id: string): Fact => patient.facts.find((f) => f.id === id)!;

describe('patient behaviours: the built-in patient, same patient and questions, with and without', () => {
  it('parses comma lists and rejects unknown names with the valid ones listed', () => {
    expect(parsePatientBehaviours('anxious,withholding')).toEqual(['withholding', 'anxious']);
    expect(() => parsePatientBehaviours('shy')).toThrow(/--patient-bias: shy: unknown; expected one or more of: withholding, exaggerating/);
  });

  it('withholding: a present fact is told only when asked about a second time', async () => {
    const patient = patientOf('acute-limb-ischaemia', (p) => has(p, 'smoker', true));
    const q = 'Do you smoke?';
    expect((await ask([], patient, [q])).factIds).toContain('smoker');
    const first = await ask(['withholding'], patient, [q]);
    expect(first.factIds).not.toContain('smoker');
    expect(first.text).not.toMatch(/smoked/);
    const second = await ask(['withholding'], patient, [q, 'Any chest pain?', q]);
    expect(second.factIds).toContain('smoker');
  });

  it('exaggerating: present symptoms reported as severe, and some absent symptoms claimed (charted as present)', async () => {
    const patient = patientOf('acute-heart-failure', (p) => has(p, 'dyspnoea', true));
    const told = await ask(['exaggerating'], patient, [question(fact(patient, 'dyspnoea'))]);
    expect(told.text).toMatch(/terrible|worst/);
    expect((await ask([], patient, [question(fact(patient, 'dyspnoea'))])).text).not.toMatch(/terrible|worst/);
    const absent = patient.facts.filter((f) => f.source === 'patient' && f.kind === 'symptom' && !f.present);
    const claims: string[] = [];
    for (const symptom of absent) {
      const answer = await ask(['exaggerating'], patient, [question(symptom)]);
      if (answer.statedPresence?.[symptom.id] === true) claims.push(symptom.id);
      expect((await ask([], patient, [question(symptom)])).statedPresence).toBeUndefined();
    }
    expect(absent.length).toBeGreaterThan(0);
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.length).toBeLessThan(absent.length + 1);
  });

  it('minimising: a mild present symptom is denied at first and admitted when asked again', async () => {
    const patient = patientOf('acute-heart-failure', (p) =>
      p.facts.some((f) => f.source === 'patient' && f.kind === 'symptom' && f.present && !f.key && !p.complaint.factIds.includes(f.id)),
    );
    const mild = patient.facts.find(
      (f) => f.source === 'patient' && f.kind === 'symptom' && f.present && !f.key && !patient.complaint.factIds.includes(f.id),
    )!;
    expect((await ask([], patient, [question(mild)])).factIds).toContain(mild.id);
    const first = await ask(['minimising'], patient, [question(mild)]);
    expect(first.factIds).not.toContain(mild.id);
    expect(first.text).toMatch(/not really/i);
    expect((await ask(['minimising'], patient, [question(mild), question(mild)])).factIds).toContain(mild.id);
  });

  it('anxious: worried talk and symptoms volunteered that were not asked about', async () => {
    const patient = patientOf(
      'acute-heart-failure',
      (p) => p.facts.filter((f) => f.source === 'patient' && f.kind === 'symptom' && f.present).length >= 3,
    );
    const q = 'Do you smoke?';
    const calm = await ask([], patient, [q]);
    const anxious = await ask(['anxious'], patient, [q]);
    expect(anxious.text).toMatch(/worried|anxious|worst|serious|dangerous/i);
    expect(anxious.factIds.length).toBeGreaterThan(calm.factIds.length);
    const volunteered = anxious.factIds.filter((id) => !calm.factIds.includes(id));
    for (const id of volunteered) expect(fact(patient, id).present).toBe(true);
  });

  it('low health literacy: does not recognise "dyspnoea" but answers to "short of breath"', async () => {
    const patient = patientOf('acute-heart-failure', (p) => has(p, 'dyspnoea', true));
    const medical = 'Have you had any dyspnoea?';
    expect((await ask([], patient, [medical])).factIds).toContain('dyspnoea');
    const puzzled = await ask(['low-literacy'], patient, [medical]);
    expect(puzzled.factIds).toEqual([]);
    expect(puzzled.text).toMatch(/don't know what "dyspnoea" means/);
    const lay = await ask(['low-literacy'], patient, ['Have you been short of breath?']);
    expect(lay.factIds).toContain('dyspnoea');
  });

  it('relative: answers in the third person and does not know private history', async () => {
    const patient = patientOf('acute-limb-ischaemia', (p) => has(p, 'smoker', true) && p.demographics.sex === 'female');
    const smoking = await ask(['relative'], patient, ['Do you smoke?']);
    expect(smoking.factIds).not.toContain('smoker');
    expect(smoking.text).toMatch(/^\(Their relative answers\.\)/);
    const symptom = patient.facts.find((f) => f.source === 'patient' && f.kind === 'symptom' && f.present && f.says)!;
    const answer = await ask(['relative'], patient, [question(symptom)]);
    expect(answer.factIds).toContain(symptom.id);
    expect(answer.text).not.toMatch(/\b(I|my|me)\b/);
    expect(inThirdPerson("I've had pain in my leg and it keeps me awake.", 'female')).toBe(
      "She's had pain in her leg and it keeps her awake.",
    );
  });

  it('every behaviour changes what the doctor hears on some journey of the batch, and replays identically', async () => {
    const journeyOf = async (behaviours: PatientBehaviour[], index: number) => {
      const agents: HospitalAgents = createHospitalAgents(allBuiltin, set, undefined, {
        biases: { doctorBiases: [], patientBehaviours: behaviours },
      });
      // The built-in doctor asks in plain words; so that low health literacy can show, it speaks in jargon here (in every arm).
      const jargon: HospitalAgents = { ...agents, specialist: jargonSpeaking(agents) };
      const deps: HospitalDeps = {
        agents: jargon,
        catalogue: set.catalogue,
        options: { facility: 'tertiary', maxTurns: 20, maxReferrals: 1 },
      };
      return runJourney(buildHospitalGraph(deps), patientFor(set, 4, index), 0, deps);
    };
    const answers = (result: Awaited<ReturnType<typeof journeyOf>>): string =>
      JSON.stringify(result.events.filter((e) => e.actor === 'patient').map((e) => [e.text, e.factIds]));
    const baseline = await Promise.all([0, 1, 2, 3, 4, 5].map((index) => journeyOf([], index)));
    for (const behaviour of patientBehaviourNames) {
      let changed = false;
      for (let index = 0; index < baseline.length && !changed; index++)
        changed = answers(await journeyOf([behaviour], index)) !== answers(baseline[index]);
      expect(changed, `${behaviour} changed no journey`).toBe(true);
    }
    expect(JSON.stringify(await journeyOf(['anxious', 'exaggerating'], 2))).toBe(
      JSON.stringify(await journeyOf(['anxious', 'exaggerating'], 2)),
    );
  }, 120_000);
});

/** The built-in specialist, with its questions put in medical terms ("short of breath" → "dyspnoea"). */
function jargonSpeaking(agents: HospitalAgents): HospitalAgents['specialist'] {
  const jargon: [RegExp, string][] = [
    [/short of breath|shortness of breath|breathless(ness)?/gi, 'dyspnoea'],
    [/coughing up blood/gi, 'haemoptysis'],
    [/faint(ing|ed)?|pass(ed|ing)? out|blackouts?/gi, 'syncope'],
    [/\bfever\b|temperature/gi, 'pyrexia'],
    [/racing heart|heart racing|pounding heart|fluttering/gi, 'palpitations'],
    [/swollen (ankles|legs)|ankle swelling|swelling/gi, 'oedema'],
    [/being sick|vomiting/gi, 'emesis'],
  ];
  return {
    consult: async (chart, c) => {
      const action = await agents.specialist.consult(chart, c);
      if (action.kind !== 'ask') return action;
      return { ...action, question: jargon.reduce((text, [pattern, term]) => text.replace(pattern, term), action.question) };
    },
  };
}
