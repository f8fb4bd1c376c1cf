import type { Catalogue } from '../catalogue.js';
import { resolveTestName } from '../test-names.js';
import { addTestFact, type Builder, leaves, uniqueId } from './builder.js';
import { humanise, slugify } from './text.js';

/** Bedside tests an examination section may stand for; the rest of an examination is the physical exam. */
const examinationTests = new Set([
  'fundoscopy',
  'slit-lamp-exam',
  'otoscopy',
  'dermatoscopy',
  'dix-hallpike',
  'visual-acuity',
  'tonometry',
  'weight-height-growth',
  'woods-lamp',
  'peak-flow',
  'pulse-oximetry',
  'orthostatic-bp',
  'capillary-glucose',
]);

/** A bedside test a section or entry name stands for ("Ophthalmoscopy" → fundoscopy). */
export function examinationTest(names: readonly string[], catalogue: Catalogue): string | undefined {
  for (const name of [...names].reverse()) {
    const resolved = resolveTestName(name, catalogue);
    if (resolved && examinationTests.has(resolved.test.id)) return resolved.test.id;
  }
  return undefined;
}

export function addExamination(builder: Builder, section: string, value: unknown, field: string): void {
  for (const leaf of leaves(value)) {
    const names = [section, ...leaf.path];
    const testId = examinationTest(names, builder.catalogue) ?? 'physical-exam';
    const label = names.map(humanise).join(', ');
    const text = `${label}: ${leaf.text}`;
    const path = [field, ...leaf.path].join('.');
    if (testId === 'physical-exam') {
      const id = uniqueId(builder, `ac-${slugify(names.map((name) => name.replace(/_?(examination|exam)$/i, '')).join(' '), 60)}`);
      builder.findings.push({ id, kind: 'sign', text, p: 1, ask: [], key: false });
      builder.fields[`findings.${id}`] = path;
    } else {
      addTestFact(builder, testId, leaf.path.length > 0 ? leaf.path.join(' ') : section, text, path);
    }
  }
}
