import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sameDiagnosisName } from './diagnosis-match/index.js';
import { HospitalError, InputError } from '../domain/errors.js';
import { builtinLibraryDir } from '../domain/paths.js';
import { isContainerName, isReportPart, resolveTestName, specimenOf, testKey, type Specimen } from './agentclinic-tests.js';
import { unifySpelling } from './spelling.js';
import {
  asSentence,
  capitalise,
  humanise,
  isRecord,
  parseDemographics,
  prose,
  sentences,
  sexFromPronouns,
  slugify,
} from './agentclinic-text.js';
import type { Catalogue } from './catalogue.js';
import { checkLeaks, type Leak } from './leaks.js';
import { compileScenario, loadScenarioFile, type LoadedScenario } from './loader.js';
import { scenarioSchema, type Department, type Finding, type Scenario, type ScenarioFile, type TestFinding } from './schema.js';
import { registerImporter } from './sources.js';

/**
 * The AgentClinic importer. AgentClinic (Schmidgall et al., 2024, MIT licence) publishes clinical
 * cases as JSON lines in two shapes:
 *
 * - OSCE records (`agentclinic_medqa.jsonl`, `..._medqa_extended.jsonl`, `..._mimiciv.jsonl`):
 *   `{ OSCE_Examination: { Objective_for_Doctor, Patient_Actor: { Demographics, History,
 *   Symptoms: { Primary_Symptom, Secondary_Symptoms[] }, Past_Medical_History, Social_History,
 *   Review_of_Systems, ... }, Physical_Examination_Findings: { <section>: {...} },
 *   Test_Results: { <group>: {...} }, Correct_Diagnosis } }`;
 * - NEJM image challenges (`agentclinic_nejm.jsonl`, `..._nejm_extended.jsonl`):
 *   `{ image_url, question, patient_info, physical_exams, answers: [{ text, correct }] }`.
 *
 * Each line becomes one scenario `agentclinic-<variant>-<line>` whose findings all have p = 1,
 * so the generated patient is exactly the record. Symptoms, examination entries, vital signs
 * and test results become facts (tests normalised to the catalogue); the history stays free text
 * (`freeText.history`) and results no catalogue test fits stay answerable under a synthetic id
 * (`freeText.results["ac-<slug>"]`). `source.fields` remembers which field of the record each
 * visible text came from, for leak reports. A bad line is reported (`file:line: field: expected
 * …`) and skipped; the others are still imported.
 */

export const agentClinicLicense = 'AgentClinic (Schmidgall et al., 2024), MIT licence, https://github.com/SamuelSchmidgall/AgentClinic';

/** One bad line of an import file. `message` is the one line printed for it. */
export interface ImportProblem {
  file: string;
  line: number;
  field: string;
  expected: string;
  message: string;
}

export interface ImportOptions {
  /** Variant name in ids (default: from the file name, e.g. "medqa", "nejm-extended"). */
  variant?: string;
  /** Leave out cases whose visible text names the diagnosis. */
  excludeLeaky?: boolean;
  /** The library scenarios to take ICD-10 codes, departments and synonyms from (default: built-in). */
  library?: readonly LoadedScenario[];
}

export interface ImportedCase {
  line: number;
  scenario: LoadedScenario;
  leaks: Leak[];
  /** Library scenario whose code and department were used, if the diagnosis matched one. */
  libraryMatch?: string;
}

export interface ImportResult {
  file: string;
  variant: string;
  /** Non-empty lines read. */
  lines: number;
  cases: ImportedCase[];
  /** Cases left out because they leak (only with excludeLeaky). */
  excluded: ImportedCase[];
  problems: ImportProblem[];
}

