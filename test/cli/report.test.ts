import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import { openStore, recordFixtureRun } from '../evaluation/run-fixtures.js';
import { normaliseDiagnosis } from '../../scenarios/diagnosis-match.js';
import { startFakeOllama, type FakeChatCall } from '../fakes/ollama-server.js';
import { blocksOf, scriptedVerdictJudge } from '../fakes/scripted-judge.js';
import { runCliAsync } from './run-cli-async.js';

/** An honest fake judge: correct when the candidate block names the reference block's diagnosis. */
const honestJudge = scriptedVerdictJudge(({ reference, candidate }) =>
  normaliseDiagnosis(candidate.diagnosis) === normaliseDiagnosis(reference.diagnosis) ? 'correct' : 'wrong',
);

/** A rubric judge that finds every criterion met but clarity, and no error made. */
function rubricJudge(call: FakeChatCall) {
  const blocks = blocksOf(call);
  const criteria = blocks.get('CRITERIA')?.value as { id: string; points: number }[];
  const graded = Object.fromEntries(criteria.map((c) => [c.id, { met: c.points > 0 && c.id !== 'explains-clearly', reason: 'read' }]));
  return { content: JSON.stringify({ block: blocks.get('REPORT')?.id, criteria: graded }) };
}

const chromiumPath = '/usr/bin/chromium';

