import { ModelClient } from '../agents/models/client.js';
import { SqliteModelCache } from '../agents/models/cache.js';
import { resolveOllamaHosts } from '../agents/models/hosts.js';
import { parseModelTimeout } from '../agents/models/run-options.js';
import { isRemoteSpec, parseModelSpec } from '../agents/models/spec.js';
import { InputError } from '../domain/errors.js';
import type { RunRecord, RunStore } from '../environment/records/run-store.js';
import { judgeRun, type JudgeSettings } from './judge.js';

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
  rubric: 'with --judge: also rate clarity, consistency of reasoning and next steps (1–5)',
  ollamaHost: 'Ollama host(s) for the judge, comma-separated (default: $OLLAMA_HOST or 127.0.0.1:11434)',
  modelTimeout: 'seconds per judge call before it counts as failed (default 120)',
} as const;

/** A judge from its options; the model-call cache lives in the run's own records file. */
export function judgeSettingsFrom(store: RunStore, options: JudgeOptions): JudgeSettings {
  const spec = parseModelSpec(options.judge ?? '', '--judge');
  if (!isRemoteSpec(spec))
    throw new InputError(
      '--judge',
      'model spec',
      'a model (ollama:<model> or openai:<base-url>#<model>); the built-in agents cannot judge',
    );
  if (options.rubric && !options.judge) throw new InputError('--rubric', 'options', 'needs --judge <model-spec>');
  const client = new ModelClient({
    ollamaHosts: resolveOllamaHosts(options.ollamaHost),
    timeoutMs: parseModelTimeout(options.modelTimeout),
    cache: new SqliteModelCache(store.db),
  });
  return { client, spec, rubric: options.rubric ?? false };
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
