import { Box, Text } from 'ink';
import type { PatientCase } from '../../domain/patient-case.js';
import { truncate } from './text-layout.js';

export interface CasePanelProps {
  patient: PatientCase;
  /** Fact ids revealed by the journey so far. */
  revealed: ReadonlySet<string>;
  width: number;
  height: number;
  scroll?: number;
}

/**
 * The hidden case the journey is judged against: what the doctor never sees. Present findings
 * are listed with ● when the journey brought them out and ○ when nobody asked; ★ marks key evidence.
 */
export function CasePanel({ patient, revealed, width, height, scroll = 0 }: CasePanelProps) {
  const present = patient.facts.filter((fact) => fact.present);
  const found = present.filter((fact) => revealed.has(fact.id)).length;
  const lines = [
    <Text key="truth" wrap="truncate-end">
      <Text bold>{patient.truth.diagnosis}</Text>
      <Text dimColor>{` ${patient.truth.icd10} · ${patient.truth.department} · acuity ${patient.truth.acuity}`}</Text>
    </Text>,
    <Text
      key="who"
      wrap="truncate-end"
      dimColor
    >{`${patient.demographics.age}-year-old ${patient.demographics.sex} · ${patient.caseId} · scenario ${patient.scenarioId}`}</Text>,
    <Text
      key="found"
      wrap="truncate-end"
    >{`Findings present: ${present.length}, brought out: ${found}  (● revealed ○ missed ★ key)`}</Text>,
    ...present.map((fact) => (
      <Text key={fact.id} wrap="truncate-end">
        <Text color={revealed.has(fact.id) ? 'green' : 'red'}>{revealed.has(fact.id) ? '●' : '○'}</Text>
        <Text color="yellow">{fact.key ? '★' : ' '}</Text> {truncate(`${fact.text}`, width - 4)}
      </Text>
    )),
  ];
  const start = Math.max(0, Math.min(scroll, lines.length - height));
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.slice(start, start + height)}
    </Box>
  );
}
