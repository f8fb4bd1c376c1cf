import type { Chart } from '../../domain/chart.js';
import type { KnowledgeBase } from '../builtin/knowledge-base.js';
import { defaultSpecialistOptions, nextAction, type SpecialistOptions } from '../builtin/specialist.js';
import type { AgentContext, ConsultAction, SpecialistAgent } from '../roles.js';
import type { DoctorBias } from './catalogue.js';
import { biasedSpecialistOptions } from './doctor-biases.js';

/**
 * Where a doctor's memory of earlier patients comes from: the diagnoses made on the patients
 * before this one in the run (environment/ward-memory.ts). Given the patient slot, not the case.
 */
export interface RecentDiagnoses {
  recent(patientIndex: number): Promise<string[]>;
}

/** The built-in specialist reasoning through its biases (see doctor-biases.ts). */
export class BiasedBuiltinSpecialist implements SpecialistAgent {
  constructor(
    private readonly kb: KnowledgeBase,
    private readonly biases: readonly DoctorBias[],
    private readonly memory?: RecentDiagnoses,
    private readonly base: SpecialistOptions = defaultSpecialistOptions,
  ) {}

  async consult(chart: Chart, ctx: AgentContext): Promise<ConsultAction> {
    const recentDiagnoses =
      this.biases.includes('availability') && this.memory && ctx.patientIndex !== undefined
        ? await this.memory.recent(ctx.patientIndex)
        : [];
    return nextAction(this.kb, chart, biasedSpecialistOptions(this.kb, this.biases, { recentDiagnoses }, this.base));
  }
}
