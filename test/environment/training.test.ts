import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { learningDoctorFor } from '../../agents/experience/profile-doctor.js';
import type { ProfileConfig } from '../../agents/experience/profile-format.js';
import { renderExperience, retrieveExperience } from '../../agents/experience/retrieval.js';
import type { HospitalAgents } from '../../agents/roles.js';
import type { Chart } from '../../domain/chart.js';
import { patientFor } from '../../environment/engine.js';
import { executeProfileRun } from '../../environment/profile-run.js';
import { openDatabase } from '../../environment/records/database.js';
import { ProfileStore } from '../../environment/records/profiles.js';
import { RunStore } from '../../environment/records/run-store.js';
import { trainProfile, type TrainingHooks } from '../../environment/training.js';
import { learningSectionForRun } from '../../evaluation/learning-curve.js';
import type { ScenarioSet } from '../../scenarios/loader.js';
import type { PatientCase } from '../../domain/patient-case.js';
import { loadScenarioSources } from '../../scenarios/sources.js';
import { tempDir } from '../helpers/temp.js';
import { scoreJourney } from '../../evaluation/scorers.js';

/** Twelve common scenarios over six departments: small enough for quick journeys. */
const starterIds = [
  'community-acquired-pneumonia',
  'asthma-exacerbation',
  'st-elevation-myocardial-infarction',
  'acute-heart-failure',
  'acute-ischaemic-stroke',
  'migraine',
  'acute-appendicitis',
  'type-2-diabetes-mellitus',
  'diabetic-ketoacidosis',
  'acute-cystitis',
  'atopic-eczema',
  'acute-otitis-media',
];

let starter: ScenarioSet | undefined;
function starterSet(): ScenarioSet {
  if (!starter) {
    const full = loadScenarioSources([]);
    starter = loadScenarioSources(full.scenarios.filter((scenario) => starterIds.includes(scenario.id)).map((scenario) => scenario.file));
  }
  return starter;
}

function configFor(set: ScenarioSet, overrides: Partial<ProfileConfig> = {}): ProfileConfig {
  return {
    doctor: 'builtin',
    scenarios: set.sources,
    scenarioHash: set.hash,
    scenarioCount: set.scenarios.length,
    seed: 3,
    heldOutSeed: 1_000_003,
    heldOutPatients: 12,
    window: 10,
    facility: 'tertiary',
    maxTurns: 20,
    maxReferrals: 1,
    knownKeyFindings: 0,
    retrieval: { cases: 3, rules: 3, chars: 1800 },
    ...overrides,
  };
}

function openStores(file: string): { profiles: ProfileStore; runs: RunStore; close: () => void } {
  const db = openDatabase(file);
  return { profiles: new ProfileStore(db), runs: new RunStore(db), close: () => db.close() };
}

async function train(file: string, name: string, target: number, options: { hooks?: TrainingHooks; create?: ProfileConfig } = {}) {
  const set = starterSet();
  const { profiles, runs, close } = openStores(file);
  try {
    if (options.create) profiles.create(name, options.create);
    const doctor = learningDoctorFor(profiles.get(name).config, set, profiles.loadExperience(name));
    return await trainProfile({ score: scoreJourney, profiles, runs, profile: name, target, set, doctor, hooks: options.hooks });
  } finally {
    close();
  }
}

