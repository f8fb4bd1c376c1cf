/**
 * Medical terms a patient with low health literacy does not recognise, each with the everyday
 * words such a patient uses instead. Matched as whole words, case-insensitively.
 */
export const medicalTerms: Record<string, string> = {
  dyspnoea: 'getting out of breath',
  dyspnea: 'getting out of breath',
  orthopnoea: 'getting out of breath lying flat',
  haemoptysis: 'coughing up blood',
  hemoptysis: 'coughing up blood',
  haematemesis: 'being sick with blood',
  haematuria: 'blood in my wee',
  hematuria: 'blood in my wee',
  melaena: 'black poo',
  melena: 'black poo',
  dysuria: 'it burns when I wee',
  polyuria: 'weeing a lot',
  polydipsia: 'being thirsty all the time',
  syncope: 'passing out',
  presyncope: 'nearly passing out',
  palpitations: 'my heart racing',
  pyrexia: 'a temperature',
  febrile: 'hot',
  diaphoresis: 'sweating buckets',
  photophobia: 'the light hurting my eyes',
  myalgia: 'my muscles aching',
  arthralgia: 'my joints aching',
  malaise: 'feeling rubbish',
  dysphagia: 'trouble swallowing',
  odynophagia: 'it hurting to swallow',
  pruritus: 'itching',
  oedema: 'swelling',
  edema: 'swelling',
  paraesthesia: 'pins and needles',
  paresthesia: 'pins and needles',
  epistaxis: 'nosebleeds',
  claudication: 'my legs hurting when I walk',
  rigors: 'shaking chills',
  vertigo: 'the room spinning',
  tinnitus: 'ringing in my ears',
  pleuritic: 'sharp when I breathe',
  haematochezia: 'blood in my poo',
  hematochezia: 'blood in my poo',
  hypertension: 'blood pressure',
  hyperlipidaemia: 'cholesterol',
  hyperlipidemia: 'cholesterol',
  dyspepsia: 'indigestion',
  anorexia: 'not feeling like eating',
  nocturia: 'getting up at night to wee',
};

const termPattern = new RegExp(`\\b(${Object.keys(medicalTerms).join('|')})\\b`, 'gi');

/** The medical terms in a question, lower-case, in order, without repeats. */
export function medicalTermsIn(text: string): string[] {
  return [...new Set([...text.matchAll(termPattern)].map((match) => match[1].toLowerCase()))];
}

/** The question as a patient who does not know the medical terms in it hears it: those words gone. */
export function withoutMedicalTerms(text: string): string {
  return text.replace(termPattern, ' ').replace(/\s+/g, ' ').trim();
}

/** A patient's sentence in everyday words: each medical term replaced by its lay wording (not inside quotes). */
export function inLayWords(text: string): string {
  return text
    .split(/("[^"]*")/)
    .map((part) => (part.startsWith('"') ? part : part.replace(termPattern, (term) => medicalTerms[term.toLowerCase()] ?? term)))
    .join('');
}
