import { createHash } from 'node:crypto';
import { ExperienceCounts } from '../../agents/experience/counts.js';
import { DoctorExperience } from '../../agents/experience/experience.js';
import type { ExperienceDelta } from '../../agents/experience/learner.js';
import {
  canonicalProfileText,
  caseSummarySchema,
  experienceRuleSchema,
  profileConfigSchema,
  profileExportSchema,
  profileFormat,
  profileFormatVersion,
  type CurvePoint,
  type ProfileConfig,
  type ProfileExport,
  type TrainingOutcome,
} from '../../agents/experience/profile-format.js';
import type { CaseSummary, ExperienceRule } from '../../agents/experience/types.js';
import { HospitalError, NotFoundError } from '../../domain/errors.js';
import type { HospitalDatabase } from './database.js';

export interface ProfileRecord {
  name: string;
  /** Learning steps applied (one per training patient). */
  version: number;
  /** Training patients learned from: the next training index. */
  trained: number;
  createdAt: string;
  updatedAt: string;
  config: ProfileConfig;
  /** The run that records the training journeys, when trained here. */
  runId: string | null;
}

export interface ProfileSummary extends ProfileRecord {
  cases: number;
  rules: number;
  /** Held-out accuracy at the last curve point (NaN before any). */
  heldOutAccuracy: number;
}

/** A profile frozen for a run: its canonical text and digest. */
export interface FrozenProfile {
  digest: string;
  name: string;
  version: number;
  content: string;
}

interface ProfileRow {
  name: string;
  version: number;
  trained: number;
  created_at: string;
  updated_at: string;
  config: string;
  run_id: string | null;
}

const toRecord = (row: ProfileRow): ProfileRecord => ({
  name: row.name,
  version: row.version,
  trained: row.trained,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  config: profileConfigSchema.parse(JSON.parse(row.config)),
  runId: row.run_id,
});

export const profileNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Doctor profiles: named, versioned stores of experience in the records file. */
export class ProfileStore {
  constructor(readonly db: HospitalDatabase) {}

  /** Whether the records file has the profile tables (a file opened read-only may predate them). */
  static available(db: HospitalDatabase): boolean {
    return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'profiles'").get() !== undefined;
  }

  create(name: string, config: ProfileConfig, now = new Date()): ProfileRecord {
    if (!profileNamePattern.test(name))
      throw new HospitalError(`profile name "${name}": expected letters, digits, ".", "_" or "-" (at most 64)`, 2);
    if (this.find(name)) throw new HospitalError(`a profile named "${name}" already exists (see "hospital profiles list")`, 2);
    const stamp = now.toISOString();
    this.db
      .prepare('INSERT INTO profiles (name, version, trained, created_at, updated_at, config) VALUES (?, 0, 0, ?, ?, ?)')
      .run(name, stamp, stamp, JSON.stringify(config));
    return this.get(name);
  }

