import { z } from 'zod';
import { departments } from '../../scenarios/schema.js';

/**
 * One zod schema per structured model output. Each is at once the validator of the reply and,
 * through z.toJSONSchema, the JSON schema sent as Ollama's `format` (or OpenAI's
 * `response_format`). The title names the output; fakes and logs use it to tell roles apart.
 */
export const schemaTitles = {
  triage: 'TriageDecision',
  specialist: 'SpecialistAction',
  finalDiagnosis: 'FinalDiagnosis',
  followUp: 'FollowUpDecision',
  patient: 'PatientAnswer',
  examiner: 'ExaminerReport',
} as const;

const text = (description: string) => z.string().trim().min(1).describe(description);
const probability = (description: string) => z.number().min(0).max(1).describe(description);

export const triageDecisionSchema = z
  .object({
    department: z.enum(departments).describe('the department that should see the patient first'),
    acuity: z.number().int().min(1).max(5).describe('1 resuscitation, 2 emergent, 3 urgent, 4 less urgent, 5 non-urgent'),
    rationale: text('one or two sentences naming the complaint and observations relied on'),
  })
  .meta({ title: schemaTitles.triage });
export type TriageDecisionOutput = z.output<typeof triageDecisionSchema>;

export const diagnosisReportSchema = z.object({
  diagnosis: text('the most likely diagnosis, as a specific clinical name'),
  icd10: z.string().trim().optional().describe('ICD-10 code of the diagnosis: a letter, two digits, optional decimal part'),
  confidence: probability('probability that the diagnosis is correct'),
  differential: z
    .array(
      z.object({
        name: text('a diagnosis considered'),
        p: probability('its probability'),
        icd10: z.string().trim().optional(),
      }),
    )
    .min(1)
    .max(8)
    .describe('the main diagnosis and its alternatives, most likely first'),
  evidence: z
    .array(
      z.object({
        factId: z.string().trim().nullish().describe('the chart fact id, exactly as shown in square brackets'),
        text: text('the finding, briefly'),
        supports: z.boolean().describe('true if it supports the diagnosis, false if it argues against it'),
      }),
    )
    .min(1),
  reasoning: text('why the evidence points to this diagnosis and not the alternatives'),
  plan: text('suggested management for a licensed physician to review and sign off'),
  escalated: z.array(z.string()).optional().describe('fact ids of red flags needing urgent senior review'),
  disclaimer: text('that this is a simulated assessment and not medical advice'),
});
export type DiagnosisReportOutput = z.output<typeof diagnosisReportSchema>;

export const specialistActions = ['ask', 'order', 'refer', 'diagnose'] as const;

/** The specialist's one action per turn, as one flat object (small models follow these best). */
export const specialistActionSchema = z
  .object({
    action: z.enum(specialistActions).describe('the one thing to do this turn'),
    question: z.string().trim().optional().describe('ask: one question to the patient, in plain words'),
    tests: z.array(z.string().trim().min(1)).optional().describe('order: test names from the catalogue'),
    department: z.enum(departments).optional().describe('refer: the department to refer to'),
    reason: z.string().trim().optional().describe('order or refer: why, in one line'),
    report: diagnosisReportSchema.optional().describe('diagnose: the diagnosis report'),
  })
  .meta({ title: schemaTitles.specialist })
  .superRefine((value, context) => {
    const need = (field: keyof typeof value, message: string): void => {
      const member = value[field];
      const missing = member === undefined || member === '' || (Array.isArray(member) && member.length === 0);
      if (missing) context.addIssue({ code: 'custom', path: [field], message });
    };
    if (value.action === 'ask') need('question', 'required when action is "ask": one question');
    if (value.action === 'order') need('tests', 'required when action is "order": at least one test name');
    if (value.action === 'refer') {
      need('department', 'required when action is "refer"');
      need('reason', 'required when action is "refer"');
    }
    if (value.action === 'diagnose') need('report', 'required when action is "diagnose"');
  });
export type SpecialistActionOutput = z.output<typeof specialistActionSchema>;

/** The last turn: a diagnosis is the only action left. */
export const finalDiagnosisSchema = z
  .object({
    action: z.literal('diagnose'),
    report: diagnosisReportSchema,
  })
  .meta({ title: schemaTitles.finalDiagnosis });

export const followUpDecisionSchema = z
  .object({
    status: z.enum(['improving', 'unchanged', 'worse']).describe('the course since the diagnosis'),
    action: z.enum(['discharge', 'revise', 'readmit']),
    revised: z.string().trim().optional().describe('revise: the diagnosis now thought most likely'),
    note: text('two or three sentences for the record'),
  })
  .meta({ title: schemaTitles.followUp })
  .superRefine((value, context) => {
    if (value.action === 'revise' && !value.revised) {
      context.addIssue({ code: 'custom', path: ['revised'], message: 'required when action is "revise"' });
    }
  });
export type FollowUpDecisionOutput = z.output<typeof followUpDecisionSchema>;

export const patientAnswerSchema = z
  .object({
    answer: text('what the patient says, in everyday words'),
    factIds: z.array(z.string()).describe('ids of the facts this answer reveals'),
  })
  .meta({ title: schemaTitles.patient });
export type PatientAnswerOutput = z.output<typeof patientAnswerSchema>;

export const examinerReportSchema = z
  .object({
    results: z.array(
      z.object({
        test: z.string().trim().describe('the test id'),
        report: text('the result as the service reports it'),
      }),
    ),
  })
  .meta({ title: schemaTitles.examiner });
export type ExaminerReportOutput = z.output<typeof examinerReportSchema>;
