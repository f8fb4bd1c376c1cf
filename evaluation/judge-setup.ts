import { ModelClient } from '../agents/models/client.js';
import { SqliteModelCache, type ModelCache } from '../agents/models/cache.js';
import { resolveOllamaHosts } from '../agents/models/hosts.js';
import { preflightModels } from '../agents/models/preflight.js';
import { parseModelTimeout } from '../agents/models/run-options.js';
import { isRemoteSpec, parseModelSpec } from '../agents/models/spec.js';
import { InputError } from '../domain/errors.js';
import type { RunRecord, RunStore } from '../environment/records/run-store.js';
import { judgeRun, type JudgeSettings } from './judge.js';
import { checkJudge, type JudgeCheckReport } from './judge-check.js';
import { defaultJudgeReferenceFile, loadJudgeReference } from './judge-reference.js';

/** The judge's options, as `hospital report` (and `hospital run`) take them. */
export interface JudgeOptions {
  judge?: string;
  rubric?: boolean;
  ollamaHost?: string;
  modelTimeout?: string;
}

export const judgeOptionHelp = {
  judge:
    'grade each diagnosis with an LLM judge (ollama:<model> or openai:<url>#<model>); stored as judgeMatch, reported with Cohen’s κ against the deterministic match',
  rubric:
    'with --judge: also grade each explanation against the chart, the reference diagnosis and the scenario’s criteria (share of rubric points met)',
  ollamaHost: 'Ollama host(s) for the judge, comma-separated (default: $OLLAMA_HOST or 127.0.0.1:11434)',
  modelTimeout: 'seconds per judge call before it counts as failed (default 120)',
} as const;

/** The judge's model and its client, from the options (a bad or built-in spec is an InputError naming --judge). */
export function judgeModelFrom(options: JudgeOptions, cache?: ModelCache): Pick<JudgeSettings, 'client' | 'spec'> {
  if (options.rubric && !options.judge) throw new InputError('--rubric', 'options', 'needs --judge <model-spec>');
  const spec = parseModelSpec(options.judge ?? '', '--judge');
  if (!isRemoteSpec(spec))
    throw new InputError(
      '--judge',
      'model spec',
      'a model (ollama:<model> or openai:<base-url>#<model>); the built-in agents cannot judge',
    );
  const client = new ModelClient({
    ollamaHosts: resolveOllamaHosts(options.ollamaHost),
    timeoutMs: parseModelTimeout(options.modelTimeout),
    cache,
  });
  return { client, spec };
}

/** A judge for a run; the model-call cache lives in the run's own records file. */
export function judgeSettingsFrom(store: RunStore, options: JudgeOptions): JudgeSettings {
  return { ...judgeModelFrom(options, new SqliteModelCache(store.db)), rubric: options.rubric ?? false };
}

/** Judge the journeys of a run not judged yet; progress on stderr. */
export async function judgeRunFromOptions(store: RunStore, run: RunRecord, options: JudgeOptions): Promise<void> {
  const settings = judgeSettingsFrom(store, options);
  const total = store.countJourneys(run.id);
  const tty = process.stderr.isTTY;
  const outcome = await judgeRun(store, run, settings, {
    onJudged: (done) => {
      if (tty) process.stderr.write(`\rJudging ${run.id}: ${done} of up to ${total}`);
    },
  });
  if (tty) process.stderr.write('\n');
  if (outcome.failed > 0)
    process.stderr.write(
      `Judge: ${outcome.failed} of ${outcome.judged} verdicts failed (left unscored; rerun the report with --judge to retry them).\n`,
    );
}

/** `hospital judge check`: the judge's model, the labelled set to check it on, and how many questions at once. */
export interface JudgeCheckOptions extends Omit<JudgeOptions, 'rubric'> {
  set?: string;
  concurrency?: number;
  onProgress?(done: number, total: number): void;
}

/** Check a judge model against a hand-labelled set: the set is read and the model server asked first, then every item is judged. */
export async function judgeCheckFromOptions(options: JudgeCheckOptions): Promise<JudgeCheckReport> {
  const settings = judgeModelFrom(options);
  const file = options.set ?? defaultJudgeReferenceFile();
  const items = loadJudgeReference(file);
  await preflightModels({ judge: options.judge ?? '' }, { ollamaHosts: resolveOllamaHosts(options.ollamaHost) });
  return checkJudge(settings, items, { file, concurrency: options.concurrency, onProgress: options.onProgress });
}
