import type { LoadedScenario } from '../loader.js';
import { type Builder, uniqueId } from './builder.js';
import { phraseKey, sharedVocabulary } from './library.js';
import { capitalise, slugify } from './text.js';

/** Symptoms of an imported record: the shared library finding where the phrase names one, else its own. */

const askStopWords = new Set(
  'a an and any are as at be been by do for from had has have her his in is it its of on or over the their to was were when with without after before during about into than that this these those very more most some such just since'.split(
    ' ',
  ),
);
/** Words too common to ask about on their own. */
const genericAskWords = new Set([
  'pain',
  'difficulty',
  'weakness',
  'history',
  'increased',
  'decreased',
  'episode',
  'episodes',
  'symptom',
  'symptoms',
  'feeling',
  'sensation',
  'change',
  'changes',
  'problem',
  'problems',
  'new',
  'onset',
  'left',
  'right',
  'both',
  'side',
  'sides',
  'area',
  'severe',
  'mild',
  'recent',
  'recently',
  'persistent',
  'progressive',
  'occasional',
  'associated',
  'general',
  'generalized',
  'loss',
  'worsening',
  'improvement',
  'presence',
  'noted',
  'normal',
  'specifically',
  'aspect',
  'days',
  'weeks',
  'months',
  'years',
  'past',
]);

/** The words a question about a symptom may use: the phrase itself, its pairs and its telling words. */
function askWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z ]+/g, ' ')
    .split(' ')
    .filter((word) => word.length > 1 && !askStopWords.has(word));
  const ask = new Set<string>();
  if (words.length > 0 && words.length <= 4) ask.add(words.join(' '));
  for (let i = 0; i + 1 < words.length; i++) ask.add(`${words[i]} ${words[i + 1]}`);
  for (const word of words) if (word.length > 3 && !genericAskWords.has(word)) ask.add(word);
  if (ask.size === 0 && words.length > 0) ask.add(words.slice(0, 3).join(' '));
  return [...ask];
}

const negation =
  /^\s*(no|not|denies|denied|without|absence of|absent|negative for|never)\b\s*(any\s+|significant\s+|history of\s+|recent\s+)*/i;

/** A symptom fact (present, or absent when the record negates it: "No urinary incontinence"). */
export function addSymptom(builder: Builder, text: string, field: string, library: readonly LoadedScenario[]): string | undefined {
  const raw = text.replace(/\s+/g, ' ').trim();
  if (!raw) return undefined;
  const absent = negation.test(raw);
  const stated = absent
    ? raw
        .replace(negation, '')
        .replace(/^(or|and)\s+/i, '')
        .trim()
    : raw;
  if (!stated) return undefined;
  const shared = sharedVocabulary(library).get(phraseKey(stated));
  const id = uniqueId(builder, shared && !builder.ids.has(shared) ? shared : `ac-${slugify(stated)}`);
  const sharedFinding = shared ? library.flatMap((scenario) => scenario.findings).find((finding) => finding.id === shared) : undefined;
  const ask = [...new Set([...askWords(stated), ...(id === shared ? (sharedFinding?.ask ?? []) : [])])];
  builder.findings.push({ id, kind: 'symptom', text: capitalise(stated), p: absent ? 0 : 1, ask, key: false });
  builder.fields[`findings.${id}`] = field;
  return id;
}

/** A complaint like "Fatigue, flank pain, and fever" names several symptoms; a long one is one. */
export function complaintParts(text: string): string[] {
  const parts = text
    .split(/,\s*(?:and\s+|or\s+)?|\s+and\s+|;\s*/)
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.length > 1 && parts.every((part) => part.split(' ').length <= 4) ? parts : [text.trim()];
}
