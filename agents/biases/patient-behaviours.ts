import type { Chart } from '../../domain/chart.js';
import { Rng } from '../../domain/random.js';
import type { Fact, PatientCase } from '../../domain/patient-case.js';
import { answerQuestion, nothingLikeThat } from '../builtin/patient.js';
import type { AgentContext, PatientAgent, PatientAnswer } from '../roles.js';
import type { PatientBehaviour } from './catalogue.js';
import { inLayWords, medicalTermsIn, withoutMedicalTerms } from './lay-terms.js';

/** How often a behaviour acts where it is a matter of chance (drawn from the journey's seeded streams). */
export const behaviourRates = {
  /** Share of present symptoms a withholding patient holds back (history items: always). */
  withheldSymptom: 0.5,
  /** Chance an exaggerating patient claims an absent symptom when asked about it. */
  falseClaim: 0.4,
  /** Present symptoms an anxious patient volunteers unasked, per answer, at most. */
  volunteered: 2,
} as const;

/** History a relative speaking for the patient would not know. */
const privateHistory =
  /alcohol|drink|drug|inject|smok|tobacco|sex|partner|contracept|pregnan|menstru|period|mood|depress|suicid|self-harm|hiv|gambl|cannabis|opioid|psych/i;

const worries = [
  "I'm really worried, doctor — is it something serious?",
  "Sorry, I'm so anxious about all this, I couldn't sleep last night.",
  'I keep thinking the worst. Could this be dangerous?',
] as const;

interface AnswerPart {
  factId: string;
  text: string;
  /** Whether the fact reaches the chart with this answer. */
  told: boolean;
  /** What the patient claims, when it differs from the case. */
  claimed?: boolean;
}

const sentence = (text: string): string => {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};
const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
const tell = (fact: Fact): string => sentence(fact.says ?? `Yes, ${fact.text}`);
const deny = (fact: Fact): string =>
  fact.kind === 'history' ? `No, there's no ${fact.label} that I know of.` : `No, I haven't had any ${fact.label}.`;

/**
 * The built-in patient acting out behaviours: it answers through the plain built-in patient and
 * then changes what it tells, as the behaviour would. Every chance draw comes from a stream
 * derived from the journey's seed, patient slot and sample, so a journey replays identically.
 */
export class BehavingPatient implements PatientAgent {
  constructor(
    private readonly inner: PatientAgent,
    private readonly behaviours: readonly PatientBehaviour[],
  ) {}

  async answer(question: string, patient: PatientCase, chart: Chart, ctx: AgentContext): Promise<PatientAnswer> {
    const has = (behaviour: PatientBehaviour): boolean => this.behaviours.includes(behaviour);
    const unknownTerms = has('low-literacy') ? medicalTermsIn(question) : [];
    const heard = unknownTerms.length > 0 ? withoutMedicalTerms(question) : question;
    const base = await this.inner.answer(heard, patient, chart, ctx);
    if (unknownTerms.length > 0 && base.factIds.length === 0) {
      return this.voiced({ text: `Sorry, I don't know what "${unknownTerms.join('" or "')}" means.`, factIds: [] }, patient, has);
    }
    const byId = new Map(patient.facts.map((fact) => [fact.id, fact]));
    const askedBefore = earlierQuestionsAbout(question, patient, chart);
    const stream = (name: string, factId: string): Rng =>
      Rng.derive('patient-behaviour', name, patient.seed, patient.index, ctx.sample, factId);
    let changed = unknownTerms.length > 0;
    const parts: AnswerPart[] = base.factIds.map((id) => {
      const fact = byId.get(id);
      if (!fact) return { factId: id, text: '', told: true };
      const part = this.actOut(fact, askedBefore.has(id), has, stream);
      if (part.text !== (fact.present ? tell(fact) : deny(fact)) || !part.told) changed = true;
      return part;
    });
    const volunteered = has('anxious') ? volunteer(patient, chart, base.factIds, ctx.rng) : [];
    const worry = has('anxious') ? ctx.rng.pick(worries) : undefined;
    if (!changed && volunteered.length === 0 && worry === undefined) return this.voiced(base, patient, has);

    const told = parts.filter((part) => part.told).map((part) => part.factId);
    const spoken = parts.map((part) => part.text).filter((text) => text !== '');
    const lines = [
      ...(worry ? [worry] : []),
      ...(unknownTerms.length > 0 ? [`I don't know what "${unknownTerms.join('" or "')}" means, but`] : []),
      ...(spoken.length > 0 ? spoken : base.factIds.length === 0 ? [base.text] : [nothingLikeThat]),
      ...volunteered.map((fact) => `And I've also had this: ${lowerFirst(tell(fact).replace(/^Yes, /, ''))}`),
    ];
    const claims = parts.filter((part) => part.claimed !== undefined);
    return this.voiced(
      {
        text: lines.join(' '),
        factIds: [...told, ...volunteered.map((fact) => fact.id)],
        ...(claims.length > 0 ? { statedPresence: Object.fromEntries(claims.map((part) => [part.factId, part.claimed === true])) } : {}),
        ...(base.usage ? { usage: base.usage } : {}),
      },
      patient,
      has,
    );
  }