/** A record-level failure: which field, and what was expected there. */
class RecordError extends Error {
  constructor(
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${field}: ${expected}`);
  }
}

/** "agentclinic_medqa_extended.jsonl" → "medqa-extended". */
export function variantOf(file: string): string {
  const name = basename(file).replace(/\.(jsonl|json|ndjson|txt)$/i, '');
  return slugify(name.replace(/^agent[-_]?clinic[-_]?/i, ''), 32) || 'cases';
}

// ---------------------------------------------------------------------------------------------
// The library: ICD-10 codes, departments and synonyms for diagnoses it knows

let builtinLibrary: LoadedScenario[] | undefined;

/** The built-in library, loaded file by file so that one broken file never stops an import. */
export function libraryScenarios(catalogue: Catalogue): LoadedScenario[] {
  if (builtinLibrary) return builtinLibrary;
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry.name)) files.push(path);
    }
  };
  if (existsSync(builtinLibraryDir())) walk(builtinLibraryDir());
  const loaded: LoadedScenario[] = [];
  for (const file of files) {
    try {
      loaded.push(loadScenarioFile(file, catalogue));
    } catch (error) {
      if (!(error instanceof HospitalError)) throw error;
    }
  }
  builtinLibrary = loaded;
  return loaded;
}

/** The library scenario for a diagnosis: same name (as the evaluation matches names) or a synonym. */
const libraryMatches = new WeakMap<readonly LoadedScenario[], Map<string, LoadedScenario | undefined>>();

export function matchLibrary(names: readonly string[], library: readonly LoadedScenario[]): LoadedScenario | undefined {
  const memo = libraryMatches.get(library) ?? new Map<string, LoadedScenario | undefined>();
  libraryMatches.set(library, memo);
  const key = names.join('\u0000');
  if (!memo.has(key)) memo.set(key, matchLibraryUncached(names, library));
  return memo.get(key);
}

function matchLibraryUncached(names: readonly string[], library: readonly LoadedScenario[]): LoadedScenario | undefined {
  for (const scenario of library) if (names.some((name) => sameDiagnosisName(name, scenario.diagnosis.name))) return scenario;
  for (const scenario of library)
    if (names.some((name) => scenario.diagnosis.synonyms.some((synonym) => sameDiagnosisName(name, synonym)))) return scenario;
  return undefined;
}

/** Ordered keyword rules: the first department whose pattern the diagnosis matches. */
const departmentRules: [RegExp, Department][] = [
  [
    /\b(schizo\w*|psychos[ie]s|psychotic|depressi\w*|bipolar|mania|manic|anxiety|personality disorder|oppositional|conduct disorder|adhd|attention deficit|autis\w*|intoxication|withdrawal|akathisia|neuroleptic|serotonin syndrome|nightmare|insomnia|anorexia nervosa|bulimia|delirium|somatic symptom|conversion disorder|factitious|ptsd|panic|phobi\w*|obsessive|tourette|substance|overdose)\b/,
    'psychiatry',
  ],
  [
    /\b(leukemi\w*|lymphoma|myeloma|macroglobulinemia|hemophilia|thrombocyth\w*|thrombasthenia|thrombocytopeni\w*|anemi\w*|erythropoietin|sickle|thalass\w*|polycyth\w*|myelodysplas\w*|coagulopath\w*|willebrand|neutropeni\w*|hemoly\w*|spherocytosis|g6pd|aplastic)\b/,
    'haematology',
  ],
  [
    /\b(dermat\w*|eczem\w*|psoria\w*|pemphig\w*|pyoderma|molluscum|keratos[ie]s|melanoma|bowen|urticaria|acne|rosacea|vitiligo|impetigo|scabies|tinea|epidermoid cyst|skin|erythema toxicum|erythema multiforme|erythema nodosum|erythema infectiosum|stevens?\W+johnson|epidermal necrolysis|bites?|lichen|alopecia|hidradenitis|cellulitis|seborrh\w*|wart|verruca)\b/,
    'dermatology',
  ],
  [
    /\b(cancer|carcinoma|adenocarcinoma|tumou?rs?|neoplasms?|malignan\w*|sarcoma|metasta\w*|blastoma|mesothelioma|seminoma|teratoma)\b/,
    'oncology',
  ],
  [
    /\b(seizures?|epilep\w*|dementia|parkinson\w*|huntington|system atrophy|multiple sclerosis|myasthenia|neuropath\w*|neuralgia|encephal\w*|leukoencephalopathy|mening\w*|stroke|intraventricular|subarachnoid|subdural|epidural hematoma|syringomyelia|guillain|polyneuritis|ataxia|migraine|headache|palsy|radiculopathy|myelopathy|neuro\w*|cerebral|amyotrophic|motor neuron|hydrocephalus|narcolepsy)\b/,
    'neurology',
  ],
  [
    /\b(retin\w*|glaucoma|uveitis|conjunctiv\w*|cataracts?|keratitis|scleritis|optic|blepharitis|chalazion|strabismus|amblyopia|macular)\b/,
    'ophthalmology',
  ],
  [
    /\b(vertigo|labyrinthitis|menier\w*|otitis|sinusitis|tonsil\w*|pharyngitis|laryng\w*|hearing|tinnitus|epistaxis|cholesteatoma|mastoiditis|vestibular)\b/,
    'ent',
  ],
  [
    /\b(diabet\w*|thyro\w*|adrenal|cushing\w*|addison\w*|pituitar\w*|acromegal\w*|parathyroid\w*|aromatase|hormone|insulin\w*|pheochromocytoma|aldosteron\w*|hypogonad\w*|androgen\w*|hyperprolactin\w*|hypoglyc\w*|hypercalc\w*|hyponatr\w*)\b/,
    'endocrinology',
  ],
  [
    /\b(cardi\w*|coronary|myocard\w*|pericard\w*|endocard\w*|aort\w*|coarctation|septal defect|ductus|valv\w*|regurgitation|arrhythm\w*|fibrillation|flutter|tachycardia|bradycardia|heart|syncope|venous insufficiency|varicose|hypertensi\w*|angina|tetralogy|embolism|thrombosis|aneurysm|peripheral arterial|claudication)\b/,
    'cardiology',
  ],
  [
    /\b(pneumon\w*|asthma|copd|bronch\w*|lungs?|pulmonary|pleur\w*|pneumothorax|respiratory|emphysema|sarcoid\w*|pertussis|cystic fibrosis)\b/,
    'respiratory',
  ],
  [/\b(hepat\w*|liver|cirrho\w*|cholangitis|biliary|gallbladder|cholecyst\w*|cholelith\w*|wilson)\b/, 'hepatology'],
  [
    /\b(colitis|crohn\w*|bowel|ileus|hirschsprung\w*|atresia|esophag\w*|gastr\w*|duoden\w*|pancrea\w*|append\w*|hemorrhoids?|anal|fissure|fistula|diverticul\w*|celiac|dumping|boerhaave|mesenteric|intestin\w*|colon\w*|rectal|peptic|ulcers?|pylor\w*|volvulus|intussusception|achalasia|hernia)\b/,
    'gastroenterology',
  ],
  [/\b(nephr\w*|glomerul\w*|kidneys?|renal)\b/, 'nephrology'],
  [
    /\b(cystitis|urethr\w*|prostat\w*|bladder|testic\w*|scrot\w*|torsion|epididym\w*|hydrocele|varicocele|ureter\w*|urolith\w*|hypospadias|phimosis|urinary)\b/,
    'urology',
  ],
  [
    /\b(uter\w*|endometri\w*|ovar\w*|pelvic inflammatory|cervic\w*|vagin\w*|vulv\w*|pregnan\w*|ectopic|placent\w*|eclampsia|gestation\w*|labou?r|postpartum|meigs|granulosa|genitopelvic|menstru\w*|amenorrh\w*|phyllodes|breast|mastitis|fibroids?|abortion|miscarriage)\b/,
    'obstetrics-gynaecology',
  ],
  [
    /\b(arthritis|lupus|gout|vasculitis|spondyl\w*|polymyalgia|scleroderma|sjogren\w*|myositis|serum sickness|still|fibromyalgia|sarcoidosis|behcet\w*|raynaud\w*)\b/,
    'rheumatology',
  ],
  [
    /\b(fractures?|dislocation|tendons?|tendin\w*|tenosynovitis|bursitis|capsulitis|disc|herniation|osteo\w*|perthes|slipped|sprain|ligament\w*|menisc\w*|rotator|carpal|bone|scoliosis|epicondyl\w*|plantar)\b/,
    'orthopaedics',
  ],
  [
    /\b(infections?|infectious|sepsis|septic|tuberculosis|hiv|aids|malaria|dengue|typhoid|listeri\w*|rubella|measles|mumps|varicella|gonococcal|gonorrh\w*|chlamydia|syphilis|leprosy|lyme|viral|bacterial|fungal|abscess|cytomegalovirus|cmv|herpes|zoster|difficile|roseola|brucell\w*|toxoplasm\w*|parasit\w*|worm|helminth\w*)\b/,
    'infectious-disease',
  ],
];

/** Department for a diagnosis the library lacks: organ and system words; children go to paediatrics. */
export function departmentFor(diagnosis: string, age: number): Department {
  if (age < 16) return 'paediatrics';
  const text = unifySpelling(diagnosis.toLowerCase())
    .replace(/[’']s\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ');
  for (const [pattern, department] of departmentRules) if (pattern.test(text)) return department;
  return 'general-medicine';
}

// ---------------------------------------------------------------------------------------------
// Building one scenario

interface Builder {
  variant: string;
  line: number;
  catalogue: Catalogue;
  findings: Finding[];
  tests: TestFinding[];
  history: string[];
  results: Record<string, { name: string; text: string }>;
  fields: Record<string, string>;
  ids: Set<string>;
  age: number;
  /** The library scenario the diagnosis matched, once assembled. */
  libraryMatch?: string;
}

/** Library finding ids by the phrases that name them, so "Fever" becomes the shared `fever`. */
let vocabulary: Map<string, string> | undefined;

function sharedVocabulary(library: readonly LoadedScenario[]): Map<string, string> {
  if (vocabulary) return vocabulary;
  const counts = new Map<string, Map<string, number>>();
  const add = (phrase: string, id: string, weight: number): void => {
    const key = phraseKey(phrase);
    if (!key) return;
    const byId = counts.get(key) ?? new Map<string, number>();
    byId.set(id, (byId.get(id) ?? 0) + weight);
    counts.set(key, byId);
  };
  for (const scenario of library) {
    for (const finding of scenario.findings) {
      if (finding.kind !== 'symptom' && finding.kind !== 'history') continue;
      add(finding.id.replace(/-/g, ' '), finding.id, 100);
      for (const ask of finding.ask) add(ask, finding.id, 1);
    }
  }
  vocabulary = new Map([...counts].map(([key, byId]) => [key, [...byId].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0]]));
  return vocabulary;
}

/** Content words of a symptom phrase, lower case, American spelling, no numbers or brackets. */
function phraseKey(text: string): string {
  return unifySpelling(text.toLowerCase())
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z ]+/g, ' ')
    .split(' ')
    .filter(
      (word) =>
        word && !['a', 'an', 'the', 'of', 'in', 'on', 'kg', 'lb', 'lbs', 'days', 'weeks', 'for', 'recent', 'mild', 'severe'].includes(word),
    )
    .map((word) =>
      word.length > 4 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')
        ? word.slice(0, -1)
        : word,
    )
    .join(' ');
}

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

function uniqueId(builder: Builder, base: string): string {
  let id = base || 'ac-finding';
  for (let n = 2; builder.ids.has(id); n++) id = `${base}-${n}`;
  builder.ids.add(id);
  return id;
}

const negation =
  /^\s*(no|not|denies|denied|without|absence of|absent|negative for|never)\b\s*(any\s+|significant\s+|history of\s+|recent\s+)*/i;

/** A symptom fact (present, or absent when the record negates it: "No urinary incontinence"). */
function addSymptom(builder: Builder, text: string, field: string, library: readonly LoadedScenario[]): string | undefined {
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
function complaintParts(text: string): string[] {
  const parts = text
    .split(/,\s*(?:and\s+|or\s+)?|\s+and\s+|;\s*/)
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.length > 1 && parts.every((part) => part.split(' ').length <= 4) ? parts : [text.trim()];
}

// Vital signs ------------------------------------------------------------------------------

interface VitalReading {
  id?: string;
  text: string;
}

const vitalNames: [RegExp, string][] = [
  [/^(temp|temperature|body temperature)/, 'temperature'],
  [/^(bp|blood pressure|blood pressure differential)/, 'blood pressure'],
  [/^(hr|heart rate|pulse|pulse rate)/, 'heart rate'],
  [/^(rr|respiratory rate|respiration|respirations|breathing rate)/, 'respiratory rate'],
  [/^(spo2|sao2|o2 sat|oxygen saturation|saturation|pulse oximetry)/, 'oxygen saturation'],
];

export function vitalNameOf(key: string): string | undefined {
  const k = testKey(key);
  return vitalNames.find(([pattern]) => pattern.test(k))?.[1];
}

/** The shared vital id a reading maps to when it is abnormal for an adult (or a fever at any age). */
function classifyVital(name: string, value: string, age: number): string | undefined {
  const number = (pattern: RegExp): number | undefined => {
    const match = pattern.exec(value);
    return match ? Number(match[1]) : undefined;
  };
  switch (name) {
    case 'temperature': {
      let celsius = number(/(\d{2}(?:\.\d+)?)\s*°?\s*c\b/i);
      const fahrenheit = number(/(\d{2,3}(?:\.\d+)?)\s*°?\s*f\b/i);
      if (celsius === undefined && fahrenheit !== undefined) celsius = ((fahrenheit - 32) * 5) / 9;
      if (celsius === undefined) {
        const bare = number(/(\d{2,3}(?:\.\d+)?)/);
        if (bare !== undefined) celsius = bare > 50 ? ((bare - 32) * 5) / 9 : bare;
      }
      if (celsius === undefined)
        return /\b(febrile|fever|pyrexi\w*)\b/i.test(value) && !/\bafebrile\b/i.test(value) ? 'pyrexia' : undefined;
      return celsius >= 38 ? 'pyrexia' : undefined;
    }
    case 'oxygen saturation': {
      const spo2 = number(/(\d{2,3})\s*%/) ?? number(/(\d{2,3})/);
      return spo2 !== undefined && spo2 < 94 ? 'hypoxaemia' : undefined;
    }
    default:
      break;
  }
  if (age < 16) return undefined;
  switch (name) {
    case 'blood pressure': {
      const match = /(\d{2,3})\s*\/\s*(\d{2,3})/.exec(value);
      if (!match) return undefined;
      const [systolic, diastolic] = [Number(match[1]), Number(match[2])];
      if (systolic < 90) return 'hypotension';
      return systolic >= 140 || diastolic >= 90 ? 'hypertension' : undefined;
    }
    case 'heart rate': {
      const rate = number(/(\d{2,3})/);
      if (rate === undefined) return undefined;
      return rate > 100 ? 'tachycardia' : rate < 50 ? 'bradycardia' : undefined;
    }
    case 'respiratory rate': {
      const rate = number(/(\d{1,2})/);
      return rate !== undefined && rate > 20 ? 'tachypnoea' : undefined;
    }
    default:
      return undefined;
  }
}

function addVital(builder: Builder, key: string, value: unknown, field: string): void {
  const text = prose(value);
  if (!text) return;
  const name = vitalNameOf(key);
  const label = name ? capitalise(name) : humanise(key);
  const reading: VitalReading = { id: name ? classifyVital(name, text, builder.age) : undefined, text: `${label} ${text}` };
  const id = uniqueId(builder, reading.id && !builder.ids.has(reading.id) ? reading.id : `ac-vital-${slugify(key)}`);
  builder.findings.push({ id, kind: 'vital', text: reading.text, p: 1, ask: [], key: false });
  builder.fields[`findings.${id}`] = field;
}

// Examination ------------------------------------------------------------------------------

/** Leaves of a nested value with their key paths. */
function leaves(value: unknown, path: string[] = []): { path: string[]; text: string }[] {
  if (isRecord(value)) return Object.entries(value).flatMap(([key, inner]) => leaves(inner, [...path, key]));
  if (Array.isArray(value) && value.some((item) => isRecord(item) || Array.isArray(item)))
    return value.flatMap((item, i) => leaves(item, [...path, String(i)]));
  const text = prose(value);
  return text ? [{ path, text }] : [];
}

/** Bedside tests an examination section may stand for; the rest of an examination is the physical exam. */
const examinationTests = new Set([
  'fundoscopy',
  'slit-lamp-exam',
  'otoscopy',
  'dermatoscopy',
  'dix-hallpike',
  'visual-acuity',
  'tonometry',
  'weight-height-growth',
  'woods-lamp',
  'peak-flow',
  'pulse-oximetry',
  'orthostatic-bp',
  'capillary-glucose',
]);

/** A bedside test a section or entry name stands for ("Ophthalmoscopy" → fundoscopy). */
function examinationTest(names: readonly string[], catalogue: Catalogue): string | undefined {
  for (const name of [...names].reverse()) {
    const resolved = resolveTestName(name, catalogue);
    if (resolved && examinationTests.has(resolved.test.id)) return resolved.test.id;
  }
  return undefined;
}

function addExamination(builder: Builder, section: string, value: unknown, field: string): void {
  for (const leaf of leaves(value)) {
    const names = [section, ...leaf.path];
    const testId = examinationTest(names, builder.catalogue) ?? 'physical-exam';
    const label = names.map(humanise).join(', ');
    const text = `${label}: ${leaf.text}`;
    const path = [field, ...leaf.path].join('.');
    if (testId === 'physical-exam') {
      const id = uniqueId(builder, `ac-${slugify(names.map((name) => name.replace(/_?(examination|exam)$/i, '')).join(' '), 60)}`);
      builder.findings.push({ id, kind: 'sign', text, p: 1, ask: [], key: false });
      builder.fields[`findings.${id}`] = path;
    } else {
      addTestFact(builder, testId, leaf.path.length > 0 ? leaf.path.join(' ') : section, text, path);
    }
  }
}

// Tests ------------------------------------------------------------------------------------

function addTestFact(builder: Builder, testId: string, findingName: string, text: string, field: string): void {
  const base = slugify(findingName, 40) || 'result';
  let finding = base;
  for (let n = 2; builder.tests.some((t) => t.test === testId && t.finding === finding); n++) finding = `${base}-${n}`;
  builder.tests.push({ test: testId, finding, text, p: 1, key: false });
  builder.fields[`tests.${testId}:${finding}`] = field;
}

function addUnmappedResult(builder: Builder, name: string, lines: { text: string; field: string }[], field: string): void {
  if (lines.length === 0) return;
  let key = `ac-${slugify(name) || 'result'}`;
  for (let n = 2; builder.results[key]; n++) key = `ac-${slugify(name) || 'result'}-${n}`;
  builder.results[key] = { name: humanise(name), text: lines.map((line) => line.text).join('\n') };
  builder.fields[`results.${key}`] = field;
  lines.forEach((line, i) => (builder.fields[`results.${key}.${i}`] = line.field));
}

const plainReportParts = /^(findings?|results?|report|value|level|readings?)$/;

/** Text of one result leaf: "WBC: 8.7 x10^3/μL", or "Chest X-ray: Normal" for a bare report. */
function resultText(unitName: string, relative: readonly string[], text: string): string {
  const named = relative.filter((part) => !plainReportParts.test(testKey(part)));
  const label = named.length > 0 ? named.map(humanise).join(', ') : humanise(unitName);
  return `${label}: ${text}`;
}

/**
 * Walk a test group. A container ("Blood_Tests", "Imaging") holds tests; a test holds report
 * parts ("Findings") and analytes ("WBC"), each resolved on its own first, then by its test.
 */
function walkTests(
  builder: Builder,
  name: string,
  value: unknown,
  path: string[],
  parentNames: string[],
  specimen: Specimen | undefined,
): void {
  const field = ['Test_Results', ...path].join('.');
  const key = testKey(name);
  const ownSpecimen = specimenOf(key) ?? specimen;
  if (!isRecord(value) && !(Array.isArray(value) && value.some(isRecord))) {
    const text = prose(value);
    if (!text || /^(n\/?a|not (provided|available|done|performed))\.?$/i.test(text)) return;
    if (vitalNameOf(name) && parentNames.length === 0) {
      addVital(builder, name, value, field);
      return;
    }
    const resolved =
      resolveTestName(name, builder.catalogue, ownSpecimen) ??
      (parentNames.length > 0 ? resolveTestName(`${parentNames.at(-1)} ${name}`, builder.catalogue, ownSpecimen) : undefined);
    if (resolved) addTestFact(builder, resolved.test.id, name, `${humanise(name)}: ${text}`, field);
    else addUnmappedResult(builder, name, [{ text: `${humanise(name)}: ${text}`, field }], field);
    return;
  }
  if (/^vital/i.test(key) && parentNames.length === 0) {
    for (const [inner, reading] of Object.entries(isRecord(value) ? value : {})) addVital(builder, inner, reading, `${field}.${inner}`);
    return;
  }
  const entries = isRecord(value) ? Object.entries(value) : (value as unknown[]).map((item, i) => [String(i), item] as const);
  if (isContainerName(name)) {
    for (const [inner, innerValue] of entries) walkTests(builder, inner, innerValue, [...path, inner], [...parentNames, name], ownSpecimen);
    return;
  }
  const resolved =
    resolveTestName(name, builder.catalogue, ownSpecimen) ??
    (parentNames.length > 0 ? resolveTestName(`${parentNames.at(-1)} ${name}`, builder.catalogue, ownSpecimen) : undefined);
  const unmapped: { text: string; field: string }[] = [];
  for (const [inner, innerValue] of entries) {
    if (isReportPart(inner)) {
      for (const leaf of leaves(innerValue, [inner])) {
        const text = resultText(name, leaf.path, leaf.text);
        const leafField = [field, ...leaf.path].join('.');
        if (resolved) addTestFact(builder, resolved.test.id, leaf.path.join(' '), text, leafField);
        else unmapped.push({ text, field: leafField });
      }
      continue;
    }
    // An analyte or a sub-test: on its own if the catalogue knows it, else under this test.
    const own = isRecord(innerValue) ? undefined : resolveTestName(inner, builder.catalogue, ownSpecimen);
    if (own && (!resolved || own.via !== 'fuzzy')) {
      walkTests(builder, inner, innerValue, [...path, inner], [...parentNames, name], ownSpecimen);
      continue;
    }
    if (isRecord(innerValue) && !Object.keys(innerValue).every(isReportPart)) {
      walkTests(builder, inner, innerValue, [...path, inner], [...parentNames, name], ownSpecimen);
      continue;
    }
    if (isRecord(innerValue)) {
      const sub =
        resolveTestName(inner, builder.catalogue, ownSpecimen) ?? resolveTestName(`${name} ${inner}`, builder.catalogue, ownSpecimen);
      if (sub && sub.test.id !== resolved?.test.id) {
        walkTests(builder, inner, innerValue, [...path, inner], [...parentNames, name], ownSpecimen);
        continue;
      }
    }
    for (const leaf of leaves(innerValue, [inner])) {
      const text = resultText(name, leaf.path, leaf.text);
      const leafField = [field, ...leaf.path].join('.');
      if (resolved) addTestFact(builder, resolved.test.id, leaf.path.join(' '), text, leafField);
      else unmapped.push({ text, field: leafField });
    }
  }
  addUnmappedResult(builder, name, unmapped, field);
}

// History ----------------------------------------------------------------------------------

const historySections: [string, string][] = [
  ['History', ''],
  ['Past_Medical_History', 'Past medical history'],
  ['Social_History', 'Social history'],
  ['Family_History', 'Family history'],
  ['Review_of_Systems', 'Review of systems'],
  ['Current_Medications', 'Current medications'],
  ['Medications', 'Medications'],
  ['Drug_History', 'Drug history'],
  ['Allergies', 'Allergies'],
];

function addHistory(builder: Builder, key: string, value: unknown, field: string, prefix: string): void {
  const text = Array.isArray(value) ? value.map(prose).filter(Boolean).map(asSentence).join(' ') : prose(value);
  if (!text) return;
  for (const sentence of sentences(text)) {
    const i = builder.history.length;
    builder.history.push(prefix ? `${prefix}: ${sentence}` : sentence);
    builder.fields[`history.${i}`] = field;
  }
  void key;
}

// Records ----------------------------------------------------------------------------------

interface Draft {
  diagnosis: string;
  demographicsText: string;
  historyText: string;
  nearMisses: string[];
  objective?: string;
}

function newBuilder(variant: string, line: number, catalogue: Catalogue, age: number): Builder {
  return { variant, line, catalogue, findings: [], tests: [], history: [], results: {}, fields: {}, ids: new Set(), age };
}

function requireDemographics(text: string, fallback: string, field: string): { age: number; sex: 'female' | 'male' | 'any' } {
  const parsed = parseDemographics(text);
  const fromFallback = parsed.age === undefined ? parseDemographics(fallback) : {};
  const age = parsed.age ?? fromFallback.age;
  if (age === undefined)
    throw new RecordError(field, `an age such as "35-year-old female" or "8-month-old boy" (got ${JSON.stringify(text.slice(0, 60))})`);
  const sex = parsed.sex ?? sexFromPronouns(fallback) ?? fromFallback.sex ?? 'any';
  return { age, sex };
}

function osceScenario(
  record: Record<string, unknown>,
  variant: string,
  line: number,
  catalogue: Catalogue,
  library: readonly LoadedScenario[],
): { scenario: ScenarioFile; draft: Draft; builder: Builder } {
  const osce = record.OSCE_Examination;
  if (!isRecord(osce))
    throw new RecordError(
      'OSCE_Examination',
      'an object with Patient_Actor, Physical_Examination_Findings, Test_Results and Correct_Diagnosis',
    );
  const rawDiagnosis = Array.isArray(osce.Correct_Diagnosis)
    ? osce.Correct_Diagnosis.find((d) => typeof d === 'string')
    : osce.Correct_Diagnosis;
  if (typeof rawDiagnosis !== 'string' || !rawDiagnosis.trim())
    throw new RecordError('OSCE_Examination.Correct_Diagnosis', 'a non-empty diagnosis name');
  const actor = osce.Patient_Actor;
  if (!isRecord(actor)) throw new RecordError('OSCE_Examination.Patient_Actor', 'an object with Demographics, History and Symptoms');
  const historyText = [actor.History, actor.Past_Medical_History, actor.Social_History].map(prose).join(' ');
  const demographics = requireDemographics(prose(actor.Demographics), historyText, 'OSCE_Examination.Patient_Actor.Demographics');
  const builder = newBuilder(variant, line, catalogue, demographics.age);

  // The complaint and the symptoms.
  const symptoms = isRecord(actor.Symptoms) ? actor.Symptoms : {};
  const listed = Array.isArray(actor.Symptoms) ? actor.Symptoms : typeof actor.Symptoms === 'string' ? [actor.Symptoms] : [];
  const primary = prose(symptoms.Primary_Symptom ?? symptoms.Chief_Complaint ?? listed[0]);
  const secondaryRaw = symptoms.Secondary_Symptoms ?? symptoms.Other_Symptoms ?? listed.slice(1);
  const secondary = Array.isArray(secondaryRaw) ? secondaryRaw.map(prose) : prose(secondaryRaw).split(/;\s*/);
  const complaintSource = primary || secondary.find(Boolean) || sentences(prose(actor.History))[0] || '';
  const complaintField = primary
    ? 'OSCE_Examination.Patient_Actor.Symptoms.Primary_Symptom'
    : secondary.find(Boolean)
      ? 'OSCE_Examination.Patient_Actor.Symptoms.Secondary_Symptoms'
      : 'OSCE_Examination.Patient_Actor.History';
  if (!complaintSource)
    throw new RecordError(
      'OSCE_Examination.Patient_Actor.Symptoms.Primary_Symptom',
      'the presenting symptom (or a history to take it from)',
    );
  const complaintIds = complaintParts(complaintSource)
    .map((part) => addSymptom(builder, part, complaintField, library))
    .filter((id): id is string => id !== undefined && builder.findings.find((f) => f.id === id)?.p === 1);
  if (complaintIds.length === 0)
    throw new RecordError(complaintField, `a presenting symptom that is present (got ${JSON.stringify(complaintSource.slice(0, 60))})`);
  secondary.forEach((text, i) => {
    if (text && text !== primary)
      addSymptom(
        builder,
        text,
        Array.isArray(secondaryRaw)
          ? `OSCE_Examination.Patient_Actor.Symptoms.Secondary_Symptoms.${i}`
          : 'OSCE_Examination.Patient_Actor.Symptoms.Secondary_Symptoms',
        library,
      );
  });

  // The history, as free text.
  const known = new Set(['Demographics', 'Symptoms']);
  for (const [key, prefix] of historySections) {
    if (actor[key] === undefined) continue;
    known.add(key);
    addHistory(builder, key, actor[key], `OSCE_Examination.Patient_Actor.${key}`, prefix);
  }
  for (const [key, value] of Object.entries(actor))
    if (!known.has(key)) addHistory(builder, key, value, `OSCE_Examination.Patient_Actor.${key}`, humanise(key));

  // Examination, vital signs and tests.
  const exam = osce.Physical_Examination_Findings;
  if (isRecord(exam)) {
    for (const [section, value] of Object.entries(exam)) {
      const field = `OSCE_Examination.Physical_Examination_Findings.${section}`;
      if (/^vital/i.test(section) && isRecord(value))
        for (const [key, reading] of Object.entries(value)) addVital(builder, key, reading, `${field}.${key}`);
      else if (vitalNameOf(section)) addVital(builder, section, value, field);
      else addExamination(builder, section, value, field);
    }
  } else if (typeof exam === 'string' && exam.trim()) {
    addExamination(builder, 'Examination', exam, 'OSCE_Examination.Physical_Examination_Findings');
  }
  const tests = osce.Test_Results;
  if (isRecord(tests)) for (const [group, value] of Object.entries(tests)) walkTests(builder, group, value, [group], [], undefined);
  else if (typeof tests === 'string' && tests.trim())
    addUnmappedResult(
      builder,
      'Test results',
      [{ text: tests.trim(), field: 'OSCE_Examination.Test_Results' }],
      'OSCE_Examination.Test_Results',
    );
  // Field paths read shorter without the wrapper: "Test_Results.Biopsy.Findings".
  for (const [key, entry] of Object.entries(builder.fields)) builder.fields[key] = entry.replace(/^OSCE_Examination\./, '');

  const draft: Draft = {
    diagnosis: rawDiagnosis.trim(),
    demographicsText: prose(actor.Demographics),
    historyText,
    nearMisses: [],
    objective: prose(osce.Objective_for_Doctor) || undefined,
  };
  const scenario = assemble(
    builder,
    draft,
    demographics,
    complaintSource,
    complaintField.replace(/^OSCE_Examination\./, ''),
    complaintIds,
    library,
  );
  return { scenario, draft, builder };
}

/** Boilerplate of NEJM patient prompts that is about role play, not the patient. */
const roleplayPattern =
  /\b(your role|patient actor|as a patient|remember,|you are not aware|you don't know|you do not know|not aware of|haven't been told|not been informed|haven't seen any|you haven't seen|the details|test readings|which you're not aware|you should be aware|to convey)\b/i;

function nejmScenario(
  record: Record<string, unknown>,
  variant: string,
  line: number,
  catalogue: Catalogue,
  library: readonly LoadedScenario[],
): { scenario: ScenarioFile; draft: Draft; builder: Builder } {
  const answers = record.answers;
  if (!Array.isArray(answers)) throw new RecordError('answers', 'a list of answers like [{"text": "…", "correct": true}]');
  const correct = answers.find((answer) => isRecord(answer) && answer.correct === true);
  if (!isRecord(correct) || typeof correct.text !== 'string' || !correct.text.trim())
    throw new RecordError('answers', 'one answer with "correct": true and a non-empty "text"');
  const question = prose(record.question);
  const patientInfo = prose(record.patient_info);
  if (!question && !patientInfo) throw new RecordError('question', 'the case text (question or patient_info)');
  const demographics = requireDemographics(question, patientInfo, 'question');
  const builder = newBuilder(variant, line, catalogue, demographics.age);

  const opening = sentences(question)[0] ?? '';
  const presenting =
    /\bwith (?:an? )?(?:[\w-]+[- ](?:day|week|month|year)s?[- ]history of |history of )?(.+?)(?:\.|$)/i.exec(opening)?.[1] ?? '';
  const patientSentences = patientInfo
    .replace(/\*\*/g, '')
    .split(/(?:^|\s)-\s+|(?:^|\s)\d+\.\s+(?=[A-Z])/)
    .flatMap((segment) => sentences(segment))
    .map((sentence) => sentence.replace(/^[^:]{1,40}:\s*(?=[A-Z]|$)/, '').trim())
    .filter((sentence) => sentence.length > 0)
    .filter((sentence) => !roleplayPattern.test(sentence));
  const complaintSource = presenting || patientSentences[0] || opening;
  if (!complaintSource) throw new RecordError('question', 'a presenting complaint ("presented with …")');
  const complaintField = presenting ? 'question' : 'patient_info';
  const complaintIds = complaintParts(complaintSource)
    .map((part) => addSymptom(builder, part, complaintField, library))
    .filter((id): id is string => id !== undefined);
  for (const sentence of patientSentences) {
    const i = builder.history.length;
    builder.history.push(sentence);
    builder.fields[`history.${i}`] = 'patient_info';
  }
  for (const sentence of sentences(question)) {
    if (
      /\b(physical examination|on examination|examination (showed|revealed)|exam(ination)? was notable|auscultation)\b/i.test(sentence) &&
      !/\?$/.test(sentence)
    ) {
      const text = sentence.replace(/^On (physical )?examination,?\s*/i, '');
      const id = uniqueId(builder, `ac-examination-${builder.findings.filter((f) => f.kind === 'sign').length + 1}`);
      builder.findings.push({ id, kind: 'sign', text: `Examination: ${text}`, p: 1, ask: [], key: false });
      builder.fields[`findings.${id}`] = 'question';
    }
  }
  const exams = prose(record.physical_exams).replace(/^(The )?(information|following)[^:]{0,120}:\s*/i, '');
  const refusal =
    /\b(does not (include|contain|mention|provide)|no (specific )?(instrument readings|numerical|test results) (to report|are)|cannot generate|there are no instrument)\b/i;
  if (exams && !refusal.test(exams)) {
    const items = exams
      .split(/(?:^|\s)(?:\d+\.|-)\s+(?=[A-Z])|(?<=\.)\s+(?=[A-Z][^:.]{2,60}:\s)/)
      .map((item) => item.trim())
      .filter(Boolean);
    const pending = new Map<string, string[]>();
    let group = '';
    const split: string[] = [];
    for (const item of items) {
      // "… (Reference range: <20) Biopsy findings include:" ends one item and opens a group.
      const header = item.endsWith(':') ? /^(.*?)\s+([A-Z][a-z][^:]*)$/.exec(item.slice(0, -1)) : null;
      if (
        header &&
        (header[1].includes(':') || /\b(findings|results|studies|tests|testing|include|includes|indicated|showed)\b/i.test(header[2]))
      )
        split.push(header[1], `${header[2]}:`);
      else split.push(item);
    }
    for (const item of split) {
      const colon = item.indexOf(':');
      const name =
        colon > 0 && colon <= 80
          ? item
              .slice(0, colon)
              .replace(/\b(findings|results|include|includes|indicated|showed|are as follows|of the lesions)\b/gi, '')
              .replace(/\s+/g, ' ')
              .trim()
          : '';
      const text = colon > 0 && colon <= 80 ? item.slice(colon + 1).trim() : item;
      if (name && !text) {
        group = name;
        continue;
      }
      const testName = name || group;
      const resolved = testName
        ? (resolveTestName(testName, catalogue) ?? (group && name ? resolveTestName(`${group} ${name}`, catalogue) : undefined))
        : undefined;
      const line = name ? `${capitalise(name)}: ${text}` : capitalise(text);
      if (resolved) addTestFact(builder, resolved.test.id, testName, line, 'physical_exams');
      else pending.set(testName || 'Findings', [...(pending.get(testName || 'Findings') ?? []), line]);
    }
    for (const [name, lines] of pending)
      addUnmappedResult(
        builder,
        name,
        lines.map((text) => ({ text, field: 'physical_exams' })),
        'physical_exams',
      );
  }
  const nearMisses = answers
    .filter((answer) => isRecord(answer) && answer.correct !== true && typeof answer.text === 'string')
    .map((answer) => String((answer as Record<string, unknown>).text).trim());
  const draft: Draft = { diagnosis: correct.text.trim(), demographicsText: opening, historyText: patientInfo, nearMisses };
  const scenario = assemble(builder, draft, demographics, capitalise(complaintSource), complaintField, complaintIds, library);
  return { scenario, draft, builder };
}

/** "Benign Paroxysmal Positional Vertigo (BPPV)" → name without the brackets, the bracket as a synonym. */
export function diagnosisNames(raw: string): { name: string; synonyms: string[] } {
  const bracket = /\(([^)]+)\)/.exec(raw);
  const name =
    raw
      .replace(/\s*\([^)]*\)\s*/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || raw.trim();
  const synonyms = new Set<string>();
  if (bracket) for (const part of bracket[1].split(/[,;/]|\bor\b/)) if (part.trim()) synonyms.add(part.trim());
  if (name !== raw.trim()) synonyms.add(raw.trim());
  synonyms.delete(name);
  return { name, synonyms: [...synonyms] };
}

function assemble(
  builder: Builder,
  draft: Draft,
  demographics: { age: number; sex: 'female' | 'male' | 'any' },
  complaintText: string,
  complaintField: string,
  complaintIds: string[],
  library: readonly LoadedScenario[],
): ScenarioFile {
  const { name, synonyms } = diagnosisNames(draft.diagnosis);
  const match = matchLibrary([name, draft.diagnosis, ...synonyms], library);
  builder.libraryMatch = match?.id;
  const allSynonyms = [...new Set([...synonyms, ...(match ? [match.diagnosis.name, ...match.diagnosis.synonyms] : [])])].filter(
    (s) => s.toLowerCase() !== name.toLowerCase(),
  );
  const id = `agentclinic-${builder.variant}-${String(builder.line).padStart(3, '0')}`;
  const vitalIds = new Set(builder.findings.filter((f) => f.kind === 'vital').map((f) => f.id));
  const unstable = vitalIds.has('hypotension') || vitalIds.has('hypoxaemia');
  builder.fields['complaints.0'] = complaintField;
  const reference = `${agentClinicLicense}; ${builder.variant} case on line ${builder.line}`;
  return {
    id,
    title: `${name} (AgentClinic ${builder.variant} #${builder.line})`,
    department: match?.department ?? departmentFor(name, demographics.age),
    acuity: match ? Math.min(match.acuity, unstable ? 2 : 5) : unstable ? 2 : 3,
    prevalence: 1,
    diagnosis: { name, icd10: match?.diagnosis.icd10 ?? '', synonyms: allSynonyms },
    acceptable: match ? [...match.acceptable] : [],
    nearMisses: [...new Set([...draft.nearMisses, ...(match?.nearMisses ?? [])])].filter((miss) => !sameDiagnosisName(miss, name)),
    demographics: { age: [demographics.age, demographics.age], sex: demographics.sex },
    complaints: [{ text: asSentence(complaintText), findings: complaintIds }],
    findings: builder.findings,
    tests: builder.tests,
    redFlags: [],
    treatment: match?.treatment ?? 'Not given by the source case; treat as current guidelines advise for the diagnosis.',
    course: match
      ? { ...match.course }
      : demographics.age < 12
        ? {
            followUpDays: 14,
            treated: 'My child is doing better than when we came in.',
            untreated: "My child is no better; if anything it's worse.",
          }
        : { followUpDays: 14, treated: "I'm feeling better than when I came in.", untreated: "I'm no better; if anything it's worse." },
    references: [reference, ...(match?.references ?? [])],
    source: { dataset: 'agentclinic', variant: builder.variant, file: '', line: builder.line, license: 'MIT', fields: builder.fields },
    freeText: { history: builder.history, results: builder.results },
  };
}

// ---------------------------------------------------------------------------------------------
// Files

/** One parsed line: a scenario, or the problem that stopped it. */
export function importRecord(
  record: unknown,
  file: string,
  line: number,
  catalogue: Catalogue,
  options: ImportOptions = {},
): LoadedScenario {
  return buildRecord(record, file, line, catalogue, options).scenario;
}

function buildRecord(
  record: unknown,
  file: string,
  line: number,
  catalogue: Catalogue,
  options: ImportOptions,
): { scenario: LoadedScenario; libraryMatch?: string } {
  const variant = options.variant ?? variantOf(file);
  const library = options.library ?? libraryScenarios(catalogue);
  if (!isRecord(record)) throw new RecordError('(line)', 'a JSON object (an AgentClinic case)');
  const built =
    'OSCE_Examination' in record || !('answers' in record || 'question' in record)
      ? osceScenario(record, variant, line, catalogue, library)
      : nejmScenario(record, variant, line, catalogue, library);
  const input = { ...built.scenario, source: { ...built.scenario.source, file: basename(file) } } as ScenarioFile;
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RecordError(issue.path.map(String).join('.') || '(case)', `a value the scenario schema accepts (${issue.message})`);
  }
  return { scenario: compileScenario(parsed.data as Scenario, '', catalogue), libraryMatch: built.builder.libraryMatch };
}

