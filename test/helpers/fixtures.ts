import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { ScenarioFile } from '../../scenarios/schema.js';

/** A small valid scenario to vary in tests; ids and texts are generic on purpose. */
export function scenarioFixture(overrides: Partial<ScenarioFile> = {}): ScenarioFile {
  return {
    id: 'fixture-disease',
    title: 'Fixture disease',
    department: 'respiratory',
    acuity: 3,
    diagnosis: { name: 'Fixture disease', icd10: 'J98.8', synonyms: ['test ailment'] },
    demographics: { age: [20, 60], sex: 'any' },
    complaints: [{ text: 'I have had a cough for a week.', findings: ['cough'] }],
    findings: [
      { id: 'cough', kind: 'symptom', text: 'cough for a week', p: 0.9, ask: ['cough'], key: true },
      { id: 'fever', kind: 'symptom', text: 'fever', p: 0.5, ask: ['fever', 'temperature'] },
      { id: 'tachycardia', kind: 'vital', text: 'heart rate 110/min', p: 0.3 },
      { id: 'focal-crackles', kind: 'sign', text: 'crackles at the left base', p: 0.6 },
    ],
    tests: [{ test: 'chest-xray', finding: 'consolidation', text: 'left lower lobe shadowing', p: 0.8, key: true }],
    treatment: 'Supportive care.',
    course: { followUpDays: 7, treated: 'Better.', untreated: 'Worse.' },
    references: ['A textbook, 2020'],
    ...overrides,
  };
}

export function writeYaml(dir: string, name: string, content: unknown): string {
  const file = join(dir, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : stringify(content));
  return file;
}
