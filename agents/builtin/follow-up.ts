import type { Chart } from '../../domain/chart.js';
import type { DiagnosisReport, FollowUpOutcome } from '../../domain/journey.js';
import type { AgentContext, FollowUpAgent, FollowUpObservation, WithUsage } from '../roles.js';

/**
 * The built-in follow-up doctor: reads the trend the patient reports. Improving confirms the
 * diagnosis and discharges; unchanged revises it to the next entry of the differential; worse
 * readmits with that revision.
 */
export class BuiltinFollowUp implements FollowUpAgent {
  async followUp(
    _chart: Chart,
    report: DiagnosisReport,
    observation: FollowUpObservation,
    _ctx: AgentContext,
  ): Promise<FollowUpOutcome & WithUsage> {
    return followUpOutcome(report, observation);
  }
}

export function followUpOutcome(report: DiagnosisReport, observation: FollowUpObservation): FollowUpOutcome {
  const after = `After ${observation.days} day${observation.days === 1 ? '' : 's'}`;
  if (observation.trend === 'improving') {
    return {
      status: 'improving',
      action: 'discharge',
      note: `${after} the patient is improving on treatment, which supports ${report.diagnosis}. Discharged.`,
    };
  }
  const revised = nextDiagnosis(report);
  const instead = revised ? `reconsider ${revised}` : 'review the diagnosis from the start';
  if (observation.trend === 'unchanged') {
    return {
      status: 'unchanged',
      action: 'revise',
      revised,
      note: `${after} there is no improvement on treatment for ${report.diagnosis}; ${instead}.`,
    };
  }
  return {
    status: 'worse',
    action: 'readmit',
    revised,
    note: `${after} the patient is worse despite treatment for ${report.diagnosis}: readmit and ${instead}.`,
  };
}

/** The most probable entry of the differential other than the diagnosis itself. */
function nextDiagnosis(report: DiagnosisReport): string | undefined {
  const own = report.diagnosis.trim().toLowerCase();
  return report.differential.find((entry) => entry.name.trim().toLowerCase() !== own)?.name;
}
