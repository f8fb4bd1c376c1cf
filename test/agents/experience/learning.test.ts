import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LearningBuiltinDoctor } from '../../../agents/builtin/learning-doctor.js';
import { LearningKnowledgeBase } from '../../../agents/builtin/learning-knowledge-base.js';
import { ExperienceCounts, ageFeature, patientsFeature, sexFeature } from '../../../agents/experience/counts.js';
import { DoctorExperience } from '../../../agents/experience/experience.js';
import { distilLesson } from '../../../agents/experience/learner.js';
import { renderExperience, retrieveExperience } from '../../../agents/experience/retrieval.js';
import type { CaseSummary, JourneyLesson } from '../../../agents/experience/types.js';
import { newChart, type Chart } from '../../../domain/chart.js';
import { builtinLibraryDir } from '../../../domain/paths.js';
import { buildLearningCurve, learningCurveSvg, learningCurveText, sparkline } from '../../../evaluation/learning-curve.js';
import { loadScenarioSources } from '../../../scenarios/sources.js';

const set = loadScenarioSources(
  ['acute-heart-failure', 'atrial-fibrillation', 'acute-pericarditis', 'aortic-stenosis'].map((id) =>
    join(builtinLibraryDir(), 'cardiology', `${id}.yaml`),
  ),
);

function chartWith(present: string[], absent: string[] = []): Chart {
  const chart = newChart({
    caseId: 's1-p0',
    facility: 'tertiary',
    demographics: { age: 67, sex: 'female' },
    complaint: 'I feel unwell.',
    maxTurns: 20,
  });
  chart.revealed.push(
    ...present.map((factId) => ({ factId, text: `${factId} text`, present: true, source: 'examination' as const, t: 1 })),
  );
  chart.revealed.push(...absent.map((factId) => ({ factId, text: `no ${factId}`, present: false, source: 'examination' as const, t: 1 })));
  return chart;
}

const truthOf = (scenarioId: string) => {
  const scenario = set.scenarios.find((entry) => entry.id === scenarioId)!;
  return { scenarioId, name: scenario.diagnosis.name, icd10: scenario.diagnosis.icd10, department: scenario.department };
};

describe('the learning knowledge base', () => {
  it('starts partial: uniform priors and demographics, and only the key findings it is given, at one default probability', () => {
    const kb = LearningKnowledgeBase.partial(set.scenarios, set.catalogue, {}, { knownKeyFindings: 1 });
    const prior = Math.exp(kb.logPrior[0]);
    for (const value of kb.logPrior) expect(Math.exp(value)).toBeCloseTo(prior, 12);
    for (const disease of kb.diseases) {
      const listed = kb.likelihood.listedFindings(disease.index);
      expect(listed.length).toBeLessThanOrEqual(1);
      for (const f of listed) expect(kb.likelihood.get(disease.index, f)).toBeCloseTo(0.7, 12);
    }
    const terms = kb.demographicTerms({ age: 30, sex: 'male' });
    expect(new Set(terms).size).toBe(1);
  });

  it('learns Beta-smoothed likelihoods, Laplace-smoothed priors and demographics from counts', () => {
    const kb = LearningKnowledgeBase.partial(set.scenarios, set.catalogue, {}, { knownKeyFindings: 0 });
    const af = kb.diseaseIndex.get('atrial-fibrillation')!;
    const finding = kb.findings.find((entry) => entry.kind === 'sign')!;
    const counts = new ExperienceCounts();
    counts.add('atrial-fibrillation', patientsFeature, 10, 0);
    counts.add('atrial-fibrillation', sexFeature, 8, 2);
    counts.add('atrial-fibrillation', ageFeature(6), 10, 0);
    counts.add('atrial-fibrillation', finding.id, 8, 2);
    kb.applyCounts(counts);
    const background = kb.likelihood.backgroundOf(finding.index);
    expect(kb.likelihood.get(af, finding.index)).toBeCloseTo((8 + 2 * background) / 12, 12);
    expect(kb.likelihood.isListed(af, finding.index)).toBe(true);
    expect(Math.exp(kb.logPrior[af])).toBeCloseTo(11 / (10 + kb.diseases.length), 12);
    const other = (af + 1) % kb.diseases.length;
    expect(kb.logDemographics(af, { age: 65, sex: 'female' })).toBeGreaterThan(kb.logDemographics(other, { age: 65, sex: 'female' }));
    expect(kb.logDemographics(af, { age: 65, sex: 'female' })).toBeGreaterThan(kb.logDemographics(af, { age: 25, sex: 'male' }));
  });

  it('the built-in doctor rebuilt from stored counts holds exactly the beliefs it learned', () => {
    const doctor = new LearningBuiltinDoctor(set, new DoctorExperience(), { prior: { knownKeyFindings: 0 } });
    const sign = doctor.kb.findings.find((entry) => entry.kind === 'sign')!.id;
    doctor.learn({ index: 0, chart: chartWith([sign]), correct: false, truth: truthOf('acute-pericarditis') });
    const rebuilt = new LearningBuiltinDoctor(set, new DoctorExperience(ExperienceCounts.fromRows(doctor.experience.counts.rows())), {
      prior: { knownKeyFindings: 0 },
    });
    expect(Array.from(rebuilt.kb.likelihood.p)).toEqual(Array.from(doctor.kb.likelihood.p));
    expect(Array.from(rebuilt.kb.logPrior)).toEqual(Array.from(doctor.kb.logPrior));
  });
});

