import type { JourneyResult } from '../domain/journey.js';
import { recordedMetrics, type Scorer } from '../domain/score.js';
import { defineMetrics } from './metric-registry.js';

export const efficiencyMetrics = defineMetrics({
  [recordedMetrics.turns]: { kind: 'count', digits: 1, label: 'Turns', higherIsBetter: null, views: ['summary', 'report', 'compare'] },
  [recordedMetrics.tests]: { kind: 'count', digits: 1, label: 'Tests', higherIsBetter: null, views: ['summary', 'report'] },
  [recordedMetrics.testCost]: {
    kind: 'cost',
    digits: 2,
    label: 'Test cost per case (USD)',
    short: 'Cost/case',
    higherIsBetter: false,
    views: ['summary', 'report', 'groups', 'compare', 'leaderboard'],
    groupKey: 'meanTestCost',
  },
  timeToDiagnosis: {
    kind: 'minutes',
    digits: 0,
    label: 'Time to diagnosis (sim min)',
    higherIsBetter: false,
    views: ['summary', 'report'],
  },
});
const { turns, tests, testCost, timeToDiagnosis } = efficiencyMetrics;

/** Model usage is summed per journey; a run report reads it from the events (calls, cached calls, tokens, latency). */
export const modelUsageMetrics = defineMetrics({
  tokens: {
    kind: 'tokens',
    label: 'Tokens per case',
    short: 'Tokens/case',
    higherIsBetter: false,
    views: ['report', 'compare', 'leaderboard'],
    key: 'tokensPerCase',
  },
  modelCalls: { kind: 'count', label: 'Model calls (cached)', higherIsBetter: null, views: ['report'] },
  modelLatencyMs: {
    kind: 'milliseconds',
    digits: 0,
    label: 'Mean latency per model call (ms)',
    short: 'Latency/call',
    higherIsBetter: false,
    views: ['report', 'leaderboard'],
    key: 'meanLatencyMs',
  },
});

export interface JourneyEfficiency {
  turns: number;
  tests: number;
  testCost: number;
  simMinutes: number;
}

/** Consultation turns (questions, orders, referrals and the diagnosis), tests done and their cost. */
export function journeyEfficiency(journey: JourneyResult): JourneyEfficiency {
  let turns = 0;
  let tests = 0;
  let testCost = 0;
  for (const event of journey.events) {
    if (event.actor === 'doctor' && (event.type === 'ask' || event.type === 'order' || event.type === 'refer')) turns++;
    if (event.type === 'result' && event.data.available) {
      tests++;
      testCost += event.data.cost;
    }
  }
  if (journey.report) turns++;
  return { turns, tests, testCost, simMinutes: journey.events.at(-1)?.t ?? 0 };
}

/** Turns, tests, what they cost and how long the diagnosis took on the simulated clock. */
export const scoreEfficiency: Scorer = (journey) => {
  const efficiency = journeyEfficiency(journey);
  return [
    { metric: turns.name, value: efficiency.turns },
    { metric: tests.name, value: efficiency.tests },
    { metric: testCost.name, value: efficiency.testCost },
    {
      metric: timeToDiagnosis.name,
      value: journey.timeToDiagnosis ?? Number.NaN,
      ...(journey.timeToDiagnosis === undefined ? { detail: { reason: 'no diagnosis' } } : {}),
    },
  ];
};

/** Model calls behind the journey's events: count, tokens and summed latency (0 for built-in agents). */
export const scoreModelUsage: Scorer = (journey) => {
  let calls = 0;
  let tokens = 0;
  let latencyMs = 0;
  for (const event of journey.events) {
    if (!event.usage) continue;
    calls++;
    tokens += event.usage.inTokens + event.usage.outTokens;
    latencyMs += event.usage.latencyMs;
  }
  return [
    { metric: modelUsageMetrics.modelCalls.name, value: calls },
    { metric: modelUsageMetrics.tokens.name, value: tokens },
    { metric: modelUsageMetrics.modelLatencyMs.name, value: latencyMs },
  ];
};
