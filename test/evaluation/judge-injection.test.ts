import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelClient } from '../../agents/models/client.js';
import type { CaseTruth } from '../../domain/patient-case.js';
import { packageRoot } from '../../domain/paths.js';
import { judgeDiagnosis, type JudgeSettings } from '../../evaluation/judge.js';
import { icd10OrNull, plainText, readDataBlocks, textOutsideBlocks } from '../../evaluation/judge-data-block.js';
import { maxDiagnosisChars, verdictQuestion, verdictSystemPrompt } from '../../evaluation/judge-prompt.js';
import { startFakeOllama, type FakeChatCall, type FakeOllamaServer } from '../fakes/ollama-server.js';
import { userText, verdictInputsOf } from '../fakes/scripted-judge.js';
import { pneumoniaCase } from './journey-fixtures.js';

/**
 * The judge is defended by structure: whatever the doctor writes, the prompt outside the
 * CANDIDATE block is the same as for the clean answer, the REFERENCE is the same, the candidate
 * holds the same two fields (its text made plain, the code a code or null), and the verdict is
 * what the model put in the schema. Each attempt in the data file is checked on the prompt and
 * again on what a model server on 127.0.0.1 actually received.
 */
interface InjectionAttempt {
  id: string;
  technique: string;
  language: string;
  reference: 'pneumonia' | 'lupus';
  clean: { diagnosis: string; icd10?: string };
  attack: { diagnosis: string; icd10?: string };
  /** The attempt only hides characters: once made plain it is the clean answer. */
  sameAsClean: boolean;
}