describe('the learning step', () => {
  const kb = LearningKnowledgeBase.partial(set.scenarios, set.catalogue);
  const signs = kb.findings.filter((entry) => entry.kind === 'sign').map((entry) => entry.id);

  it('turns a correct journey into a case summary and a wrong one into a rule that grows with support', () => {
    const lesson = (correct: boolean, index: number): JourneyLesson => ({
      index,
      chart: chartWith(signs.slice(0, 2), signs.slice(2, 3)),
      report: {
        diagnosis: 'Acute heart failure',
        confidence: 0.7,
        differential: [],
        evidence: [],
        reasoning: '',
        plan: '',
        disclaimer: '',
      },
      correct,
      truth: truthOf('aortic-stenosis'),
    });
    const right = distilLesson(kb, lesson(true, 0));
    expect(right.rule).toBeUndefined();
    expect(right.newCase).toMatchObject({ seq: 0, diagnosis: 'Aortic stenosis', age: 67, sex: 'female' });
    expect(right.newCase!.findings.map((finding) => finding.id)).toEqual(signs.slice(0, 2));
    expect(right.counts).toContainEqual({ disease: 'aortic-stenosis', feature: signs[2], present: 0, absent: 1 });

    const experience = new DoctorExperience();
    experience.apply(distilLesson(kb, lesson(false, 1), (key) => experience.rules.get(key)));
    const second = distilLesson(kb, lesson(false, 2), (key) => experience.rules.get(key));
    expect(second.newCase).toBeUndefined();
    expect(second.rule).toMatchObject({ mistaken: 'Acute heart failure', missed: 'Aortic stenosis', support: 2, lastSeq: 2 });
    expect(second.rule!.triggers[signs[0]]).toBe(2);
    expect(second.rule!.check.length).toBeGreaterThan(0);
  });

  it('a journey that failed before any doctor saw a chart counts only the patient', () => {
    const delta = distilLesson(kb, { index: 0, correct: false, truth: truthOf('aortic-stenosis') });
    expect(delta.counts).toEqual([{ disease: 'aortic-stenosis', feature: patientsFeature, present: 1, absent: 0 }]);
  });
});

describe('retrieval', () => {
  const summary = (seq: number, findings: string[], diagnosis: string): CaseSummary => ({
    seq,
    age: 50,
    sex: 'male',
    complaint: 'chest pain',
    findings: findings.map((id) => ({ id, text: `${id} text` })),
    helpfulTests: [],
    diagnosis,
    icd10: 'I00',
    department: 'cardiology',
    turns: 4,
  });

  it('ranks past cases by finding overlap, deterministically, within the budget', () => {
    const experience = new DoctorExperience(new ExperienceCounts(), [
      summary(0, ['a', 'b'], 'One'),
      summary(1, ['a', 'b', 'c'], 'Two'),
      summary(2, ['x'], 'Three'),
      summary(3, ['a', 'b'], 'Four'),
    ]);
    const retrieved = retrieveExperience(experience, chartWith(['a', 'b']), { cases: 2, rules: 2, chars: 2000 });
    expect(retrieved.cases.map((entry) => entry.summary.diagnosis)).toEqual(['One', 'Four']);
    const text = renderExperience(retrieved, { cases: 2, rules: 2, chars: 2000 })!;
    expect(text).toMatch(/Past case 1: [^\n]*Diagnosis: One/);
    const tight = renderExperience(retrieved, { cases: 2, rules: 2, chars: 200 });
    expect(tight === undefined || tight.length <= 200).toBe(true);
    expect(retrieveExperience(experience, chartWith(['zzz'])).cases).toEqual([]);
  });
});

describe('the learning curve', () => {
  it('renders as a sparkline, a table with intervals, and an SVG', () => {
    const curve = buildLearningCurve(
      'demo',
      2,
      [
        { trained: 0, patients: 10, correct: 3, top3: 5 },
        { trained: 2, patients: 10, correct: 9, top3: 10 },
      ],
      [
        { index: 0, correct: false, diagnosis: 'x', trueDiagnosis: 'y' },
        { index: 1, correct: true, diagnosis: 'y', trueDiagnosis: 'y' },
      ],
    );
    expect(sparkline([0, 0.5, 1, Number.NaN])).toBe('▁▅█ ');
    const text = learningCurveText(curve);
    expect(text).toMatch(/30\.0 % → 90\.0 % \(\+60\.0 points\)/);
    expect(text).toMatch(/training +▅ +per window of 2: 50\.0 %/);
    const svg = learningCurveSvg(curve);
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 720 300"/);
    expect(svg).toContain('<polyline');
    expect(svg).toContain('Learning curve: demo');
  });
});
