import { normaliseTestName, trigramSimilarity, type Catalogue } from './catalogue.js';
import type { CatalogueTest } from './schema.js';
import { unifySpelling } from './spelling.js';

/**
 * Free-named tests (from an imported case, or a doctor's order) → catalogue tests. The catalogue's
 * own lookup knows ids, names and synonyms; the names in AgentClinic records are freer
 * (`Chest_X-ray`, `CT_Scan_Chest`, `MRI_of_the_Right_Hand`, `Hemoglobin_Blood`), so they go through
 * an ordered table of patterns first, then an exact catalogue lookup, then a guarded fuzzy match.
 */

/** Lower-case words, American spelling: "Haemoglobin_Blood" → "hemoglobin blood". */
export function testKey(name: string): string {
  return unifySpelling(normaliseTestName(name.replace(/([a-z])([A-Z])/g, '$1 $2')))
    .replace(/\bx ?rays?\b/g, 'xray')
    .replace(/\bradiographs?\b/g, 'xray')
    .replace(/\bcat scan\b/g, 'ct')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Specimen or context a name or its group carries: decides e.g. urine RBC vs blood RBC. */
export type Specimen = 'blood' | 'urine' | 'csf' | 'stool' | 'other';

export function specimenOf(key: string): Specimen | undefined {
  if (/\b(urine|urinary|urinalysis|ua)\b/.test(key)) return 'urine';
  if (/\b(csf|cerebrospinal|lumbar puncture|spinal tap)\b/.test(key)) return 'csf';
  if (/\b(stool|fecal)\b/.test(key)) return 'stool';
  if (/\b(blood|serum|plasma|hematolog\w*|cbc)\b/.test(key)) return 'blood';
  return undefined;
}

type Rule = [RegExp, string];

/** Rules that depend on the specimen, tried before the general ones. */
const specimenRules: Record<Specimen, Rule[]> = {
  urine: [
    [/\bculture\b/, 'urine-culture'],
    [/\b(hcg|pregnancy)\b/, 'urine-pregnancy-test'],
    [/\b(rbc|wbc|red|white|cells?|casts?|crystals?|bacteria|epithelial|microscopy|leukocyturia|cytospin|hematuria)\b/, 'urine-microscopy'],
    [/\b(drug|toxicology|tox)\b/, 'toxicology-screen'],
    [/\b(albumin creatinine|acr|microalbumin)\b/, 'urine-albumin-creatinine-ratio'],
    [/\b(cortisol)\b/, 'urinary-free-cortisol'],
    [/\b(porphobilinogen|pbg)\b/, 'urine-porphobilinogen'],
    [/.*/, 'urinalysis'],
  ],
  csf: [[/.*/, 'csf-analysis']],
  stool: [
    [/\b(calprotectin)\b/, 'faecal-calprotectin'],
    [/\b(occult|fit|immunochemical)\b/, 'faecal-immunochemical-test'],
    [/\b(pylori)\b/, 'h-pylori-test'],
    [/.*/, 'stool-culture'],
  ],
  blood: [
    [/\bculture\b/, 'blood-culture'],
    [/\b(ketones?|beta hydroxybutyrate)\b/, 'blood-ketones'],
    [/\b(hcg)\b/, 'serum-beta-hcg'],
  ],
  other: [],
};

/** Ordered: the first pattern that matches the key wins. */
const rules: Rule[] = [
  // imaging
  [/\b(chest (xray|film|radiography)|cxr)\b|\bxray (of )?(the )?chest\b/, 'chest-xray'],
  [/\b(xray|film)\b.*\b(abdomen|abdominal|kub)\b|\b(abdomen|abdominal) (xray|film)\b/, 'abdominal-xray'],
  [/\bxray\b.*\b(spine|lumbar|cervical|thoracic|sacr\w*)\b|\b(spine|lumbar) xray\b/, 'xray-spine'],
  [
    /\bxray\b.*\b(hand|knee|hip|wrist|ankle|limb|arm|leg|elbow|shoulder|foot|feet|femur|tibia|pelvis|pelvic|humerus|forearm|finger|joints?)\b|\b(hand|knee|hip|wrist|ankle|shoulder|pelvic|pelvis|joint|limb) xrays?\b/,
    'xray-limb',
  ],
  [/\b(ct|computed tomography)\b.*\b(pulmonary angiogra\w*|ctpa)\b|\bctpa\b/, 'ct-pulmonary-angiography'],
  [/\b(ct|computed tomography)\b.*\b(aort\w*)\b/, 'ct-aortic-angiography'],
  [/\b(ct|computed tomography)\b.*\b(chest|thorax|thoracic|lungs?)\b|\b(chest|thorax) ct\b|\bhrct\b/, 'ct-chest'],
  [/\b(ct|computed tomography)\b.*\b(head|brain|skull)\b|\b(head|brain) ct\b/, 'ct-head'],
  [/\b(ct|computed tomography)\b.*\b(kub|urogra\w*)\b/, 'ct-kub'],
  [/\b(ct|computed tomography)\b.*\b(sinus\w*|temporal bone)\b/, 'ct-sinuses-temporal'],
  [
    /\b(ct|computed tomography)\b.*\b(abdomen|abdominal|pelvis|pelvic|liver|pancrea\w*|kidneys?|renal)\b|\b(abdominal|abdomen) ct\b/,
    'ct-abdomen',
  ],
  [/\b(mri|magnetic resonance)\b.*\b(prostate)\b/, 'mri-prostate'],
  [/\b(mri|magnetic resonance)\b.*\b(knee)\b|\bknee mri\b/, 'mri-knee'],
  [/\b(mri|magnetic resonance)\b.*\b(spine|spinal|lumbar|cervical|thoracic|cord)\b|\b(spine|spinal) mri\b/, 'mri-spine'],
  [/\b(mri|magnetic resonance)\b.*\b(brain|head|cranial|pituitary)\b|\b(brain|head) mri\b/, 'mri-brain'],
  [/\bmrcp\b|\bmagnetic resonance cholangio\w*/, 'mrcp'],
  [/\b(echocardiogra\w*|echo|tte|toe|tee)\b/, 'echocardiogram'],
  [/\b(coronary angiogra\w*|cardiac cath\w*|heart catheteri\w*)\b/, 'coronary-angiography'],
  [/\b(doppler|duplex|ultrasound)\b.*\b(leg|legs|lower limb|lower extremit\w*|venous|deep vein)\b/, 'doppler-ultrasound-legs'],
  [/\b(carotid)\b/, 'carotid-doppler'],
  [/\b(ultrasound|ultrasonograph\w*|sonograph\w*|us|usg)\b.*\b(scrot\w*|testic\w*|testis|testes)\b|\bscrotal\b/, 'scrotal-ultrasound'],
  [/\b(ultrasound|ultrasonograph\w*|sonograph\w*|us)\b.*\b(thyroid)\b/, 'thyroid-ultrasound'],
  [
    /\b(obstetric|fetal|pregnancy|dating)\b.*\b(ultrasound|scan|sonograph\w*)\b|\b(ultrasound)\b.*\b(fetal|fetus|pregnancy|gestation\w*|obstetric)\b/,
    'obstetric-ultrasound',
  ],
  [
    /\b(pelvic|transvaginal|tvus|uterus|uterine|ovar\w*|adnexa\w*|gyn\w*)\b.*\b(ultrasound|sonograph\w*|us|scan)\b|\b(ultrasound|sonograph\w*)\b.*\b(pelvi\w*|uterus|ovar\w*|transvaginal)\b/,
    'pelvic-ultrasound',
  ],
  [/\b(renal|kidney|bladder|urinary tract)\b.*\b(ultrasound|sonograph\w*|us)\b|\b(ultrasound)\b.*\b(renal|kidneys?)\b/, 'renal-ultrasound'],
  [/\b(breast|mammogra\w*)\b/, 'breast-imaging'],
  [
    /\b(ultrasound|ultrasonograph\w*|sonograph\w*|fast)\b.*\b(abdomen|abdominal|liver|gallbladder|biliary|ruq|hepat\w*)\b|\b(abdominal|abdomen|ruq) (ultrasound|sonograph\w*|us)\b/,
    'abdominal-ultrasound',
  ],
  [/\b(dexa|dxa|bone density|densitometry)\b/, 'dexa-scan'],
  [/\bbone scan\b|\bscintigraph\w*\b/, 'bone-scan'],
  [/\bpet\b/, 'pet-ct'],
  [/\bhida\b|\bcholescintigra\w*/, 'hida-scan'],
  [/\b(oct|optical coherence)\b/, 'optical-coherence-tomography'],
  [/\bfluorescein\b/, 'fluorescein-angiography'],
  [/\belastograph\w*|\bfibroscan\b/, 'transient-elastography'],
  // physiology
  [/\b(electrocardiogra\w*|ecg|ekg)\b/, 'ecg'],
  [/\b(holter|ambulatory ecg|event monitor)\b/, 'ambulatory-ecg'],
  [/\b(electroencephalogra\w*|eeg)\b/, 'eeg'],
  [/\b(electromyogra\w*|emg|nerve conduction|ncs|repetitive (nerve )?stimulation)\b/, 'nerve-conduction-emg'],
  [/\b(polysomnogra\w*|sleep study)\b/, 'sleep-study'],
  [/\b(pulmonary function|lung function|pft|pfts)\b/, 'full-lung-function'],
  [/\bspirometr\w*/, 'spirometry'],
  [/\b(audiometr\w*|audiolog\w*|hearing)\b/, 'audiometry'],
  [/\btympanometr\w*/, 'tympanometry'],
  [/\b(stress test|exercise tolerance|treadmill)\b/, 'exercise-stress-test'],
  [/\burodynamic\w*/, 'urodynamics'],
  [/\b(visual fields?|perimetry)\b/, 'visual-field-test'],
  // endoscopy
  [/\bcolonoscop\w*|\bsigmoidoscop\w*|\bproctoscop\w*|\banoscop\w*/, 'colonoscopy'],
  [/\b(upper (gi )?endoscop\w*|egd|esophagogastroduodenoscop\w*|gastroscop\w*|ogd)\b/, 'upper-gi-endoscopy'],
  [/\bbronchoscop\w*|\bbronchoalveolar\b|\bbal\b/, 'bronchoscopy'],
  [/\bercp\b/, 'ercp'],
  [/\b(nasendoscop\w*|laryngoscop\w*|nasopharyngoscop\w*)\b/, 'nasendoscopy'],
  [/\bcystoscop\w*/, 'cystoscopy'],
  [/\bcolposcop\w*/, 'colposcopy'],
  [/\bhysteroscop\w*/, 'hysteroscopy'],
  // pathology
  [/\bbone marrow\b/, 'bone-marrow-biopsy'],
  [/\b(fine needle|fna|fnac)\b/, 'fine-needle-aspiration'],
  [
    /\b(skin|punch|shave|excisional skin|dermal)\b.*\bbiops\w*|\bbiops\w*\b.*\b(skin|lesion|rash|plaque|papule|nodule)\b|\bdirect immunofluorescence\b/,
    'skin-biopsy',
  ],
  [/\blymph node\b.*\bbiops\w*|\bbiops\w*\b.*\blymph node\b/, 'lymph-node-biopsy'],
  [/\bliver\b.*\bbiops\w*|\bbiops\w*\b.*\bliver\b/, 'liver-biopsy'],
  [/\b(renal|kidney)\b.*\bbiops\w*|\bbiops\w*\b.*\b(renal|kidney)\b/, 'renal-biopsy'],
  [/\bmuscle\b.*\bbiops\w*|\bbiops\w*\b.*\bmuscle\b/, 'muscle-biopsy'],
  [/\btemporal artery\b.*\bbiops\w*/, 'temporal-artery-biopsy'],
  [/\b(biops\w*|histopatholog\w*|histolog\w*|patholog\w*|cytolog\w*)\b/, 'tissue-biopsy'],
  [/\b(pap smear|cervical (smear|screening|cytology)|hpv)\b/, 'cervical-screening'],
  // fluids
  [/\b(csf|cerebrospinal|lumbar puncture|spinal tap)\b/, 'csf-analysis'],
  [/\b(joint aspiration|arthrocentesis|synovial)\b/, 'synovial-fluid-analysis'],
  [/\b(ascitic|ascites|paracentesis)\b/, 'ascitic-tap'],
  [/\b(pleural fluid|thoracentesis|pleural tap)\b/, 'pleural-fluid-analysis'],
  // microbiology and serology
  [/\bblood cultures?\b/, 'blood-culture'],
  [/\burine cultures?\b/, 'urine-culture'],
  [/\bsputum\b.*\b(afb|acid fast|ziehl|smear)\b|\bacid fast\b|\bafb\b/, 'sputum-afb-smear'],
  [/\bsputum\b/, 'sputum-culture'],
  [/\b(stool|ova|parasites?|c difficile|clostridi\w*)\b/, 'stool-culture'],
  [/\b(rapid strep|strep a|beta strep|throat (swab|culture)|rapid antigen)\b/, 'rapid-strep-test'],
  [/\b(monospot|heterophile|ebv|epstein barr)\b/, 'ebv-serology'],
  [/\b(genexpert|xpert|tb pcr)\b/, 'genexpert-mtb-rif'],
  [/\b(quantiferon|igra|interferon gamma)\b/, 'interferon-gamma-release-assay'],
  [/\b(tuberculin|ppd|mantoux|tst)\b/, 'mantoux-test'],
  [/\b(cd4)\b/, 'hiv-viral-load-cd4'],
  [/\b(hiv|human immunodeficiency)\b/, 'hiv-test'],
  [/\b(hbsag|hepatitis b surface)\b/, 'hbsag'],
  [/\b(hbeag|anti hbc|anti hbs|anti hbe|hepatitis b)\b/, 'hepatitis-b-serology'],
  [/\b(hbv dna)\b/, 'hbv-dna'],
  [/\b(hcv rna)\b/, 'hcv-rna'],
  [/\b(hepatitis c|hcv|anti hcv)\b/, 'hepatitis-c-antibody'],
  [/\b(hepatitis a|hav)\b/, 'hepatitis-a-igm'],
  [/\b(syphilis|rpr|vdrl|treponem\w*|fta abs|rapid plasma reagin)\b/, 'syphilis-serology'],
  [/\b(sti|std|chlamydia|gonorrh\w*|gonococc\w*|naat|trichomon\w*)\b/, 'sti-naat'],
  [/\b(vaginal|high vaginal|hvs|wet mount|wet prep)\b/, 'vaginal-swab'],
  [/\b(malaria)\b.*\b(rdt|rapid)\b/, 'malaria-rdt'],
  [/\b(malaria|thick and thin)\b/, 'malaria-blood-film'],
  [/\b(dengue|ns1)\b/, 'dengue-test'],
  [/\b(lyme|borrelia)\b/, 'lyme-serology'],
  [/\b(respiratory virus|influenza|covid|sars cov|rsv|viral pcr|nasopharyngeal swab)\b/, 'respiratory-virus-pcr'],
  [/\bkoh\b|\bskin scraping\w*|\bpotassium hydroxide\b/, 'skin-scraping-koh'],
  // haematology
  [/\b(peripheral (blood )?smear|blood (film|smear)|peripheral film)\b/, 'blood-film'],
  [/\breticulocyte\w*/, 'reticulocyte-count'],
  [/\b(hemoglobin electrophoresis|hb electrophoresis|sickle)\b/, 'haemoglobin-electrophoresis'],
  [/\b(ferritin|iron studies|serum iron|tibc|transferrin)\b/, 'ferritin'],
  [/\b(b12|cobalamin|folate|folic acid)\b/, 'vitamin-b12-folate'],
  [/\b(intrinsic factor)\b/, 'intrinsic-factor-antibodies'],
  [/\b(pt|inr|ptt|aptt|fibrinogen|coagulation|clotting|bleeding time|prothrombin|thrombin time)\b/, 'coagulation-screen'],
  [
    /\b(complete blood count|full blood count|cbc|fbc|blood count|hemogram|hematology|hematologic\w*|differential|wbc|white (blood )?cells?|white cell count|leukocytes?|leukocyte count|hemoglobin|hgb|hb|hematocrit|hct|platelets?|platelet count|mcv|mch|mchc|rdw|rbc|red (blood )?cells?|neutrophils?|lymphocytes?|lymphs|monocytes?|eosinophils?|basophils?|bands|atypical lymphocytes|metamyelocytes|myelocytes|blasts?)\b/,
    'full-blood-count',
  ],
  // chemistry
  [/\blactate dehydrogenase\b|\bldh\b/, 'lactate-dehydrogenase'],
  [/\b(troponin|ck mb)\b/, 'troponin'],
  [/\b(creatine kinase|cpk|ck)\b/, 'creatine-kinase'],
  [/\b(bnp|nt probnp|natriuretic)\b/, 'bnp'],
  [/\bd dimer\b/, 'd-dimer'],
  [/\b(hba1c|a1c|glycated|glycosylated)\b/, 'hba1c'],
  [/\b(glucose tolerance|ogtt)\b/, 'oral-glucose-tolerance-test'],
  [/\b(glucose|blood sugar)\b/, 'blood-glucose'],
  [/\b(lipid\w*|cholesterol|ldl|hdl|triglycerides?)\b/, 'lipid-profile'],
  [/\b(thyroid (peroxidase|antibod\w*)|anti tpo|tpo|trab|thyroglobulin)\b/, 'thyroid-antibodies'],
  [/\b(tsh|t3|t4|ft4|ft3|thyroxine|thyroid stimulating|thyroid function|thyroid panel|triiodothyronine)\b/, 'thyroid-function-tests'],
  [/\b(pth|parathyroid)\b/, 'parathyroid-hormone'],
  [/\b(vitamin d|25 oh|calcidiol)\b/, 'vitamin-d'],
  [/\b(calcium|phosphate|phosphorus|magnesium|bone profile)\b/, 'bone-profile'],
  [
    /\b(alt|ast|alp|ggt|alkaline phosphatase|bilirubin|albumin|aminotransferase|transaminases?|liver function|liver enzymes|lfts?|total protein|protein total|hepatic function)\b/,
    'liver-function-tests',
  ],
  [/^(na|k|cl|cr|scr|hco3|co2|bun|tco2)$/, 'urea-electrolytes'],
  [/^(ca|ca2|ca 2|mg|phos|po4|ica)$/, 'bone-profile'],
  [/^(glu|bg|bs|fbs|rbs)$/, 'blood-glucose'],
  [
    /\b(sodium|potassium|chloride|bicarbonate|hco3|co2|urea|bun|creatinine|electrolytes?|anion gap|egfr|renal function|kidney function|bmp|basic metabolic|u e)\b/,
    'urea-electrolytes',
  ],
  [/\blipase\b/, 'lipase'],
  [/\bamylase\b/, 'amylase'],
  [/\b(crp|c reactive)\b/, 'c-reactive-protein'],
  [/\b(esr|sed rate|sedimentation)\b/, 'erythrocyte-sedimentation-rate'],
  [/\bprocalcitonin\b/, 'procalcitonin'],
  [/\blactate\b|\blactic acid\b/, 'lactate'],
  [/\b(blood gas\w*|abg|vbg|arterial gas\w*|ph|pao2|paco2|pco2|po2|base excess)\b/, 'blood-gas'],
  [/\bammonia\b/, 'ammonia'],
  [/\b(uric acid|urate)\b/, 'uric-acid'],
  [/\bosmolality\b|\bosmolarity\b/, 'serum-osmolality'],
  [/\b(acth|adrenocorticotropic)\b/, 'acth'],
  [/\b(synacthen|cosyntropin|acth stimulation)\b/, 'synacthen-test'],
  [/\b(dexamethasone suppression)\b/, 'dexamethasone-suppression-test'],
  [/\bcortisol\b/, 'serum-cortisol'],
  [/\bprolactin\b/, 'prolactin'],
  [
    /\b(fsh|lh|estradiol|estrogen|testosterone|progesterone|amh|hormonal profile|hormone profile|reproductive hormones?|androgens?|dheas?)\b/,
    'reproductive-hormones',
  ],
  [/\b(metanephrines?|catecholamines?|vma)\b/, 'plasma-metanephrines'],
  [/\b(aldosterone|renin)\b/, 'aldosterone-renin'],
  [/\b(beta hcg|b hcg|hcg|pregnancy)\b/, 'serum-beta-hcg'],
  [/\bpsa\b|\bprostate specific\b/, 'psa'],
  [/\bca 125\b/, 'ca-125'],
  [/\b(afp|alpha fetoprotein)\b/, 'alpha-fetoprotein'],
  [/\bcea\b|\bcarcinoembryonic\b/, 'cea'],
  [/\b(ana|antinuclear|anti dsdna|dsdna|ena)\b/, 'antinuclear-antibody'],
  [/\b(anca|anti neutrophil cytoplasmic)\b/, 'anca'],
  [/\b(anti ccp|ccp|citrullinated)\b/, 'anti-ccp'],
  [/\b(rheumatoid factor|rf)\b/, 'rheumatoid-factor'],
  [/\bhla b27\b/, 'hla-b27'],
  [/\b(complement|c3|c4|ch50)\b/, 'complement-levels'],
  [/\b(acetylcholine receptor|achr|anti musk)\b/, 'acetylcholine-receptor-antibodies'],
  [
    /\b(protein electrophoresis|immunofixation|immunoglobulins?( [agme])?|serum electrophoresis|paraprotein|spep|free light chains?)\b|^(igg|iga|igm|ige)( (level|levels|blood|serum))?$/,
    'immunoglobulins-electrophoresis',
  ],
  [/\b(celiac|tissue transglutaminase|ttg|endomysial)\b/, 'coeliac-serology'],
  [/\b(h pylori|helicobacter|urea breath)\b/, 'h-pylori-test'],
  [/\b(calprotectin)\b/, 'faecal-calprotectin'],
  [/\b(toxicology|tox screen|drug screen|drug levels?|serum drug|urine drug|ethanol level|blood alcohol)\b/, 'toxicology-screen'],
  [/\b(cholinesterase)\b/, 'cholinesterase-activity'],
  [/\b(carboxyhemoglobin|cohb|carbon monoxide)\b/, 'carboxyhaemoglobin'],
  [/\btryptase\b/, 'serum-tryptase'],
  [/\b(ceruloplasmin|caeruloplasmin|serum copper)\b/, 'serum-copper-caeruloplasmin'],
  [/\b(alpha 1 antitrypsin|a1at)\b/, 'alpha-1-antitrypsin'],
  [/\b(genetic|karyotype|chromosom\w*|dna analysis|gene|mutation|fish)\b/, 'genetic-testing'],
  [/\bsweat chloride\b|\bsweat test\b/, 'sweat-chloride-test'],
  [/\bnewborn screen\w*|\bheel prick\b/, 'newborn-screen'],
  // bedside examinations
  [/\b(dix hallpike|hallpike)\b/, 'dix-hallpike'],
  [/\bslit lamp\b/, 'slit-lamp-exam'],
  [/\b(fundoscop\w*|funduscop\w*|ophthalmoscop\w*|fundus|retinal exam\w*|dilated eye)\b/, 'fundoscopy'],
  [/\b(visual acuity|snellen)\b/, 'visual-acuity'],
  [/\b(tonometr\w*|intraocular pressure|iop)\b/, 'tonometry'],
  [/\b(otoscop\w*|auroscop\w*)\b/, 'otoscopy'],
  [/\b(dermoscop\w*|dermatoscop\w*)\b/, 'dermatoscopy'],
  [/\bwoods? lamp\b/, 'woods-lamp'],
  [/\b(pulse oximetr\w*|spo2|oxygen saturation)\b/, 'pulse-oximetry'],
  [/\b(peak flow|pefr?)\b/, 'peak-flow'],
  [/\b(capillary glucose|fingerstick|finger prick|glucometer)\b/, 'capillary-glucose'],
  [/\b(orthostatic|postural|tilt table|lying and standing)\b/, 'orthostatic-bp'],
  [/\b(ankle brachial|abpi|abi)\b/, 'ankle-brachial-index'],
  [/\b(growth parameters|growth chart|anthropometr\w*|height|weight|bmi)\b/, 'weight-height-growth'],
  [/\b(mmse|moca|mini mental|cognitive (screen\w*|assessment|testing)|mental status)\b/, 'cognitive-screen'],
  [/\b(phq|gad 7|depression (screen\w*|scale|questionnaire)|hads)\b/, 'depression-questionnaire'],
  [/\b(ctg|cardiotocogra\w*|non stress|fetal heart)\b/, 'fetal-heart-monitoring'],
  [/\bbladder scan\b|\bpost void residual\b/, 'bladder-scan'],
];

/**
 * Group names that hold other tests rather than being one: "Blood_Tests", "Imaging",
 * "Laboratory_Studies", "Serum_Chemistry". Their entries are resolved one by one.
 */
const containerPattern =
  /^(((basic|routine|initial|additional|other|further|special|screening|general|relevant|serum|blood|lab|laboratory|plasma|infectious disease|hematolog\w*|hematology and|metabolic|chemistry|biochemistry|inflammatory|imaging|radiolog\w*|microbiolog\w*|assessment)\s*)+(tests?|testing|work|works|workup|studies|study|results?|values?|analysis|analyses|investigations?|panel|profile|chemistr(y|ies)|biochemistry|markers|findings|tools|and other tests|screening)?|imaging|labs?|laboratory|serology|microbiology|investigations|results|other|additional|radiology|imaging and other tests|hematologic|blood)$/;

export function isContainerName(name: string): boolean {
  return containerPattern.test(testKey(name));
}

/**
 * Keys inside a test that describe its result rather than name another test: `Findings`,
 * `Impression`, `Comments`. Their values are the report of the enclosing test.
 */
const reportPartPattern =
  /^((preliminary |histopatholog\w* |histolog\w* |microscopic |gross |imaging |radiolog\w* |additional |other |key |main |detailed )?(findings?|results?|impressions?|comments?|interpretation|report|description|details?|notes?|conclusion|summary|observations?|optional|status|outcome|histopatholog\w*|histolog\w*|microscopy|appearance|analysis|readings?|value|level)|findings and interpretation)$/;

export function isReportPart(name: string): boolean {
  return reportPartPattern.test(testKey(name));
}

/** Words too common in test names to say two names are about the same test. */
const genericWords = new Set([
  'test',
  'tests',
  'blood',
  'serum',
  'plasma',
  'level',
  'levels',
  'scan',
  'study',
  'studies',
  'panel',
  'profile',
  'count',
  'total',
  'the',
  'of',
  'and',
  'with',
  'for',
  'screen',
  'screening',
  'analysis',
  'examination',
  'exam',
]);

export interface TestResolution {
  test: CatalogueTest;
  /** How it was found: a pattern of this module, the catalogue's names, or a fuzzy match. */
  via: 'pattern' | 'catalogue' | 'fuzzy';
}

/**
 * Resolve one free test name to a catalogue test, given the specimen of its group if any
 * (`Urinalysis` → `RBC` is urine microscopy, not a blood count).
 */
export function resolveTestName(name: string, catalogue: Catalogue, specimen?: Specimen): TestResolution | undefined {
  const cache = catalogueKeys(catalogue).resolved;
  const cacheKey = `${specimen ?? ''}\u0000${name}`;
  if (cache.has(cacheKey)) return cache.get(cacheKey);
  const resolution = resolveUncached(name, catalogue, specimen);
  cache.set(cacheKey, resolution);
  return resolution;
}

function resolveUncached(name: string, catalogue: Catalogue, specimen?: Specimen): TestResolution | undefined {
  const key = testKey(name);
  if (!key) return undefined;
  const byId = catalogue.get(name.trim());
  if (byId) return { test: byId, via: 'catalogue' };
  const own = specimenOf(key);
  const context = own && own !== 'blood' ? own : (specimen ?? own);
  const candidates = [...(context ? specimenRules[context] : []), ...rules];
  for (const [pattern, id] of candidates) {
    if (!pattern.test(key)) continue;
    const test = catalogue.get(id);
    if (test) return { test, via: 'pattern' };
  }
  const exact = exactCatalogueName(key, catalogue);
  if (exact) return { test: exact, via: 'catalogue' };
  const fuzzy = guardedFuzzy(key, catalogue);
  return fuzzy ? { test: fuzzy, via: 'fuzzy' } : undefined;
}

interface CatalogueKeys {
  exact: Map<string, CatalogueTest>;
  names: { test: CatalogueTest; key: string; words: Set<string> }[];
  resolved: Map<string, TestResolution | undefined>;
}

const keysByCatalogue = new WeakMap<Catalogue, CatalogueKeys>();

const distinctiveWords = (text: string): Set<string> =>
  new Set(text.split(' ').filter((word) => word.length >= 3 && !genericWords.has(word)));

/** The catalogue's names in `testKey` form, computed once per catalogue. */
function catalogueKeys(catalogue: Catalogue): CatalogueKeys {
  let keys = keysByCatalogue.get(catalogue);
  if (keys) return keys;
  keys = { exact: new Map(), names: [], resolved: new Map() };
  for (const test of catalogue.tests) {
    for (const name of [test.id, test.name, ...test.synonyms]) {
      const key = testKey(name);
      if (!keys.exact.has(key)) keys.exact.set(key, test);
      if (name !== test.id) keys.names.push({ test, key, words: distinctiveWords(key) });
    }
  }
  keysByCatalogue.set(catalogue, keys);
  return keys;
}

function exactCatalogueName(key: string, catalogue: Catalogue): CatalogueTest | undefined {
  return catalogueKeys(catalogue).exact.get(key);
}

/** A trigram match that also shares a distinctive word, so "blood tests" never becomes "TB blood test". */
function guardedFuzzy(key: string, catalogue: Catalogue): CatalogueTest | undefined {
  const mine = distinctiveWords(key);
  if (mine.size === 0) return undefined;
  let best: CatalogueTest | undefined;
  let bestScore = 0;
  for (const { test, key: candidate, words } of catalogueKeys(catalogue).names) {
    if (![...mine].some((word) => words.has(word))) continue;
    const score = trigramSimilarity(key, candidate);
    if (score > bestScore) {
      bestScore = score;
      best = test;
    }
  }
  return bestScore >= 0.7 ? best : undefined;
}

/** Every test id the rules name (a test checks they all exist in the catalogue). */
export function ruleTestIds(): string[] {
  return [...new Set([...rules, ...Object.values(specimenRules).flat()].map(([, id]) => id))];
}

/**
 * A catalogue test whose price, turnaround and availability stand in for a test the catalogue
 * lacks (an imported case's `Barium_Enema`): the closest kind by name, else a routine lab test.
 */
export function proxyTestFor(name: string, catalogue: Catalogue): CatalogueTest | undefined {
  const key = testKey(name);
  const byKind: [RegExp, string][] = [
    [/\b(mri|magnetic)\b/, 'mri-brain'],
    [/\b(ct|computed|tomograph\w*)\b/, 'ct-abdomen'],
    [/\b(barium|fluoroscop\w*|contrast|swallow|enema)\b/, 'abdominal-xray'],
    [/\b(ultrasound|sonograph\w*|doppler)\b/, 'abdominal-ultrasound'],
    [/\b(xray|film)\b/, 'chest-xray'],
    [/\b(biops\w*|patholog\w*|histolog\w*|cytolog\w*)\b/, 'tissue-biopsy'],
    [/\b(endoscop\w*|scopy|\w+oscopy)\b/, 'upper-gi-endoscopy'],
    [/\b(culture|swab|gram|microscopy)\b/, 'blood-culture'],
    [/\b(flow cytometr\w*|immunophenotyp\w*)\b/, 'bone-marrow-biopsy'],
    [/\b(consult\w*|referral|evaluation|assessment|examination|exam|checklists?|scale|diary|questionnaire)\b/, 'physical-exam'],
  ];
  for (const [pattern, id] of byKind) if (pattern.test(key) && catalogue.has(id)) return catalogue.get(id);
  return catalogue.get('antinuclear-antibody') ?? catalogue.get('full-blood-count');
}
