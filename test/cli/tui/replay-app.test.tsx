import './force-color.js';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSyntheticRun } from '../../../bench/replay.js';
import { ReplayApp } from '../../../cli/tui/ReplayApp.js';
import { openDatabase } from '../../../environment/records/database.js';
import { JourneyQuery } from '../../../environment/records/journey-query.js';
import { RunStore, type RunRecord } from '../../../environment/records/run-store.js';
import { tempDir } from '../../helpers/temp.js';
import { keys, plainText, press, stableFrame, tick, waitForFrame } from './frames.js';

let temp: ReturnType<typeof tempDir>;
let store: RunStore;
let run: RunRecord;

beforeAll(() => {
  temp = tempDir();
  store = new RunStore(openDatabase(`${temp.dir}/records.db`));
  run = seedSyntheticRun(store, 30);
});
afterAll(() => {
  store.db.close();
  temp.cleanup();
});

const app = (props: { patient?: number; columns?: number; rows?: number } = {}) =>
  render(
    <ReplayApp
      query={new JourneyQuery(store)}
      run={run}
      patient={props.patient}
      size={{ columns: props.columns ?? 80, rows: props.rows ?? 24 }}
      stepMs={20}
    />,
  );

function expectFits(frame: string, columns: number, rows: number): void {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThan(rows);
  expect(Math.max(...lines.map((line) => plainText(line).length))).toBeLessThanOrEqual(columns);
}

describe('ReplayApp: the journey list', () => {
  it('lists the journeys of the run in an 80×24 terminal', async () => {
    const view = app();
    await tick();
    expect(stableFrame(view.lastFrame())).toMatchSnapshot();
    expectFits(view.lastFrame() ?? '', 80, 24);
    view.unmount();
  });

  it('uses a 200×50 terminal for more columns and rows', async () => {
    const view = app({ columns: 200, rows: 50 });
    await tick();
    const frame = plainText(view.lastFrame());
    expect(frame).toContain('true diagnosis (if wrong)');
    expect(frame).toContain('scenario');
    expect(frame).toMatch(/ 29 /);
    expectFits(view.lastFrame() ?? '', 200, 50);
    view.unmount();
  });

  it('filters to wrong diagnoses with w and clears with c', async () => {
    const view = app();
    await tick();
    view.stdin.write('w');
    const wrong = await waitForFrame(view, (frame) => frame.includes('Showing 10 of 30: wrong only'));
    expect(wrong.split('\n').filter((line) => line.startsWith('✓ '))).toHaveLength(0);
    view.stdin.write('c');
    await waitForFrame(view, (frame) => frame.includes('All 30 journeys'));
    view.unmount();
  });

  it('searches with / and filters by department with d', async () => {
    const view = app();
    await tick();
    view.stdin.write('/');
    await tick();
    for (const char of 'appendic') view.stdin.write(char);
    await waitForFrame(view, (frame) => frame.includes('Search: appendic'));
    view.stdin.write(keys.enter);
    const found = await waitForFrame(view, (frame) => frame.includes('"appendic"'));
    // Diagnosed as appendicitis, or appendicitis that was missed (true diagnosis).
    expect(found).toMatch(/Showing \d+ of 30/);
    view.stdin.write('c');
    await waitForFrame(view, (frame) => frame.includes('All 30 journeys'));
    view.stdin.write('d');
    await waitForFrame(view, (frame) => frame.includes('Department'));
    for (const char of 'cardio') view.stdin.write(char);
    await tick();
    view.stdin.write(keys.enter);
    const cardiology = await waitForFrame(view, (frame) => frame.includes('department cardiology'));
    const rows = cardiology.split('\n').filter((line) => /^[✓✗!] /.test(line));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((line) => line.includes('cardiology'))).toBe(true);
    view.unmount();
  });
});

