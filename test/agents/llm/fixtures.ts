import { join } from 'node:path';
import { newChart, reveal, type Chart } from '../../../domain/chart.js';
import { builtinLibraryDir } from '../../../domain/paths.js';
import { Rng } from '../../../domain/random.js';
import type { AgentContext } from '../../../agents/roles.js';
import { ModelClient } from '../../../agents/models/client.js';
import { generateCase } from '../../../scenarios/generator.js';
import { loadScenarioFiles, type ScenarioSet } from '../../../scenarios/loader.js';
import type { PatientCase } from '../../../domain/patient-case.js';

/** One real scenario from the library and a patient drawn from it. */
export function pneumoniaCase(seed = 7, index = 3): { set: ScenarioSet; patient: PatientCase } {
  const set = loadScenarioFiles([join(builtinLibraryDir(), 'respiratory', 'community-acquired-pneumonia.yaml')]);
  return { set, patient: generateCase(set.scenarios[0], seed, index) };
}

/** The chart a doctor sees after triage: demographics, complaint and the triage observations. */
export function chartAfterTriage(patient: PatientCase, maxTurns = 10): Chart {
  const chart = newChart({
    caseId: patient.caseId,
    facility: 'county',
    demographics: patient.demographics,
    complaint: patient.complaint.text,
    maxTurns,
  });
  reveal(
    chart,
    patient.facts
      .filter((fact) => fact.source === 'triage' && fact.present)
      .map((fact) => ({ factId: fact.id, text: fact.text, present: true, source: 'triage' as const, t: 0 })),
  );
  reveal(
    chart,
    patient.complaint.factIds.map((id) => {
      const fact = patient.facts.find((candidate) => candidate.id === id);
      return { factId: id, text: fact?.text ?? id, present: true, source: 'patient' as const, t: 0 };
    }),
  );
  chart.department = 'respiratory';
  chart.acuity = 3;
  return chart;
}

/** Every fact of the case on the chart (the most a doctor could ever learn). */
export function chartWithEverything(patient: PatientCase): Chart {
  const chart = chartAfterTriage(patient);
  reveal(
    chart,
    patient.facts.map((fact) => ({
      factId: fact.id,
      text: fact.present ? fact.text : `no ${fact.label}`,
      present: fact.present,
      source: fact.source,
      t: 5,
    })),
  );
  chart.conversation.push({ role: 'doctor', text: 'How long have you had the cough?' }, { role: 'patient', text: 'Three days.' });
  return chart;
}

export const context = (step = 0, sample = 0): AgentContext => ({
  rng: Rng.derive('agents', 7, 3, sample, step),
  sample,
  journeyKey: 'seed7-i3',
});

export function testClient(url: string): ModelClient {
  return new ModelClient({ ollamaHosts: [url], rng: new Rng(1), sleep: async () => {}, timeoutMs: 2000 });
}