function problemOf(file: string, line: number, field: string, expected: string): ImportProblem {
  return { file, line, field, expected, message: `${file}:${line}: ${field}: expected ${expected}` };
}

/** Import the text of an AgentClinic JSONL file (every line on its own; bad lines reported). */
export function importAgentClinicText(text: string, file: string, catalogue: Catalogue, options: ImportOptions = {}): ImportResult {
  const variant = options.variant ?? variantOf(file);
  const result: ImportResult = { file, variant, lines: 0, cases: [], excluded: [], problems: [] };
  const rows = text.split(/\r?\n/);
  rows.forEach((row, i) => {
    const line = i + 1;
    if (!row.trim()) return;
    result.lines++;
    let record: unknown;
    try {
      record = JSON.parse(row);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : 'not JSON';
      result.problems.push(problemOf(file, line, '(line)', `one JSON object per line (${reason})`));
      return;
    }
    try {
      const { scenario, libraryMatch } = buildRecord(record, file, line, catalogue, { ...options, variant });
      const leaks = checkLeaks(scenario).leaks;
      const imported: ImportedCase = { line, scenario, leaks, ...(libraryMatch ? { libraryMatch } : {}) };
      if (options.excludeLeaky && leaks.length > 0) result.excluded.push(imported);
      else result.cases.push(imported);
    } catch (error) {
      if (error instanceof RecordError) result.problems.push(problemOf(file, line, error.field, error.expected));
      else
        result.problems.push(
          problemOf(
            file,
            line,
            '(case)',
            `a case the importer can read (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
          ),
        );
    }
  });
  return result;
}

/** Import an AgentClinic JSONL file from disk. */
export function importAgentClinicFile(file: string, catalogue: Catalogue, options: ImportOptions = {}): ImportResult {
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(file, 'file', 'a readable AgentClinic JSONL file (it does not exist or cannot be read)');
  }
  return importAgentClinicText(text, file, catalogue, options);
}

/**
 * A source spec's file and options: `cases.jsonl?exclude-leaky`. The query is only split off
 * when the whole string is not itself an existing file.
 */
export function parseSourceSpec(spec: string): { file: string; excludeLeaky: boolean; variant?: string } {
  const q = spec.lastIndexOf('?');
  if (q < 0 || existsSync(spec)) return { file: spec, excludeLeaky: false };
  const params = new URLSearchParams(spec.slice(q + 1));
  const unknown = [...params.keys()].filter((key) => key !== 'exclude-leaky' && key !== 'variant');
  if (unknown.length > 0)
    throw new InputError(spec, 'options', `only "exclude-leaky" and "variant=<name>" after "?" (got "${unknown.join('", "')}")`);
  return { file: spec.slice(0, q), excludeLeaky: params.has('exclude-leaky'), variant: params.get('variant') ?? undefined };
}

/**
 * The importer behind `--scenarios agentclinic:<file.jsonl>[?exclude-leaky]`: bad lines are
 * reported on stderr, one line each, and the good cases are used; no good case at all is an error.
 */
export function agentClinicImporter(spec: string, set: { catalogue: Catalogue }): LoadedScenario[] {
  const { file, excludeLeaky, variant } = parseSourceSpec(spec);
  const result = importAgentClinicFile(file, set.catalogue, { excludeLeaky, variant });
  for (const problem of result.problems) process.stderr.write(`hospital: ${problem.message} (line skipped)\n`);
  if (result.excluded.length > 0)
    process.stderr.write(`hospital: ${file}: left out ${result.excluded.length} case(s) whose visible text names the diagnosis\n`);
  if (result.cases.length === 0)
    throw new InputError(
      file,
      'cases',
      `at least one AgentClinic case that imports (${result.problems.length} bad line(s), ${result.excluded.length} left out)`,
    );
  return result.cases.map((imported) => imported.scenario);
}

registerImporter('agentclinic', agentClinicImporter);
