import { Box, Text, useApp, useInput, useStdin } from 'ink';
import { useEffect, useRef, useState } from 'react';
import {
  diagnosisAction,
  parseConfidence,
  parseDoctorCommand,
  parseEvidence,
  type DiagnosisForm,
} from '../../agents/human/doctor-input.js';
import type { DoctorTurnRequest } from '../../agents/human/turn-requests.js';
import type { DemoRole, DemoUpdate } from '../../environment/demo-session.js';
import type { JourneyEvent } from '../../domain/journey.js';
import { ChartTranscript } from './ChartTranscript.js';
import { DoctorChartSide } from './DoctorChartSide.js';
import { PatientCardSide } from './PatientCardSide.js';
import { ComparisonCard } from './ComparisonCard.js';
import { Conversation } from './Conversation.js';
import { KeyBar } from './KeyBar.js';
import { truncate } from './text-layout.js';
import { useStateRef } from './use-state-ref.js';
import { useTerminalSize, type TerminalSize } from './use-terminal-size.js';

/** What the demo screen drives: a DemoSession, or a fake in tests. */
export interface DemoDriver {
  id: string;
  advance(reply?: unknown, onEvents?: (events: JourneyEvent[]) => void): Promise<DemoUpdate>;
}

export interface DemoAppProps {
  driver: DemoDriver;
  play: DemoRole;
  /** How to resume, shown when the person stops early. */
  resumeHint: string;
  /** Milliseconds between events as they appear (0 shows them at once). */
  paceMs?: number;
  size?: TerminalSize;
  onExit?(outcome: 'finished' | 'paused'): void;
}

type Stage = { step: 'command' } | { step: 'confidence' | 'differential' | 'evidence' | 'plan'; form: DiagnosisForm };

const stageLabel: Record<Stage['step'], string> = {
  command: 'You',
  confidence: 'Confidence % (e.g. 70)',
  differential: 'Differential: other diagnoses with % (e.g. "asthma 20, pneumonia 10"), or enter',
  evidence: 'Evidence: numbers of the facts that support it (-N against), e.g. "1 3 -5"',
  plan: 'Plan (a suggestion for the attending), or enter',
};

