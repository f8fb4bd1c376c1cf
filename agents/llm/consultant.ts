import type { Chart } from '../../domain/chart.js';
import type { DiagnosisReport } from '../../domain/journey.js';
import type { Department } from '../../scenarios/schema.js';
import { loadPrompt } from '../prompts/prompts.js';
import type { AgentContext, ConsultantAgent, ConsultOpinion } from '../roles.js';
import { renderChart } from './chart-text.js';
import { callOptions, system, user, type LlmRoleDeps } from './role-deps.js';
import { finalDiagnosisSchema } from './schemas.js';
import { toDiagnosisReport } from './specialist.js';

/**
 * A consultant as a model: the specialist's model with a review prompt, giving its department's
 * opinion as a final diagnosis report. It reads the chart and the treating doctor's working
 * diagnosis (both the doctors' own work), never the case.
 */
export class LlmConsultantAgent implements ConsultantAgent {
  constructor(private readonly deps: LlmRoleDeps) {}

  async review(chart: Chart, department: Department, working: DiagnosisReport, ctx: AgentContext): Promise<ConsultOpinion> {
    const prompt = [
      `You are the consultant from ${department}.`,
      '',
      renderChart(chart),
      '',
      renderWorkingDiagnosis(working),
      '',
      `Give your ${department} opinion as a diagnosis report.`,
    ].join('\n');
    const { output, usage } = await this.deps.client.chat({
      spec: this.deps.spec,
      role: 'consultant',
      messages: [system(`${loadPrompt('consultant')}${this.deps.persona ?? ''}`), user(prompt)],
      schema: finalDiagnosisSchema,
      options: callOptions(this.deps, ctx),
      sample: ctx.sample,
    });
    return { department, report: toDiagnosisReport(output.report), usage };
  }
}

/** The treating doctor's conclusion as the consultant reads it. */
export function renderWorkingDiagnosis(working: DiagnosisReport): string {
  const differential = working.differential.map((entry) => `${entry.name} (${entry.p.toFixed(2)})`).join(', ');
  return [
    `Working diagnosis of the treating doctor: ${working.diagnosis} (confidence ${working.confidence.toFixed(2)}).`,
    `Their differential: ${differential || 'none given'}.`,
  ].join('\n');
}
