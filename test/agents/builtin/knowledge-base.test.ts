import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../../agents/builtin/knowledge-base.js';
import { LikelihoodTable, maxProbability } from '../../../agents/builtin/likelihood-table.js';
import { questionPhrases } from '../../../agents/builtin/question-phrases.js';
import { stem } from '../../../agents/builtin/text-match.js';
import { fixtureSet, scenarioOf } from './fixtures.js';
import { loadLibrary } from './library.js';

const set = fixtureSet();
const kb = KnowledgeBase.fromScenarios(set.scenarios, set.catalogue);
const d = (id: string): number => kb.diseaseIndex.get(id) ?? -1;
const f = (id: string): number => kb.findingIndex.get(id) ?? -1;

describe('KnowledgeBase', () => {
  it('holds every scenario as a disease with its prior and knowledge', () => {
    expect(kb.diseases.map((disease) => disease.scenarioId)).toEqual(set.scenarios.map((scenario) => scenario.id));
    const pneumonia = kb.diseases[d('fixture-pneumonia')];
    expect(pneumonia).toMatchObject({
      name: 'Fixture pneumonia',
      icd10: 'J18.9',
      department: 'respiratory',
      acuity: 3,
      redFlags: ['hypoxaemia'],
    });
    expect(pneumonia.keyFindings).toEqual(['focal-crackles', 'chest-xray:consolidation']);
    expect(Math.exp(kb.logPrior[0]) * 4).toBeCloseTo(1, 10);
  });

  it('knows the finding vocabulary with kinds, tests and ask words', () => {
    expect(kb.finding('dyspnoea')).toMatchObject({ kind: 'symptom', askable: true, sources: ['patient'] });
    expect(kb.finding('dyspnoea')?.ask.slice(0, 2)).toEqual(['short of breath', 'breathless']);
    expect(kb.finding('focal-crackles')).toMatchObject({ kind: 'sign', testId: 'physical-exam', askable: false });
    expect(kb.finding('ecg:st-elevation')).toMatchObject({ kind: 'test', testId: 'ecg' });
    expect(kb.vitalFindings.map((i) => kb.findings[i].id).sort()).toEqual(['hypotension', 'hypoxaemia', 'tachycardia', 'tachypnoea']);
    expect(kb.findingsByTest.get('troponin')).toEqual([f('troponin:raised')]);
  });

  it('uses the scenario’s p, raised for complaint findings, and a background rate otherwise', () => {
    expect(kb.likelihood.get(d('fixture-pneumonia'), f('dyspnoea'))).toBeCloseTo(0.6, 10);
    expect(kb.likelihood.get(d('fixture-pneumonia'), f('cough'))).toBeCloseTo(maxProbability, 10); // named by the only complaint
    expect(kb.likelihood.get(d('fixture-migraine'), f('cough'))).toBeCloseTo(0.03, 10);
    expect(kb.likelihood.get(d('fixture-migraine'), f('tachycardia'))).toBeCloseTo(0.06, 10);
    expect(kb.likelihood.isListed(d('fixture-migraine'), f('cough'))).toBe(false);
    const cell = f('sweating') * kb.diseases.length + d('fixture-infarction');
    expect(kb.likelihood.logPresent[cell]).toBeCloseTo(Math.log(0.7), 12);
    expect(kb.likelihood.logAbsent[cell]).toBeCloseTo(Math.log(0.3), 12);
  });

  it('gives each disease a demographic likelihood from its age range and sex', () => {
    const cystitis = d('fixture-cystitis');
    expect(kb.logDemographics(cystitis, { age: 30, sex: 'female' })).toBeCloseTo(Math.log(1 / 55), 10);
    expect(kb.logDemographics(cystitis, { age: 30, sex: 'male' })).toBeLessThan(
      kb.logDemographics(cystitis, { age: 30, sex: 'female' }) - 4,
    );
    expect(kb.logDemographics(cystitis, { age: 90, sex: 'female' })).toBeLessThan(
      kb.logDemographics(cystitis, { age: 30, sex: 'female' }) - 4,
    );
  });

  it('phrases a question every scenario’s patient recognises', () => {
    expect(
      questionPhrases([
        ['cough', 'coughing', 'cough'],
        ['coughing', 'cough', 'cough'],
      ]),
    ).toEqual(['cough']);
    expect(
      questionPhrases([
        ['short of breath', 'breathless', 'dyspnoea'],
        ['puffed', 'dyspnoea'],
      ]),
    ).toEqual(['short of breath', 'puffed']);
    expect(
      questionPhrases([
        ['shortness of breath', 'dyspnoea'],
        ['breathing', 'dyspnoea'],
      ]),
    ).toEqual(['shortness of breath']);
  });

  it('covers every library scenario’s ask words with its question phrases', () => {
    const library = loadLibrary();
    const libraryKb = KnowledgeBase.fromScenarios(library.scenarios, library.catalogue);
    for (const scenario of library.scenarios) {
      for (const fact of scenario.facts.filter((candidate) => candidate.source === 'patient')) {
        const question = libraryKb.finding(fact.id)?.questionPhrases.join(' ') ?? '';
        const words = question
          .toLowerCase()
          .split(/[^a-z0-9]+/)
          .map(stem);
        const covered = [...fact.ask, fact.label].some((ask) => {
          const phrase = ask
            .toLowerCase()
            .replace(/['’]/g, '')
            .split(/[^a-z0-9]+/)
            .filter(Boolean)
            .map(stem);
          return words.join(' ').includes(phrase.join(' '));
        });
        // a finding used by more than three scenarios with disjoint words may need more than three phrases
        if (!covered) expect(libraryKb.findings[libraryKb.findingIndex.get(fact.id) ?? 0].questionPhrases.length, fact.id).toBe(3);
      }
    }
  });
});

describe('LikelihoodTable', () => {
  it('can start partial and learn from experience', () => {
    const table = new LikelihoodTable(2, 3, [0.03, 0.03, 0.1]);
    expect(table.get(0, 1)).toBeCloseTo(0.03, 12);
    table.set(0, 1, 0.8, 4);
    expect(table.isListed(0, 1)).toBe(true);
    expect(table.listedFindings(0)).toEqual([1]);
    expect(table.listingDiseases(1)).toEqual([0]);
    table.learn(0, 1, false);
    expect(table.get(0, 1)).toBeCloseTo((0.8 * 4) / 5, 12);
    const version = table.version;
    table.learn(1, 2, true);
    expect(table.version).toBeGreaterThan(version);
    expect(table.get(1, 2)).toBeCloseTo((0.1 + 1) / 2, 12);
    table.unset(0, 1);
    expect(table.get(0, 1)).toBeCloseTo(0.03, 12);
    expect(table.listedFindings(0)).toEqual([]);
    table.setBackground(0, 0.2);
    expect(table.logAbsent[0]).toBeCloseTo(Math.log(0.8), 12);
  });

  it('feeds the knowledge base’s posterior when changed', () => {
    const copy = KnowledgeBase.fromScenarios(set.scenarios, set.catalogue);
    const migraine = copy.diseaseIndex.get('fixture-migraine') ?? -1;
    const before = copy.groupAbsentLog('@vitals')[migraine];
    copy.likelihood.set(migraine, copy.findingIndex.get('tachycardia') ?? -1, 0.5);
    expect(copy.groupAbsentLog('@vitals')[migraine]).toBeCloseTo(before - Math.log(0.94) + Math.log(0.5), 10);
    expect(scenarioOf(set, 'fixture-migraine').facts).toHaveLength(4);
  });
});
