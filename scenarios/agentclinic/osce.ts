import type { Catalogue } from '../catalogue.js';
import type { LoadedScenario } from '../loader.js';
import type { ScenarioFile } from '../schema.js';
import { assemble, type Draft, requireDemographics } from './assemble.js';
import { addHistory, addUnmappedResult, addVital, type Builder, historySections, newBuilder } from './builder.js';
import { addExamination } from './examination.js';
import { RecordError } from './records.js';
import { addSymptom, complaintParts } from './symptoms.js';
import { walkTests } from './test-results.js';
import { humanise, isRecord, prose, sentences } from './text.js';
import { vitalNameOf } from './vitals.js';

/**
 * An OSCE record (`agentclinic_medqa.jsonl`, `..._medqa_extended.jsonl`, `..._mimiciv.jsonl`):
 * `{ OSCE_Examination: { Objective_for_Doctor, Patient_Actor: { Demographics, History,
 * Symptoms: { Primary_Symptom, Secondary_Symptoms[] }, Past_Medical_History, Social_History,
 * Review_of_Systems, ... }, Physical_Examination_Findings: { <section>: {...} },
 * Test_Results: { <group>: {...} }, Correct_Diagnosis } }`.
 */
export function osceScenario(
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
