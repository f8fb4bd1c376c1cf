import { sameDiagnosisName } from '../diagnosis-match/index.js';
import type { LoadedScenario } from '../loader.js';
import type { ScenarioFile } from '../schema.js';
import type { Builder } from './builder.js';
import { departmentFor } from './departments.js';
import { matchLibrary } from './library.js';
import { agentClinicLicense, RecordError } from './records.js';
import { asSentence, parseDemographics, sexFromPronouns } from './text.js';

/** What a record says beyond its facts: the diagnosis, the demographics and history as written. */
export interface Draft {
  diagnosis: string;
  demographicsText: string;
  historyText: string;
  nearMisses: string[];
  objective?: string;
}

export function requireDemographics(text: string, fallback: string, field: string): { age: number; sex: 'female' | 'male' | 'any' } {
  const parsed = parseDemographics(text);
  const fromFallback = parsed.age === undefined ? parseDemographics(fallback) : {};
  const age = parsed.age ?? fromFallback.age;
  if (age === undefined)
    throw new RecordError(field, `an age such as "35-year-old female" or "8-month-old boy" (got ${JSON.stringify(text.slice(0, 60))})`);
  const sex = parsed.sex ?? sexFromPronouns(fallback) ?? fromFallback.sex ?? 'any';
  return { age, sex };
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

export function assemble(
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
