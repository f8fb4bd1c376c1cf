import { afterEach, describe, expect, it } from 'vitest';
import { AgentFailure } from '../../../agents/roles.js';
import { LlmExaminerAgent } from '../../../agents/llm/examiner.js';
import { LlmFollowUpAgent } from '../../../agents/llm/follow-up.js';
import { LlmPatientAgent } from '../../../agents/llm/patient.js';
import { LlmTriageAgent } from '../../../agents/llm/triage.js';
import { schemaTitles } from '../../../agents/llm/schemas.js';
import { parseModelSpec, type RemoteModelSpec } from '../../../agents/models/spec.js';
import type { DiagnosisReport } from '../../../domain/journey.js';
import { startFakeOllama, type ChatHandler, type FakeOllamaServer } from '../../fakes/ollama-server.js';
import { chartAfterTriage, context, pneumoniaCase, testClient } from './fixtures.js';

const spec = parseModelSpec('ollama:llama3.1:8b') as RemoteModelSpec;
const servers: FakeOllamaServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function setup(bySchema: Record<string, ChatHandler>) {
  const server = await startFakeOllama({ bySchema });
  servers.push(server);
  const { set, patient } = pneumoniaCase();
  const deps = { client: testClient(server.url), spec, catalogue: set.catalogue };
  return { server, deps, patient };
}

const json = (value: unknown) => () => ({ content: JSON.stringify(value) });

describe('LlmTriageAgent', () => {
  it('returns department, acuity and rationale with usage', async () => {
    const { server, deps, patient } = await setup({
      [schemaTitles.triage]: json({ department: 'respiratory', acuity: 2, rationale: 'Productive cough, fever and SpO2 91 %.' }),
    });
    const decision = await new LlmTriageAgent(deps).triage(chartAfterTriage(patient), context());
    expect(decision).toMatchObject({ department: 'respiratory', acuity: 2 });
    expect(decision.usage?.model).toBe('ollama:llama3.1:8b');
    expect(server.chats[0].body.messages[1].content).toMatch(/Departments: emergency, cardiology/);
  });

  it('rejects a department that does not exist, after one repair', async () => {
    const { server, deps, patient } = await setup({ [schemaTitles.triage]: json({ department: 'lungs', acuity: 3, rationale: 'cough' }) });
    const failure = await new LlmTriageAgent(deps).triage(chartAfterTriage(patient), context()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AgentFailure);
    expect((failure as AgentFailure).reason).toMatch(/department: /);
    expect(server.calls.chat).toBe(2);
  });
});

