import type { Fact, PatientCase } from '../../domain/patient-case.js';
import type { PatientAnswer } from '../roles.js';
import { findPhrase, longestMatch, stem, stems, strictlyInside, words, type MatchSpan } from './text-match.js';

/**
 * The built-in patient for an imported case (one with `freeText`): it answers from the case's
 * facts (symptoms present or denied) and from its free-text history, retrieving the sentences
 * that share the most telling words with the question (light stemming, a few lay/medical
 * synonyms, rarer words weighing more). It says the best one or two sentences in the patient's
 * voice, or "I haven't noticed anything like that" when nothing is close enough. It only ever
 * repeats the case's own patient-visible text, so it names the diagnosis only if the record does
 * (which the leak checker reports).
 */

export const nothingLikeThat = "No, I haven't noticed anything like that.";

/** Below this score no history sentence answers the question. */
export const answerThreshold = 1;

const agePattern = /\b(how old|your age|what age|age are you|born)\b/;
const sexPattern = /\b(male or female|your sex|your gender|man or a woman|boy or a girl)\b/;
const complaintPattern =
  /\b(what brings you|brought you|what s the problem|whats the problem|what is the problem|what happened|main problem|trouble you|what seems to be|how can i help|tell me about|why are you here|what is wrong|whats wrong|what s wrong)\b/;

const stopWords = new Set(
  'a an and any are as at be been being but by can could did do does doing for from had has have having how i if in into is it its just me my no nor not of off on or our out so some such than that the their them then there these they this those to too up very was we were what when where which while who whom why will with would you your yours ever anything something tell please about also noticed notice experienced experience experiencing currently recently lately other others kind sort'.split(
    ' ',
  ),
);

/** Words that say little on their own: they count, but a third as much. */
const weakWords = new Set([
  'pain',
  'problem',
  'problems',
  'feel',
  'feeling',
  'symptom',
  'symptoms',
  'history',
  'recent',
  'change',
  'changes',
  'issue',
  'issues',
  'trouble',
  'condition',
  'conditions',
  'patient',
  'report',
  'reports',
  'day',
  'days',
  'week',
  'weeks',
  'time',
  'times',
  'take',
  'taking',
  'get',
  'getting',
  'had',
  'past',
  'any',
  'new',
  'normal',
  'well',
  'good',
  'bad',
  'much',
  'many',
  'more',
  'less',
]);

