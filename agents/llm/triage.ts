import type { Chart } from '../../domain/chart.js';
import { departments } from '../../scenarios/schema.js';
import type { AgentContext, TriageAgent, TriageDecision } from '../roles.js';
import { loadPrompt } from '../prompts/prompts.js';
import { renderChart } from './chart-text.js';
import { callOptions, system, user, type LlmRoleDeps } from './role-deps.js';
import { triageDecisionSchema } from './schemas.js';

/** The triage nurse as a model: department and acuity from the complaint and triage observations. */
export class LlmTriageAgent implements TriageAgent {
  constructor(private readonly deps: LlmRoleDeps) {}

  async triage(chart: Chart, ctx: AgentContext): Promise<TriageDecision> {
    const prompt = [
      renderChart(chart),
      '',
      `Departments: ${departments.join(', ')}`,
      '',
      'Decide the department and acuity for this patient.',
    ].join('\n');
    const { output, usage } = await this.deps.client.chat({
      spec: this.deps.spec,
      role: 'triage',
      messages: [system(loadPrompt('triage')), user(prompt)],
      schema: triageDecisionSchema,
      options: callOptions(this.deps, ctx),
      sample: ctx.sample,
    });
    return { department: output.department, acuity: output.acuity, rationale: output.rationale, usage };
  }
}
