import type { Chart, RevealedFact } from '../../domain/chart.js';
import type { Catalogue } from '../../scenarios/catalogue.js';

/**
 * The chart as a doctor model reads it. Built only from the Chart (never the patient case), so
 * the correct diagnosis cannot reach a doctor's prompt; fact ids appear in square brackets so the
 * model can cite them.
 */
export function renderChart(chart: Chart): string {
  const lines: string[] = [];
  const { age, sex } = chart.demographics;
  lines.push(`Patient: ${age}-year-old ${sex}`);
  lines.push(`Facility: ${chart.facility} hospital`);
  if (chart.department) {
    lines.push(`Department: ${chart.department}${chart.acuity !== undefined ? ` (triage acuity ${chart.acuity})` : ''}`);
  }
  lines.push(`Chief complaint: "${chart.complaint}"`);
  for (const referral of chart.referrals) {
    lines.push(`Referred from ${referral.from} to ${referral.to}: ${referral.reason}`);
  }

  const triage = chart.revealed.filter((fact) => fact.source === 'triage');
  const findings = chart.revealed.filter((fact) => fact.source !== 'triage' && fact.source !== 'test');
  const results = chart.revealed.filter((fact) => fact.source === 'test');
  lines.push('', 'Triage observations:', ...factLines(triage, 'none recorded'));
  lines.push('', 'Findings from history and examination:', ...factLines(findings, 'none yet'));
  lines.push('', 'Test results:', ...factLines(results, 'none yet'));

  lines.push('', 'Tests ordered:');
  if (chart.orders.length === 0) lines.push('- none yet');
  for (const order of chart.orders) {
    const status = order.available ? `ordered at minute ${order.t}, cost $${order.cost}` : 'not available at this facility';
    lines.push(`- ${order.name}: ${status}`);
  }

  lines.push('', 'Conversation so far:');
  if (chart.conversation.length === 0) lines.push('(none yet)');
  for (const turn of chart.conversation) lines.push(`${speaker[turn.role]}: ${turn.text}`);
  return lines.join('\n');
}

const speaker: Record<Chart['conversation'][number]['role'], string> = {
  doctor: 'Doctor',
  patient: 'Patient',
  examiner: 'Results',
  nurse: 'Nurse',
};

function factLines(facts: RevealedFact[], empty: string): string[] {
  if (facts.length === 0) return [`- ${empty}`];
  return facts.map((fact) => `- [${fact.factId}] ${fact.present ? '' : 'ABSENT: '}${fact.text}`);
}

/** How many turns remain, with the rule for the last one. */
export function renderTurnBudget(chart: Chart): string {
  const left = Math.max(0, chart.maxTurns - chart.turn);
  const base = `Turn ${chart.turn + 1} of ${chart.maxTurns}: ${left} turn${left === 1 ? '' : 's'} left including this one.`;
  return left <= 1 ? `${base} This is your last turn: you must diagnose now.` : base;
}

/**
 * The catalogue as the specialist orders from it: tests done here grouped by category with cost
 * and time to result, then the names of those this facility cannot do (compact: it is long).
 */
export function renderCatalogue(catalogue: Catalogue, chart: Chart): string {
  const lines = ['Test catalogue (order by name; cost, time to result):'];
  const byCategory = new Map<string, string[]>();
  const unavailable: string[] = [];
  for (const test of catalogue.tests) {
    if (!test.availability[chart.facility]) {
      unavailable.push(test.name);
      continue;
    }
    const entries = byCategory.get(test.category) ?? [];
    entries.push(`${test.name} ($${test.cost}, ${formatMinutes(test.turnaround)})`);
    byCategory.set(test.category, entries);
  }
  for (const [category, entries] of byCategory) lines.push(`${category}: ${entries.join('; ')}`);
  if (unavailable.length > 0) lines.push(`Not available at this facility: ${unavailable.join('; ')}`);
  return lines.join('\n');
}

export function formatMinutes(minutes: number): string {
  if (minutes < 120) return `${minutes} min`;
  if (minutes < 2880) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}
