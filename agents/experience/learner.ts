import { chartEvidence, FindingState } from '../builtin/chart-evidence.js';
import type { KnowledgeBase } from '../builtin/knowledge-base.js';
import { ageBinOf, ageFeature, patientsFeature, sexFeature, type CountRow } from './counts.js';
import type { CaseSummary, ExperienceRule, JourneyLesson } from './types.js';

/** What one lesson adds to a profile. */
export interface ExperienceDelta {
  /** Count increments (added to the stored counts). */
  counts: CountRow[];
  /** A correctly handled journey joins the case base. */
  newCase?: CaseSummary;
  /** A failure creates or updates one rule (the whole rule after the update). */
  rule?: ExperienceRule;
}

const maxTriggers = 8;
const maxChecks = 5;

/**
 * The learning step: from what the doctor saw (its last chart), what it concluded, and the true
 * diagnosis revealed after the journey, the counts to add, a case summary when it was right, and
 * a distilled rule when it was wrong. `storedRule` looks up the rule already kept for a mistake.
 */
export function distilLesson(
  vocabulary: KnowledgeBase,
  lesson: JourneyLesson,
  storedRule: (key: string) => ExperienceRule | undefined = () => undefined,
): ExperienceDelta {
  const disease = lesson.truth.scenarioId;
  const counts: CountRow[] = [{ disease, feature: patientsFeature, present: 1, absent: 0 }];
  const { chart } = lesson;
  if (!chart) return { counts };
  counts.push({
    disease,
    feature: sexFeature,
    present: chart.demographics.sex === 'female' ? 1 : 0,
    absent: chart.demographics.sex === 'female' ? 0 : 1,
  });
  counts.push({ disease, feature: ageFeature(ageBinOf(chart.demographics.age)), present: 1, absent: 0 });
  const evidence = chartEvidence(vocabulary, chart);
  const present: number[] = [];
  for (let f = 0; f < evidence.state.length; f++) {
    const state = evidence.state[f];
    if (state === FindingState.Unknown) continue;
    const isPresent = state === FindingState.Present;
    if (isPresent) present.push(f);
    counts.push({ disease, feature: vocabulary.findings[f].id, present: isPresent ? 1 : 0, absent: isPresent ? 0 : 1 });
  }
  if (lesson.correct) return { counts, newCase: caseSummary(vocabulary, lesson, present) };
  const key = ruleKey(mistakenName(lesson), lesson.truth.name);
  return { counts, rule: distilRule(vocabulary, lesson, present, evidence.state, storedRule(key)) };
}

const mistakenName = (lesson: JourneyLesson): string => lesson.report?.diagnosis?.trim() || '(no diagnosis)';

export const ruleKey = (mistaken: string, missed: string): string => `${mistaken.trim().toLowerCase()} → ${missed.trim().toLowerCase()}`;

function caseSummary(vocabulary: KnowledgeBase, lesson: JourneyLesson, present: number[]): CaseSummary {
  const chart = lesson.chart!;
  const presentIds = new Set(present.map((f) => vocabulary.findings[f].id));
  const findings = chart.revealed
    .filter((fact) => fact.present && presentIds.has(fact.factId))
    .map((fact) => ({ id: fact.factId, text: fact.text }));
  const revealedByTest = new Set(
    chart.revealed.filter((fact) => fact.present).map((fact) => vocabulary.finding(fact.factId)?.testId ?? ''),
  );
  const helpfulTests = [
    ...new Set(chart.orders.filter((order) => order.available && revealedByTest.has(order.testId)).map((order) => order.testId)),
  ];
  return {
    seq: lesson.index,
    age: chart.demographics.age,
    sex: chart.demographics.sex,
    complaint: chart.complaint,
    findings,
    helpfulTests,
    diagnosis: lesson.truth.name,
    icd10: lesson.truth.icd10,
    department: lesson.truth.department,
    turns: chart.turn,
  };
}

function distilRule(
  vocabulary: KnowledgeBase,
  lesson: JourneyLesson,
  present: number[],
  state: Uint8Array,
  existing?: ExperienceRule,
): ExperienceRule {
  const mistaken = mistakenName(lesson);
  const missed = lesson.truth.name;
  const triggers: Record<string, number> = { ...(existing?.triggers ?? {}) };
  for (const f of present) triggers[vocabulary.findings[f].id] = (triggers[vocabulary.findings[f].id] ?? 0) + 1;
  const kept = Object.entries(triggers)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxTriggers);
  // What the doctor never checked of the missed disease's key findings is the lesson; else all of them.
  const d = vocabulary.diseaseIndex.get(lesson.truth.scenarioId);
  const keys =
    d === undefined ? [] : vocabulary.diseases[d].keyFindings.map((id) => vocabulary.findingIndex.get(id) ?? -1).filter((f) => f >= 0);
  const unchecked = keys.filter((f) => state[f] === FindingState.Unknown);
  const check = [
    ...new Set([...(unchecked.length > 0 ? unchecked : keys).map((f) => vocabulary.findings[f].label), ...(existing?.check ?? [])]),
  ].slice(0, maxChecks);
  return {
    key: ruleKey(mistaken, missed),
    mistaken,
    missed,
    missedIcd10: lesson.truth.icd10,
    triggers: Object.fromEntries(kept.sort((a, b) => (a[0] < b[0] ? -1 : 1))),
    check,
    support: (existing?.support ?? 0) + 1,
    lastSeq: lesson.index,
  };
}

/** A rule as one line of advice. */
export function ruleText(rule: ExperienceRule, labelOf: (id: string) => string = (id) => id.replace(/-/g, ' ')): string {
  const triggers = Object.entries(rule.triggers)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 4)
    .map(([id]) => labelOf(id));
  const when = triggers.length > 0 ? `With ${triggers.join(', ')}` : 'In such patients';
  const check = rule.check.length > 0 ? `; check for ${rule.check.join(', ')} first` : '';
  return `${when}: "${rule.mistaken}" was given ${rule.support} time${rule.support === 1 ? '' : 's'} where the diagnosis was ${rule.missed} (${rule.missedIcd10})${check}.`;
}
