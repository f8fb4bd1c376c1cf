import type { PatientCase } from '../../domain/patient-case.js';
import type { CatalogueTest, FacilityLevel } from '../../scenarios/schema.js';
import type { AgentContext, ExaminerAgent, ExaminerReport, TestPerformed } from '../roles.js';
import { loadPrompt } from '../prompts/prompts.js';
import { callOptions, system, user, type LlmRoleDeps } from './role-deps.js';
import { examinerReportSchema } from './schemas.js';

/**
 * The examiner with a model writing the reports. What a test shows stays deterministic: the
 * request is matched to the catalogue, availability and cost come from it, and the facts
 * revealed are the case's facts for that test. The model only words each result, like a
 * radiologist or a laboratory would; a result it leaves out falls back to the plain facts.
 */
export class LlmExaminerAgent implements ExaminerAgent {
  constructor(private readonly deps: LlmRoleDeps) {}

  async perform(requests: string[], patient: PatientCase, facility: FacilityLevel, ctx: AgentContext): Promise<ExaminerReport> {
    const performed = requests.map((requested) => lookUp(requested, patient, facility, this.deps.catalogue.resolve(requested)));
    const done = performed.filter((test) => test.available && test.testId !== undefined);
    if (done.length === 0) return { performed };
    const prompt = done.map((test) => describeForReport(test, this.deps.catalogue.get(test.testId ?? ''), patient)).join('\n\n');
    const { output, usage } = await this.deps.client.chat({
      spec: this.deps.spec,
      role: 'examiner',
      messages: [system(loadPrompt('examiner')), user(`${prompt}\n\nWrite the report for each test.`)],
      schema: examinerReportSchema,
      options: callOptions(this.deps, ctx),
      sample: ctx.sample,
    });
    const written = new Map(output.results.map((result) => [result.test, result.report]));
    for (const test of done) test.text = written.get(test.testId ?? '') ?? test.text;
    return { performed, usage };
  }
}

/** The deterministic part: what the request matches, whether it is done here, what it reveals. */
function lookUp(requested: string, patient: PatientCase, facility: FacilityLevel, test: CatalogueTest | undefined): TestPerformed {
  if (!test) {
    return {
      requested,
      name: requested,
      available: false,
      text: 'no such test in this hospital’s catalogue',
      factIds: [],
      facts: [],
      cost: 0,
      minutes: 0,
    };
  }
  if (!test.availability[facility]) {
    return {
      testId: test.id,
      requested,
      name: test.name,
      available: false,
      text: 'not available at this facility',
      factIds: [],
      facts: [],
      cost: 0,
      minutes: 0,
    };
  }
  const facts = patient.facts
    .filter((fact) => fact.testId === test.id)
    .map((fact) => ({ factId: fact.id, text: fact.present ? fact.text : `no ${fact.label}`, present: fact.present }));
  const present = facts.filter((fact) => fact.present).map((fact) => fact.text);
  const freeText = patient.freeText?.results[test.id]?.text;
  return {
    testId: test.id,
    requested,
    name: test.name,
    available: true,
    text: freeText ?? (present.length > 0 ? present.join('; ') : test.normal),
    factIds: facts.map((fact) => fact.factId),
    facts,
    cost: test.cost,
    minutes: test.turnaround,
  };
}

function describeForReport(test: TestPerformed, entry: CatalogueTest | undefined, patient: PatientCase): string {
  const lines = [`Test id: ${test.testId} (${test.name})`, `Normal report: ${entry?.normal ?? 'normal'}`];
  const freeText = patient.freeText?.results[test.testId ?? '']?.text;
  if (freeText) lines.push(`Result on file: ${freeText}`);
  const present = test.facts.filter((fact) => fact.present);
  lines.push(present.length > 0 ? 'Present findings:' : 'Present findings: none');
  for (const fact of present) lines.push(`- ${fact.text}`);
  return lines.join('\n');
}
