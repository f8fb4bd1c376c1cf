import { embedderFor } from '../agents/experience/embeddings.js';
import { agentsWithProfile } from '../agents/experience/profile-doctor.js';
import { resolveOllamaHosts } from '../agents/models/hosts.js';
import type { RoleModels } from '../agents/index.js';
import type { FlowSettings } from './patient-flow.js';
import { applyPatientFlow } from './records/flow-records.js';
import { experienceOfExport, parseProfileText, type FrozenProfile } from './records/profiles.js';
import type { ExecuteOptions } from './run-execution.js';
import { engineSetupFor } from './run-setup.js';
import { runBatch, type BatchOutcome } from './runner.js';

/** What a run that uses a doctor profile stores in its config. */
export interface RunProfileRef {
  name: string;
  version: number;
  /** sha256 of the frozen profile text, kept in profile_snapshots. */
  digest: string;
}

/**
 * Run (or finish) a run whose doctors use a frozen profile: the same as `executeRun`, with the
 * doctors built from the frozen copy (read-only, in this thread), so the profile itself is never
 * written and a resume uses exactly the copy the run started with.
 */
export async function executeProfileRun(options: ExecuteOptions & { frozen: FrozenProfile; ollamaHost?: string }): Promise<BatchOutcome> {
  const { store, run } = options;
  const profile = parseProfileText(options.frozen.content);
  const embedder = profile.config.embed ? embedderFor(profile.config.embed, resolveOllamaHosts(options.ollamaHost)[0]) : undefined;
  const outcome = await runBatch({
    store,
    run,
    setup: () => {
      const setup = engineSetupFor(run.config, options.runtime, options.set);
      // A fresh experience per engine: journeys of the run share it read-only.
      const agents = agentsWithProfile(
        setup.agents,
        setup.set,
        profile.config,
        experienceOfExport(profile),
        run.config.models as RoleModels,
        embedder,
      );
      return { ...setup, agents };
    },
    score: options.score,
    concurrency: run.config.concurrency,
    workers: 0,
    hooks: options.hooks,
  });
  const flow = run.config.flow as FlowSettings | undefined;
  if (flow && outcome.status === 'completed') applyPatientFlow(store, store.getRun(run.id), flow);
  return outcome;
}
