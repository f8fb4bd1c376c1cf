import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBuiltinAgents } from '../../../agents/builtin/index.js';
import { learningDoctorFor } from '../../../agents/experience/profile-doctor.js';
import type { ProfileConfig } from '../../../agents/experience/profile-format.js';
import { LlmSpecialistAgent } from '../../../agents/llm/specialist.js';
import { parseModelSpec, type RemoteModelSpec } from '../../../agents/models/spec.js';
import { patientFor } from '../../../environment/engine.js';
import { builtinLibraryDir } from '../../../domain/paths.js';
import { openDatabase } from '../../../environment/records/database.js';
import { ProfileStore } from '../../../environment/records/profiles.js';
import { RunStore } from '../../../environment/records/run-store.js';
import { trainProfile } from '../../../environment/training.js';
import type { PatientCase } from '../../../domain/patient-case.js';
import { loadScenarioSources } from '../../../scenarios/sources.js';
import { startFakeOllama, type FakeOllamaServer } from '../../fakes/ollama-server.js';
import { tempDir } from '../../helpers/temp.js';
import { testClient } from '../llm/fixtures.js';
import { scoreJourney } from '../../../evaluation/scorers.js';

const servers: FakeOllamaServer[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  cleanups.splice(0).forEach((cleanup) => cleanup());
});

/** A model specialist that diagnoses atrial fibrillation at once, whatever the chart. */
const diagnosis = {
  action: 'diagnose',
  report: {
    diagnosis: 'Atrial fibrillation',
    icd10: 'I48.9',
    confidence: 0.6,
    differential: [
      { name: 'Atrial fibrillation', p: 0.6 },
      { name: 'Acute heart failure', p: 0.4 },
    ],
    evidence: [{ factId: null, text: 'palpitations', supports: true }],
    reasoning: 'Palpitations with an irregular pulse.',
    plan: 'Suggest rate control and anticoagulation assessment for physician review.',
    escalated: [],
    disclaimer: 'Simulated assessment, not medical advice; a licensed physician must review it.',
  },
};

describe('a model doctor that learns by retrieval', () => {
  it('sees past cases and lessons in its prompt, never the diagnosis of the patient in front of it', async () => {
    const server = await startFakeOllama({ chat: () => ({ content: JSON.stringify(diagnosis) }) });
    servers.push(server);
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const files = ['acute-heart-failure', 'atrial-fibrillation', 'acute-pericarditis'].map((id) =>
      join(builtinLibraryDir(), 'cardiology', `${id}.yaml`),
    );
    const set = loadScenarioSources(files);
    const db = openDatabase(join(dir, 'h.db'));
    const profiles = new ProfileStore(db);
    const config: ProfileConfig = {
      doctor: 'ollama:qwen2.5:7b-instruct',
      scenarios: set.sources,
      scenarioHash: set.hash,
      scenarioCount: set.scenarios.length,
      seed: 5,
      heldOutSeed: 1_000_005,
      heldOutPatients: 0,
      window: 4,
      facility: 'tertiary',
      maxTurns: 6,
      maxReferrals: 1,
      knownKeyFindings: 1,
      retrieval: { cases: 2, rules: 2, chars: 900 },
    };
    profiles.create('llm', config);
    const specialist = new LlmSpecialistAgent({
      client: testClient(server.url),
      spec: parseModelSpec(config.doctor) as RemoteModelSpec,
      catalogue: set.catalogue,
    });
    const doctor = learningDoctorFor(config, set, profiles.loadExperience('llm'), { ...createBuiltinAgents(set), specialist });
    const canary = (index: number): string => `zzcanary${index}zz`;
    // Canary names stand in for the true diagnosis, so any trace of it in a prompt is unambiguous.
    const drawPatient = (seed: number, index: number): PatientCase => {
      const patient = patientFor(set, seed, index);
      return {
        ...patient,
        truth: { ...patient.truth, diagnosis: canary(index), synonyms: [], acceptable: [], nearMisses: [], icd10: 'Z99.9' },
      };
    };
    // Which journey each model call belongs to.
    const journeyOfChat: number[] = [];
    const watched = {
      experience: doctor.experience,
      learn: doctor.learn.bind(doctor),
      agents: {
        ...doctor.agents,
        specialist: {
          consult: async (...args: Parameters<LlmSpecialistAgent['consult']>) => {
            try {
              return await doctor.agents.specialist.consult(...args);
            } finally {
              while (journeyOfChat.length < server.chats.length) journeyOfChat.push(Number(/-p(\d+)-/.exec(args[1].journeyKey)?.[1]));
            }
          },
        },
      },
    };
    const patients = 8;
    await trainProfile({
      score: scoreJourney,
      profiles,
      runs: new RunStore(db),
      profile: 'llm',
      target: patients,
      set,
      doctor: watched,
      drawPatient,
    });

    const prompts = server.chats.map((chat) => chat.body.messages.map((message) => message.content).join('\n'));
    expect(journeyOfChat).toHaveLength(prompts.length);
    expect(new Set(journeyOfChat).size).toBe(patients);
    expect(prompts[0]).not.toContain('Experience from your past patients');
    prompts.forEach((prompt, i) => {
      expect(prompt).not.toContain(canary(journeyOfChat[i]));
      // Retrieval is bounded: at most the budget's characters of experience.
      const block = /Experience from your past patients[^]*?(?=\n\nTest catalogue)/.exec(prompt)?.[0] ?? '';
      expect(block.length).toBeLessThanOrEqual(config.retrieval.chars);
    });
    // Every diagnosis was wrong (canaries), so lessons with earlier patients' true names reach later prompts.
    expect(prompts.slice(1).some((prompt) => /Lesson: [^\n]*zzcanary\d+zz/.test(prompt))).toBe(true);
    expect(profiles.loadExperience('llm').rules.size).toBeGreaterThan(0);
    db.close();
  }, 120_000);
});
