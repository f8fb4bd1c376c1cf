import { describe, expect, it } from 'vitest';
import { allBuiltin, createHospitalAgents } from '../../agents/index.js';
import { eventTypes, journeyEventSchema, type JourneyEvent } from '../../domain/journey.js';
import { buildHospitalGraph, runJourney } from '../../environment/hospital-graph.js';
import type { HospitalDeps } from '../../environment/journey-state.js';
import { generateCase } from '../../scenarios/generator.js';
import { loadLibrary } from '../agents/builtin/library.js';

/** The event schema is the records format: every event the engine writes must parse, unchanged. */
describe('journey event schema', () => {
  it('parses every event of real journeys, with and without a consult, to the same JSON', async () => {
    const set = loadLibrary();
    const seen = new Set<JourneyEvent['type']>();
    for (const consult of [undefined, { mode: 'always' as const, threshold: 0.6, maxConsultants: 2 }]) {
      const deps: HospitalDeps = {
        agents: createHospitalAgents(allBuiltin, set, undefined, { consult: consult !== undefined }),
        catalogue: set.catalogue,
        options: { facility: 'village', maxTurns: 20, maxReferrals: 1, ...(consult ? { consult } : {}) },
      };
      const graph = buildHospitalGraph(deps);
      for (let i = 0; i < 8; i++) {
        const journey = await runJourney(graph, generateCase(set.scenarios[(i * 17) % set.scenarios.length], i + 1, 0), 0, deps);
        for (const event of journey.events) {
          const parsed = journeyEventSchema.safeParse(event);
          expect(parsed.error?.issues[0], `${event.type}: ${JSON.stringify(event.data)}`).toBeUndefined();
          expect(JSON.stringify(parsed.data)).toBe(JSON.stringify(event));
          seen.add(event.type);
        }
      }
    }
    expect([...seen].sort()).toEqual(
      expect.arrayContaining(['arrive', 'triage', 'register', 'ask', 'answer', 'diagnose', 'plan', 'consult', 'follow-up', 'discharge']),
    );
    expect(eventTypes).toEqual(expect.arrayContaining([...seen]));
  });

  it('rejects data of the wrong shape for its type', () => {
    const base = { seq: 0, t: 0, stage: 'triage', actor: 'nurse', type: 'triage', text: 'triage' };
    expect(journeyEventSchema.safeParse({ ...base, data: { department: 'cardiology', acuity: 2, rationale: 'chest pain' } }).success).toBe(
      true,
    );
    expect(journeyEventSchema.safeParse({ ...base, data: { department: 'cardiology', acuity: '2', rationale: 'x' } }).success).toBe(false);
    expect(journeyEventSchema.safeParse({ ...base, type: 'telepathy', data: {} }).success).toBe(false);
  });
});