  find(name: string): ProfileRecord | undefined {
    const row = this.db.prepare('SELECT * FROM profiles WHERE name = ?').get(name) as ProfileRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  get(name: string): ProfileRecord {
    const profile = this.find(name);
    if (!profile) throw new NotFoundError(`no profile "${name}" in this records file (see "hospital profiles list")`);
    return profile;
  }

  setRun(name: string, runId: string): void {
    this.db.prepare('UPDATE profiles SET run_id = ? WHERE name = ?').run(runId, name);
  }

  list(): ProfileSummary[] {
    const rows = this.db.prepare('SELECT * FROM profiles ORDER BY name').all() as ProfileRow[];
    return rows.map((row) => {
      const count = (table: string): number =>
        this.db.prepare(`SELECT COUNT(*) FROM ${table} WHERE profile = ?`).pluck().get(row.name) as number;
      const last = this.curve(row.name).at(-1);
      return {
        ...toRecord(row),
        cases: count('profile_cases'),
        rules: count('profile_rules'),
        heldOutAccuracy: last && last.patients > 0 ? last.correct / last.patients : Number.NaN,
      };
    });
  }

  delete(name: string): void {
    this.get(name);
    this.db.prepare('DELETE FROM profiles WHERE name = ?').run(name);
  }

  /** The profile's experience as the doctor holds it in memory. */
  loadExperience(name: string): DoctorExperience {
    const counts = ExperienceCounts.fromRows(
      this.db
        .prepare('SELECT disease, feature, present, absent FROM profile_counts WHERE profile = ? ORDER BY disease, feature')
        .all(name) as {
        disease: string;
        feature: string;
        present: number;
        absent: number;
      }[],
    );
    const cases = (this.db.prepare('SELECT data FROM profile_cases WHERE profile = ? ORDER BY seq').pluck().all(name) as string[]).map(
      (data) => caseSummarySchema.parse(JSON.parse(data)) as CaseSummary,
    );
    const rules = (this.db.prepare('SELECT data FROM profile_rules WHERE profile = ? ORDER BY key').pluck().all(name) as string[]).map(
      (data) => experienceRuleSchema.parse(JSON.parse(data)) as ExperienceRule,
    );
    return new DoctorExperience(counts, cases, rules);
  }

  /**
   * One learning step, in one transaction: the lesson's counts, case or rule, the outcome of the
   * training journey, and the progress marker that resuming continues from. `extra` runs inside
   * the same transaction (recording the training journey itself).
   */
  recordLesson(name: string, index: number, delta: ExperienceDelta, outcome: TrainingOutcome, extra?: () => void, now = new Date()): void {
    this.db.transaction(() => {
      const profile = this.get(name);
      if (profile.trained !== index)
        throw new HospitalError(`profile "${name}": expected to learn from patient ${profile.trained} next, not ${index}`);
      const upsert = this.db.prepare(
        `INSERT INTO profile_counts (profile, disease, feature, present, absent) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (profile, disease, feature) DO UPDATE SET present = present + excluded.present, absent = absent + excluded.absent`,
      );
      for (const row of delta.counts) upsert.run(name, row.disease, row.feature, row.present, row.absent);
      if (delta.newCase)
        this.db
          .prepare('INSERT INTO profile_cases (profile, seq, data) VALUES (?, ?, ?)')
          .run(name, delta.newCase.seq, JSON.stringify(delta.newCase));
      if (delta.rule)
        this.db
          .prepare('INSERT OR REPLACE INTO profile_rules (profile, key, data) VALUES (?, ?, ?)')
          .run(name, delta.rule.key, JSON.stringify(delta.rule));
      this.db
        .prepare('INSERT INTO profile_training (profile, idx, correct, diagnosis, true_diagnosis) VALUES (?, ?, ?, ?, ?)')
        .run(name, outcome.index, outcome.correct ? 1 : 0, outcome.diagnosis, outcome.trueDiagnosis);
      this.db
        .prepare('UPDATE profiles SET version = version + 1, trained = ?, updated_at = ? WHERE name = ?')
        .run(index + 1, now.toISOString(), name);
      extra?.();
    })();
  }

  addCurvePoint(name: string, point: CurvePoint): void {
    this.db
      .prepare('INSERT OR REPLACE INTO profile_curve (profile, trained, patients, correct, top3) VALUES (?, ?, ?, ?, ?)')
      .run(name, point.trained, point.patients, point.correct, point.top3);
  }

  curve(name: string): CurvePoint[] {
    return this.db
      .prepare('SELECT trained, patients, correct, top3 FROM profile_curve WHERE profile = ? ORDER BY trained')
      .all(name) as CurvePoint[];
  }

  trainingOutcomes(name: string): TrainingOutcome[] {
    const rows = this.db
      .prepare('SELECT idx, correct, diagnosis, true_diagnosis FROM profile_training WHERE profile = ? ORDER BY idx')
      .all(name) as {
      idx: number;
      correct: number;
      diagnosis: string | null;
      true_diagnosis: string;
    }[];
    return rows.map((row) => ({ index: row.idx, correct: row.correct === 1, diagnosis: row.diagnosis, trueDiagnosis: row.true_diagnosis }));
  }

  /** The profile in its canonical export form. */
  exportProfile(name: string): ProfileExport {
    const profile = this.get(name);
    const experience = this.loadExperience(name);
    return {
      format: profileFormat,
      formatVersion: profileFormatVersion,
      name: profile.name,
      version: profile.version,
      trained: profile.trained,
      config: profile.config,
      counts: experience.counts.rows().map((row) => [row.disease, row.feature, row.present, row.absent]),
      cases: experience.cases,
      rules: experience.sortedRules(),
      training: this.trainingOutcomes(name),
      curve: this.curve(name),
    };
  }

  exportText(name: string): string {
    return canonicalProfileText(this.exportProfile(name));
  }

  /** Add a profile from export text (optionally under another name); refuses to overwrite one. */
  importText(text: string, source: string, rename?: string, now = new Date()): ProfileRecord {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new HospitalError(`${source}: not a profile export (invalid JSON: ${(error as Error).message})`, 2);
    }
    const result = profileExportSchema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new HospitalError(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`, 2);
    }
    const profile = result.data;
    const name = rename ?? profile.name;
    this.db.transaction(() => {
      this.create(name, profile.config, now);
      const count = this.db.prepare('INSERT INTO profile_counts (profile, disease, feature, present, absent) VALUES (?, ?, ?, ?, ?)');
      for (const [disease, feature, present, absent] of profile.counts) count.run(name, disease, feature, present, absent);
      const addCase = this.db.prepare('INSERT INTO profile_cases (profile, seq, data) VALUES (?, ?, ?)');
      for (const summary of profile.cases) addCase.run(name, summary.seq, JSON.stringify(summary));
      const addRule = this.db.prepare('INSERT INTO profile_rules (profile, key, data) VALUES (?, ?, ?)');
      for (const rule of profile.rules) addRule.run(name, rule.key, JSON.stringify(rule));
      const addOutcome = this.db.prepare(
        'INSERT INTO profile_training (profile, idx, correct, diagnosis, true_diagnosis) VALUES (?, ?, ?, ?, ?)',
      );
      for (const outcome of profile.training)
        addOutcome.run(name, outcome.index, outcome.correct ? 1 : 0, outcome.diagnosis, outcome.trueDiagnosis);
      for (const point of profile.curve) this.addCurvePoint(name, point);
      this.db.prepare('UPDATE profiles SET version = ?, trained = ? WHERE name = ?').run(profile.version, profile.trained, name);
    })();
    return this.get(name);
  }

  /**
   * Freeze the profile as it is now for a run: its canonical text, stored by digest so the run
   * (and a resume of it) reads exactly this copy whatever training does to the profile later.
   */
  freeze(name: string, now = new Date()): FrozenProfile {
    const content = this.exportText(name);
    const digest = createHash('sha256').update(content).digest('hex');
    const profile = this.get(name);
    this.db
      .prepare('INSERT OR IGNORE INTO profile_snapshots (digest, profile, version, created_at, content) VALUES (?, ?, ?, ?, ?)')
      .run(digest, name, profile.version, now.toISOString(), content);
    return { digest, name, version: profile.version, content };
  }

  snapshot(digest: string): FrozenProfile {
    const row = this.db.prepare('SELECT digest, profile, version, content FROM profile_snapshots WHERE digest = ?').get(digest) as
      { digest: string; profile: string; version: number; content: string } | undefined;
    if (!row) throw new NotFoundError(`no frozen profile ${digest.slice(0, 12)} in this records file`);
    return { digest: row.digest, name: row.profile, version: row.version, content: row.content };
  }
}

/** The experience held in a frozen profile's text. */
export function experienceOfExport(profile: ProfileExport): DoctorExperience {
  const counts = ExperienceCounts.fromRows(
    profile.counts.map(([disease, feature, present, absent]) => ({ disease, feature, present, absent })),
  );
  return new DoctorExperience(counts, profile.cases as CaseSummary[], profile.rules as ExperienceRule[]);
}

export const parseProfileText = (text: string): ProfileExport => profileExportSchema.parse(JSON.parse(text));