/** Lay and medical words for the same thing: each group is one token for matching. */
const synonymGroups: string[][] = [
  ['breath', 'breathless', 'breathlessness', 'dyspnea', 'dyspnoea', 'sob', 'winded', 'breathing'],
  ['vomit', 'vomiting', 'vomited', 'throw', 'puke', 'emesis'],
  ['nausea', 'nauseous', 'nauseated', 'sick'],
  ['stool', 'stools', 'poo', 'bowel', 'bowels', 'feces', 'faeces'],
  ['diarrhea', 'diarrhoea', 'loose', 'runny'],
  ['urine', 'urinate', 'urinating', 'urination', 'pee', 'peeing', 'micturition', 'wee', 'bladder', 'void', 'voiding'],
  ['smoke', 'smoker', 'smoking', 'tobacco', 'cigarette', 'cigarettes', 'pack'],
  ['alcohol', 'drink', 'drinks', 'drinking', 'wine', 'beer', 'spirits', 'ethanol'],
  [
    'drug',
    'drugs',
    'medication',
    'medications',
    'medicine',
    'medicines',
    'pill',
    'pills',
    'tablet',
    'tablets',
    'prescription',
    'prescribed',
    'regimen',
    'insulin',
    'aspirin',
    'warfarin',
    'metformin',
    'levothyroxine',
    'contraceptive',
    'contraceptives',
    'inhaler',
    'inhalers',
    'steroids',
    'antibiotics',
    'antibiotic',
  ],
  ['recreational', 'cocaine', 'heroin', 'cannabis', 'marijuana', 'illicit'],
  ['tired', 'tiredness', 'fatigue', 'fatigued', 'exhausted', 'exhaustion', 'lethargy', 'lethargic', 'energy'],
  ['fever', 'fevers', 'febrile', 'temperature', 'pyrexia', 'hot', 'chills', 'shivering', 'rigors'],
  ['weight', 'kg', 'lb', 'lbs', 'pounds', 'kilos'],
  ['sleep', 'sleeping', 'insomnia', 'asleep', 'nightmares'],
  ['headache', 'headaches', 'head'],
  ['dizzy', 'dizziness', 'vertigo', 'lightheaded', 'spinning', 'giddy'],
  ['faint', 'fainted', 'fainting', 'syncope', 'passed', 'unconscious', 'consciousness', 'collapse', 'collapsed', 'blackout'],
  ['heart', 'palpitations', 'palpitation', 'pounding', 'racing', 'cardiac'],
  [
    'family',
    'mother',
    'father',
    'parents',
    'brother',
    'sister',
    'sibling',
    'siblings',
    'relatives',
    'grandmother',
    'grandfather',
    'inherited',
    'hereditary',
  ],
  ['travel', 'traveled', 'travelled', 'trip', 'abroad', 'overseas', 'visited'],
  ['job', 'work', 'works', 'working', 'occupation', 'employed', 'employment', 'retired', 'student', 'school'],
  ['sex', 'sexual', 'sexually', 'partner', 'partners', 'intercourse', 'condom', 'condoms', 'unprotected'],
  ['allergy', 'allergies', 'allergic'],
  ['period', 'periods', 'menstrual', 'menses', 'menstruation', 'lmp', 'cycle', 'cycles'],
  ['pregnant', 'pregnancy', 'gestation', 'gravida', 'expecting', 'prenatal', 'antenatal'],
  ['rash', 'rashes', 'spots', 'skin', 'lesion', 'lesions', 'itch', 'itchy', 'itching', 'pruritus'],
  ['swelling', 'swollen', 'swell', 'edema', 'oedema', 'puffy', 'lump', 'lumps', 'mass'],
  ['vision', 'see', 'seeing', 'sight', 'eye', 'eyes', 'visual', 'blurry', 'blurred', 'diplopia'],
  ['hear', 'hearing', 'ear', 'ears', 'deaf', 'tinnitus'],
  ['eat', 'eating', 'appetite', 'feeding', 'feed', 'food', 'meal', 'meals', 'hungry'],
  ['swallow', 'swallowing', 'dysphagia'],
  [
    'vaccine',
    'vaccines',
    'vaccination',
    'vaccinations',
    'vaccinated',
    'immunization',
    'immunizations',
    'immunisation',
    'immunised',
    'immunized',
    'jabs',
  ],
  ['cough', 'coughing', 'coughs', 'sputum', 'phlegm'],
  ['chest', 'thorax'],
  ['belly', 'abdomen', 'abdominal', 'stomach', 'tummy'],
  ['bleed', 'bleeding', 'blood', 'bloody', 'hemorrhage', 'haemorrhage', 'bruise', 'bruising', 'bruises'],
  ['weak', 'weakness', 'strength', 'power'],
  ['numb', 'numbness', 'tingling', 'pins', 'sensation', 'paresthesia', 'paraesthesia'],
  ['joint', 'joints', 'arthralgia', 'knee', 'knees', 'hip', 'hips', 'wrist', 'wrists', 'ankle', 'ankles', 'elbow', 'shoulder'],
  ['mood', 'sad', 'depressed', 'depression', 'low', 'anxious', 'anxiety', 'worried', 'stress', 'stressed'],
  ['medical', 'illness', 'illnesses', 'diagnosed', 'conditions'],
  ['surgery', 'surgeries', 'operation', 'operations', 'operated', 'surgical'],
  ['live', 'lives', 'living', 'home', 'house', 'married', 'wife', 'husband', 'children', 'kids'],
  ['birth', 'born', 'delivery', 'delivered', 'newborn', 'neonatal'],
  ['sweat', 'sweats', 'sweating', 'sweaty', 'diaphoresis'],
  ['seizure', 'seizures', 'fit', 'fits', 'convulsion', 'convulsions', 'shaking', 'jerking'],
  ['confused', 'confusion', 'memory', 'forgetful', 'forgetting', 'disoriented'],
];

/** Drug names by their stems ("lisinopril", "omeprazole", "simvastatin") count as "medication". */
const drugSuffix =
  /(pril|sartan|olol|statin|formin|dipine|prazole|cillin|mycin|cycline|floxacin|oxetine|azepam|tidine|parin|xaban|gliptin|glitazone|thiazide|semide|lukast|terol|olone|profen|triptan|zumab|ximab|tinib|zodone|pramine|apine|idone)$/;

const groupOf = new Map<string, string>();
for (const group of synonymGroups) for (const word of group) groupOf.set(stem(word), `~${stem(group[0])}`);
const drugToken = `~${stem('drug')}`;

/** Matching tokens of a text: stems of its content words, each mapped to its synonym group. */
function tokens(text: string): string[] {
  return words(text)
    .filter((word) => !stopWords.has(word) && (word.length > 2 || groupOf.has(word)))
    .map((word) => {
      const stemmed = stem(spelling(word));
      return groupOf.get(stemmed) ?? (drugSuffix.test(word) ? drugToken : stemmed);
    });
}