  /** What the patient says about one fact the question matched. */
  private actOut(
    fact: Fact,
    askedBefore: boolean,
    has: (behaviour: PatientBehaviour) => boolean,
    stream: (name: string, factId: string) => Rng,
  ): AnswerPart {
    const id = fact.id;
    if (has('relative') && fact.kind === 'history' && privateHistory.test(`${fact.id} ${fact.label}`)) {
      return { factId: id, text: "Not sure about that — you'd have to ask them yourself.", told: false };
    }
    if (fact.present && !askedBefore) {
      const withheld = has('withholding') && (fact.kind === 'history' || stream('withholding', id).chance(behaviourRates.withheldSymptom));
      if (withheld) return { factId: id, text: 'No… not really.', told: false };
      if (has('minimising') && fact.kind === 'symptom' && !fact.key)
        return { factId: id, text: 'Not really, nothing worth mentioning.', told: false };
    }
    if (fact.present) {
      let text = tell(fact);
      if (has('minimising')) text = `It's only mild, really — ${lowerFirst(text.replace(/^Yes, /, ''))}`;
      if (has('exaggerating')) text = `Yes, and it's terrible, doctor, the worst I've ever had — ${lowerFirst(text.replace(/^Yes, /, ''))}`;
      return { factId: id, text, told: true };
    }
    if (has('exaggerating') && fact.kind === 'symptom' && stream('exaggerating', id).chance(behaviourRates.falseClaim)) {
      return { factId: id, text: `Yes, I've had ${fact.label} as well, and badly.`, told: true, claimed: true };
    }
    return { factId: id, text: deny(fact), told: true };
  }

  /** The final wording: lay words for a patient with low health literacy, third person for a relative. */
  private voiced(answer: PatientAnswer, patient: PatientCase, has: (behaviour: PatientBehaviour) => boolean): PatientAnswer {
    let text = answer.text;
    if (has('low-literacy')) text = inLayWords(text);
    if (has('relative')) text = `(Their relative answers.) ${inThirdPerson(text, patient.demographics.sex)}`;
    return { ...answer, text };
  }
}

/** Facts an earlier doctor question (before the one now asked) was about. */
function earlierQuestionsAbout(question: string, patient: PatientCase, chart: Chart): Set<string> {
  const doctorTurns = chart.conversation.filter((turn) => turn.role === 'doctor').map((turn) => turn.text);
  if (doctorTurns.at(-1) === question) doctorTurns.pop();
  return new Set(doctorTurns.flatMap((text) => answerQuestion(text, patient).factIds));
}

/** Present patient facts not yet on the chart nor in this answer, a few picked to volunteer. */
function volunteer(patient: PatientCase, chart: Chart, answered: readonly string[], rng: Rng): Fact[] {
  const charted = new Set(chart.revealed.map((fact) => fact.factId));
  const pool = patient.facts.filter(
    (fact) => fact.source === 'patient' && fact.kind === 'symptom' && fact.present && !charted.has(fact.id) && !answered.includes(fact.id),
  );
  const chosen: Fact[] = [];
  while (pool.length > 0 && chosen.length < behaviourRates.volunteered) chosen.push(...pool.splice(rng.int(0, pool.length - 1), 1));
  return chosen;
}

/** First person to third person, for a relative answering for the patient. */
export function inThirdPerson(text: string, sex: 'female' | 'male'): string {
  const [subject, object, possessive] = sex === 'female' ? ['she', 'her', 'her'] : ['he', 'him', 'his'];
  const rules: [RegExp, string][] = [
    [/\bI'm\b/g, `${subject}'s`],
    [/\bI am\b/g, `${subject} is`],
    [/\bI've\b/g, `${subject}'s`],
    [/\bI have\b/g, `${subject} has`],
    [/\bI haven't\b/g, `${subject} hasn't`],
    [/\bI don't\b/g, `${subject} doesn't`],
    [/\bI was\b/g, `${subject} was`],
    [/\bI\b/g, subject],
    [/\bmyself\b/gi, sex === 'female' ? 'herself' : 'himself'],
    [/\bmy\b/gi, possessive],
    [/\bme\b/gi, object],
  ];
  let result = text;
  for (const [pattern, replacement] of rules) result = result.replace(pattern, replacement);
  return result.replace(/(^|[.!?]\s+|\)\s+)([a-z])/g, (_match, lead: string, letter: string) => `${lead}${letter.toUpperCase()}`);
}