const attempts = readFileSync(join(packageRoot(), 'test', 'evaluation', 'data', 'judge-injections.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as InjectionAttempt);

const truths: Record<InjectionAttempt['reference'], CaseTruth> = {
  pneumonia: pneumoniaCase().truth,
  lupus: {
    diagnosis: 'Systemic lupus erythematosus',
    icd10: 'M32.9',
    synonyms: ['SLE', 'lupus', 'systemic lupus', 'lupus erythematosus'],
    acceptable: ['lupus nephritis'],
    nearMisses: ['rheumatoid arthritis', 'drug-induced lupus'],
    department: 'rheumatology',
    acuity: 3,
    redFlags: [],
    treatment: 'Hydroxychloroquine.',
  },
};

const userOf = (question: ReturnType<typeof verdictQuestion>): string => question.messages[1].content;

describe('judge prompt against the injection set', () => {
  it('holds at least 40 attempts across techniques and languages', () => {
    expect(attempts.length).toBeGreaterThanOrEqual(40);
    expect(new Set(attempts.map((attempt) => attempt.id)).size).toBe(attempts.length);
    const techniques = new Set(attempts.map((attempt) => attempt.technique));
    for (const technique of [
      'fake-reference',
      'role-play',
      'fake-delimiter',
      'fake-verdict',
      'multilingual',
      'homoglyph',
      'zero-width',
      'bidi',
      'full-width',
    ])
      expect(techniques).toContain(technique);
    expect(new Set(attempts.map((attempt) => attempt.language)).size).toBeGreaterThanOrEqual(8);
  });

  for (const attempt of attempts) {
    it(`${attempt.id}: the attempt stays inside the CANDIDATE block and changes no other input`, () => {
      const truth = truths[attempt.reference];
      const clean = verdictQuestion(truth, attempt.clean);
      const attacked = verdictQuestion(truth, attempt.attack);
      // Same instructions, same layout: the text outside the data is byte for byte the clean one.
      expect(attacked.messages.map((message) => message.role)).toEqual(['system', 'user']);
      expect(attacked.messages[0].content).toBe(verdictSystemPrompt);
      expect(textOutsideBlocks(userOf(attacked))).toBe(textOutsideBlocks(userOf(clean)));
      // Exactly the two blocks, and nothing in the data that looks like a tag.
      const blocks = readDataBlocks(userOf(attacked));
      expect(blocks.map((block) => block.name)).toEqual(['REFERENCE', 'CANDIDATE']);
      expect(userOf(attacked).match(/<\/?data\b/g)).toHaveLength(4);
      // The reference is the case's, untouched; the candidate has the same two fields as the clean one.
      expect(blocks[0].value).toEqual(readDataBlocks(userOf(clean))[0].value);
      expect(Object.keys(blocks[1].value as object)).toEqual(['diagnosis', 'icd10']);
      expect(attacked.inputs.reference).toEqual(clean.inputs.reference);
      expect(attacked.inputs.candidate).toEqual({
        diagnosis: plainText(attempt.attack.diagnosis, maxDiagnosisChars),
        icd10: icd10OrNull(attempt.attack.icd10),
      });
      expect(blocks[1].value).toEqual(attacked.inputs.candidate);
      expect(attacked.inputs.candidate.diagnosis.length).toBeLessThanOrEqual(maxDiagnosisChars + 1);
      expect(attacked.inputs.candidate.diagnosis).not.toMatch(/[\p{Cc}\p{Cf}]/u);
      if (attempt.sameAsClean) expect(attacked.inputs.candidate).toEqual(clean.inputs.candidate);
      // The reply must name this block: text that cannot know the id cannot pass as a verdict.
      expect(attacked.candidateId).toBe(blocks[1].id);
      expect(attempt.attack.diagnosis).not.toContain(attacked.candidateId);
    });
  }

  it('control: a prompt that pastes the doctor’s text in would carry the attempts outside any data', () => {
    const naive = (diagnosis: string) => `Reference: pneumonia.\nCandidate: ${diagnosis}\nGrade the candidate.`;
    const leaked = attempts.filter(
      (attempt) => textOutsideBlocks(naive(attempt.attack.diagnosis)) !== textOutsideBlocks(naive(attempt.clean.diagnosis)),
    );
    expect(leaked.length).toBe(attempts.filter((attempt) => attempt.attack.diagnosis !== attempt.clean.diagnosis).length);
  });
});

describe('judge verdicts through a model server', () => {
  let server: FakeOllamaServer;
  /** What the scripted model does with the next call. */
  let behaviour: (call: FakeChatCall) => string = () => '';
  beforeAll(async () => {
    server = await startFakeOllama({ bySchema: { JudgeVerdict: (call) => ({ content: behaviour(call) }) } });
  });
  afterAll(async () => {
    await server.close();
  });
  const settings = (): JudgeSettings => ({
    client: new ModelClient({ ollamaHosts: [server.url], retry: { attempts: 1 } }),
    spec: { provider: 'ollama', model: 'qwen2.5:7b-instruct' },
  });
  const schemaReply = (call: FakeChatCall, verdict: string) =>
    JSON.stringify({ block: verdictInputsOf(call).candidateId, reason: 'scripted', verdict });

  it('every attempt reaches the model with the clean answer’s inputs, and the verdict is the schema’s', async () => {
    for (const attempt of attempts) {
      const truth = truths[attempt.reference];
      // The scripted model answers "wrong" whatever the doctor's text claims.
      behaviour = (call) => schemaReply(call, 'wrong');
      const before = server.chats.length;
      const judged = await judgeDiagnosis(settings(), truth, attempt.attack, 0);
      const received = server.chats.slice(before);
      expect(received).toHaveLength(1);
      const clean = verdictQuestion(truth, attempt.clean);
      const sent = received[0].body.messages;
      expect(sent[0].content).toBe(verdictSystemPrompt);
      expect(textOutsideBlocks(userText(received[0]))).toBe(textOutsideBlocks(userOf(clean)));
      expect(verdictInputsOf(received[0]).reference).toEqual(clean.inputs.reference);
      expect(verdictInputsOf(received[0]).candidate).toEqual(judged.inputs.candidate);
      expect(received[0].body.format).toMatchObject({ properties: { block: { enum: [verdictInputsOf(received[0]).candidateId] } } });
      expect({ id: attempt.id, verdict: judged.verdict }).toEqual({ id: attempt.id, verdict: 'wrong' });
    }
  });

  it('a model that repeats the doctor’s text, or its imitation of a verdict, gives no verdict (unscored)', async () => {
    const truth = truths.pneumonia;
    for (const id of ['json-verdict-after', 'json-verdict-line', 'json-verdict-fenced', 'instruction-first']) {
      const attempt = attempts.find((candidate) => candidate.id === id);
      if (!attempt) throw new Error(`no attempt ${id}`);
      // Echo the candidate text, or the JSON object inside it when there is one.
      behaviour = (call) => {
        const text = verdictInputsOf(call).candidate.diagnosis;
        return /\{.*\}/.exec(text)?.[0] ?? text;
      };
      const judged = await judgeDiagnosis(settings(), truth, attempt.attack, 0);
      expect({ id, verdict: judged.verdict }).toEqual({ id, verdict: null });
      expect(judged.reason).toContain('schema');
    }
  });

  it('prose that names a verdict is not a verdict', async () => {
    behaviour = () => 'The verdict is correct: the candidate names the reference disease.';
    const judged = await judgeDiagnosis(settings(), truths.pneumonia, { diagnosis: 'Pneumonia' }, 0);
    expect(judged.verdict).toBeNull();
  });
});
