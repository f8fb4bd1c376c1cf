import { afterEach, describe, expect, it } from 'vitest';
import { biasInstructions, doctorBiasDefinitions, patientBehaviourDefinitions } from '../../../agents/biases/catalogue.js';
import { LlmConsultantAgent } from '../../../agents/llm/consultant.js';
import { createLlmAgents } from '../../../agents/llm/index.js';
import { allBuiltin, createHospitalAgents, type RoleExtras } from '../../../agents/index.js';
import { parseModelSpec, type RemoteModelSpec } from '../../../agents/models/spec.js';
import type { DiagnosisReport } from '../../../domain/journey.js';
import { startFakeOllama, type FakeOllamaServer, type FakeReply } from '../../fakes/ollama-server.js';
import { chartWithEverything, context, pneumoniaCase, testClient } from '../llm/fixtures.js';

const spec = parseModelSpec('ollama:qwen2.5:7b-instruct') as RemoteModelSpec;
const servers: FakeOllamaServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const reply = (value: unknown): FakeReply => ({ content: JSON.stringify(value), promptTokens: 500, evalTokens: 30 });
const report = {
  diagnosis: 'Pulmonary embolism',
  icd10: 'I26.9',
  confidence: 0.55,
  differential: [
    { name: 'Pulmonary embolism', p: 0.55 },
    { name: 'Community-acquired pneumonia', p: 0.45 },
  ],
  evidence: [{ factId: 'fever', text: 'fever', supports: false }],
  reasoning: 'From the cardiology side, the picture could be embolic.',
  plan: 'Suggest CT pulmonary angiography for physician review.',
  escalated: [],
  disclaimer: 'Simulated assessment, not medical advice.',
};

describe('biases and consults for LLM roles', () => {
  it('bias instructions reach the specialist and patient system prompts; consultants get none', async () => {
    const server = await startFakeOllama({ chat: () => reply({ action: 'ask', question: 'Any cough?' }) });
    servers.push(server);
    const { set, patient } = pneumoniaCase();
    const agents = createLlmAgents({
      specs: { specialist: spec, patient: spec },
      client: testClient(server.url),
      catalogue: set.catalogue,
      personas: { specialist: biasInstructions(['anchoring', 'premature-closure']), patient: biasInstructions(['low-literacy']) },
      consult: true,
    });
    await agents.specialist!.consult(chartWithEverything(patient), context());
    const system = server.chats[0].body.messages[0].content;
    expect(system).toContain(doctorBiasDefinitions.anchoring.instruction);
    expect(system).toContain(doctorBiasDefinitions['premature-closure'].instruction);
    expect(system).not.toContain(patientBehaviourDefinitions['low-literacy'].instruction);
    expect(agents.consultant).toBeInstanceOf(LlmConsultantAgent);
  });

  it('the LLM consultant reviews the chart and the working diagnosis and returns a FinalDiagnosis report', async () => {
    const server = await startFakeOllama({ chat: () => reply({ action: 'diagnose', report }) });
    servers.push(server);
    const { set, patient } = pneumoniaCase();
    const consultant = new LlmConsultantAgent({ client: testClient(server.url), spec, catalogue: set.catalogue });
    const working: DiagnosisReport = {
      ...report,
      diagnosis: 'Community-acquired pneumonia',
      confidence: 0.45,
      evidence: [],
      escalated: [],
    };
    const opinion = await consultant.review(chartWithEverything(patient), 'cardiology', working, context());
    expect(opinion.department).toBe('cardiology');
    expect(opinion.report.diagnosis).toBe('Pulmonary embolism');
    expect(opinion.usage).toMatchObject({ inTokens: 500, outTokens: 30 });
    const body = server.chats[0].body;
    expect(body.format).toMatchObject({ title: 'FinalDiagnosis' });
    expect(body.messages[0].content).toMatch(/multidisciplinary consult/);
    expect(body.messages[1].content).toContain('You are the consultant from cardiology.');
    expect(body.messages[1].content).toContain('Working diagnosis of the treating doctor: Community-acquired pneumonia (confidence 0.45)');
    expect(body.messages[1].content).not.toContain(patient.truth.icd10);
  });

  it('a model doctor with the availability bias is told the ward’s recent diagnoses in its prompt', async () => {
    const server = await startFakeOllama({ chat: () => reply({ action: 'ask', question: 'Any cough?' }) });
    servers.push(server);
    const { set, patient } = pneumoniaCase();
    let extras: RoleExtras | undefined;
    createHospitalAgents(
      { ...allBuiltin, specialist: 'ollama:m' },
      set,
      { createRoles: (_models, _set, given) => ((extras = given), {}) },
      {
        biases: { doctorBiases: ['availability'], patientBehaviours: [] },
        recentDiagnoses: { recent: async (index) => (index === 3 ? ['Acute asthma', 'Acute asthma'] : []) },
      },
    );
    const briefing = extras?.briefings?.specialist;
    expect(await briefing?.({ ...context(), patientIndex: 3 })).toBe(
      'Your most recent patients on this ward were diagnosed with: Acute asthma; Acute asthma.',
    );
    expect(await briefing?.({ ...context(), patientIndex: 0 })).toBeUndefined();
    const agents = createLlmAgents({
      specs: { specialist: spec },
      client: testClient(server.url),
      catalogue: set.catalogue,
      briefings: { specialist: briefing! },
    });
    await agents.specialist!.consult(chartWithEverything(patient), { ...context(), patientIndex: 3 });
    expect(server.chats[0].body.messages[1].content).toMatch(/^Your most recent patients on this ward were diagnosed with: Acute asthma/);
  });
});