describe('hospital report', () => {
  const { dir, cleanup } = tempDir();
  const db = join(dir, 'records.db');
  let runId = '';
  let repeatsId = '';

  beforeAll(() => {
    const store = openStore(db);
    runId = recordFixtureRun(store, { config: { name: 'fixture' }, skill: 0.7 }).id;
    repeatsId = recordFixtureRun(store, { config: { name: 'repeats', patients: 20, repeats: 4 }, skill: 0.5 }).id;
    store.db.close();
  });
  afterAll(cleanup);

  it('keeps the JSON fields other tools depend on', () => {
    const result = runCli(['report', runId, '--db', db, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown> & {
      metrics: Record<string, { value: number; ci95: number[] } | number>;
      byDepartment: Record<string, unknown>;
    };
    expect(report).toMatchObject({ runId, journeys: 60, completed: 60, failed: 0 });
    const accuracy = report.metrics.accuracy as { value: number; ci95: number[] };
    expect(accuracy.value).toBeGreaterThan(0.5);
    expect(accuracy.value).toBeLessThan(0.95);
    expect(accuracy.ci95).toHaveLength(2);
    for (const bound of accuracy.ci95) expect(typeof bound).toBe('number');
    expect(accuracy.ci95[0]).toBeLessThan(accuracy.value);
    expect(typeof (report.metrics.top3 as { value: number }).value).toBe('number');
    expect(typeof (report.metrics.triageDepartment as { value: number }).value).toBe('number');
    expect(typeof report.metrics.meanTurns).toBe('number');
    expect(report.metrics.meanTestCost).toBeGreaterThan(0);
    expect(Object.keys(report.byDepartment).sort()).toEqual(['cardiology', 'gastroenterology', 'neurology', 'respiratory', 'urology']);
  });

  it('chooses the format from the -o extension: CSV, Markdown, text', () => {
    const csv = join(dir, 'r.csv');
    expect(runCli(['report', runId, '--db', db, '-o', csv]).code).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('run_id,scope,key,metric,value,ci_low,ci_high,n');
    expect(lines.some((line) => line.startsWith(`${runId},department,cardiology,accuracy,`))).toBe(true);
    const md = join(dir, 'r.md');
    expect(runCli(['report', runId, '--db', db, '-o', md]).code).toBe(0);
    const markdown = readFileSync(md, 'utf8');
    expect(markdown).toContain(`# Run ${runId} — fixture`);
    expect(markdown).toContain('| Accuracy (top-1) |');
    expect(markdown).toContain('## Most frequent misses');
    const text = runCli(['report', runId, '--db', db]);
    expect(text.stdout).toMatch(/Accuracy \(top-1\)\s+\d+\.\d %/);
    expect(text.stdout).toContain('Red flag not escalated');
  });

  it('reports mean accuracy and pass@k with repeats, with an interval over patients', () => {
    const report = JSON.parse(runCli(['report', repeatsId, '--db', db, '--format', 'json']).stdout) as {
      metrics: { accuracy: { interval: string } };
      repeatsReport: { samplesPerPatient: number; patients: number; passAtK: Record<string, number>; meanAccuracy: { value: number } };
    };
    expect(report.metrics.accuracy.interval).toBe('cluster-bootstrap');
    expect(report.repeatsReport.samplesPerPatient).toBe(4);
    expect(report.repeatsReport.patients).toBe(20);
    const pass = report.repeatsReport.passAtK;
    expect(pass['1']).toBeCloseTo(report.repeatsReport.meanAccuracy.value, 10);
    expect(pass['4']).toBeGreaterThanOrEqual(pass['2']);
    expect(pass['2']).toBeGreaterThanOrEqual(pass['1']);
    expect(runCli(['report', repeatsId, '--db', db]).stdout).toContain('pass@4');
  });

  it('judges every diagnosis with --judge, reports Cohen’s κ, and judges nothing twice', async () => {
    const server = await startFakeOllama({
      bySchema: {
        JudgeVerdict: honestJudge,
        RubricJudgement: rubricJudge,
      },
    });
    try {
      const args = [
        'report',
        runId,
        '--db',
        db,
        '--format',
        'json',
        '--judge',
        'ollama:qwen2.5:7b-instruct',
        '--rubric',
        '--ollama-host',
        server.host,
      ];
      const first = await runCliAsync(args);
      expect(first.code, first.stderr).toBe(0);
      const report = JSON.parse(first.stdout) as {
        judge: {
          judged: number;
          model: string;
          kappa: { value: number; agreement: number; n: number };
          rubric: { value: number; n: number };
        };
      };
      expect(report.judge).toMatchObject({ judged: 60, model: 'ollama:qwen2.5:7b-instruct' });
      expect(report.judge.kappa).toMatchObject({ value: 1, agreement: 1, n: 60 });
      expect(report.judge.rubric).toMatchObject({ n: 60 });
      expect(report.judge.rubric.value).toBeCloseTo(6 / 7, 10);
      // Identical questions (same truth, same answer) are asked once: the judge's calls go through the model cache.
      const calls = server.calls.chat;
      expect(calls).toBeGreaterThan(0);
      expect(calls).toBeLessThanOrEqual(120);
      const again = await runCliAsync(args);
      expect(again.code).toBe(0);
      expect(server.calls.chat).toBe(calls);
      expect(runCli(['report', runId, '--db', db]).stdout).toContain('Judge agreement, Cohen’s κ');
    } finally {
      await server.close();
    }
  }, 120_000);

  it('rejects the built-in agents as a judge', () => {
    const result = runCli(['report', runId, '--db', db, '--judge', 'builtin']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--judge');
  });

  it('rejects an unknown format in one line with exit 2', () => {
    const result = runCli(['report', runId, '--db', db, '--format', 'pdf']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('--format');
  });

  it('writes one self-contained HTML file', () => {
    const html = join(dir, 'report.html');
    expect(runCli(['report', runId, '--db', db, '-o', html]).code).toBe(0);
    const text = readFileSync(html, 'utf8');
    expect(text.startsWith('<!doctype html>')).toBe(true);
    expect(text).not.toMatch(/<script|<link|@import|url\(|src=/i);
    expect(text.match(/<svg class="plot"/g)).toHaveLength(3);
    expect(text.match(/<tr class="(right|wrong|failed)"/g)).toHaveLength(60);
  });

  it.skipIf(!existsSync(chromiumPath))(
    'renders the HTML report in headless Chromium with visible plots (screenshot)',
    async () => {
      const html = join(dir, 'browser.html');
      expect(runCli(['report', runId, '--db', db, '-o', html]).code).toBe(0);
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({
        executablePath: chromiumPath,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        const requests: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        await page.goto(pathToFileURL(html).href);
        for (const plot of ['accuracy-by-department', 'accuracy-vs-cost', 'confusion']) {
          const box = await page.locator(`svg[data-plot="${plot}"]`).boundingBox();
          expect(box, plot).not.toBeNull();
          expect(box?.width ?? 0).toBeGreaterThan(100);
          expect(box?.height ?? 0).toBeGreaterThan(100);
        }
        expect(await page.locator('svg[data-plot="accuracy-by-department"] g.bar rect').count()).toBe(5);
        expect(await page.locator('svg[data-plot="accuracy-vs-cost"] g.point circle').count()).toBe(5);
        expect(await page.locator('svg[data-plot="confusion"] g.cell rect').count()).toBeGreaterThan(5);
        const barBox = await page.locator('svg[data-plot="accuracy-by-department"] g.bar rect').first().boundingBox();
        expect(barBox?.width ?? 0).toBeGreaterThan(10);
        expect(await page.locator('table.journeys tbody tr').count()).toBe(60);
        expect(requests.every((url) => url.startsWith('file:'))).toBe(true);
        // Kept outside the checkout for a person to look at.
        await page.screenshot({ path: join(tmpdir(), 'hospital-report-screenshot.png'), fullPage: true });
        await page.screenshot({ path: join(tmpdir(), 'hospital-report-top.png') });
        await page.locator('.plots').screenshot({ path: join(tmpdir(), 'hospital-report-plots.png') });
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
