import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelClient } from '../../agents/models/client.js';
import { judgeJourney, judgeRun, type JudgeSettings } from '../../evaluation/judge.js';
import { startFakeOllama, type FakeOllamaServer } from '../fakes/ollama-server.js';
import { tempDir } from '../helpers/temp.js';
import { pneumoniaCase, report } from './journey-fixtures.js';
import { openStore, recordFixtureRun } from './run-fixtures.js';

describe('LLM judge', () => {
  const { dir, cleanup } = tempDir();
  let server: FakeOllamaServer;
  let verdicts = 0;
  beforeAll(async () => {
    server = await startFakeOllama({
      bySchema: {
        JudgeVerdict: (call) => {
          verdicts++;
          // Every fifth question gets an unusable reply, twice (the client repairs once).
          return call.body.messages.some((m) => m.content.includes('Your previous reply could not be used')) || verdicts % 5 === 0
            ? { content: 'I think it is fine.' }
            : { content: JSON.stringify({ verdict: 'partial', explanation: 'same family' }) };
        },
      },
    });
  });
  afterAll(async () => {
    await server.close();
    cleanup();
  });
  const settings = (): JudgeSettings => ({
    client: new ModelClient({ ollamaHosts: [server.url], retry: { attempts: 1 } }),
    spec: { provider: 'ollama', model: 'qwen2.5:7b-instruct' },
  });

  it('scores partial as not a match, keeps the verdict, and scores no diagnosis as 0 without a call', async () => {
    verdicts = 0;
    const [score] = await judgeJourney(settings(), pneumoniaCase(), report({ diagnosis: 'Bronchopneumonia' }), 0);
    expect(score).toMatchObject({ metric: 'judgeMatch', value: 0, detail: { verdict: 'partial', model: 'ollama:qwen2.5:7b-instruct' } });
    const calls = server.calls.chat;
    const [none] = await judgeJourney(settings(), pneumoniaCase(), undefined, 0);
    expect(none).toMatchObject({ value: 0, detail: { reason: 'no diagnosis given' } });
    expect(server.calls.chat).toBe(calls);
  });

  it('leaves an unusable verdict unscored (NaN) with its reason', async () => {
    verdicts = 4;
    const [score] = await judgeJourney(settings(), pneumoniaCase(), report({ diagnosis: 'Lobar pneumonia' }), 0);
    expect(score.value).toBeNaN();
    expect(String(score.detail?.reason)).toContain('schema');
  });

  it('judges a run page by page, stores the scores, and judges only what is left next time', async () => {
    const store = openStore(join(dir, 'judge.db'));
    const run = recordFixtureRun(store, { config: { patients: 70 } });
    verdicts = 0;
    const first = await judgeRun(store, run, settings(), { concurrency: 3 });
    expect(first.judged).toBe(70);
    expect(first.failed).toBeGreaterThan(0);
    const stored = store.db
      .prepare(`SELECT COUNT(*) AS n, COUNT(value) AS scored FROM scores WHERE run_id = ? AND metric = 'judgeMatch'`)
      .get(run.id) as { n: number; scored: number };
    expect(stored).toEqual({ n: 70, scored: 70 - first.failed });
    const second = await judgeRun(store, run, settings());
    expect(second.judged).toBe(first.failed);
    store.db.close();
  });
});
