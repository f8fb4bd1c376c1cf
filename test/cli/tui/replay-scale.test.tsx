import './force-color.js';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSyntheticRun } from '../../../bench/replay.js';
import { ReplayApp } from '../../../cli/tui/ReplayApp.js';
import { openDatabase } from '../../../environment/records/database.js';
import { JourneyQuery } from '../../../environment/records/journey-query.js';
import { RunStore, type RunRecord } from '../../../environment/records/run-store.js';
import { tempDir } from '../../helpers/temp.js';
import { keys, press, waitForFrame } from './frames.js';

let temp: ReturnType<typeof tempDir>;
let file: string;
let run: RunRecord;

beforeAll(() => {
  temp = tempDir();
  file = `${temp.dir}/big.db`;
  const store = new RunStore(openDatabase(file));
  run = seedSyntheticRun(store, 10_000);
  store.db.close();
}, 120_000);
afterAll(() => temp.cleanup());

describe('ReplayApp on a run of 10,000 journeys', () => {
  // How fast the first frame comes is a figure of `npm run bench` (replay), not an assertion here.
  it('shows its first frame, with the run’s size, from the first page', async () => {
    const store = new RunStore(openDatabase(file, { readonly: true }));
    const view = render(<ReplayApp query={new JourneyQuery(store)} run={store.resolveRun('latest')} size={{ columns: 80, rows: 24 }} />);
    const frame = await waitForFrame(view, (text) => text.includes('10000 journeys'));
    expect(frame).toContain('1/10000');
    // The far end of the run, a filter over all of it, and a journey there, stay quick.
    await press(view, 'G');
    await waitForFrame(view, (text) => text.includes('10000/10000') && text.includes('9999 '));
    await press(view, 'w');
    await waitForFrame(view, (text) => text.includes('Showing 3333 of 10000: wrong only'));
    await press(view, 'G', keys.enter);
    await waitForFrame(view, (text) => text.includes('Journey 9998 (3333/3333)'));
    view.unmount();
    store.db.close();
    expect(run.patients).toBe(10_000);
  });
});