describe('LlmPatientAgent', () => {
  it('role-plays from the facts without the diagnosis, and keeps only fact ids it was given', async () => {
    const { server, deps, patient } = await setup({
      [schemaTitles.patient]: json({
        answer: 'Yes, it is thick and yellow-green.',
        factIds: ['[productive-cough]', 'focal-crackles', 'made-up', 'fever'],
      }),
    });
    const chart = chartAfterTriage(patient);
    chart.conversation.push({ role: 'doctor', text: 'Are you bringing anything up?' });
    const answer = await new LlmPatientAgent(deps).answer('Are you bringing anything up?', patient, chart, context());
    expect(answer.text).toBe('Yes, it is thick and yellow-green.');
    // Signs (crackles) are for the examination, not the patient; unknown ids are dropped.
    expect(answer.factIds).toEqual(['productive-cough', 'fever']);
    const sent = JSON.stringify(server.chats[0].body.messages);
    expect(sent).toContain('[productive-cough] ');
    expect(sent).toContain('The doctor now asks: \\"Are you bringing anything up?\\"');
    expect(sent).toContain('This is the first question of the consultation.');
    for (const secret of [patient.truth.diagnosis, patient.truth.icd10, patient.scenarioId, patient.truth.treatment]) {
      expect(sent.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    expect(sent).not.toContain('focal-crackles');
  });

  it('blanks out a guessed diagnosis before the doctor hears it', async () => {
    const { deps, patient } = await setup({
      [schemaTitles.patient]: json({ answer: 'My neighbour said it might be Pneumonia, or CAP, or J18.9? My cap is blue.', factIds: [] }),
    });
    const answer = await new LlmPatientAgent(deps).answer('What do you think it is?', patient, chartAfterTriage(patient), context());
    expect(answer.text).toBe('My neighbour said it might be something, or something, or something? My cap is blue.');
  });

  it('marks absent facts so the patient denies them', async () => {
    const { server, deps, patient } = await setup({ [schemaTitles.patient]: json({ answer: 'No.', factIds: [] }) });
    await new LlmPatientAgent(deps).answer('Any chest pain?', patient, chartAfterTriage(patient), context());
    const systemPrompt = server.chats[0].body.messages[0].content;
    for (const fact of patient.facts.filter((candidate) => candidate.source === 'patient')) {
      expect(systemPrompt).toContain(`[${fact.id}] ${fact.present ? 'YES' : 'NO'}`);
    }
  });
});

describe('LlmFollowUpAgent', () => {
  const report: DiagnosisReport = {
    diagnosis: 'Acute bronchitis',
    confidence: 0.6,
    differential: [{ name: 'Acute bronchitis', p: 0.6 }],
    evidence: [{ factId: 'cough', text: 'cough', supports: true }],
    reasoning: 'cough',
    plan: 'rest',
    disclaimer: 'simulated',
  };

  it('revises with a new diagnosis, and needs one when revising', async () => {
    let calls = 0;
    const { deps, patient, server } = await setup({
      [schemaTitles.followUp]: () =>
        calls++ === 0
          ? { content: JSON.stringify({ status: 'worse', action: 'revise', note: 'Worse.' }) }
          : {
              content: JSON.stringify({
                status: 'worse',
                action: 'revise',
                revised: 'Community-acquired pneumonia',
                note: 'Worse on rest.',
              }),
            },
    });
    const outcome = await new LlmFollowUpAgent(deps).followUp(
      chartAfterTriage(patient),
      report,
      { days: 7, report: 'Still feverish and more breathless.', trend: 'worse' },
      context(),
    );
    expect(outcome).toMatchObject({ status: 'worse', action: 'revise', revised: 'Community-acquired pneumonia' });
    const prompt = server.chats[0].body.messages[1].content;
    expect(prompt).toContain('7 days later. The patient says: "Still feverish and more breathless."');
    expect(prompt).not.toContain('trend');
  });
});

describe('LlmExaminerAgent', () => {
  it('keeps what tests show deterministic and lets the model word the reports', async () => {
    const { server, deps, patient } = await setup({
      [schemaTitles.examiner]: json({
        results: [{ test: 'chest-xray', report: 'Right lower lobe airspace opacity with air bronchograms.' }],
      }),
    });
    const report = await new LlmExaminerAgent(deps).perform(
      ['CXR', 'CRP', 'thyroid antibodies', 'unobtainium scan'],
      patient,
      'county',
      context(),
    );
    const [xray, crp, antibodies, unknown] = report.performed;
    expect(xray).toMatchObject({
      testId: 'chest-xray',
      available: true,
      cost: 30,
      minutes: 60,
      text: 'Right lower lobe airspace opacity with air bronchograms.',
    });
    expect(xray.factIds).toEqual(['chest-xray:consolidation']);
    expect(crp.testId).toBe('c-reactive-protein');
    expect(crp.text).toBe(
      patient.facts.find((fact) => fact.id === 'c-reactive-protein:raised')?.present ? 'CRP 184 mg/L' : 'CRP below 5 mg/L',
    );
    expect(antibodies).toMatchObject({ available: false, text: 'not available at this facility', cost: 0 });
    expect(unknown.testId).toBeUndefined();
    expect(unknown.available).toBe(false);
    expect(report.usage?.model).toBe('ollama:llama3.1:8b');
    expect(server.calls.chat).toBe(1);
  });

  it('makes no model call when nothing can be done here', async () => {
    const { server, deps, patient } = await setup({});
    const report = await new LlmExaminerAgent(deps).perform(['thyroid antibodies'], patient, 'county', context());
    expect(report.usage).toBeUndefined();
    expect(server.calls.chat).toBe(0);
  });
});
