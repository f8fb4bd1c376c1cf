import type { EvidenceItem, JourneyEvent, JourneyResult } from '../domain/journey.js';
import type { Fact, PatientCase } from '../domain/patient-case.js';
import { normaliseDiagnosis } from '../scenarios/diagnosis-match/index.js';

/** Events whose fact ids are revelations (the complaint, vitals, answers, results), not citations. */
const revealingTypes = new Set<JourneyEvent['type']>(['arrive', 'triage', 'answer', 'result']);

/** Fact ids revealed to the doctors in this journey before the diagnosis was given. */
export function revealedFactIds(journey: JourneyResult): Set<string> {
  const revealed = new Set<string>();
  for (const event of journey.events) {
    if (event.type === 'diagnose') break;
    if (revealingTypes.has(event.type)) for (const id of event.factIds ?? []) revealed.add(id);
  }
  return revealed;
}

/** How one cited piece of evidence relates to what the journey revealed. */
export type EvidenceStatus =
  /** A fact of this patient that was revealed in this journey. */
  | 'revealed'
  /** A real fact of this patient that was never revealed: the doctor could not have known it. */
  | 'unrevealed'
  /** A fact id this patient does not have: invented. */
  | 'unknown-id'
  /** Free text that names no revealed fact: invented or unverifiable. */
  | 'unmatched';

export interface ResolvedEvidence {
  text: string;
  factId?: string;
  status: EvidenceStatus;
}

const words = (text: string): string[] =>
  normaliseDiagnosis(text)
    .split(' ')
    .filter((word) => word.length > 2);

/** Free-text evidence names a fact when it contains the fact's label, or all the words of its chart text. */
function textNamesFact(text: string, fact: Fact): boolean {
  const said = ` ${normaliseDiagnosis(text)} `;
  const label = normaliseDiagnosis(fact.label);
  if (label.length > 2 && said.includes(` ${label} `)) return true;
  const factWords = words(fact.text);
  return factWords.length > 0 && factWords.every((word) => said.includes(` ${word} `));
}

/** Resolve each cited item to a fact of the patient, by id when given, else by its wording. */
export function resolveEvidence(
  evidence: readonly EvidenceItem[],
  patient: PatientCase,
  revealed: ReadonlySet<string>,
): ResolvedEvidence[] {
  const byId = new Map(patient.facts.map((fact) => [fact.id, fact]));
  const revealedFacts = patient.facts.filter((fact) => revealed.has(fact.id));
  return evidence.map((item) => {
    const factId = item.factId?.trim();
    if (factId) {
      if (!byId.has(factId)) return { text: item.text, factId, status: 'unknown-id' };
      return { text: item.text, factId, status: revealed.has(factId) ? 'revealed' : 'unrevealed' };
    }
    const named = revealedFacts.find((fact) => textNamesFact(item.text, fact));
    return named ? { text: item.text, factId: named.id, status: 'revealed' } : { text: item.text, status: 'unmatched' };
  });
}
