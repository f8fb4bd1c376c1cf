import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { LinkedEvidence } from '../../environment/records/journey-query.js';
import type { DiagnosisReport } from '../../domain/journey.js';
import { pad, percent, probabilityBar, truncate, wrapText } from './text-layout.js';

export interface DiagnosisCardProps {
  report?: DiagnosisReport;
  evidence: readonly LinkedEvidence[];
  /** 1 correct, 0 wrong, null unscored. */
  correct: number | null;
  trueDiagnosis: string | null;
  /** False while playback has not reached the diagnosis: the card does not spoil it. */
  reached: boolean;
  failureReason?: string | null;
  width: number;
  height: number;
  /** First line shown (the card scrolls in a small pane). */
  scroll?: number;
}

/** Lines of the card, each one row high, so the pane can fit and scroll them exactly. */
export function diagnosisCardLines(props: Omit<DiagnosisCardProps, 'height' | 'scroll'>): ReactNode[] {
  const { report, evidence, correct, trueDiagnosis, reached, failureReason, width } = props;
  if (!reached)
    return [
      <Text key="wait" dimColor>
        No diagnosis yet at this point of the journey.
      </Text>,
    ];
  if (!report) {
    return [
      <Text key="none" color="red">
        No diagnosis given{failureReason ? `: ${truncate(failureReason, width - 20)}` : '.'}
      </Text>,
      ...(trueDiagnosis ? [<Text key="truth" dimColor>{`True diagnosis: ${trueDiagnosis}`}</Text>] : []),
    ];
  }
  const lines: ReactNode[] = [];
  const verdict =
    correct === 1 ? (
      <Text color="green">✓ correct</Text>
    ) : correct === 0 ? (
      <Text color="red">✗ wrong</Text>
    ) : (
      <Text dimColor>unscored</Text>
    );
  lines.push(
    <Text key="dx" wrap="truncate-end">
      <Text bold>{report.diagnosis}</Text>
      {report.icd10 ? <Text dimColor>{` ${report.icd10}`}</Text> : null}
      <Text>{` ${percent(report.confidence)}  `}</Text>
      {verdict}
    </Text>,
  );
  if (correct !== 1 && trueDiagnosis)
    lines.push(<Text key="truth" color="yellow" wrap="truncate-end">{`True diagnosis: ${trueDiagnosis}`}</Text>);
  lines.push(
    <Text key="dd-h" bold>
      Differential
    </Text>,
  );
  const nameWidth = Math.max(12, Math.min(30, width - 22));
  const barWidth = Math.max(5, width - nameWidth - 9);
  report.differential.slice(0, 6).forEach((entry, i) => {
    lines.push(
      <Text key={`dd-${i}`} wrap="truncate-end">
        {pad(entry.name, nameWidth)} <Text color={i === 0 ? 'cyan' : 'blue'}>{probabilityBar(entry.p, barWidth)}</Text>{' '}
        {percent(entry.p).padStart(5)}
      </Text>,
    );
  });
  lines.push(
    <Text key="ev-h" bold>
      Evidence cited
    </Text>,
  );
  if (evidence.length === 0)
    lines.push(
      <Text key="ev-none" dimColor>
        none
      </Text>,
    );
  evidence.forEach((item, i) => {
    const sign = item.supports ? '+' : '−';
    const link =
      item.status === 'revealed' ? (
        <Text color="green">{` → #${item.seq}`}</Text>
      ) : item.status === 'invented' ? (
        <Text color="red" bold>
          {' ✗ invented'}
        </Text>
      ) : (
        <Text dimColor>{' (no fact id)'}</Text>
      );
    const room = width - 3 - (item.status === 'revealed' ? 6 : 11);
    lines.push(
      <Text key={`ev-${i}`} wrap="truncate-end">
        <Text color={item.supports ? 'green' : 'yellow'}>{sign}</Text> {truncate(item.text, room)}
        {link}
      </Text>,
    );
  });
  if (report.reasoning) {
    lines.push(
      <Text key="rs-h" bold>
        Reasoning
      </Text>,
    );
    wrapText(report.reasoning, width).forEach((line, i) => lines.push(<Text key={`rs-${i}`}>{line}</Text>));
  }
  if (report.plan) {
    lines.push(
      <Text key="pl-h" bold>
        Plan (suggested, for sign-off)
      </Text>,
    );
    wrapText(report.plan, width).forEach((line, i) => lines.push(<Text key={`pl-${i}`}>{line}</Text>));
  }
  return lines;
}

/** The diagnosis with its differential as bars and each cited fact linked to the turn that revealed it. */
export function DiagnosisCard(props: DiagnosisCardProps) {
  const lines = diagnosisCardLines(props);
  const scroll = Math.max(0, Math.min(props.scroll ?? 0, lines.length - props.height));
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      {lines.slice(scroll, scroll + props.height)}
    </Box>
  );
}
