import type { Chart } from '../../domain/chart.js';
import type { DiagnosisReport } from '../../domain/journey.js';
import { departments, type Department } from '../../scenarios/schema.js';
import { disclaimer, type ConsultAction } from '../roles.js';

/**
 * The little language a student types as the doctor: a question (any text, or `ask …`),
 * `order <test>, <test>`, `refer <department> <reason>`, or `dx <diagnosis>`, after which the
 * differential, the evidence and the confidence are asked one line at a time.
 */
export type DoctorCommand =
  { kind: 'action'; action: ConsultAction } | { kind: 'diagnose'; diagnosis: string } | { kind: 'error'; message: string };

export function parseDoctorCommand(line: string): DoctorCommand {
  const text = line.trim();
  if (!text) return { kind: 'error', message: 'type a question, "order <tests>", "refer <department> <reason>" or "dx <diagnosis>"' };
  const [word, ...rest] = text.split(/\s+/);
  const tail = rest.join(' ').trim();
  switch (word.toLowerCase()) {
    case 'order':
    case 'test':
    case 'tests': {
      const tests = tail
        .split(/\s*[,;]\s*|\s+and\s+/)
        .map((test) => test.trim())
        .filter(Boolean);
      if (tests.length === 0) return { kind: 'error', message: 'order what? e.g. "order full blood count, chest x-ray"' };
      return { kind: 'action', action: { kind: 'order', tests, reason: 'ordered by the student' } };
    }
    case 'refer': {
      const [department, ...why] = rest;
      if (!department || !(departments as readonly string[]).includes(department))
        return { kind: 'error', message: `refer to one of: ${departments.join(', ')}` };
      return {
        kind: 'action',
        action: { kind: 'refer', department: department as Department, reason: why.join(' ') || 'referred by the student' },
      };
    }
    case 'dx':
    case 'diagnose':
    case 'diagnosis':
      if (!tail) return { kind: 'error', message: 'which diagnosis? e.g. "dx community-acquired pneumonia"' };
      return { kind: 'diagnose', diagnosis: tail };
    case 'ask':
      return tail ? { kind: 'action', action: { kind: 'ask', question: tail } } : { kind: 'error', message: 'ask what?' };
    default:
      return { kind: 'action', action: { kind: 'ask', question: text } };
  }
}

/** "pneumonia 60, bronchitis 30" → entries with p; a missing number shares what is left. */
export function parseDifferential(line: string, diagnosis: string, confidence: number): { name: string; p: number }[] {
  const entries = line
    .split(/\s*[,;]\s*/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(.*?)\s+(\d+(?:\.\d+)?)\s*%?$/.exec(part);
      return match ? { name: match[1], p: Number(match[2]) / 100 } : { name: part, p: Number.NaN };
    })
    .filter((entry) => entry.name.toLowerCase() !== diagnosis.toLowerCase());
  const given = entries.reduce((sum, entry) => sum + (Number.isNaN(entry.p) ? 0 : entry.p), 0);
  const unknown = entries.filter((entry) => Number.isNaN(entry.p)).length;
  const share = unknown > 0 ? Math.max(0, 1 - confidence - given) / unknown : 0;
  return [
    { name: diagnosis, p: confidence },
    ...entries.map((entry) => ({ name: entry.name, p: Number.isNaN(entry.p) ? share : entry.p })),
  ].sort((a, b) => b.p - a.p);
}

/** The chart's facts as the student cites them: numbered from 1, present ones and denials alike. */
export const citableFacts = (chart: Chart) => chart.revealed.map((fact, i) => ({ number: i + 1, ...fact }));

/** "1 4 -6" → evidence: numbers support the diagnosis, a minus sign marks a fact against it. */
export function parseEvidence(line: string, chart: Chart): { evidence: DiagnosisReport['evidence']; unknown: string[] } {
  const facts = citableFacts(chart);
  const evidence: DiagnosisReport['evidence'] = [];
  const unknown: string[] = [];
  for (const token of line.split(/[\s,]+/).filter(Boolean)) {
    const against = token.startsWith('-');
    const fact = facts.find((candidate) => candidate.number === Number(token.replace(/^[-+]/, '')));
    if (!fact) unknown.push(token);
    else evidence.push({ factId: fact.factId, text: fact.text, supports: !against });
  }
  return { evidence, unknown };
}

/** A confidence typed as 80, 80 % or 0.8. */
export function parseConfidence(line: string): number | undefined {
  const value = Number(line.replace('%', '').trim());
  if (!line.trim() || !Number.isFinite(value) || value < 0 || value > 100) return undefined;
  return value > 1 ? value / 100 : value;
}

export interface DiagnosisForm {
  diagnosis: string;
  confidence: number;
  differential: string;
  evidence: DiagnosisReport['evidence'];
  plan: string;
}

export function diagnosisAction(form: DiagnosisForm): ConsultAction {
  const report: DiagnosisReport = {
    diagnosis: form.diagnosis,
    confidence: form.confidence,
    differential: parseDifferential(form.differential, form.diagnosis, form.confidence),
    evidence: form.evidence,
    reasoning: 'Given by a student in a demo.',
    plan: form.plan || 'To be decided with the attending physician.',
    disclaimer,
  };
  return { kind: 'diagnose', report };
}