describe('training a doctor profile', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('keeps each journey’s true diagnosis out of that journey’s doctor input, and learns only after the journey’s last doctor call', async () => {
    const set = starterSet();
    const log: string[] = [];
    let inDoctor = 0;
    let experienceText = (_chart: Chart): string => '';
    const canary = (index: number): string => `zzcanary${index}zz`;
    // Every training case carries canary truth names; reading its truth during a doctor call fails the test.
    const drawPatient = (seed: number, index: number): PatientCase => {
      const patient = patientFor(set, seed, index);
      const truth = {
        ...patient.truth,
        diagnosis: canary(index),
        synonyms: [`${canary(index)} syn`],
        icd10: 'Z99.9',
        acceptable: [],
        nearMisses: [],
      };
      return Object.defineProperty({ ...patient }, 'truth', {
        enumerable: true,
        get: () => {
          if (inDoctor > 0) throw new Error(`the truth of patient ${index} was read during a doctor call`);
          log.push(`truth ${index}`);
          return truth;
        },
      });
    };
    const inputs = new Map<number, string[]>();
    const indexOf = (journeyKey: string): number => Number(/-p(\d+)-/.exec(journeyKey)?.[1]);
    const watch = <T>(journeyKey: string, chart: Chart, extra: unknown, call: () => Promise<T>): Promise<T> => {
      const index = indexOf(journeyKey);
      log.push(`doctor ${index}`);
      // What a doctor reads: the chart, what it is told, and (for a model doctor) the retrieved experience.
      inputs.set(index, [...(inputs.get(index) ?? []), JSON.stringify(chart) + JSON.stringify(extra ?? null) + experienceText(chart)]);
      inDoctor++;
      return call().finally(() => inDoctor--);
    };
    const { profiles, runs, close } = openStores(join(dir, 'h.db'));
    profiles.create('watched', configFor(set, { heldOutPatients: 0 }));
    const doctor = learningDoctorFor(profiles.get('watched').config, set, profiles.loadExperience('watched'));
    experienceText = (chart) => renderExperience(retrieveExperience(doctor.experience, chart)) ?? '';
    const agents: HospitalAgents = {
      ...doctor.agents,
      triage: { triage: (chart, ctx) => watch(ctx.journeyKey, chart, null, () => doctor.agents.triage.triage(chart, ctx)) },
      specialist: { consult: (chart, ctx) => watch(ctx.journeyKey, chart, null, () => doctor.agents.specialist.consult(chart, ctx)) },
      followUp: {
        followUp: (chart, report, observation, ctx) =>
          watch(ctx.journeyKey, chart, observation, () => doctor.agents.followUp.followUp(chart, report, observation, ctx)),
      },
    };
    const learner = {
      agents,
      experience: doctor.experience,
      learn: (lesson: Parameters<typeof doctor.learn>[0]) => {
        log.push(`learn ${lesson.index}`);
        return doctor.learn(lesson);
      },
    };
    const patients = 24;
    await trainProfile({ score: scoreJourney, profiles, runs, profile: 'watched', target: patients, set, doctor: learner, drawPatient });
    const exported = profiles.exportText('watched');
    close();

    for (let i = 0; i < patients; i++) {
      for (const input of inputs.get(i) ?? []) expect(input.includes(canary(i)), `patient ${i}'s diagnosis reached its doctor`).toBe(false);
      const lastDoctor = log.lastIndexOf(`doctor ${i}`);
      const learned = log.indexOf(`learn ${i}`);
      expect(lastDoctor).toBeGreaterThanOrEqual(0);
      expect(log.indexOf(`truth ${i}`)).toBeGreaterThanOrEqual(0);
      // The learning step (the one consumer of the truth for learning) runs once the journey's doctors are done.
      expect(learned, `patient ${i}: learned before its journey's last doctor call`).toBeGreaterThan(lastDoctor);
      expect(log.lastIndexOf(`learn ${i}`)).toBe(learned);
      expect(log.indexOf(`doctor ${i + 1}`) === -1 || log.indexOf(`doctor ${i + 1}`) > learned).toBe(true);
    }
    // The check can see a leak: what the learning step was told does reach later journeys' doctors.
    expect(exported).toContain(canary(0));
    const later = [...inputs.entries()].filter(([index]) => index > 0).flatMap(([, texts]) => texts);
    expect(later.some((text) => /zzcanary\d+zz/.test(text))).toBe(true);
  }, 120_000);

  it('is deterministic and resumable: a stopped and continued training ends with the same profile, byte for byte', async () => {
    const set = starterSet();
    const whole = join(dir, 'whole.db');
    await train(whole, 'doc', 30, { create: configFor(set) });
    const split = join(dir, 'split.db');
    const controller = new AbortController();
    const first = await train(split, 'doc', 30, {
      create: configFor(set),
      hooks: { signal: controller.signal, onPatient: (index) => index === 16 && controller.abort() },
    });
    expect(first.status).toBe('interrupted');
    expect(first.progress.trained).toBe(17);
    const second = await train(split, 'doc', 30);
    expect(second.status).toBe('completed');
    expect(second.progress.done).toBe(13);

    const a = openStores(whole);
    const b = openStores(split);
    expect(b.profiles.exportText('doc')).toBe(a.profiles.exportText('doc'));
    expect(a.profiles.curve('doc').map((point) => point.trained)).toEqual([0, 10, 20, 30]);
    // The training journeys are recorded once each, in the profile's run.
    expect(b.runs.countJourneys(b.profiles.get('doc').runId!)).toBe(30);
    a.close();
    b.close();
  }, 180_000);

  it('exports canonically: export → import → export gives the same bytes', async () => {
    const set = starterSet();
    const file = join(dir, 'h.db');
    await train(file, 'doc', 12, { create: configFor(set, { heldOutPatients: 4, window: 6 }) });
    const source = openStores(file);
    const text = source.profiles.exportText('doc');
    source.close();
    const other = openStores(join(dir, 'other.db'));
    other.profiles.importText(text, 'doc.json');
    expect(other.profiles.exportText('doc')).toBe(text);
    expect(() => other.profiles.importText(text, 'doc.json')).toThrow(/already exists/);
    other.profiles.importText(text, 'doc.json', 'copy');
    expect(other.profiles.exportText('copy')).toBe(text.replace('"name": "doc"', '"name": "copy"'));
    expect(() => other.profiles.importText('{"format":"agent-hospital-profile"}', 'bad.json')).toThrow(/bad\.json: formatVersion/);
    other.close();
  }, 120_000);

  it('runs with a frozen copy: a run never changes the profile, and further training does not change the run', async () => {
    const set = starterSet();
    const file = join(dir, 'h.db');
    await train(file, 'doc', 20, { create: configFor(set, { heldOutPatients: 0 }) });
    const { profiles, runs, close } = openStores(file);
    const before = profiles.exportText('doc');
    const frozen = profiles.freeze('doc');
    const config = {
      scenarios: set.sources,
      scenarioHash: set.hash,
      scenarioCount: set.scenarios.length,
      seed: 77,
      patients: 8,
      repeats: 1,
      concurrency: 4,
      maxTurns: 20,
      maxReferrals: 1,
      facility: 'tertiary' as const,
      models: { triage: 'builtin', specialist: 'builtin', followUp: 'builtin', patient: 'builtin', examiner: 'builtin' },
      profile: { name: 'doc', version: frozen.version, digest: frozen.digest },
    };
    const first = runs.createRun(config);
    await executeProfileRun({ store: runs, run: first, set, frozen: profiles.snapshot(frozen.digest), score: scoreJourney });
    expect(profiles.exportText('doc')).toBe(before);
    // What `hospital report` shows for runs tied to a profile.
    expect(learningSectionForRun(profiles, first.config)?.text).toMatch(/^Doctor profile: doc version 20 \(frozen copy [0-9a-f]{12}\)/);
    const trainingRun = runs.getRun(profiles.get('doc').runId!);
    const section = learningSectionForRun(profiles, trainingRun.config);
    expect(section?.text).toMatch(/Learning curve of profile doc/);
    expect(section?.svg).toMatch(/^<svg /);
    close();

    await train(file, 'doc', 40);
    const again = openStores(file);
    expect(again.profiles.get('doc').version).toBe(40);
    const second = again.runs.createRun(config);
    await executeProfileRun({ store: again.runs, run: second, set, frozen: again.profiles.snapshot(frozen.digest), score: scoreJourney });
    const diagnoses = (runId: string): (string | null)[] => [...again.runs.journeys(runId)].map((row) => row.diagnosis);
    expect(diagnoses(second.id)).toEqual(diagnoses(first.id));
    again.close();
  }, 180_000);
});
