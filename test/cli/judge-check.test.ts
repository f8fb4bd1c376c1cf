import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJudgeCheck, matcherVerdict, type JudgeCheckReport } from '../../evaluation/judge-check.js';
import { judgeCheckFromOptions } from '../../evaluation/judge-setup.js';
import { plainText } from '../../evaluation/judge-data-block.js';
import { maxDiagnosisChars } from '../../evaluation/judge-prompt.js';
import { loadJudgeReference, type JudgeReferenceItem } from '../../evaluation/judge-reference.js';
import { startFakeOllama, type FakeOllamaServer } from '../fakes/ollama-server.js';
import { scriptedVerdictJudge, verdictInputsOf, type Verdict } from '../fakes/scripted-judge.js';
import { runCliAsync } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const items = loadJudgeReference();
const key = (reference: string, diagnosis: string) => `${reference}\u0000${diagnosis}`;
const labelled = new Map<string, JudgeReferenceItem>();
for (const item of items) labelled.set(key(item.reference.diagnosis, plainText(item.given.diagnosis, maxDiagnosisChars)), item);

/** Items the scripted judge answers in prose (no verdict), and the kind of case it is fooled on. */
const prose = new Set(items.slice(0, 3).map((item) => item.id));
const fooledOn = 'negation';

/**
 * A scripted judge with known faults: it gives the hand label, except that it calls every
 * negated answer correct and answers three items in prose. What `judge check` must report
 * follows from that exactly.
 */
const scriptedJudge = scriptedVerdictJudge(({ reference, candidate }): Verdict => {
  const item = labelled.get(key(reference.diagnosis, candidate.diagnosis));
  if (!item) throw new Error(`unexpected question: ${candidate.diagnosis}`);
  return item.kind === fooledOn ? 'correct' : item.verdict;
});

describe('hospital judge check', () => {
  const { dir, cleanup } = tempDir();
  let server: FakeOllamaServer;
  beforeAll(async () => {
    server = await startFakeOllama({
      bySchema: {
        JudgeVerdict: (call) => {
          const { reference, candidate } = verdictInputsOf(call);
          const item = labelled.get(key(reference.diagnosis, candidate.diagnosis));
          return item && prose.has(item.id) ? { content: 'The verdict is correct.' } : scriptedJudge(call);
        },
      },
    });
  });
  afterAll(async () => {
    await server.close();
    cleanup();
  });
  const judgeArgs = () => ['judge', 'check', '--judge', 'ollama:qwen2.5:7b-instruct', '--ollama-host', server.host];

  it('measures the judge’s agreement with every hand label, and the matcher’s beside it', async () => {
    // In process, through the model server: the whole set (the CLI runs below use a smaller one).
    const report = await judgeCheckFromOptions({ judge: 'ollama:qwen2.5:7b-instruct', ollamaHost: server.host, concurrency: 4 });
    const n = items.length;
    const fooled = items.filter((item) => item.kind === fooledOn && item.verdict !== 'correct' && !prose.has(item.id)).length;
    expect(report.set.items).toBe(n);
    expect(report.judge.unscored).toBe(3);
    expect(report.judge.accuracy.value).toBeCloseTo((n - 3 - fooled) / n, 10);
    // Rows: the hand label; columns: the judge. The fooled negations sit in the `wrong → correct` cell.
    const wrongRow = report.judge.confusion.counts[2];
    expect(wrongRow[0]).toBe(fooled);
    expect(report.judge.confusion.counts.flat().reduce((a, b) => a + b, 0)).toBe(n);
    expect(report.judge.kappa.n).toBe(n - 3);
    expect(report.judge.kappa.value).toBeGreaterThan(0.8);
    expect(report.judge.kappa.value).toBeLessThan(1);
    expect(report.byKind[fooledOn]?.judge).toBeLessThan(0.5);
    // The matcher's figures are its own verdicts on the same items.
    const matcherAgrees = items.filter((item) => matcherVerdict(item) === item.verdict).length;
    expect(report.matcher.accuracy.value).toBeCloseTo(matcherAgrees / n, 10);
    expect(report.matcher.unscored).toBe(0);
    expect(server.chats.filter((call) => call.schemaName === 'JudgeVerdict').length).toBe(n + 3);
    expect(formatJudgeCheck(report)).toContain(`on ${n} hand-labelled diagnoses`);
  });

  it('prints the agreement as JSON or text, and exits 1 under --min-kappa', async () => {
    // A smaller set in the same format, two items of every kind.
    const subset = join(dir, 'subset.jsonl');
    const perKind = new Map<string, number>();
    const chosen = items.filter((item) => {
      perKind.set(item.kind, (perKind.get(item.kind) ?? 0) + 1);
      return (perKind.get(item.kind) ?? 0) <= 2;
    });
    writeFileSync(subset, chosen.map((item) => JSON.stringify(item)).join('\n'));
    const json = await runCliAsync([...judgeArgs(), '--set', subset, '--json']);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as JudgeCheckReport;
    expect(report).toMatchObject({ model: 'ollama:qwen2.5:7b-instruct', set: { file: subset, items: chosen.length } });
    const expected = chosen.filter((item) => !prose.has(item.id) && (item.kind === fooledOn ? 'correct' : item.verdict) === item.verdict);
    expect(report.judge.accuracy.value).toBeCloseTo(expected.length / chosen.length, 10);
    expect(report.items.map((item) => item.id)).toEqual(chosen.map((item) => item.id));
    const result = await runCliAsync([...judgeArgs(), '--set', subset, '--min-kappa', '0.99']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`hand-labelled diagnoses`);
    expect(result.stdout).toContain('Cohen’s κ, 3 classes');
    expect(result.stdout).toContain('Cohen’s κ, correct vs not');
    expect(result.stdout).toMatch(/Judge against the hand labels[^\n]*\n\s+label\s+correct\s+partial\s+wrong\s+unscored/);
    expect(result.stdout).toContain('negation');
    expect(result.stderr).toContain('below --min-kappa 0.99');
  });

  it('refuses a built-in judge, a missing --judge, a bad set and an unreachable server with one line each', async () => {
    const builtin = await runCliAsync(['judge', 'check', '--judge', 'builtin']);
    expect(builtin.code).toBe(2);
    expect(builtin.stderr).toContain('--judge');
    const missing = await runCliAsync(['judge', 'check']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--judge');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${JSON.stringify({ ...items[0], verdict: 'match' })}\n`);
    const badSet = await runCliAsync([...judgeArgs(), '--set', bad]);
    expect(badSet.code).toBe(2);
    expect(badSet.stderr).toContain(`${bad}:1: verdict`);
    const down = await runCliAsync(['judge', 'check', '--judge', 'ollama:qwen2.5:7b-instruct', '--ollama-host', '127.0.0.1:9']);
    expect(down.code).toBe(3);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
  });
});
