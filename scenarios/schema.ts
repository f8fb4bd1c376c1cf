import { z } from 'zod';
import { departments, findingKinds } from '../domain/vocabulary.js';

export { departments, facilityLevels, findingKinds, type Department, type FacilityLevel, type FindingKind } from '../domain/vocabulary.js';

/**
 * The scenario file format (YAML). One file describes one disease as the hospital meets it:
 * who gets it, what they complain of, what can be found on questioning, examination and tests,
 * and how it goes afterwards. A scenario is the hidden truth a patient is drawn from and, at the
 * same time, one entry of the built-in doctors' knowledge base.
 *
 * Finding ids are a shared vocabulary across the whole library: `fever` means the same thing in
 * every scenario, so that the built-in specialist can weigh one observation against many
 * diseases. Test findings are named `<testId>:<finding>` once loaded (e.g. `ecg:st-elevation`).
 */

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lower-case slug like "chest-pain"');

const probability = z.number().min(0, 'a probability from 0 to 1').max(1, 'a probability from 0 to 1');

export const findingSchema = z
  .object({
    id: slug.describe('shared vocabulary id, e.g. "fever"'),
    kind: z.enum(findingKinds),
    text: z.string().min(1).describe('how the finding reads on the chart when present'),
    says: z.string().min(1).optional().describe('the patient’s own words when asked (symptoms, history)'),
    p: probability.describe('probability the finding is present in a patient with this disease'),
    ask: z.array(z.string().min(1)).default([]).describe('words a question about this finding may use (symptoms and history)'),
    key: z.boolean().default(false).describe('key evidence for the diagnosis'),
    hpo: z
      .string()
      .regex(/^HP:\d{7}$/, 'an HPO term like "HP:0001945"')
      .optional(),
  })
  .strict();

export const testFindingSchema = z
  .object({
    test: slug.describe('a test id from the catalogue'),
    finding: slug.describe('short id of the abnormal pattern, e.g. "st-elevation"'),
    text: z.string().min(1).describe('the result as reported when the pattern is present'),
    p: probability.default(1),
    key: z.boolean().default(false),
  })
  .strict();

export const complaintSchema = z
  .object({
    text: z.string().min(1).describe('the chief complaint in the patient’s words'),
    findings: z.array(slug).min(1).describe('finding ids the complaint reveals (forced present)'),
  })
  .strict();

/**
 * Provenance of an imported case (e.g. an AgentClinic OSCE record): the dataset, file and line,
 * and for each visible text the field of the source record it came from, so that a leak of the
 * diagnosis can be reported where it is in the source (`Test_Results.Biopsy.Findings`).
 */
export const importSourceSchema = z
  .object({
    dataset: z.string().min(1).describe('e.g. "agentclinic"'),
    variant: slug.describe('e.g. "medqa", "nejm-extended"'),
    file: z.string().min(1).describe('file name of the source, without its folder'),
    line: z.number().int().positive(),
    license: z.string().min(1).optional(),
    fields: z.record(z.string(), z.string()).default({}).describe('visible-text key → source field path'),
  })
  .strict();

/** Free text of an imported case: history sentences and results the structured facts cannot hold. */
export const freeTextSchema = z
  .object({
    history: z.array(z.string().min(1)).default([]).describe('patient-visible history, one sentence per entry'),
    results: z
      .record(z.string(), z.object({ name: z.string().min(1), text: z.string().min(1) }).strict())
      .default({})
      .describe('results by catalogue test id or synthetic "ac-<slug>" id'),
  })
  .strict();

export const scenarioSchema = z
  .object({
    id: slug,
    title: z.string().min(1),
    department: z.enum(departments),
    acuity: z.number().int().min(1).max(5).describe('1 = resuscitation … 5 = non-urgent'),
    prevalence: z.number().positive().default(1).describe('relative weight among patients'),
    diagnosis: z
      .object({
        name: z.string().min(1),
        icd10: z
          .string()
          .regex(/^([A-Z]\d{2}(\.[0-9A-Z]{1,4})?)?$/, 'an ICD-10 code like "J18.9"')
          .describe(
            'empty only in an imported case (with a `source` block) whose diagnosis the library lacks: then the diagnosis is matched by name alone',
          ),
        synonyms: z.array(z.string().min(1)).default([]),
        sharesCodeWith: z
          .array(slug)
          .optional()
          .describe('ids of scenarios that deliberately share this ICD-10 code (the code is otherwise unique in the library)'),
      })
      .strict(),
    acceptable: z.array(z.string().min(1)).default([]).describe('other answers that count as correct'),
    nearMisses: z.array(z.string().min(1)).default([]).describe('close answers that count as wrong'),
    demographics: z
      .object({
        age: z.tuple([z.number().int().min(0), z.number().int().max(110)]),
        sex: z.enum(['any', 'female', 'male']).default('any'),
      })
      .strict(),
    complaints: z.array(complaintSchema).min(1),
    findings: z.array(findingSchema).min(1),
    tests: z.array(testFindingSchema).default([]),
    redFlags: z.array(slug).default([]).describe('finding ids that need escalation when present'),
    treatment: z.string().min(1),
    course: z
      .object({
        followUpDays: z.number().int().positive().default(14),
        treated: z.string().min(1),
        untreated: z.string().min(1),
      })
      .strict(),
    references: z.array(z.string().min(1)).min(1),
    source: importSourceSchema.optional().describe('where an imported case came from (absent for library scenarios)'),
    freeText: freeTextSchema.optional().describe('an imported case’s free text, which the patient and examiner answer from'),
  })
  .strict()
  .refine((scenario) => scenario.diagnosis.icd10 !== '' || scenario.source !== undefined, {
    path: ['diagnosis', 'icd10'],
    message: 'an ICD-10 code like "J18.9" (it may be empty only in an imported case)',
  });

export type ScenarioFile = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type Finding = z.output<typeof findingSchema>;
export type TestFinding = z.output<typeof testFindingSchema>;

export const catalogueTestSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    synonyms: z.array(z.string().min(1)).default([]),
    category: z.enum(['examination', 'laboratory', 'imaging', 'physiology', 'endoscopy', 'pathology', 'bedside']),
    cost: z.number().nonnegative().describe('list price in US dollars'),
    turnaround: z.number().int().nonnegative().describe('minutes from order to result'),
    availability: z.object({ village: z.boolean(), county: z.boolean(), tertiary: z.boolean() }).strict(),
    normal: z.string().min(1).describe('the report when nothing abnormal is found'),
  })
  .strict();

export const catalogueFileSchema = z
  .object({
    costSource: z.string().min(1),
    tests: z.array(catalogueTestSchema).min(1),
  })
  .strict();

export type CatalogueTest = z.output<typeof catalogueTestSchema>;
