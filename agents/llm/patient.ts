import type { Chart } from '../../domain/chart.js';
import type { Fact, PatientCase } from '../../domain/patient-case.js';
import type { AgentContext, PatientAgent, PatientAnswer } from '../roles.js';
import { loadPrompt } from '../prompts/prompts.js';
import { callOptions, system, user, type LlmRoleDeps } from './role-deps.js';
import { patientAnswerSchema } from './schemas.js';

/**
 * The patient as a model. It role-plays from the case's patient-reportable facts, present and
 * absent, and is never given the diagnosis (the case's `truth`), its scenario id or anything a
 * test would show. It names the facts it revealed; ids outside what it was told are dropped.
 */
export class LlmPatientAgent implements PatientAgent {
  constructor(private readonly deps: LlmRoleDeps) {}

  async answer(question: string, patient: PatientCase, chart: Chart, ctx: AgentContext): Promise<PatientAnswer> {
    const facts = patientFacts(patient);
    const prompt = [renderConversation(chart, question), '', `The doctor now asks: "${question}"`].join('\n');
    const { output, usage } = await this.deps.client.chat({
      spec: this.deps.spec,
      role: 'patient',
      messages: [system(`${loadPrompt('patient')}${this.deps.persona ?? ''}\n\n${renderPatientFacts(patient, facts)}`), user(prompt)],
      schema: patientAnswerSchema,
      options: callOptions(this.deps, ctx),
      sample: ctx.sample,
    });
    const known = new Set(facts.map((fact) => fact.id));
    const factIds = [...new Set(output.factIds.map((id) => id.trim().replace(/^\[|\]$/g, '')))].filter((id) => known.has(id));
    return { text: withoutDiagnosis(output.answer, patient), factIds, usage };
  }
}

/**
 * The patient model is never told the diagnosis, but a model can guess it from the facts; a guess
 * that names it would hand the doctor the answer. Such words are blanked out before the doctor
 * hears them. Short all-capital acronyms ("CAP") match case-sensitively, so ordinary words do not.
 */
export function withoutDiagnosis(text: string, patient: PatientCase): string {
  const { truth } = patient;
  const names = [truth.diagnosis, ...truth.synonyms, ...truth.acceptable, truth.icd10].filter((name) => name.trim() !== '');
  let result = text;
  for (const name of names.sort((a, b) => b.length - a.length)) {
    const acronym = name.length <= 5 && name === name.toUpperCase();
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, acronym ? 'gu' : 'giu');
    result = result.replace(pattern, 'something');
  }
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Facts a patient can tell: symptoms and history (not signs, vitals or test results). */
export function patientFacts(patient: PatientCase): Fact[] {
  return patient.facts.filter((fact) => fact.source === 'patient');
}

/** The persona: demographics, why they came, and what is and is not true, with fact ids. */
export function renderPatientFacts(patient: PatientCase, facts: readonly Fact[]): string {
  const { age, sex } = patient.demographics;
  const lines = [
    'Your case:',
    `You are a ${age}-year-old ${sex === 'female' ? 'woman' : 'man'}${age < 16 ? ' (a child; answer as the child would, simply)' : ''}.`,
    `You came today because: "${patient.complaint.text}"`,
    '',
    'Facts:',
  ];
  for (const fact of facts) {
    if (fact.present) lines.push(`- [${fact.id}] YES: ${fact.text}${fact.says ? `. In your words: "${fact.says}"` : ''}`);
    else lines.push(`- [${fact.id}] NO: you do not have ${fact.label}`);
  }
  if (facts.length === 0) lines.push('- (none beyond your complaint)');
  const history = patient.freeText?.history ?? [];
  if (history.length > 0) lines.push('', 'Your history, as you know it:', ...history.map((line) => `- ${line}`));
  return lines.join('\n');
}

/** What has been said between doctor and patient so far, without the question being asked now. */
function renderConversation(chart: Chart, question: string): string {
  const turns = chart.conversation.filter((turn) => turn.role === 'doctor' || turn.role === 'patient');
  const last = turns[turns.length - 1];
  const earlier = last && last.role === 'doctor' && last.text === question ? turns.slice(0, -1) : turns;
  if (earlier.length === 0) return 'This is the first question of the consultation.';
  return ['Conversation so far:', ...earlier.map((turn) => `${turn.role === 'doctor' ? 'Doctor' : 'You'}: ${turn.text}`)].join('\n');
}
