import { afterEach, describe, expect, it } from 'vitest';
import { AgentFailure } from '../../../agents/roles.js';
import { LlmSpecialistAgent } from '../../../agents/llm/specialist.js';
import { parseModelSpec, type RemoteModelSpec } from '../../../agents/models/spec.js';
import { startFakeOllama, type FakeOllamaServer, type FakeReply } from '../../fakes/ollama-server.js';
import { chartAfterTriage, chartWithEverything, context, pneumoniaCase, testClient } from './fixtures.js';

const spec = parseModelSpec('ollama:qwen2.5:7b-instruct') as RemoteModelSpec;
const servers: FakeOllamaServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function specialistWith(...script: FakeReply[]) {
  const queue = [...script];
  const server = await startFakeOllama({ chat: () => queue.shift() ?? { content: '{}' } });
  servers.push(server);
  const { set, patient } = pneumoniaCase();
  const agent = new LlmSpecialistAgent({ client: testClient(server.url), spec, catalogue: set.catalogue });
  return { server, agent, patient };
}

const reply = (value: unknown): FakeReply => ({ content: JSON.stringify(value), promptTokens: 900, evalTokens: 40 });

const report = {
  diagnosis: 'Community-acquired pneumonia',
  icd10: 'j18.9',
  confidence: 0.8,
  differential: [
    { name: 'Acute bronchitis', p: 0.15 },
    { name: 'Community-acquired pneumonia', p: 0.8 },
    { name: 'Pulmonary embolism', p: 0.05 },
  ],
  evidence: [
    { factId: 'fever', text: 'fever with rigors', supports: true },
    { factId: null, text: 'no travel', supports: false },
  ],
  reasoning: 'Fever, productive cough and focal crackles with consolidation.',
  plan: 'Suggest CURB-65 assessment and oral antibiotics for physician review.',
  escalated: [],
  disclaimer: 'Simulated assessment, not medical advice; a licensed physician must review it.',
};

describe('LlmSpecialistAgent', () => {
  it('asks one question, with usage, from a prompt holding the chart, catalogue and turn budget', async () => {
    const { server, agent, patient } = await specialistWith(reply({ action: 'ask', question: 'Are you bringing up any phlegm?' }));
    const action = await agent.consult(chartAfterTriage(patient), context());
    expect(action).toMatchObject({ kind: 'ask', question: 'Are you bringing up any phlegm?' });
    expect(action.usage).toMatchObject({ model: 'ollama:qwen2.5:7b-instruct', inTokens: 900, outTokens: 40, cached: false });
    const body = server.chats[0].body;
    expect(body.format).toMatchObject({ title: 'SpecialistAction' });
    expect(body.messages[0].content).toMatch(/ONE question/);
    const prompt = body.messages[1].content;
    expect(prompt).toContain(`Chief complaint: "${patient.complaint.text}"`);
    expect(prompt).toContain('[fever]');
    expect(prompt).toMatch(/imaging: [^\n]*Chest X-ray \(\$30, 60 min\)/);
    expect(prompt).toMatch(/Not available at this facility: [^\n]*Thyroid antibodies/);
    expect(prompt).toContain('Turn 1 of 10: 10 turns left');
    expect(typeof body.options?.seed).toBe('number');
  });

  it('maps free-text test names to catalogue ids and keeps unknown ones as written', async () => {
    const { agent, patient } = await specialistWith(
      reply({
        action: 'order',
        tests: ['CXR', 'complete blood count', 'Chest X-ray', 'serum unobtainium'],
        reason: 'look for consolidation',
      }),
    );
    const action = await agent.consult(chartAfterTriage(patient), context());
    expect(action).toMatchObject({
      kind: 'order',
      tests: ['chest-xray', 'full-blood-count', 'serum unobtainium'],
      reason: 'look for consolidation',
    });
  });

  it('refers with a department and reason', async () => {
    const { agent, patient } = await specialistWith(
      reply({ action: 'refer', department: 'cardiology', reason: 'possible cardiac chest pain' }),
    );
    expect(await agent.consult(chartAfterTriage(patient), context())).toMatchObject({ kind: 'refer', department: 'cardiology' });
  });

  it('diagnoses with a structured report: differential sorted, ICD-10 normalised, null fact ids dropped', async () => {
    const { agent, patient } = await specialistWith(reply({ action: 'diagnose', report }));
    const action = await agent.consult(chartWithEverything(patient), context());
    if (action.kind !== 'diagnose') throw new Error('expected a diagnosis');
    expect(action.report.icd10).toBe('J18.9');
    expect(action.report.differential.map((entry) => entry.p)).toEqual([0.8, 0.15, 0.05]);
    expect(action.report.evidence).toEqual([
      { factId: 'fever', text: 'fever with rigors', supports: true },
      { text: 'no travel', supports: false },
    ]);
    expect(action.report.disclaimer).toMatch(/not medical advice/);
  });

  it('repairs an action missing its fields once, naming the missing field', async () => {
    const { server, agent, patient } = await specialistWith(
      reply({ action: 'ask' }),
      reply({ action: 'ask', question: 'Any chest pain?' }),
    );
    const action = await agent.consult(chartAfterTriage(patient), context());
    expect(action).toMatchObject({ kind: 'ask', question: 'Any chest pain?' });
    expect(server.chats[1].body.messages.at(-1)?.content).toMatch(/question: required when action is "ask"/);
    expect(action.usage).toMatchObject({ inTokens: 1800, outTokens: 80 });
  });

  it('fails the journey with a reason when the model never produces a valid action', async () => {
    const { agent, patient } = await specialistWith({ content: 'Let me think about this patient.' }, { content: 'Still thinking.' });
    const failure = await agent.consult(chartAfterTriage(patient), context()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AgentFailure);
    expect((failure as AgentFailure).role).toBe('specialist');
  });

  it('on the last turn allows only a diagnosis', async () => {
    const { server, agent, patient } = await specialistWith(reply({ action: 'diagnose', report }));
    const chart = chartAfterTriage(patient, 4);
    chart.turn = 3;
    const action = await agent.consult(chart, context());
    expect(action.kind).toBe('diagnose');
    expect(server.chats[0].body.format).toMatchObject({ title: 'FinalDiagnosis' });
    expect(server.chats[0].body.messages[1].content).toMatch(/last turn: you must diagnose now/);
  });

  it('never puts the diagnosis or the scenario in a doctor prompt, even with every fact revealed', async () => {
    const { server, agent, patient } = await specialistWith(reply({ action: 'ask', question: 'Any travel?' }));
    await agent.consult(chartWithEverything(patient), context());
    const sent = JSON.stringify(server.chats[0].body.messages).toLowerCase();
    for (const secret of [
      patient.truth.diagnosis,
      patient.truth.icd10,
      patient.scenarioId,
      ...patient.truth.synonyms,
      patient.truth.treatment,
    ]) {
      const word = new RegExp(`\\b${secret.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
      expect(sent).not.toMatch(word);
    }
  });
});
