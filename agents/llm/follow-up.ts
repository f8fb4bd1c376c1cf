import type { Chart } from '../../domain/chart.js';
import type { DiagnosisReport, FollowUpOutcome } from '../../domain/journey.js';
import type { AgentContext, FollowUpAgent, FollowUpObservation, WithUsage } from '../roles.js';
import { loadPrompt } from '../prompts/prompts.js';
import { renderChart } from './chart-text.js';
import { callOptions, system, user, type LlmRoleDeps } from './role-deps.js';
import { followUpDecisionSchema } from './schemas.js';

/** The follow-up doctor as a model: judges the course against the diagnosis, and may revise it. */
export class LlmFollowUpAgent implements FollowUpAgent {
  constructor(private readonly deps: LlmRoleDeps) {}

  async followUp(
    chart: Chart,
    report: DiagnosisReport,
    observation: FollowUpObservation,
    ctx: AgentContext,
  ): Promise<FollowUpOutcome & WithUsage> {
    const prompt = [
      'Chart from the first visit:',
      renderChart(chart),
      '',
      'Diagnosis report:',
      `Diagnosis: ${report.diagnosis}${report.icd10 ? ` (${report.icd10})` : ''}, confidence ${report.confidence}`,
      `Differential: ${report.differential.map((entry) => `${entry.name} (${entry.p})`).join('; ')}`,
      `Plan: ${report.plan}`,
      '',
      `Follow-up visit, ${observation.days} day${observation.days === 1 ? '' : 's'} later. The patient says: "${observation.report}"`,
      '',
      'Decide the status and the action.',
    ].join('\n');
    const { output, usage } = await this.deps.client.chat({
      spec: this.deps.spec,
      role: 'followUp',
      messages: [system(loadPrompt('follow-up')), user(prompt)],
      schema: followUpDecisionSchema,
      options: callOptions(this.deps, ctx),
      sample: ctx.sample,
    });
    return {
      status: output.status,
      action: output.action,
      ...(output.action === 'revise' && output.revised ? { revised: output.revised } : {}),
      note: output.note,
      usage,
    };
  }
}
