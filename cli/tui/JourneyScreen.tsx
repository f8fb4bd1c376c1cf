import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { JourneyDetail } from '../../environment/records/journey-query.js';
import { CasePanel } from './CasePanel.js';
import { Conversation } from './Conversation.js';
import { DiagnosisCard } from './DiagnosisCard.js';
import type { KeyRouter } from './key-router.js';
import { KeyBar } from './KeyBar.js';
import { ScoresPanel } from './ScoresPanel.js';
import { Timeline } from './Timeline.js';
import { useStateRef } from './use-state-ref.js';
import { money, simTime, truncate } from './text-layout.js';

export const playbackSpeeds = [0.25, 0.5, 1, 2, 4, 8, 16] as const;
const panes = ['conversation', 'diagnosis', 'scores', 'case'] as const;
type Pane = (typeof panes)[number];

export interface JourneyScreenProps {
  detail: JourneyDetail;
  /** Where this journey sits in the (filtered) list, for "12 of 340". */
  position: number;
  total: number;
  width: number;
  height: number;
  active: boolean;
  /** Where this screen's key handler goes (the app's single input subscription). */
  keys: KeyRouter;
  /** Milliseconds between events at 1× (tests pass a small value). */
  stepMs?: number;
  onBack(): void;
  onStep(delta: 1 | -1): void;
  onHelp(): void;
  onQuit(): void;
}

