/** Text helpers for fixed-size panes: every pane renders whole lines it has measured itself. */

/** Wrap text to `width` columns on word boundaries; long words are cut. Never returns an empty list. */
export function wrapText(text: string, width: number): string[] {
  const limit = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = word;
      while (rest.length > limit) {
        if (line) {
          lines.push(line);
          line = '';
        }
        lines.push(rest.slice(0, limit));
        rest = rest.slice(limit);
      }
      if (!line) line = rest;
      else if (line.length + 1 + rest.length <= limit) line += ` ${rest}`;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines.length > 0 ? lines : [''];
}

/** Cut to `width` columns with an ellipsis. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

export const pad = (text: string, width: number): string => truncate(text, width).padEnd(width);
export const padLeft = (text: string, width: number): string => truncate(text, width).padStart(width);

/** Simulated minutes as "0:05", "2:40" or "+3 d 1:10" for follow-up days later. */
export function simTime(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const days = Math.floor(total / 1440);
  const inDay = total % 1440;
  const clock = `${Math.floor(inDay / 60)}:${String(inDay % 60).padStart(2, '0')}`;
  return days > 0 ? `+${days}d ${clock}` : clock;
}

/** A horizontal bar for a probability: "█████░░░░░". */
export function probabilityBar(p: number, width: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(p) ? p : 0));
  const full = Math.round(clamped * width);
  return '█'.repeat(full) + '░'.repeat(Math.max(0, width - full));
}

export const percent = (value: number, digits = 0): string => (Number.isFinite(value) ? `${(value * 100).toFixed(digits)} %` : '—');

export const money = (value: number): string => `$${value.toFixed(value >= 100 ? 0 : 2)}`;
