import { z } from 'zod';
import { departments, type Department } from './vocabulary.js';

/** Stages of a hospital stay, in the order the graph visits them. */
export const stages = [
  'arrive',
  'triage',
  'register',
  'consultation',
  'examination',
  'diagnosis',
  'treatment',
  'follow-up',
  'discharge',
] as const;
export type Stage = (typeof stages)[number];

export const eventTypes = [
  'arrive',
  'triage',
  'register',
  'ask',
  'answer',
  'order',
  'result',
  'diagnose',
  'plan',
  'refer',
  'consult',
  'follow-up',
  'discharge',
  'error',
] as const;
export type EventType = (typeof eventTypes)[number];

export const actors = ['system', 'nurse', 'doctor', 'patient', 'examiner', 'physician', 'consultant', 'chief'] as const;
export type Actor = (typeof actors)[number];

/** Usage of one model call behind an event; absent on events from built-in agents. */
export const modelUsageSchema = z.object({
  model: z.string(),
  inTokens: z.number(),
  outTokens: z.number(),
  latencyMs: z.number(),
  cached: z.boolean(),
});
export type ModelUsage = z.infer<typeof modelUsageSchema>;

// The report and follow-up contracts are typed here and validated where an agent produces them.
const diagnosisReport = z.custom<DiagnosisReport>((value) => typeof value === 'object' && value !== null);
const followUpOutcome = z.custom<FollowUpOutcome>((value) => typeof value === 'object' && value !== null);
const department = z.enum(departments);
const diagnosisSummary = z.object({ diagnosis: z.string(), icd10: z.string().optional(), confidence: z.number() });

/** The structured data of each event type, as stored (field names are part of the records format). */
export const eventDataSchemas = {
  arrive: z.object({ age: z.number(), sex: z.string(), facility: z.string() }),
  triage: z.object({ department, acuity: z.number(), rationale: z.string() }),
  register: z.object({ department: department.optional() }),
  ask: z.object({ turn: z.number() }),
  /** In the consultation an answer carries only its fact ids; at follow-up, the course. */
  answer: z.object({ days: z.number(), trend: z.enum(['improving', 'unchanged', 'worse']) }).optional(),
  order: z.object({ tests: z.array(z.string()), reason: z.string().optional(), turn: z.number() }),
  result: z.object({
    testId: z.string().optional(),
    requested: z.string().optional(),
    available: z.boolean(),
    cost: z.number(),
    minutes: z.number().optional(),
  }),
  diagnose: z.object({ report: diagnosisReport }),
  plan: z.object({ plan: z.string(), signedOff: z.boolean(), signedBy: z.string().optional() }),
  refer: z.object({ to: department, from: department.optional(), reason: z.string(), declined: z.boolean() }),
  /** One shape for the three consult events: the doctor's request, a consultant's opinion (or why there is none), the chief's merge. */
  consult: z.object({
    requested: z.array(department).optional(),
    mode: z.enum(['never', 'auto', 'always']).optional(),
    threshold: z.number().optional(),
    confidence: z.number().optional(),
    department: department.optional(),
    report: diagnosisReport.optional(),
    error: z.string().optional(),
    before: diagnosisSummary.optional(),
    after: diagnosisSummary.optional(),
    changed: z.boolean().optional(),
    departments: z.array(department).optional(),
  }),
  'follow-up': followUpOutcome,
  discharge: z.object({ readmitted: z.boolean() }),
  error: z.object({ reason: z.string() }).optional(),
} satisfies Record<EventType, z.ZodType>;

const eventOf = <T extends EventType>(type: T) =>
  z.object({
    seq: z.number(),
    /** Simulated minutes since arrival. */
    t: z.number(),
    stage: z.enum(stages),
    actor: z.enum(actors),
    type: z.literal(type),
    text: z.string(),
    data: eventDataSchemas[type],
    /** Fact ids revealed (answer, result) or cited (diagnose). */
    factIds: z.array(z.string()).optional(),
    usage: modelUsageSchema.optional(),
  });

/** One entry of a journey's event log, discriminated on `type`, with typed `data` per type. */
export const journeyEventSchema = z.discriminatedUnion('type', [
  eventOf('arrive'),
  eventOf('triage'),
  eventOf('register'),
  eventOf('ask'),
  eventOf('answer'),
  eventOf('order'),
  eventOf('result'),
  eventOf('diagnose'),
  eventOf('plan'),
  eventOf('refer'),
  eventOf('consult'),
  eventOf('follow-up'),
  eventOf('discharge'),
  eventOf('error'),
]);
export type JourneyEvent = z.infer<typeof journeyEventSchema>;
/** The event of one type. */
export type EventOf<T extends EventType> = Extract<JourneyEvent, { type: T }>;
/** The data of one event type. */
export type EventData<T extends EventType> = EventOf<T>['data'];

/** An event before it is numbered: `seq` left out of each type of the union. */
export type NewJourneyEvent = JourneyEvent extends infer E ? (E extends JourneyEvent ? Omit<E, 'seq'> : never) : never;

/** Number new events from `start` on (`seq` first, as stored). */
export const numberEvents = (events: readonly NewJourneyEvent[], start = 0): JourneyEvent[] =>
  events.map((event, i) => ({ seq: start + i, ...event }) as JourneyEvent);

/** Is this event of the given type (narrows its `data`)? */
export const isEvent = <T extends EventType>(event: JourneyEvent, type: T): event is EventOf<T> => event.type === type;

export interface DifferentialEntry {
  name: string;
  p: number;
  icd10?: string;
}

export interface EvidenceItem {
  factId?: string;
  text: string;
  supports: boolean;
}

/** A specialist's diagnosis with its explanation. */
export interface DiagnosisReport {
  diagnosis: string;
  icd10?: string;
  confidence: number;
  differential: DifferentialEntry[];
  evidence: EvidenceItem[];
  reasoning: string;
  plan: string;
  disclaimer: string;
  /** Red flags the doctor escalated (fact ids or free text). */
  escalated?: string[];
}

export type JourneyStatus = 'completed' | 'failed';

export interface FollowUpOutcome {
  status: 'improving' | 'unchanged' | 'worse';
  action: 'discharge' | 'revise' | 'readmit';
  revised?: string;
  note: string;
}

/** The outcome of one patient's stay, as the runner hands it to the records. */
export interface JourneyResult {
  index: number;
  caseId: string;
  scenarioId: string;
  status: JourneyStatus;
  reason?: string;
  department?: Department;
  acuity?: number;
  report?: DiagnosisReport;
  followUp?: FollowUpOutcome;
  events: JourneyEvent[];
  /** Simulated minutes from arrival to the diagnosis. */
  timeToDiagnosis?: number;
}
