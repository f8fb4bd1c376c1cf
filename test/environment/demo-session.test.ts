import { MemorySaver, type BaseCheckpointSaver } from '@langchain/langgraph';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHospitalAgents } from '../../agents/index.js';
import { diagnosisAction } from '../../agents/human/doctor-input.js';
import type { DoctorTurnRequest, PatientTurnRequest } from '../../agents/human/turn-requests.js';
import { DemoSession, type DemoDeps } from '../../environment/demo-session.js';
import { openDatabase } from '../../environment/records/database.js';
import { RunStore } from '../../environment/records/run-store.js';
import { loadScenarioSources } from '../../scenarios/sources.js';
import { tempDir } from '../helpers/temp.js';
import { scoreJourney } from '../../evaluation/scorers.js';

const set = loadScenarioSources([]);
const scenarioId = set.scenarios[0].id;
let temp: ReturnType<typeof tempDir>;

beforeAll(() => {
  temp = tempDir();
});
afterAll(() => temp.cleanup());

function deps(file: string, checkpointer: BaseCheckpointSaver = new MemorySaver()): DemoDeps {
  return {
    score: scoreJourney,
    store: new RunStore(openDatabase(file)),
    checkpointer,
    set,
    options: { facility: 'tertiary', maxTurns: 20, maxReferrals: 1 },
    agentsFor: (models) => createHospitalAgents(models, set),
  };
}

describe('DemoSession', () => {
  it('lets a person play the doctor turn by turn, records the journey and scores it next to the built-in doctor', async () => {
    const demo = deps(`${temp.dir}/doctor.db`);
    const session = DemoSession.create(demo, { scenarioId, seed: 4, play: 'doctor', doctor: 'builtin' });
    const seen: number[] = [];
    const first = await session.advance(undefined, (events) => seen.push(events.length));
    expect(first.prompt?.role).toBe('doctor');
    expect(first.events.map((event) => event.type)).toEqual(['arrive', 'triage', 'register']);
    expect(seen.length).toBeGreaterThan(0);
    const asked = await session.advance({ kind: 'ask', question: 'Do you have a fever?' });
    const chart = (asked.prompt as DoctorTurnRequest).chart;
    expect(chart.conversation.at(-2)).toEqual({ role: 'doctor', text: 'Do you have a fever?' });
    expect(chart.conversation.at(-1)?.role).toBe('patient');
    const ordered = await session.advance({ kind: 'order', tests: ['full blood count'] });
    expect((ordered.prompt as DoctorTurnRequest).chart.orders.length).toBeGreaterThan(0);
    const revealed = (ordered.prompt as DoctorTurnRequest).chart.revealed;
    const truth = session.patient.truth.diagnosis;
    const done = await session.advance(
      diagnosisAction({
        diagnosis: truth,
        confidence: 0.7,
        differential: 'something else 20',
        evidence: [{ factId: revealed[0].factId, text: revealed[0].text, supports: true }],
        plan: 'Treat.',
      }),
    );
    expect(done.prompt).toBeUndefined();
    const outcome = done.outcome!;
    expect(outcome.person.scores.find((score) => score.metric === 'top1')?.value).toBe(1);
    expect(outcome.builtin.result.status).toBe('completed');
    expect(outcome.run.name).toBe('demo');
    expect(done.events.map((event) => event.type)).toContain('discharge');
    const stored = demo.store.journey(outcome.run.id, outcome.idx);
    expect(stored?.diagnosis).toBe(truth);
    expect(demo.store.events(outcome.run.id, outcome.idx).filter((event) => event.type === 'ask')[0].text).toBe('Do you have a fever?');
    demo.store.db.close();
  });

  it('stops and resumes from the checkpoint in the records file', async () => {
    const file = `${temp.dir}/resume.db`;
    const first = deps(file, SqliteSaver.fromConnString(file));
    const session = DemoSession.create(first, { scenarioId, seed: 9, play: 'doctor', doctor: 'builtin' });
    await session.advance();
    await session.advance({ kind: 'ask', question: 'Any cough?' });
    first.store.db.close();

    const later = deps(file, SqliteSaver.fromConnString(file));
    const resumed = await DemoSession.resume(later, session.id);
    expect(resumed.settings.play).toBe('doctor');
    const where = await resumed.advance();
    expect((where.prompt as DoctorTurnRequest).chart.conversation.some((turn) => turn.text === 'Any cough?')).toBe(true);
    const done = await resumed.advance(
      diagnosisAction({ diagnosis: 'Tension-type headache', confidence: 0.5, differential: '', evidence: [], plan: '' }),
    );
    expect(done.outcome?.idx).toBe(0);
    await expect(DemoSession.resume(later, 'demo-nope')).rejects.toThrow(/no demo "demo-nope"/);
    later.store.db.close();
  });

  it('lets a person play the patient, with the built-in answer as a hint', async () => {
    const demo = deps(`${temp.dir}/patient.db`);
    const session = DemoSession.create(demo, { scenarioId, seed: 2, play: 'patient', doctor: 'builtin' });
    let update = await session.advance();
    let answered = 0;
    while (update.prompt) {
      const prompt = update.prompt as PatientTurnRequest;
      expect(prompt.role).toBe('patient');
      expect(prompt.card.complaint).toBe(session.patient.complaint.text);
      update = await session.advance({ text: answered === 0 ? 'Well, doctor, it is hard to say.' : '' });
      answered++;
    }
    expect(answered).toBeGreaterThan(0);
    expect(update.outcome?.run.name).toBe('demo-patient');
    expect(update.events.find((event) => event.type === 'answer' && event.stage === 'consultation')?.text).toBe(
      'Well, doctor, it is hard to say.',
    );
    demo.store.db.close();
  });
});
