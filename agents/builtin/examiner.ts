import type { Catalogue } from '../../scenarios/catalogue.js';
import { normaliseTestName } from '../../scenarios/catalogue.js';
import type { PatientCase } from '../../domain/patient-case.js';
import type { CatalogueTest, FacilityLevel } from '../../scenarios/schema.js';
import { performFromFreeText } from './free-text-examiner.js';
import type { AgentContext, ExaminerAgent, ExaminerReport, TestPerformed } from '../roles.js';

/**
 * The built-in examiner: looks results up in the case. A request is a catalogue id or a free-text
 * name; a test the catalogue lacks, or the facility does not offer, is reported as not available
 * at no cost; a test the case does not mention returns the catalogue's normal report.
 */
export class BuiltinExaminer implements ExaminerAgent {
  constructor(private readonly catalogue: Catalogue) {}

  async perform(requests: string[], patient: PatientCase, facility: FacilityLevel, _ctx: AgentContext): Promise<ExaminerReport> {
    // An imported case answers from its own exam and test groups.
    const performed = patient.freeText
      ? performFromFreeText(requests, patient, facility, this.catalogue)
      : performTests(this.catalogue, requests, patient, facility);
    return { performed };
  }
}

export function performTests(
  catalogue: Catalogue,
  requests: readonly string[],
  patient: PatientCase,
  facility: FacilityLevel,
): TestPerformed[] {
  const done = new Set<string>();
  const performed: TestPerformed[] = [];
  for (const requested of requests) {
    const test = catalogue.get(requested) ?? catalogue.resolve(requested);
    if (test && done.has(test.id)) continue;
    if (test) done.add(test.id);
    performed.push(performTest(test, requested, patient, facility));
  }
  return performed;
}

function performTest(test: CatalogueTest | undefined, requested: string, patient: PatientCase, facility: FacilityLevel): TestPerformed {
  if (!test) {
    return {
      requested,
      name: requested,
      available: false,
      text: `${requested}: not available (no such test in the catalogue)`,
      factIds: [],
      facts: [],
      cost: 0,
      minutes: 0,
    };
  }
  const base = { testId: test.id, requested, name: test.name };
  if (!test.availability[facility]) {
    return {
      ...base,
      available: false,
      text: `${test.name}: not available here (${facility} facility)`,
      factIds: [],
      facts: [],
      cost: 0,
      minutes: 0,
    };
  }
  const facts = patient.facts
    .filter((fact) => fact.testId === test.id)
    .map((fact) => ({ factId: fact.id, text: fact.text, present: fact.present }));
  const present = facts.filter((fact) => fact.present);
  const freeText = patient.freeText?.results[test.id] ?? patient.freeText?.results[normaliseTestName(requested)];
  const text = present.length > 0 ? present.map((fact) => fact.text).join('; ') : (freeText?.text ?? test.normal);
  return { ...base, available: true, text, factIds: facts.map((fact) => fact.factId), facts, cost: test.cost, minutes: test.turnaround };
}
