import type { JourneyResult } from '../domain/journey.js';
import type { Scorer } from '../domain/score.js';

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
    { metric: 'turns', value: efficiency.turns },
    { metric: 'tests', value: efficiency.tests },
    { metric: 'testCost', value: efficiency.testCost },
    {
      metric: 'timeToDiagnosis',
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
    { metric: 'modelCalls', value: calls },
    { metric: 'tokens', value: tokens },
    { metric: 'modelLatencyMs', value: latencyMs },
  ];
};
