import type { JourneyListItem } from '../../environment/records/journey-query.js';
import { money, pad, padLeft } from './text-layout.js';

/** The journey list's columns for a width: more of them on a wide terminal. */
export interface ColumnLayout {
  header: string;
  format(item: JourneyListItem): { mark: string; text: string; color?: string };
}

export function listColumns(width: number, wide: boolean): ColumnLayout {
  const fixed = wide ? 2 + 6 + 18 + 28 + 6 + 6 + 9 : 2 + 6 + 17 + 6 + 9;
  const diagnosisWidth = Math.max(12, width - fixed - 1);
  const dxWidth = wide ? Math.floor(diagnosisWidth / 2) : diagnosisWidth;
  const truthWidth = diagnosisWidth - dxWidth;
  const header =
    '  ' +
    pad('#', 6) +
    pad('diagnosis', dxWidth) +
    (wide ? pad('true diagnosis (if wrong)', truthWidth) : '') +
    pad('department', wide ? 18 : 17) +
    (wide ? pad('scenario', 28) : '') +
    padLeft('turns', 6) +
    (wide ? padLeft('tests', 6) : '') +
    padLeft('cost', 9);
  return {
    header,
    format(item) {
      const failed = item.status === 'failed';
      const mark = failed ? '!' : item.correct === 1 ? '✓' : item.correct === 0 ? '✗' : '·';
      const dx = failed ? `failed: ${item.reason ?? ''}` : (item.diagnosis ?? '—');
      const truth = item.correct === 1 ? '' : (item.trueDiagnosis ?? '');
      const text =
        pad(String(item.idx) + (item.sample ? `.${item.sample}` : ''), 6) +
        pad(dx, dxWidth - 1) +
        ' ' +
        (wide ? pad(truth, truthWidth - 1) + ' ' : '') +
        pad(item.department ?? '—', (wide ? 18 : 17) - 1) +
        ' ' +
        (wide ? pad(item.scenarioId, 27) + ' ' : '') +
        padLeft(String(item.turns), 6) +
        (wide ? padLeft(String(item.tests), 6) : '') +
        padLeft(money(item.testCost), 9);
      return { mark, text, color: failed ? 'red' : item.correct === 1 ? 'green' : 'red' };
    },
  };
}
