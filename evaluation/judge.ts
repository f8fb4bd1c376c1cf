import pLimit from 'p-limit';
import { AgentFailure } from '../agents/roles.js';
import type { ModelClient } from '../agents/models/client.js';
import { formatModelSpec, type RemoteModelSpec } from '../agents/models/spec.js';
import type { DiagnosisReport, JourneyEvent, ModelUsage } from '../domain/journey.js';
import type { RunRecord, RunStore } from '../environment/records/run-store.js';
import type { CaseTruth, PatientCase } from '../domain/patient-case.js';
import { judgeReplySchema, verdictQuestion, type JudgeVerdict, type VerdictInputs } from './judge-prompt.js';
import {
  caseCriteria,
  criteriaFor,
  judgeChart,
  rubricQuestion,
  rubricReplySchema,
  rubricValue,
  type RubricCriterion,
} from './judge-rubric.js';
import { unscored, type Score } from '../domain/score.js';

/** Deterministic sampling for grading: the same question gets the same request, so the cache replays it. */
const verdictOptions = { temperature: 0, seed: 0, maxTokens: 400 };
const rubricOptions = (criteria: number) => ({ temperature: 0, seed: 0, maxTokens: 200 + 80 * criteria });

export interface JudgeSettings {
  client: ModelClient;
  spec: RemoteModelSpec;
  /** Also grade the explanation against the chart, the reference and the criteria. */
  rubric?: boolean;
  /** A scenario's own criteria for a case (default: the case's `truth.rubric`, when it has one). */
  criteriaOf?: (patient: PatientCase) => readonly RubricCriterion[];
}

const failureReason = (error: unknown): string =>
  error instanceof AgentFailure ? error.reason : error instanceof Error ? error.message : String(error);

/** One verdict: from the reply's schema, or none (unscored) with the reason it could not be had. */
export interface DiagnosisJudgement {
  verdict: JudgeVerdict | null;
  reason: string;
  inputs: VerdictInputs;
  usage?: ModelUsage;
}

/** Ask the judge whether a given diagnosis names the reference disease. Never throws for a model failure. */
export async function judgeDiagnosis(
  settings: JudgeSettings,
  truth: CaseTruth,
  given: { diagnosis: string; icd10?: string },
  sample: number,
): Promise<DiagnosisJudgement> {
  const question = verdictQuestion(truth, given);
  try {
    const { output, usage } = await settings.client.chat({
      spec: settings.spec,
      role: 'judge',
      messages: question.messages,
      schema: judgeReplySchema(question.candidateId),
      schemaName: 'JudgeVerdict',
      options: verdictOptions,
      sample,
    });
    return { verdict: output.verdict, reason: output.reason, inputs: question.inputs, usage };
  } catch (error) {
    return { verdict: null, reason: failureReason(error), inputs: question.inputs };
  }
}

/**
 * Grade a report's explanation on the built-in and the scenario's criteria, with the chart as of
 * the diagnosis and the reference in view: `rubricJudge`, the share of points met (errors
 * subtract), or unscored (NaN) with its reason.
 */
export async function judgeExplanation(
  settings: JudgeSettings,
  input: { patient: PatientCase; events: readonly JourneyEvent[]; report: DiagnosisReport; criteria?: readonly RubricCriterion[] },
  sample: number,
): Promise<Score> {
  const model = formatModelSpec(settings.spec);
  const criteria = criteriaFor(input.criteria ?? []);
  const question = rubricQuestion({
    chart: judgeChart(input.patient, input.events),
    truth: input.patient.truth,
    criteria,
    report: input.report,
  });
  try {
    const { output, usage } = await settings.client.chat({
      spec: settings.spec,
      role: 'judge',
      messages: question.messages,
      schema: rubricReplySchema(question.reportId, criteria),
      schemaName: 'RubricJudgement',
      options: rubricOptions(criteria.length),
      sample,
    });
    const graded = output.criteria as Record<string, { met: boolean; reason: string }>;
    const met = new Set(criteria.filter((criterion) => graded[criterion.id]?.met).map((criterion) => criterion.id));
    const { value, points, possible } = rubricValue(criteria, met);
    return {
      metric: 'rubricJudge',
      value,
      detail: {
        model,
        points,
        possible,
        criteria: Object.fromEntries(
          criteria.map((criterion) => [criterion.id, { met: met.has(criterion.id), reason: graded[criterion.id]?.reason ?? '' }]),
        ),
        tokens: usage.inTokens + usage.outTokens,
        cached: usage.cached,
      },
    };
  } catch (error) {
    return { metric: 'rubricJudge', value: Number.NaN, detail: { reason: failureReason(error), model } };
  }
}

/**
 * The LLM judge of one journey: `judgeMatch` (1 when the verdict is correct, 0 for partial or
 * wrong, with the verdict in the detail), and with `rubric` the explanation's `rubricJudge`. A
 * model failure or a reply that does not fit the schema leaves the metric unscored (NaN).
 */
export async function judgeJourney(
  settings: JudgeSettings,
  patient: PatientCase,
  report: DiagnosisReport | undefined,
  sample: number,
  context: { events?: readonly JourneyEvent[]; criteria?: readonly RubricCriterion[] } = {},
): Promise<Score[]> {
  const model = formatModelSpec(settings.spec);
  if (!report || !report.diagnosis.trim()) {
    return [
      { metric: 'judgeMatch', value: 0, detail: { reason: 'no diagnosis given', model } },
      ...(settings.rubric ? [unscored('rubricJudge', 'no diagnosis report')] : []),
    ];
  }
  const judgement = await judgeDiagnosis(settings, patient.truth, report, sample);
  const scores: Score[] = [
    judgement.verdict === null
      ? { metric: 'judgeMatch', value: Number.NaN, detail: { reason: judgement.reason, model } }
      : {
          metric: 'judgeMatch',
          value: judgement.verdict === 'correct' ? 1 : 0,
          detail: {
            verdict: judgement.verdict,
            reason: judgement.reason,
            model,
            judged: judgement.inputs.candidate.diagnosis,
            tokens: (judgement.usage?.inTokens ?? 0) + (judgement.usage?.outTokens ?? 0),
            cached: judgement.usage?.cached ?? false,
          },
        },
  ];
  if (settings.rubric) {
    const criteria = context.criteria ?? settings.criteriaOf?.(patient) ?? caseCriteria(patient);
    scores.push(await judgeExplanation(settings, { patient, events: context.events ?? [], report, criteria }, sample));
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
          const events = settings.rubric ? store.events(run.id, row.idx, row.sample) : [];
          return { row, scores: await judgeJourney(settings, patient, report, row.sample, { events }) };
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
