import { answerFromFreeText } from './free-text-patient.js';
import type { Chart } from '../../domain/chart.js';
import type { Fact, PatientCase } from '../../domain/patient-case.js';
import type { AgentContext, PatientAgent, PatientAnswer } from '../roles.js';
import { longestMatch, phraseStems, stem, stems, strictlyInside, words, type MatchSpan } from './text-match.js';

/** Said when nothing in the case matches the question. */
export const nothingLikeThat = "No, I haven't noticed anything like that.";

const agePattern = /\b(how old|age|born)\b/;
const sexPattern = /\b(male|female|sex|gender|man or a woman)\b/;
const complaintPattern =
  /\b(what brings you|brought you|whats the problem|what is the problem|what happened|main problem|trouble you|wrong)\b/;

/** Words too common to say that a free-text history sentence answers a question. */
const stopWords = new Set(
  'a an and any are as at be been do did does for from had has have how i in is it me my no not of on or so that the there this to was were what when where which who with you your ever'.split(
    ' ',
  ),
);

interface MatchedFact {
  fact: Fact;
  span: MatchSpan;
  /** The words of the question that matched, for a natural denial. */
  phrase: string;
}

/**
 * The built-in patient: answers only from the case. A question is matched against each fact the
 * patient knows (symptoms and history) by its ask words and label, as whole words and phrases.
 * Present facts are told in the patient's words; absent ones are denied; anything else gets a
 * plain "no". It speaks only fact texts, so it can never name the diagnosis.
 */
export class BuiltinPatient implements PatientAgent {
  async answer(question: string, patient: PatientCase, _chart: Chart, _ctx: AgentContext): Promise<PatientAnswer> {
    // An imported case answers from its free-text history.
    return patient.freeText ? answerFromFreeText(question, patient) : answerQuestion(question, patient);
  }
}

export function answerQuestion(question: string, patient: PatientCase): PatientAnswer {
  const questionWords = words(question);
  const questionStems = questionWords.map(stem);
  const matched = matchFacts(patient.facts, questionWords, questionStems);
  if (matched.length > 0) {
    return {
      text: matched.map(({ fact, phrase }) => (fact.present ? tell(fact) : deny(fact, phrase))).join(' '),
      factIds: matched.map(({ fact }) => fact.id),
    };
  }
  const lower = questionWords.join(' ');
  if (agePattern.test(lower)) return { text: `I'm ${patient.demographics.age}.`, factIds: [] };
  if (sexPattern.test(lower)) return { text: `I'm ${patient.demographics.sex}.`, factIds: [] };
  if (complaintPattern.test(lower)) return { text: patient.complaint.text, factIds: [] };
  const history = patient.freeText ? historySentences(patient.freeText.history, questionWords) : [];
  if (history.length > 0) return { text: history.join(' '), factIds: [] };
  return { text: nothingLikeThat, factIds: [] };
}

function matchFacts(facts: readonly Fact[], questionWords: string[], questionStems: string[]): MatchedFact[] {
  const candidates: MatchedFact[] = [];
  for (const fact of facts) {
    if (fact.source !== 'patient') continue;
    const span = longestMatch(questionStems, [...fact.ask, fact.label].map(phraseStems));
    if (span) candidates.push({ fact, span, phrase: questionWords.slice(span.start, span.end).join(' ') });
  }
  // "pain when breathing" is about pleuritic pain, not also about breathlessness via "breathing".
  return candidates.filter((candidate) => !candidates.some((other) => other !== candidate && strictlyInside(candidate.span, other.span)));
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function tell(fact: Fact): string {
  if (fact.says) return sentence(fact.says);
  return sentence(`Yes, ${fact.text}`);
}

/** A denial in the case's own words (the fact's label), never echoing the question: a doctor's word may name a disease. */
function deny(fact: Fact, _phrase: string): string {
  return fact.kind === 'history' ? `No, not that I know of (${fact.label}).` : `No, I haven't had any ${fact.label}.`;
}

function historySentences(history: readonly string[], questionWords: readonly string[]): string[] {
  const wanted = new Set(questionWords.filter((word) => !stopWords.has(word) && word.length > 2).map(stem));
  if (wanted.size === 0) return [];
  return history.filter((line) => stems(line).some((word) => wanted.has(word)));
}
