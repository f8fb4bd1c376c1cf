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
 *
 * Modules: `records.ts` (result shapes and problems), `osce.ts` and `nejm.ts` (the two record
 * shapes), `builder.ts`, `symptoms.ts`, `vitals.ts`, `examination.ts` and `test-results.ts` (facts),
 * `library.ts` and `departments.ts` with `departments.yaml` (what the library and the rules say
 * about a diagnosis), `assemble.ts` (the scenario) and `import-file.ts` (files and source specs).
 * Free test names map to the catalogue through `scenarios/test-names.yaml`.
 */

export { diagnosisNames } from './assemble.js';
export { departmentFor, departmentRules } from './departments.js';
export { agentClinicImporter, importAgentClinicFile, importAgentClinicText, importRecord, parseSourceSpec } from './import-file.js';
export { libraryScenarios, matchLibrary } from './library.js';
export { agentClinicLicense, variantOf, type ImportedCase, type ImportOptions, type ImportProblem, type ImportResult } from './records.js';
export { vitalNameOf } from './vitals.js';