describe('ReplayApp: a journey', () => {
  it('opens a journey with enter: timeline, turns with costs, and back with esc', async () => {
    const view = app();
    await tick();
    await press(view, keys.down, keys.down, keys.enter);
    const frame = await waitForFrame(view, (text) => text.includes('Journey 2 (3/30)'));
    expect(stableFrame(view.lastFrame())).toMatchSnapshot();
    expectFits(view.lastFrame() ?? '', 80, 24);
    expect(frame).toMatch(/\$40\.00,\s+30\s+min/);
    expect(frame).toContain('Doctor');
    await press(view, keys.escape);
    await waitForFrame(view, (text) => text.includes('All 30 journeys'));
    view.unmount();
  });

  it('shows the diagnosis card: differential bars, evidence linked to turns, invented evidence marked', async () => {
    const view = app({ patient: 2 });
    await tick();
    view.stdin.write('2');
    const card = await waitForFrame(view, (text) => text.includes('Differential'));
    expect(stableFrame(view.lastFrame())).toMatchSnapshot();
    expect(card).toContain('✗ wrong');
    expect(card).toContain('True diagnosis: ST-elevation myocardial infarction');
    expect(card).toMatch(/fever for three days → #0/);
    expect(card).toMatch(/right lower lobe consolidation → #8/);
    expect(card).toMatch(/crackles at the right base ✗ invented/);
    expect(card).toMatch(/█+░*/);
    view.stdin.write('3');
    const scores = await waitForFrame(view, (text) => text.includes('Diagnosis (top-1)'));
    expect(scores).toMatch(/Test cost\s+\$52\.00/);
    view.unmount();
  });

  it('plays the journey event by event with space, pauses, changes speed, and steps with j/k', async () => {
    const view = app({ patient: 0 });
    await tick();
    expect(plainText(view.lastFrame())).toContain('event 16/16');
    view.stdin.write(' ');
    await waitForFrame(view, (text) => text.includes('▶ playing'));
    const early = await waitForFrame(view, (text) => /event [3-6]\/16/.test(text));
    expect(early).not.toContain('Discharged from follow-up');
    view.stdin.write(' ');
    const paused = await waitForFrame(view, (text) => text.includes('❚❚ paused'));
    const at = Number(/event (\d+)\/16/.exec(paused)?.[1]);
    view.stdin.write('k');
    await waitForFrame(view, (text) => text.includes(`event ${at - 1}/16`));
    await press(view, 'j', 'j');
    await waitForFrame(view, (text) => text.includes(`event ${at + 1}/16`));
    view.stdin.write('+');
    await waitForFrame(view, (text) => text.includes('paused 2×'));
    await press(view, '-', '-');
    await waitForFrame(view, (text) => text.includes('paused 0.5×'));
    view.stdin.write('G');
    await waitForFrame(view, (text) => text.includes('event 16/16'));
    view.stdin.write(' ');
    const done = await waitForFrame(view, (text) => text.includes('event 16/16') && text.includes('❚❚ paused'), 3000);
    expect(done).toContain('Discharged from follow-up');
    view.unmount();
  });

  it('does not spoil the diagnosis before playback reaches it', async () => {
    const view = app({ patient: 0 });
    await tick();
    view.stdin.write('g');
    await waitForFrame(view, (text) => text.includes('event 1/16'));
    view.stdin.write('2');
    const card = await waitForFrame(view, (text) => text.includes('No diagnosis yet'));
    expect(card).not.toContain('Differential');
    view.unmount();
  });

  it('moves to the next and previous journey with n and p, and jumps to cited turns with e', async () => {
    const view = app({ patient: 4 });
    await waitForFrame(view, (text) => text.includes('Journey 4 (5/30)'));
    view.stdin.write('n');
    await waitForFrame(view, (text) => text.includes('Journey 5 (6/30)'));
    await press(view, 'p', 'p');
    await waitForFrame(view, (text) => text.includes('Journey 3 (4/30)'));
    // The diagnosis cites facts revealed at #0 (arrival), #6 (an answer) and #8 (a result).
    view.stdin.write('e');
    await waitForFrame(view, (text) => text.includes('event 1/16'));
    view.stdin.write('e');
    await waitForFrame(view, (text) => text.includes('event 7/16') && text.includes('›◆#6'));
    view.stdin.write('e');
    await waitForFrame(view, (text) => text.includes('event 9/16'));
    view.unmount();
  });

  it('shows the keys with ? and the case behind the journey on pane 4', async () => {
    const view = app({ patient: 1, columns: 200, rows: 50 });
    await tick();
    const wide = plainText(view.lastFrame());
    expect(wide).toContain('Differential');
    expect(wide).toContain('Diagnosis (top-1)');
    expectFits(view.lastFrame() ?? '', 200, 50);
    await press(view, '4');
    await waitForFrame(view, (text) => text.includes('brought out'));
    await press(view, '?');
    const help = await waitForFrame(view, (text) => text.includes('play / pause'));
    expect(help).toContain('next / previous journey');
    await press(view, 'x');
    const back = await waitForFrame(view, (text) => text.includes('Journey 1'));
    expect(back).toContain('brought out');
    view.unmount();
  });
});