function spelling(word: string): string {
  return word
    .replace(/haem/g, 'hem')
    .replace(/oedem/g, 'edem')
    .replace(/diarrhoea/g, 'diarrhea')
    .replace(/oesoph/g, 'esoph')
    .replace(/aemia/g, 'emia')
    .replace(/tumour/g, 'tumor')
    .replace(/colour/g, 'color');
}

const weakTokens = new Set([...weakWords].map((word) => stem(word)));

interface Ranked {
  index: number;
  score: number;
}

/** History sentences ranked by the weighted share of the question's telling words they contain. */
export function rankSentences(question: string, history: readonly string[]): Ranked[] {
  const wanted = [...new Set(tokens(question))];
  if (wanted.length === 0 || history.length === 0) return [];
  const sentenceTokens = history.map((sentence) => new Set(tokens(sentence)));
  const df = new Map<string, number>();
  for (const set of sentenceTokens) for (const token of set) df.set(token, (df.get(token) ?? 0) + 1);
  const weight = (token: string): number => {
    const idf = Math.log(1 + history.length / (df.get(token) ?? 1));
    return (weakTokens.has(token) ? 0.34 : 1) * Math.max(0.5, Math.min(1.5, idf));
  };
  return sentenceTokens
    .map((set, index) => {
      const shared = wanted.filter((token) => set.has(token));
      const strong = shared.some((token) => !weakTokens.has(token));
      return { index, score: strong ? shared.reduce((sum, token) => sum + weight(token), 0) : 0 };
    })
    .filter((ranked) => ranked.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index);
}

// The patient's voice ---------------------------------------------------------------------

const sectionPrefix =
  /^(Past medical history|Social history|Family history|Review of systems|Current medications|Medications|Drug history|Allergies|[A-Z][a-z]+(?: [a-z]+){0,3}):\s+/;

const irregular: Record<string, string> = { has: 'have', is: 'am', does: 'do', was: 'was', goes: 'go', denies: "don't have" };

/** "reports" → "report", "notices" → "notice", "worries" → "worry" (after "I"). */
function firstPersonVerb(verb: string): string {
  const lower = verb.toLowerCase();
  if (irregular[lower]) return irregular[lower];
  if (/(ss|sh|ch|x|zz)es$/.test(lower)) return lower.slice(0, -2);
  if (/[^aeiou]ies$/.test(lower)) return lower.slice(0, -3) + 'y';
  if (/[^s]s$/.test(lower)) return lower.slice(0, -1);
  return lower;
}

