import { Box, Text, useApp, useInput, useStdin } from 'ink';
import { useState } from 'react';
import type { JourneyDetail, JourneyFilter, JourneyQuery } from '../../environment/records/journey-query.js';
import type { RunRecord } from '../../environment/records/run-store.js';
import { HelpScreen } from './HelpScreen.js';
import { JourneyListScreen } from './JourneyListScreen.js';
import { JourneyScreen } from './JourneyScreen.js';
import { useTerminalSize, type TerminalSize } from './use-terminal-size.js';

export interface ReplayAppProps {
  query: JourneyQuery;
  run: RunRecord;
  /** Open this journey (patient index) first, as `--patient N` does. */
  patient?: number;
  /** Fixed size instead of the terminal's (tests). */
  size?: TerminalSize;
  /** Playback step at 1× in milliseconds. */
  stepMs?: number;
  onExit?(): void;
}

interface Opened {
  position: number;
  detail: JourneyDetail;
}

/** The journey browser: a list of the run's journeys and one journey at a time, read on demand. */
export function ReplayApp({ query, run, patient, size, stepMs, onExit }: ReplayAppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const interactive = isRawModeSupported === true;
  const { columns, rows } = useTerminalSize(size);
  const height = Math.max(10, rows - 1);
  const [filter, setFilter] = useState<JourneyFilter>({});
  const [cursor, setCursor] = useState(0);
  const [help, setHelp] = useState(false);
  const [note, setNote] = useState<string | undefined>();
  const [opened, setOpened] = useState<Opened | undefined>(() => {
    if (patient === undefined) return undefined;
    const detail = query.detail(run.id, patient, 0);
    return detail ? { position: Math.max(0, query.positionOf(run.id, {}, patient, 0)), detail } : undefined;
  });
  const [missingPatient] = useState(() => patient !== undefined && opened === undefined);

  const quit = (): void => {
    onExit?.();
    exit();
  };
  const open = (position: number): boolean => {
    const item = query.page(run.id, filter, position, 1)[0];
    const detail = item && query.detail(run.id, item.idx, item.sample);
    if (!detail) return false;
    setCursor(position);
    setOpened({ position, detail });
    return true;
  };

  useInput(() => setHelp(false), { isActive: interactive && help });

  if (help) return <HelpScreen width={columns} height={height} />;
  return (
    <Box flexDirection="column">
      {missingPatient && !opened && <Text color="yellow">{`No journey ${patient} in run ${run.id}; showing the list.`}</Text>}
      {opened ? (
        <JourneyScreen
          key={`${opened.detail.item.idx}.${opened.detail.item.sample}`}
          detail={opened.detail}
          position={opened.position}
          total={query.count(run.id, filter)}
          width={columns}
          height={height - (note ? 1 : 0)}
          active={interactive}
          stepMs={stepMs}
          onBack={() => setOpened(undefined)}
          onStep={(delta) => {
            if (!open(opened.position + delta)) setNote(delta > 0 ? 'Last journey of the list.' : 'First journey of the list.');
            else setNote(undefined);
          }}
          onHelp={() => setHelp(true)}
          onQuit={quit}
        />
      ) : (
        <JourneyListScreen
          query={query}
          run={run}
          filter={filter}
          cursor={cursor}
          width={columns}
          height={height - (missingPatient ? 1 : 0)}
          active={interactive}
          onFilter={setFilter}
          onCursor={setCursor}
          onOpen={(position) => void open(position)}
          onHelp={() => setHelp(true)}
          onQuit={quit}
        />
      )}
      {opened && note && <Text color="yellow">{note}</Text>}
    </Box>
  );
}
