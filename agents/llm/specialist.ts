import type { Chart } from '../../domain/chart.js';
import type { DiagnosisReport } from '../../domain/journey.js';
import type { Catalogue } from '../../scenarios/catalogue.js';
import type { AgentContext, ConsultAction, SpecialistAgent } from '../roles.js';
import { loadPrompt } from '../prompts/prompts.js';
import { renderCatalogue, renderChart, renderTurnBudget } from './chart-text.js';
import { callOptions, system, user, type LlmRoleDeps } from './role-deps.js';
import { finalDiagnosisSchema, specialistActionSchema, type DiagnosisReportOutput, type SpecialistActionOutput } from './schemas.js';

/** Context for the specialist's prompt drawn from the chart alone; undefined adds nothing. */
export type SpecialistContext = (chart: Chart) => string | undefined | Promise<string | undefined>;

/**
 * The specialist as a model: one structured action per turn (ask, order, refer, diagnose) from
 * the chart alone. On the last turn the schema allows only a diagnosis.
 */
export class LlmSpecialistAgent implements SpecialistAgent {
  constructor(
    private readonly deps: LlmRoleDeps,
    /** Extra context drawn from the chart each turn (a doctor profile's retrieved experience). */
    private readonly context?: SpecialistContext,
  ) {}

  /** The same specialist with a context provider (e.g. `hospital run --profile`). */
  withContext(context: SpecialistContext): LlmSpecialistAgent {
    return new LlmSpecialistAgent(this.deps, context);
  }

  async consult(chart: Chart, ctx: AgentContext): Promise<ConsultAction> {
    const lastTurn = chart.maxTurns - chart.turn <= 1;
    const extra = await this.context?.(chart);
    const briefing = await this.deps.briefing?.(ctx);
    const prompt = [
      ...(briefing ? [briefing, ''] : []),
      renderChart(chart),
      '',
      ...(extra ? [extra, ''] : []),
      renderCatalogue(this.deps.catalogue, chart),
      '',
      renderTurnBudget(chart),
      lastTurn ? 'Give your diagnosis report now.' : 'Choose your next action.',
    ].join('\n');
    const request = {
      spec: this.deps.spec,
      role: 'specialist' as const,
      messages: [system(`${loadPrompt('specialist')}${this.deps.persona ?? ''}`), user(prompt)],
      options: callOptions(this.deps, ctx),
      sample: ctx.sample,
    };
    if (lastTurn) {
      const { output, usage } = await this.deps.client.chat({ ...request, schema: finalDiagnosisSchema });
      return { kind: 'diagnose', report: toDiagnosisReport(output.report), usage };
    }
    const { output, usage } = await this.deps.client.chat({ ...request, schema: specialistActionSchema });
    return { ...toConsultAction(output, this.deps.catalogue), usage };
  }
}

/** The validated model action as the environment's ConsultAction (the schema guarantees the fields). */
export function toConsultAction(output: SpecialistActionOutput, catalogue: Catalogue): ConsultAction {
  switch (output.action) {
    case 'ask':
      return { kind: 'ask', question: output.question ?? '' };
    case 'order':
      return { kind: 'order', tests: catalogueIds(output.tests ?? [], catalogue), ...(output.reason ? { reason: output.reason } : {}) };
    case 'refer':
      return { kind: 'refer', department: output.department ?? 'general-medicine', reason: output.reason ?? '' };
    case 'diagnose':
      return { kind: 'diagnose', report: toDiagnosisReport(output.report as DiagnosisReportOutput) };
  }
}

/** Free-text test names mapped to catalogue ids; a name no test matches is passed on as written. */
export function catalogueIds(names: readonly string[], catalogue: Catalogue): string[] {
  const ids = names.map((name) => catalogue.resolve(name)?.id ?? name.trim()).filter((id) => id !== '');
  return [...new Set(ids)];
}

export function toDiagnosisReport(output: DiagnosisReportOutput): DiagnosisReport {
  const differential = output.differential
    .map((entry) => ({ name: entry.name, p: entry.p, ...(entry.icd10 ? { icd10: normaliseIcd10(entry.icd10) } : {}) }))
    .sort((a, b) => b.p - a.p);
  const icd10 = output.icd10 ? normaliseIcd10(output.icd10) : undefined;
  return {
    diagnosis: output.diagnosis,
    ...(icd10 ? { icd10 } : {}),
    confidence: output.confidence,
    differential,
    evidence: output.evidence.map((item) => ({
      ...(item.factId ? { factId: item.factId } : {}),
      text: item.text,
      supports: item.supports,
    })),
    reasoning: output.reasoning,
    plan: output.plan,
    disclaimer: output.disclaimer,
    ...(output.escalated ? { escalated: output.escalated } : {}),
  };
}

function normaliseIcd10(code: string): string {
  return code.trim().toUpperCase();
}
