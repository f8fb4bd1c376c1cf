import { join } from 'node:path';
import { createBuiltinAgents } from '../agents/builtin/index.js';
import { learningDoctorFor } from '../agents/experience/profile-doctor.js';
import type { ProfileConfig } from '../agents/experience/profile-format.js';
import { defaultRetrievalBudget } from '../agents/experience/retrieval.js';
import { openDatabase } from '../environment/records/database.js';
import { ProfileStore } from '../environment/records/profiles.js';
import { RunStore } from '../environment/records/run-store.js';
import { evaluateHeldOut, trainProfile } from '../environment/training.js';
import { learningCurveOf, learningCurveText } from '../evaluation/learning-curve.js';
import { loadScenarioSources } from '../scenarios/sources.js';
import { scoreJourney } from '../evaluation/scorers.js';

export interface LearningBenchOptions {
  /** Training patients (default BENCH_LEARNING_PATIENTS or 5,000). */
  patients?: number;
  /** Held-out patients per curve point (default BENCH_LEARNING_HELD_OUT or 400). */
  heldOut?: number;
  /** Training patients per curve point (default 500). */
  window?: number;
}

export interface LearningBenchResult {
  figures: Record<string, number>;
  /** The learning curve, ready to print. */
  curveText: string;
}

/**
 * The evolving built-in doctor on the whole library: starting from a partial knowledge base (one
 * key finding per disease, no probabilities, priors or demographics), trained on patients of seed
 * 1 and measured every window on held-out patients of seed 1,000,001 that training never sees;
 * the full hand-written knowledge base on the same held-out patients is the reference ceiling.
 */
export async function benchLearning(dir: string, options: LearningBenchOptions = {}): Promise<LearningBenchResult> {
  const patients = options.patients ?? Number(process.env.BENCH_LEARNING_PATIENTS ?? 5000);
  const heldOut = options.heldOut ?? Number(process.env.BENCH_LEARNING_HELD_OUT ?? 400);
  const window = options.window ?? 500;
  const set = loadScenarioSources([]);
  const db = openDatabase(join(dir, 'learning.db'));
  const profiles = new ProfileStore(db);
  const config: ProfileConfig = {
    doctor: 'builtin',
    scenarios: set.sources,
    scenarioHash: set.hash,
    scenarioCount: set.scenarios.length,
    seed: 1,
    heldOutSeed: 1_000_001,
    heldOutPatients: heldOut,
    window,
    facility: 'tertiary',
    maxTurns: 20,
    maxReferrals: 1,
    knownKeyFindings: 1,
    retrieval: { ...defaultRetrievalBudget },
  };
  profiles.create('bench', config);
  const doctor = learningDoctorFor(config, set, profiles.loadExperience('bench'));
  const started = performance.now();
  const outcome = await trainProfile({
    score: scoreJourney,
    profiles,
    runs: new RunStore(db),
    profile: 'bench',
    target: patients,
    set,
    doctor,
  });
  const seconds = (performance.now() - started) / 1000;
  const reference = await evaluateHeldOut(createBuiltinAgents(set), set, config, patients);
  const curve = learningCurveOf(profiles, 'bench');
  const experience = profiles.loadExperience('bench');
  db.close();
  const first = curve.heldOut[0];
  const last = curve.heldOut.at(-1)!;
  return {
    figures: {
      scenarios: set.scenarios.length,
      trainingPatients: outcome.progress.trained,
      heldOutPatients: heldOut,
      untrainedTop1: first.accuracy,
      trainedTop1: last.accuracy,
      gainPoints: (last.accuracy - first.accuracy) * 100,
      untrainedTop3: first.top3,
      trainedTop3: last.top3,
      fullKnowledgeTop1: heldOut > 0 ? reference.correct / heldOut : Number.NaN,
      caseBase: experience.cases.length,
      experienceRules: experience.rules.size,
      seconds,
      msPerJourney: (seconds * 1000) / Math.max(1, outcome.progress.done + curve.heldOut.length * heldOut),
    },
    curveText: learningCurveText(curve),
  };
}

/** The section `npm run bench` prints: the curve, then the figures. */
export const learningSection = {
  title: 'Evolving built-in doctor: partial knowledge base trained on 5,000 patients, held-out accuracy',
  async run(dir: string): Promise<Record<string, number>> {
    const result = await benchLearning(dir);
    process.stdout.write(`\n${result.curveText}`);
    return result.figures;
  },
};