/** One journey live: events as they happen, and when the person's turn comes, a prompt. */
export function DemoApp({ driver, play, resumeHint, paceMs = 250, size, onExit }: DemoAppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const { columns, rows } = useTerminalSize(size);
  const [events, setEvents] = useState<JourneyEvent[]>([]);
  const [shown, setShown] = useState(0);
  const [update, setUpdate] = useState<DemoUpdate | undefined>();
  const [busy, setBusy, busyRef] = useStateRef(true);
  const [text, setText, textRef] = useStateRef('');
  const [stage, setStage, stageRef] = useStateRef<Stage>({ step: 'command' });
  const [message, setMessage] = useState<string | undefined>();
  const started = useRef(false);

  const run = (reply?: unknown): void => {
    setBusy(true);
    setMessage(undefined);
    driver
      .advance(reply, (next) => setEvents(next))
      .then((next) => {
        setEvents(next.events);
        setUpdate(next);
        setBusy(false);
      })
      .catch((error: unknown) => {
        setMessage(`error: ${error instanceof Error ? error.message : String(error)}`);
        setBusy(false);
      });
  };

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    run();
  });

  // Events appear one at a time, so a class can follow them.
  useEffect(() => {
    if (shown >= events.length) return;
    if (paceMs <= 0) return setShown(events.length);
    const timer = setTimeout(() => setShown((n) => Math.min(events.length, n + 1)), paceMs);
    return () => clearTimeout(timer);
  }, [shown, events.length, paceMs]);

  const prompt = busy ? undefined : update?.prompt;
  const finished = !busy && update?.outcome !== undefined && shown >= events.length;

  const submit = (line: string): void => {
    const current = stageRef.current;
    const prompt = live.current.prompt;
    if (!prompt) return;
    if (prompt.role === 'patient') return run({ text: line });
    if (current.step === 'command') {
      const command = parseDoctorCommand(line);
      if (command.kind === 'error') return setMessage(command.message);
      if (command.kind === 'action') return run(command.action);
      return setStage({
        step: 'confidence',
        form: { diagnosis: command.diagnosis, confidence: 0.7, differential: '', evidence: [], plan: '' },
      });
    }
    const form = current.form;
    if (current.step === 'confidence') {
      const confidence = parseConfidence(line || '70');
      if (confidence === undefined) return setMessage('a number from 0 to 100');
      return setStage({ step: 'differential', form: { ...form, confidence } });
    }
    if (current.step === 'differential') return setStage({ step: 'evidence', form: { ...form, differential: line } });
    if (current.step === 'evidence') {
      const parsed = parseEvidence(line, (prompt as DoctorTurnRequest).chart);
      if (parsed.unknown.length > 0) return setMessage(`no fact numbered ${parsed.unknown.join(', ')}`);
      return setStage({ step: 'plan', form: { ...form, evidence: parsed.evidence } });
    }
    setStage({ step: 'command' });
    run(diagnosisAction({ ...form, plan: line }));
  };

  // What the key handler reads: the latest render's (keys can outrun React's re-subscription).
  const live = useRef({ prompt, finished, submit });
  live.current = { prompt, finished, submit };

  useInput(
    (input, key) => {
      const { finished, submit } = live.current;
      if (finished) {
        onExit?.('finished');
        return exit();
      }
      if (key.escape || (key.ctrl && input === 'c')) {
        onExit?.('paused');
        return exit();
      }
      if (busyRef.current) return;
      if (key.return) {
        const line = textRef.current;
        setText('');
        return submit(line.trim());
      }
      if (key.backspace || key.delete) return setText((t) => t.slice(0, -1));
      if (input && !key.ctrl && !key.meta) setText((t) => t + input);
    },
    { isActive: isRawModeSupported === true },
  );

  const height = Math.max(12, rows - 1);
  const wide = columns >= 110;
  const sideWidth = wide ? Math.floor(columns * 0.36) : columns;
  const mainWidth = wide ? columns - sideWidth - 1 : columns;
  const sideHeight = wide ? height - 6 : 6;
  const side = !prompt ? null : prompt.role === 'patient' ? (
    <PatientCardSide prompt={prompt} width={sideWidth} height={sideHeight} />
  ) : (
    <DoctorChartSide chart={prompt.chart} width={sideWidth} height={sideHeight} />
  );
  const paneHeight = Math.max(4, height - 5 - (wide || !side ? 0 : 6) - (finished ? 10 : 0));
  const who = play === 'doctor' ? 'you are the doctor' : play === 'patient' ? 'you are the patient' : 'watching the built-in agents';
  const arrive = events[0]?.text ?? '';

  return (
    <Box flexDirection="column" width={columns}>
      <Text bold wrap="truncate-end">{`Demo ${driver.id} · ${who}`}</Text>
      <Text dimColor wrap="truncate-end">
        {truncate(arrive, columns)}
      </Text>
      <Box>
        <Box flexDirection="column" width={mainWidth}>
          {prompt ? (
            <ChartTranscript turns={prompt.chart.conversation} width={mainWidth} height={paneHeight} />
          ) : (
            <Conversation
              events={events.slice(0, shown)}
              cursorSeq={events[shown - 1]?.seq ?? -1}
              citedSeqs={new Set()}
              width={mainWidth}
              height={paneHeight}
            />
          )}
        </Box>
        {wide && side && <Box marginLeft={1}>{side}</Box>}
      </Box>
      {!wide && side}
      {finished && update?.outcome && (
        <ComparisonCard
          personLabel={play === 'none' ? 'this journey' : play === 'patient' ? 'you as the patient' : 'you'}
          builtinLabel={play === 'patient' ? 'built-in patient' : 'built-in doctor'}
          person={update.outcome.person}
          builtin={update.outcome.builtin}
          truth={update.outcome.patient.truth.diagnosis}
          width={columns}
        />
      )}
      {message && (
        <Text color="red" wrap="truncate-end">
          {message}
        </Text>
      )}
      {prompt ? (
        <Text wrap="truncate-end">
          <Text
            color="cyan"
            bold
          >{`${prompt.role === 'patient' ? `Doctor asks: ${prompt.question}\nYou (the patient)` : stageLabel[stage.step]}> `}</Text>
          {text}
          <Text inverse> </Text>
        </Text>
      ) : (
        <Text dimColor>
          {busy || shown < events.length
            ? 'The hospital is working…'
            : finished
              ? `Recorded as journey ${update?.outcome?.idx} of run "${update?.outcome?.run.name}". Press any key to leave.`
              : ''}
        </Text>
      )}
      <KeyBar
        width={columns}
        keys={
          prompt?.role === 'doctor'
            ? [
                ['enter', 'send'],
                ['order a, b', 'tests'],
                ['dx name', 'diagnose'],
                ['esc', `stop (${resumeHint})`],
              ]
            : [
                ['enter', 'send'],
                ['esc', `stop (${resumeHint})`],
              ]
        }
      />
    </Box>
  );
}
