import pLimit from 'p-limit';
import { AgentFailure } from '../agents/roles.js';
import type { ModelClient } from '../agents/models/client.js';
import { formatModelSpec, type RemoteModelSpec } from '../agents/models/spec.js';
import type { DiagnosisReport } from '../domain/journey.js';
import type { RunRecord, RunStore } from '../environment/records/run-store.js';
import type { PatientCase } from '../domain/patient-case.js';
import { judgeVerdictSchema, reportLooksInjected, rubricMessages, rubricScoresSchema, verdictMessages } from './judge-prompt.js';
import { unscored, type Score } from '../domain/score.js';

/** Deterministic sampling for grading: the same journey gets the same request, so the cache replays it. */
const judgeOptions = { temperature: 0, seed: 0, maxTokens: 400 };

export interface JudgeSettings {
  client: ModelClient;
  spec: RemoteModelSpec;
  /** Also rate clarity, consistency and next steps. */
  rubric?: boolean;
  /** Leave the clause filter off (only to show in tests what the quoting alone does). */
  sanitise?: boolean;
}

const failureReason = (error: unknown): string =>
  error instanceof AgentFailure ? error.reason : error instanceof Error ? error.message : String(error);

/**
 * The LLM judge of one journey: a structured verdict on the diagnosis field (`judgeMatch`: 1 for
 * match; partial and mismatch are 0 with the verdict in the detail), and optionally the rubric
 * (`rubricClarity`, `rubricConsistency`, `rubricNextSteps`, each scaled from 1–5 to 0–1). A model
 * failure or an unusable reply leaves the metric unscored (NaN) with its reason.
 */
export async function judgeJourney(
  settings: JudgeSettings,
  patient: PatientCase,
  report: DiagnosisReport | undefined,
  sample: number,
): Promise<Score[]> {
  const model = formatModelSpec(settings.spec);
  const rubricNames = ['rubricClarity', 'rubricConsistency', 'rubricNextSteps'];
  if (!report || !report.diagnosis.trim()) {
    return [
      { metric: 'judgeMatch', value: 0, detail: { reason: 'no diagnosis given', model } },
      ...(settings.rubric ? rubricNames.map((name) => unscored(name, 'no diagnosis report')) : []),
    ];
  }
  const scores: Score[] = [];
  const { messages, candidate } = verdictMessages(patient.truth, report, { sanitise: settings.sanitise });
  try {
    const { output, usage } = await settings.client.chat({
      spec: settings.spec,
      role: 'judge',
      messages,
      schema: judgeVerdictSchema,
      schemaName: 'JudgeVerdict',
      options: judgeOptions,
      sample,
    });
    scores.push({
      metric: 'judgeMatch',
      value: output.verdict === 'match' ? 1 : 0,
      detail: {
        verdict: output.verdict,
        explanation: output.explanation,
        model,
        judged: candidate.text,
        injectionSuspected: candidate.injectionSuspected ? 1 : 0,
        tokens: usage.inTokens + usage.outTokens,
        cached: usage.cached,
      },
    });
  } catch (error) {
    scores.push({ metric: 'judgeMatch', value: Number.NaN, detail: { reason: failureReason(error), model } });
  }
  if (settings.rubric) {
    try {
      const { output } = await settings.client.chat({
        spec: settings.spec,
        role: 'judge',
        messages: rubricMessages(report),
        schema: rubricScoresSchema,
        schemaName: 'RubricScores',
        options: judgeOptions,
        sample,
      });
      const detail = { explanation: output.explanation, model, injectionSuspected: reportLooksInjected(report) ? 1 : 0 };
      scores.push({ metric: 'rubricClarity', value: (output.clarity - 1) / 4, detail: { ...detail, points: output.clarity } });
      scores.push({ metric: 'rubricConsistency', value: (output.consistency - 1) / 4, detail: { ...detail, points: output.consistency } });
      scores.push({ metric: 'rubricNextSteps', value: (output.nextSteps - 1) / 4, detail: { ...detail, points: output.nextSteps } });
    } catch (error) {
      for (const name of rubricNames) scores.push(unscored(name, failureReason(error)));
    }
  }
  return scores;
}

export interface JudgeRunOptions {
  concurrency?: number;
  /** Judge again journeys that already have a verdict (default: only the rest). */
  again?: boolean;
  onJudged?(done: number): void;
}

interface PendingRow {
  idx: number;
  sample: number;
  case_json: string;
  report_json: string | null;
}

/**
 * Judge every journey of a run that has no verdict yet, in pages, storing the scores as each page
 * ends: memory stays bounded by the page, and a judge stopped half-way resumes where it was.
 */
export async function judgeRun(
  store: RunStore,
  run: RunRecord,
  settings: JudgeSettings,
  options: JudgeRunOptions = {},
): Promise<{ judged: number; failed: number }> {
  const pageSize = 64;
  const limit = pLimit(Math.max(1, options.concurrency ?? 4));
  const select = store.db.prepare(
    `SELECT j.idx, j.sample, j.case_json, j.report_json FROM journeys j
     WHERE j.run_id = ? AND (j.idx > ? OR (j.idx = ? AND j.sample > ?))
       AND (? = 1 OR NOT EXISTS (SELECT 1 FROM scores s WHERE s.run_id = j.run_id AND s.idx = j.idx AND s.sample = j.sample AND s.metric = 'judgeMatch' AND s.value IS NOT NULL))
     ORDER BY j.idx, j.sample LIMIT ?`,
  );
  let judged = 0;
  let failed = 0;
  let after = { idx: -1, sample: -1 };
  for (;;) {
    const page = select.all(run.id, after.idx, after.idx, after.sample, options.again ? 1 : 0, pageSize) as PendingRow[];
    if (page.length === 0) break;
    const results = await Promise.all(
      page.map((row) =>
        limit(async () => {
          const patient = JSON.parse(row.case_json) as PatientCase;
          const report = row.report_json ? (JSON.parse(row.report_json) as DiagnosisReport) : undefined;
          return { row, scores: await judgeJourney(settings, patient, report, row.sample) };
        }),
      ),
    );
    for (const { row, scores } of results) {
      store.addScores(run.id, row.idx, row.sample, scores);
      judged++;
      if (scores.some((score) => score.metric === 'judgeMatch' && Number.isNaN(score.value))) failed++;
    }
    options.onJudged?.(judged);
    const last = page[page.length - 1];
    after = { idx: last.idx, sample: last.sample };
  }
  return { judged, failed };
}
