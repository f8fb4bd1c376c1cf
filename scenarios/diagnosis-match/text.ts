import { unifySpelling } from '../spelling.js';

/** Lower case, accents dropped ("Ménière" → "meniere"), typographic apostrophes made plain. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`]/g, "'")
    .toLowerCase();
}

/** Lower-case words, punctuation dropped, "'s" removed: "Parkinson's disease" → "parkinson disease". */
export function normaliseDiagnosis(name: string): string {
  return foldText(name)
    .replace(/'s\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Words kept as they are: their final "s" is not a plural. */
const notPlural = new Set([
  'aids',
  'ascites',
  'diabetes',
  'faeces',
  'feces',
  'herpes',
  'measles',
  'mumps',
  'rabies',
  'rickets',
  'scabies',
  'series',
  'shingles',
  'species',
  'varices',
  'caries',
  'pubes',
  'menses',
  'tabes',
]);

/** Latin and Greek plurals by their singular. */
const latinPlurals: Record<string, string> = {
  emboli: 'embolus',
  calculi: 'calculus',
  thrombi: 'thrombus',
  bacilli: 'bacillus',
  fungi: 'fungus',
  nuclei: 'nucleus',
  vertebrae: 'vertebra',
  fistulae: 'fistula',
  bullae: 'bulla',
  metastases: 'metastasis',
  diagnoses: 'diagnosis',
  appendices: 'appendix',
  testes: 'testis',
};

/** One word to its singular: "emboli" → "embolus", "kidneys" → "kidney", "metastases" → "metastasis". */
export function singular(word: string): string {
  if (latinPlurals[word]) return latinPlurals[word];
  if (word.length < 4 || notPlural.has(word)) return word;
  if (/[a-z]{4}oses$/.test(word)) return word.slice(0, -2) + 'is';
  if (/ies$/.test(word) && word.length > 4) return word.slice(0, -3) + 'y';
  if (/(ss|x|z|ch|sh|us)es$/.test(word)) return word.slice(0, -2);
  if (/(ss|us|is|os|as|ys)$/.test(word)) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** British and American spellings of one word to one form, beyond the shared list. */
export function unifyWord(word: string): string {
  // Only where "ae" and "oe" are one sound: "intraepithelial" and "thromboembolism" keep theirs.
  // "gastroesophageal" is gastro + esophageal, not a British "oesoph" to shorten.
  return unifySpelling(word.replace(/oesoph/g, (match, at: number) => (at > 0 ? 'o#esoph' : match)))
    .replace(/#/g, '')
    .replace(/ae(?=[mtscd])/g, 'e')
    .replace(/^oe/, 'e')
    .replace(/(rh|pn|n)oea/g, '$1ea')
    .replace(/foet/g, 'fet')
    .replace(/amoeb/g, 'ameb')
    .replace(/iz(e|ed|es|ing|ation)$/, 'is$1')
    .replace(/([bt])re$/, '$1er');
}

/** "P.E." → "PE", so a dotted abbreviation reads as one word. */
export function undotAbbreviations(text: string): string {
  return text.replace(/\b((?:[A-Za-z]\.){2,})(?=\s|$|[,;:)])/g, (dotted) => dotted.replace(/\./g, '').toUpperCase());
}

/** Plain words of a text: folded, possessives dropped, split on anything not a letter or digit. */
export function plainWords(text: string): string[] {
  return foldText(text)
    .replace(/'s\b/g, '')
    .replace(/s'(?=\s|$)/g, 's')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Surface form of a word for comparison: singular, one spelling. */
export function surfaceWord(word: string): string {
  return unifyWord(singular(word));
}