/** Who speaks for a young child: the parent, about "my son", "my daughter", "my baby". */
function childNoun(patient: PatientCase): string {
  if (patient.demographics.age < 1) return 'my baby';
  return patient.demographics.sex === 'female' ? 'my daughter' : 'my son';
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function ageAnswer(patient: PatientCase): string {
  const { age } = patient.demographics;
  if (age < 1) return 'My baby is less than a year old.';
  if (age < 12) return `${capitalise(childNoun(patient))} is ${age}.`;
  return `I'm ${age}.`;
}

/** A history sentence as the patient (or a child's parent) would say it. */
export function inPatientVoice(sentence: string, patient: PatientCase): string {
  let text = sentence.replace(sectionPrefix, '').trim();
  if (!text) return text;
  // Second person (NEJM prompts: "You've noticed …").
  text = text
    .replace(/\byou've\b/gi, "I've")
    .replace(/\byou're\b/gi, "I'm")
    .replace(/\byou are\b/gi, 'I am')
    .replace(/\byou have\b/gi, 'I have')
    .replace(/\byourself\b/gi, 'myself')
    .replace(/\byour\b/gi, 'my')
    .replace(/\byou\b/gi, 'I');
  if (patient.demographics.age < 12) {
    text = text.replace(/^(the |this )?(patient|newborn|neonate|infant|baby|child|boy|girl|toddler)\b/i, childNoun(patient));
  } else {
    text = text
      .replace(/^(the |this )?patient (also )?denies (experiencing |having |any history of )?/i, "I haven't had ")
      .replace(/^(she|he) (also )?denies (experiencing |having |any history of )?/i, "I haven't had ")
      .replace(/^denies (experiencing |having |any history of )?/i, "I haven't had ")
      .replace(
        /^(the |this )?patient (also )?(is|was|has|had)\b/i,
        (_m, _a, also: string | undefined, verb: string) =>
          `I ${also ?? ''}${verb.toLowerCase() === 'is' ? 'am' : verb.toLowerCase() === 'has' ? 'have' : verb.toLowerCase()}`,
      )
      .replace(/^(the |this )?patient (also )?(presents|presented) with\b/i, "I've come in with")
      .replace(
        /^(the |this )?patient (also )?(\w+)\b/i,
        (_m, _a, also: string | undefined, verb: string) => `I ${also ?? ''}${firstPersonVerb(verb)}`,
      )
      .replace(/^(she|he) (also )?(\w+)\b/i, (_m, _p, also: string | undefined, verb: string) => `I ${also ?? ''}${firstPersonVerb(verb)}`)
      .replace(/\b(his|her) (?=[a-z])/g, (match, pronoun: string, offset: number, whole: string) =>
        /\b(to|told|asked|gave|brought|found|helped) $/.test(whole.slice(0, offset)) && pronoun === 'her' ? 'me ' : 'my ',
      )
      .replace(/^I (also )?(\w+)(.*?)\b(and|but) (has|is|does)\b/, (m, _a, _v, _r, conj: string, verb: string) =>
        m.replace(new RegExp(`\\b${conj} ${verb}\\b`), `${conj} ${irregular[verb]}`),
      )
      .replace(/\bhim\b/g, 'me')
      .replace(/\b(himself|herself)\b/g, 'myself');
  }
  text = text.replace(/\s+/g, ' ').trim();
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

// Facts ------------------------------------------------------------------------------------

interface MatchedFact {
  fact: Fact;
  span: MatchSpan;
  phrase: string;
}

function matchFacts(facts: readonly Fact[], question: string): MatchedFact[] {
  const questionWords = words(question);
  const questionStems = questionWords.map(stem);
  const candidates: MatchedFact[] = [];
  for (const fact of facts) {
    if (fact.source !== 'patient') continue;
    const span = longestMatch(questionStems, [...fact.ask, fact.label.replace(/^ac /, '')].map(stems));
    if (span) candidates.push({ fact, span, phrase: questionWords.slice(span.start, span.end).join(' ') });
  }
  return candidates.filter((candidate) => !candidates.some((other) => other !== candidate && strictlyInside(candidate.span, other.span)));
}

function tell(fact: Fact): string {
  const text = (fact.says ?? fact.text).trim();
  if (fact.says) return /[.!?]$/.test(text) ? text : `${text}.`;
  const lower = text.charAt(0).toLowerCase() + text.slice(1);
  return `Yes, ${lower.replace(/[.!?]+$/, '')}.`;
}

function deny(fact: Fact, phrase: string): string {
  return fact.kind === 'history' ? `No, there's no ${phrase} that I know of.` : `No, I haven't had any ${phrase}.`;
}

/** Patient facts whose ask phrases occur in a text: what an answer revealed. */
function factsMentioned(facts: readonly Fact[], text: string): Fact[] {
  const textStems = stems(text);
  return facts.filter(
    (fact) =>
      fact.source === 'patient' &&
      fact.ask.some(
        (ask) => (ask.includes(' ') || (ask.length >= 4 && !weakWords.has(ask))) && findPhrase(textStems, stems(ask)) !== undefined,
      ),
  );
}

/**
 * Answer a question from an imported case: matched symptom facts (told or denied), then the one
 * or two history sentences that answer it best, in the patient's voice.
 */
export function answerFromFreeText(question: string, patient: PatientCase): PatientAnswer {
  const lower = words(question).join(' ');
  const history = patient.freeText?.history ?? [];
  const matched = matchFacts(patient.facts, question);
  const ranked = rankSentences(question, history).filter((r) => r.score >= answerThreshold);
  const chosen = ranked.slice(0, 2).filter((r, i) => i === 0 || r.score >= ranked[0].score * 0.6);
  const told: string[] = matched.map(({ fact, phrase }) => (fact.present ? tell(fact) : deny(fact, phrase)));
  const sentences = chosen.map((r) => inPatientVoice(history[r.index], patient)).filter((s) => s && !told.includes(s));

  if (told.length === 0 && agePattern.test(lower)) return { text: ageAnswer(patient), factIds: [] };
  if (told.length === 0 && sexPattern.test(lower))
    return {
      text:
        patient.demographics.age < 12
          ? `${capitalise(childNoun(patient))} is a ${patient.demographics.sex === 'female' ? 'girl' : 'boy'}.`
          : `I'm ${patient.demographics.sex}.`,
      factIds: [],
    };
  if (told.length === 0 && sentences.length === 0) {
    if (complaintPattern.test(lower)) return { text: patient.complaint.text, factIds: [...patient.complaint.factIds] };
    return { text: nothingLikeThat, factIds: [] };
  }
  if (told.length === 0 && complaintPattern.test(lower)) sentences.unshift(patient.complaint.text);
  const text = [...told, ...sentences].join(' ');
  const ids = new Set<string>(matched.map(({ fact }) => fact.id));
  for (const r of chosen) for (const fact of factsMentioned(patient.facts, history[r.index])) ids.add(fact.id);
  return { text, factIds: [...ids] };
}
