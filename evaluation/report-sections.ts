import type { RunRecord, RunStore } from '../environment/records/run-store.js';
import { ProfileStore } from '../environment/records/profiles.js';
import { biasSection, renderBiasEffects } from './bias-report.js';
import { consultReport, renderConsultReport } from './consult-report.js';
import { learningSectionForRun } from './learning-curve.js';
import type { ReportFormat } from './report-formats.js';

/**
 * Parts of a report that only some runs have — patient flow, a doctor profile's learning curve,
 * biases, consults — each added to every format the same way: a titled block of lines (and a
 * plot in HTML) after the main report, and its data under `sections` in JSON.
 */
export interface ReportSection {
  key: string;
  title: string;
  lines: string[];
  svg?: string;
  data: unknown;
}

export type SectionProvider = (store: RunStore, run: RunRecord) => ReportSection | undefined;

const minutes = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(0)} min` : '—');

/** Waiting, length of stay and utilisation, for runs with patients arriving over time (--arrivals). */
export const flowSection: SectionProvider = (store, run) => {
  const flow = run.config.flow as { arrivalsPerHour: number; doctors: Record<string, number>; nurses: number } | undefined;
  if (!flow) return undefined;
  const means = store.db
    .prepare(
      `SELECT metric, AVG(value) AS mean, MAX(value) AS max FROM scores WHERE run_id = ? AND metric IN ('waitTriage', 'waitDoctor', 'lengthOfStay') GROUP BY metric`,
    )
    .all(run.id) as { metric: string; mean: number; max: number }[];
  const of = (metric: string) => means.find((row) => row.metric === metric) ?? { mean: Number.NaN, max: Number.NaN };
  const utilisation = store.runMetrics(run.id).filter((metric) => metric.metric.startsWith('utilisation.'));
  const lines = [
    `Arrivals ${flow.arrivalsPerHour}/hour · triage nurses ${flow.nurses} · doctors ${
      Object.entries(flow.doctors)
        .map(([d, n]) => `${d}=${n}`)
        .join(', ') || '1 per department'
    }`,
    `Mean wait for triage ${minutes(of('waitTriage').mean)} (max ${minutes(of('waitTriage').max)}) · for a doctor ${minutes(of('waitDoctor').mean)} (max ${minutes(of('waitDoctor').max)})`,
    `Mean length of stay to diagnosis ${minutes(of('lengthOfStay').mean)} (max ${minutes(of('lengthOfStay').max)})`,
    'Utilisation:',
    ...utilisation.map((metric) => `  ${metric.metric.slice('utilisation.'.length).padEnd(24)} ${(metric.value * 100).toFixed(1)} %`),
  ];
  return {
    key: 'patientFlow',
    title: 'Patient flow',
    lines,
    data: {
      settings: flow,
      meanWaitTriage: of('waitTriage').mean,
      meanWaitDoctor: of('waitDoctor').mean,
      meanLengthOfStay: of('lengthOfStay').mean,
      utilisation: Object.fromEntries(utilisation.map((metric) => [metric.metric.slice('utilisation.'.length), metric.value])),
    },
  };
};

/** The learning curve of the doctor profile a run trained or used. */
export const learningSection: SectionProvider = (store, run) => {
  const learning = learningSectionForRun(new ProfileStore(store.db), run.config);
  if (!learning) return undefined;
  return {
    key: 'learningCurve',
    title: 'Doctor profile and learning curve',
    lines: learning.text.trimEnd().split('\n'),
    svg: learning.svg,
    data: learning.curve ?? null,
  };
};

/** A biased run against the newest unbiased run of the same patients and settings. */
export const biasesSection: SectionProvider = (store, run) => {
  const biases = biasSection(store, run);
  if (!biases) return undefined;
  const lines = 'paired' in biases ? renderBiasEffects([biases]).trimEnd().split('\n') : [biases.note];
  return { key: 'biases', title: `Biases: ${biases.label}`, lines, data: biases };
};

/** How often the multidisciplinary consult changed the answer, and whether for the better. */
export const consultSection: SectionProvider = (store, run) => {
  if (!run.config.consult) return undefined;
  const consult = consultReport(store, run);
  return { key: 'consult', title: 'Multidisciplinary consults', lines: renderConsultReport(consult).trimEnd().split('\n'), data: consult };
};

export const sectionProviders: SectionProvider[] = [flowSection, biasesSection, consultSection, learningSection];

export function reportSections(store: RunStore, run: RunRecord, providers: SectionProvider[] = sectionProviders): ReportSection[] {
  return providers.flatMap((provider) => provider(store, run) ?? []);
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Add the sections to a rendered report in its own format. */
export function appendSections(rendered: string, format: ReportFormat, sections: ReportSection[]): string {
  if (sections.length === 0) return rendered;
  switch (format) {
    case 'json': {
      const json = JSON.parse(rendered) as Record<string, unknown>;
      json.sections = Object.fromEntries(sections.map((section) => [section.key, section.data]));
      return JSON.stringify(json, null, 2) + '\n';
    }
    case 'csv':
      return rendered;
    case 'md':
      return rendered + sections.map((section) => `\n## ${section.title}\n\n\`\`\`\n${section.lines.join('\n')}\n\`\`\`\n`).join('');
    case 'html': {
      const blocks = sections
        .map(
          (section) =>
            `<section class="extra" id="${section.key}"><h2>${escapeHtml(section.title)}</h2>${section.svg ?? ''}<pre>${escapeHtml(section.lines.join('\n'))}</pre></section>`,
        )
        .join('\n');
      return rendered.includes('</body>') ? rendered.replace('</body>', `${blocks}\n</body>`) : rendered + blocks;
    }
    default:
      return rendered + sections.map((section) => `\n${section.title}:\n${section.lines.map((line) => `  ${line}`).join('\n')}\n`).join('');
  }
}
