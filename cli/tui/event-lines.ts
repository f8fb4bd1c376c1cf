import type { Actor, JourneyEvent } from '../../domain/journey.js';
import { money, simTime, wrapText } from './text-layout.js';

/** How each actor is named and coloured in a transcript. */
export const actorStyle: Record<Actor, { label: string; color: string }> = {
  system: { label: 'Hospital', color: 'gray' },
  nurse: { label: 'Nurse', color: 'magenta' },
  doctor: { label: 'Doctor', color: 'cyan' },
  patient: { label: 'Patient', color: 'yellow' },
  examiner: { label: 'Examiner', color: 'blue' },
  physician: { label: 'Attending', color: 'green' },
  consultant: { label: 'Consultant', color: 'cyan' },
  chief: { label: 'Chief', color: 'cyan' },
};

/** The text of an event as a transcript shows it, with a test's cost and turnaround. */
export function eventText(event: JourneyEvent): string {
  if (event.type === 'result') {
    const { available, cost, minutes = 0 } = event.data;
    return available ? `${event.text}  [${money(cost)}, ${minutes} min]` : `${event.text}  [not available here]`;
  }
  if (event.type === 'order') return `${event.text}${event.data.reason ? ` — ${event.data.reason}` : ''}`;
  return event.text;
}

export interface TranscriptLine {
  seq: number;
  /** First line of its event (carries the time and speaker). */
  head: boolean;
  time: string;
  speaker: string;
  color: string;
  text: string;
}

/** Width of the "#12 0:05 Examiner " gutter before an event's text. */
export const gutterWidth = 26;

/** Wrap every event into transcript lines for a pane `width` columns wide. */
export function transcriptLines(events: readonly JourneyEvent[], width: number): TranscriptLine[] {
  const textWidth = Math.max(10, width - gutterWidth);
  const lines: TranscriptLine[] = [];
  for (const event of events) {
    const style = actorStyle[event.actor] ?? actorStyle.system;
    const speaker = event.type === 'error' ? 'Error' : style.label;
    const color = event.type === 'error' ? 'red' : style.color;
    wrapText(eventText(event), textWidth).forEach((text, i) => {
      lines.push({ seq: event.seq, head: i === 0, time: simTime(event.t), speaker, color, text });
    });
  }
  return lines;
}
