/** A set of the words of a text (one or more per line). */
const words = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter(Boolean));

/**
 * The matcher's small medical lexicon: filler words, one canonical word for words that mean the
 * same in a diagnosis, lay phrases, and what makes a word name a disease. Spellings here are
 * surface forms (singular, American spelling: see text.ts).
 */

/** Words that carry no meaning in a diagnosis name. */
export const fillerWords = words(`
  the an of in on at to for with by from due secondary caused related associated induced sided
  diagnosis dx condition known patient
`);

/** Heads so general that a name is the same with or without them ("Addison's disease" = "Addison's"). */
export const genericHeads = new Set(['disease', 'syndrome', 'disorder']);

/** Words that alone name no particular disease: an answer made only of them is too vague. */
export const vagueWords = words(`
  disease syndrome disorder cancer tumor neoplasm growth infection inflammation failure injury lesion
  mass problem illness pain bleed fracture acute chronic illness
`);

/** Words that mean the same in a diagnosis, to one canonical word (keys in surface form). */
export const sameWord: Record<string, string> = {
  pulmonary: 'lung',
  renal: 'kidney',
  hepatic: 'liver',
  gastric: 'stomach',
  cardiac: 'heart',
  cerebral: 'brain',
  esophageal: 'esophagus',
  colonic: 'colon',
  carcinoma: 'cancer',
  malignancy: 'cancer',
  hemorrhage: 'bleed',
  hemorrhagic: 'bleed',
  bleeding: 'bleed',
  bled: 'bleed',
  infarct: 'infarction',
  ischemic: 'ischemia',
  embolus: 'embolism',
  embolic: 'embolism',
  thrombus: 'thrombosis',
  thrombotic: 'thrombosis',
  stone: 'calculus',
  fractured: 'fracture',
  broken: 'fracture',
  alcoholic: 'alcohol',
  diabetic: 'diabetes',
  infective: 'infection',
  infectious: 'infection',
  infected: 'infection',
  tumour: 'tumor',
  neoplastic: 'neoplasm',
  psychotic: 'psychosis',
  depressive: 'depression',
  anxious: 'anxiety',
  epileptic: 'epilepsy',
  asthmatic: 'asthma',
  gouty: 'gout',
  hypertensive: 'hypertension',
  ovarian: 'ovary',
  testicular: 'testis',
  testicle: 'testis',
  prostatic: 'prostate',
  mammary: 'breast',
  cutaneous: 'skin',
  bronchial: 'bronchus',
  thyroidal: 'thyroid',
  arterial: 'artery',
  venous: 'vein',
};

/** Lay or old phrases for a disease, to the medical phrase (folded lower case, whole words). */
export const samePhrase: [RegExp, string][] = [
  [/\bheart attacks?\b/g, 'myocardial infarction'],
  [/\bcerebrovascular accidents?\b|\bbrain attacks?\b/g, 'stroke'],
  [/\bmini[\s-]*strokes?\b/g, 'transient ischemic attack'],
  [/\bmalignant (?:neoplasms?|tumou?rs?)\b/g, 'cancer'],
  [/\bblood clots?\b/g, 'clot'],
  [/\bhigh blood pressure\b/g, 'hypertension'],
  [/\bseizure disorder\b/g, 'epilepsy'],
  [/\bmanic[\s-]+depressi(?:on|ve illness)\b/g, 'bipolar disorder'],
  [/\blow blood (?:sugar|glucose)\b/g, 'hypoglycemia'],
];

/** Words that name a disease by their ending. */
const diseaseEnding =
  /(?:itis|osis|oses|oma|emia|pathy|iasis|algia|plegia|paresis|rrhage|rrhea|ectasis|trophy|plasia|ysm|ism|cele|ia|ismus)$/;

/** Words that name a disease, an injury or a state needing care, though their ending does not say so. */
const diseaseNouns = words(`
  disease syndrome disorder cancer tumor neoplasm failure injury infection fracture ulcer stroke
  attack infarction embolism thrombosis clot bleed abscess cyst calculus colic palsy fever flu
  influenza asthma angina gout lupus sepsis shock poisoning overdose toxicity intoxication withdrawal
  dependence deficiency delirium psychosis depression anxiety mania migraine headache epilepsy seizure
  convulsion tremor vertigo glaucoma cataract detachment eczema psoriasis scabies shingles hernia
  obstruction perforation torsion pregnancy hypertension hypotension tachycardia bradycardia
  fibrillation flutter block stenosis regurgitation dissection aneurysm ischemia hypothermia
  anaphylaxis reaction croup effusion edema collapse arrest ketoacidosis pneumothorax volvulus varices
  malaria dengue typhoid measles mumps herpes diabetes dementia leukemia lymphoma myeloma melanoma
  sarcoma cirrhosis hepatitis pneumonia bronchitis embolus aids hiv covid cold burn wound sprain tear
  rupture envenoming envenomation bite sting crisis episode palsy neuralgia neuropathy radiculopathy
  myelopathy nephropathy retinopathy hyperplasia hypertrophy nodule polyp prolapse herniation
  dystrophy sclerosis apnea
`);

/** Real words a near spelling must not be taken for (each within an edit or two of another). */
export const confusableWords = words(`
  arthritis arteritis ileus ileum ilium dysphagia dysphasia aphagia aphasia urethritis ureteritis
  carcinoid carcinoma bronchitis bronchiolitis perineal peroneal peritoneal mucous mucus callus
  callous myositis myelitis rubella rubeola laryngitis pharyngitis tracheitis mastitis mastoiditis
  osteitis otitis keratitis keratosis uveitis iritis colitis cystitis orchitis proctitis prostatitis
  pancreatitis hepatitis nephritis nephrosis nephritic nephrotic cholangitis cholecystitis enteritis
  gastritis meningitis encephalitis myocarditis pericarditis endocarditis sinusitis tonsillitis
  vasculitis spondylitis spondylosis spondylolysis stenosis sclerosis fibrosis cirrhosis thrombosis
  psychosis neurosis mania manic melanoma myeloma lymphoma adenoma glioma meningioma hematoma angioma
  atheroma sarcoma sarcoid fibroma lipoma tumor humor ulcer ulcerative abscess absence vertigo ovary
  uterus ureter urethra urethral ureteric pleural plural viral vital renal rectal atrial arterial anal
  anterior posterior superior inferior
`);

/** Prefixes and endings that change a word's meaning: a spelling fix never swaps one for another. */
export const contrastPrefixes = [
  ['hypo', 'hyper'],
  ['intra', 'inter', 'extra'],
  ['pre', 'post'],
  ['ante', 'anti'],
  ['sub', 'supra', 'super'],
  ['endo', 'exo', 'ecto', 'epi', 'peri', 'para'],
  ['uni', 'bi'],
  ['brady', 'tachy'],
  ['micro', 'macro'],
];
export const contrastEndings = [
  ['itis', 'osis', 'oma', 'ism', 'ia'],
  ['itic', 'otic'],
  ['ive', 'ion'],
  ['oma', 'oid'],
  ['emia', 'uria'],
  ['plasia', 'trophy'],
];

export function namesDisease(word: string): boolean {
  return diseaseNouns.has(word) || (word.length > 4 && diseaseEnding.test(word) && !['media', 'criteria', 'bacteria'].includes(word));
}
