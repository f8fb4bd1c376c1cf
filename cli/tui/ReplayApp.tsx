import { Box, Text, useApp, useInput, useStdin } from 'ink';
import { useMemo, useRef, useState } from 'react';
import type { JourneyDetail, JourneyFilter, JourneyQuery } from '../../environment/records/journey-query.js';
import type { RunRecord } from '../../environment/records/run-store.js';
import { HelpScreen } from './HelpScreen.js';
import { JourneyListScreen } from './JourneyListScreen.js';
import { JourneyScreen } from './JourneyScreen.js';
import type { KeyRouter } from './key-router.js';
import { useStateRef } from './use-state-ref.js';
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
  // One row spare: Ink redraws the whole screen when a frame is as tall as the terminal.
  const height = Math.max(10, rows - 1);
  const [filter, setFilter, filterRef] = useStateRef<JourneyFilter>({});
  const [cursor, setCursor, cursorRef] = useStateRef(0);
  const [help, setHelp, helpRef] = useStateRef(false);
  const [note, setNote] = useState<string | undefined>();
  const keys = useRef<KeyRouter['current']>({});
  const [opened, setOpened, openedRef] = useStateRef<Opened | undefined>(() => {
    if (patient === undefined) return undefined;
    const detail = query.detail(run.id, patient, 0);
    return detail ? { position: Math.max(0, query.positionOf(run.id, {}, patient, 0)), detail } : undefined;
  });
  // Where the open journey sits, read by n/p even before React re-renders (keys can come fast).
  const position = useRef(opened?.position ?? 0);
  const [missingPatient] = useState(() => patient !== undefined && opened === undefined);
  const total = useMemo(() => query.count(run.id, filter), [query, run.id, filter]);

  const quit = (): void => {
    onExit?.();
    exit();
  };
  const open = (at: number): boolean => {
    if (at < 0) return false;
    const item = query.page(run.id, filterRef.current, at, 1)[0];
    const detail = item && query.detail(run.id, item.idx, item.sample);
    if (!detail) return false;
    setCursor(at);
    setOpened({ position: at, detail });
    position.current = at;
    return true;
  };

  useInput(
    (input, key) => {
      if (helpRef.current) return setHelp(false);
      (openedRef.current ? keys.current.journey : keys.current.list)?.(input, key);
    },
    { isActive: interactive },
  );

  // Both screens stay mounted (the list hidden under a journey, both under the help), so the
  // list position and playback survive, and no key is lost to a screen still mounting.
  return (
    <Box flexDirection="column">
      {help && <HelpScreen width={columns} height={height} />}
      <Box flexDirection="column" display={help || opened ? 'none' : 'flex'}>
        {missingPatient && <Text color="yellow">{`No journey ${patient} in run ${run.id}; showing the list.`}</Text>}
        <JourneyListScreen
          query={query}
          run={run}
          filter={filter}
          cursor={cursor}
          width={columns}
          height={height - (missingPatient ? 1 : 0)}
          active={interactive && !help && !opened}
          onFilter={setFilter}
          onCursor={setCursor}
          onOpen={() => void open(cursorRef.current)}
          keys={keys}
          onHelp={() => setHelp(true)}
          onQuit={quit}
        />
      </Box>
      {opened && (
        <Box flexDirection="column" display={help ? 'none' : 'flex'}>
          <JourneyScreen
            detail={opened.detail}
            position={opened.position}
            total={total}
            width={columns}
            height={height - (note ? 1 : 0)}
            active={interactive && !help}
            stepMs={stepMs}
            keys={keys}
            onBack={() => {
              setNote(undefined);
              setOpened(undefined);
            }}
            onStep={(delta) =>
              setNote(open(position.current + delta) ? undefined : delta > 0 ? 'Last journey of the list.' : 'First journey of the list.')
            }
            onHelp={() => setHelp(true)}
            onQuit={quit}
          />
          {note && <Text color="yellow">{note}</Text>}
        </Box>
      )}
    </Box>
  );
}