/** One journey: timeline, conversation, diagnosis card, scores and case, with playback. */
export function JourneyScreen(props: JourneyScreenProps) {
  const { detail, width, height } = props;
  const events = detail.events;
  const lastIndex = Math.max(0, events.length - 1);
  const [cursor, setCursor, cursorRef] = useStateRef(lastIndex);
  const [playing, setPlaying, playingRef] = useStateRef(false);
  const [speed, setSpeed] = useStateRef(2);
  const [pane, setPane, paneRef] = useStateRef<Pane>('conversation');
  const [scroll, setScroll] = useStateRef(0);
  const [, setEvidenceTurn, evidenceTurnRef] = useStateRef(-1);
  // Another journey (n/p): start it fresh at its end, in the same pane, without remounting.
  const [shownDetail, setShownDetail] = useState(detail);
  if (shownDetail !== detail) {
    setShownDetail(detail);
    setCursor(lastIndex);
    setPlaying(false);
    setScroll(0);
    setEvidenceTurn(-1);
  }

  useEffect(() => {
    if (!playing) return;
    if (cursor >= lastIndex) {
      setPlaying(false);
      return;
    }
    // The pause key may land before this effect is cleaned up: check again when the timer fires.
    const timer = setTimeout(
      () => {
        if (playingRef.current) setCursor((c) => Math.min(lastIndex, c + 1));
      },
      (props.stepMs ?? 800) / playbackSpeeds[speed],
    );
    return () => clearTimeout(timer);
  }, [playing, cursor, speed, lastIndex, props.stepMs]);

  const citedSeqs = useMemo(
    () => new Set(detail.evidence.flatMap((item) => (item.seq === undefined ? [] : [item.seq]))),
    [detail.evidence],
  );
  const citedOrder = useMemo(() => [...citedSeqs].sort((a, b) => a - b), [citedSeqs]);
  const shownEvents = events.slice(0, cursor + 1);
  const revealed = useMemo(
    () => new Set(shownEvents.flatMap((event) => (event.type === 'diagnose' ? [] : (event.factIds ?? [])))),
    [shownEvents],
  );
  const reachedDiagnosis = shownEvents.some((event) => event.type === 'diagnose') || (cursor >= lastIndex && detail.report === undefined);
  const wide = width >= 120;

  // What the key handler reads: the latest render's, since keys can outrun React's re-subscription.
  const live = useRef({ events, lastIndex, citedOrder, wide, props });
  live.current = { events, lastIndex, citedOrder, wide, props };

  const move = (delta: number): void => {
    setPlaying(false);
    setCursor((c) => Math.max(0, Math.min(live.current.lastIndex, c + delta)));
  };

  props.keys.current.journey = (input, key) => {
    const { events, lastIndex, citedOrder, wide, props } = live.current;
    if (!props.active) return;
    if (input === 'q') return props.onQuit();
    if (input === '?') return props.onHelp();
    if (key.escape || key.backspace || key.delete) return props.onBack();
    if (input === ' ') {
      if (playingRef.current) return setPlaying(false);
      if (cursorRef.current >= lastIndex) setCursor(0);
      setPane('conversation');
      return setPlaying(true);
    }
    if (input === '+' || input === '=') return setSpeed((s) => Math.min(playbackSpeeds.length - 1, s + 1));
    if (input === '-' || input === '_') return setSpeed((s) => Math.max(0, s - 1));
    if (input === 'n') return props.onStep(1);
    if (input === 'p') return props.onStep(-1);
    if (key.tab) return changePane(panes[(panes.indexOf(paneRef.current) + (key.shift ? panes.length - 1 : 1)) % panes.length]);
    if (['1', '2', '3', '4'].includes(input)) return changePane(panes[Number(input) - 1]);
    if (input === 'g' || key.home) return move(-events.length);
    if (input === 'G' || key.end) return move(events.length);
    if (input === 'e' && citedOrder.length > 0) {
      const next = (evidenceTurnRef.current + 1) % citedOrder.length;
      setEvidenceTurn(next);
      setPlaying(false);
      setPane('conversation');
      return setCursor(
        Math.max(
          0,
          events.findIndex((event) => event.seq === citedOrder[next]),
        ),
      );
    }
    const scrolling = paneRef.current !== 'conversation' && !wide;
    if (key.leftArrow || key.upArrow || input === 'k') return scrolling && !key.leftArrow ? setScroll((s) => Math.max(0, s - 1)) : move(-1);
    if (key.rightArrow || key.downArrow || input === 'j') return scrolling && !key.rightArrow ? setScroll((s) => s + 1) : move(1);
    if (key.pageUp) return scrolling ? setScroll((s) => Math.max(0, s - 10)) : move(-10);
    if (key.pageDown) return scrolling ? setScroll((s) => s + 10) : move(10);
  };

  function changePane(next: Pane): void {
    setPane(next);
    setScroll(0);
  }

  const item = detail.item;
  const bodyHeight = Math.max(4, height - (wide ? 4 : 5));
  const event = events[cursor];
  const verdict = item.correct === 1 ? '✓' : item.status === 'failed' ? '!' : '✗';
  const header = `Journey ${item.idx}${item.sample ? `.${item.sample}` : ''} (${props.position + 1}/${props.total}) · ${item.caseId} · ${item.department ?? 'no department'} · ${item.turns} turns · ${money(item.testCost)}`;
  const status = `${playing ? '▶ playing' : '❚❚ paused'} ${playbackSpeeds[speed]}× · event ${cursor + 1}/${events.length} · sim ${simTime(event?.t ?? 0)} · ${event?.stage ?? ''}`;
  const card = (paneWidth: number, paneHeight: number) => (
    <DiagnosisCard
      report={detail.report}
      evidence={detail.evidence}
      correct={item.correct}
      trueDiagnosis={item.trueDiagnosis}
      reached={reachedDiagnosis}
      failureReason={item.reason}
      width={paneWidth}
      height={paneHeight}
      scroll={scroll}
    />
  );
  const conversation = (paneWidth: number) => (
    <Conversation events={shownEvents} cursorSeq={event?.seq ?? -1} citedSeqs={citedSeqs} width={paneWidth} height={bodyHeight} />
  );

  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text color={item.correct === 1 ? 'green' : 'red'} bold>{`${verdict} `}</Text>
        <Text bold>{truncate(header, width - 2)}</Text>
      </Text>
      <Timeline events={events} cursor={cursor} width={width} />
      <Text wrap="truncate-end" dimColor>
        {status}
      </Text>
      {!wide && (
        <Text wrap="truncate-end">
          {panes.map((name, i) => (
            <Text key={name} inverse={name === pane} bold={name === pane}>{` ${i + 1} ${name} `}</Text>
          ))}
        </Text>
      )}
      {wide ? (
        <Box height={bodyHeight}>
          {conversation(Math.floor(width * 0.58))}
          <Box flexDirection="column" marginLeft={1} width={width - Math.floor(width * 0.58) - 1}>
            {pane === 'case' ? (
              <CasePanel
                patient={detail.patient}
                revealed={revealed}
                width={width - Math.floor(width * 0.58) - 1}
                height={bodyHeight}
                scroll={scroll}
              />
            ) : (
              <>
                {card(width - Math.floor(width * 0.58) - 1, Math.max(3, bodyHeight - Math.ceil(detail.scores.length / 2) - 1))}
                <Text bold>Scores</Text>
                <ScoresPanel
                  scores={detail.scores}
                  width={width - Math.floor(width * 0.58) - 1}
                  height={Math.ceil(detail.scores.length / 2)}
                />
              </>
            )}
          </Box>
        </Box>
      ) : pane === 'conversation' ? (
        conversation(width)
      ) : pane === 'diagnosis' ? (
        card(width, bodyHeight)
      ) : pane === 'scores' ? (
        <ScoresPanel scores={detail.scores} width={width} height={bodyHeight} />
      ) : (
        <CasePanel patient={detail.patient} revealed={revealed} width={width} height={bodyHeight} scroll={scroll} />
      )}
      <KeyBar
        width={width}
        keys={[
          ['space', playing ? 'pause' : 'play'],
          ['+/-', 'speed'],
          ['j/k', 'step'],
          ['n/p', 'journey'],
          [wide ? '4' : 'tab', wide ? 'case' : 'pane'],
          ['e', 'evidence'],
          ['esc', 'list'],
          ['?', 'keys'],
          ['q', 'quit'],
        ]}
      />
    </Box>
  );
}
