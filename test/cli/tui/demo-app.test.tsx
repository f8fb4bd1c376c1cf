import './force-color.js';
import { MemorySaver } from '@langchain/langgraph';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHospitalAgents } from '../../../agents/index.js';
import { DemoApp } from '../../../cli/tui/DemoApp.js';
import { DemoSession, type DemoDeps } from '../../../environment/demo-session.js';
import { openDatabase } from '../../../environment/records/database.js';
import { RunStore } from '../../../environment/records/run-store.js';
import { loadScenarioSources } from '../../../scenarios/sources.js';
import { tempDir } from '../../helpers/temp.js';
import { keys, plainText, press, waitForFrame } from './frames.js';
import { scoreJourney } from '../../../evaluation/scorers.js';

const set = loadScenarioSources([]);
let temp: ReturnType<typeof tempDir>;
let store: RunStore;

beforeAll(() => {
  temp = tempDir();
  store = new RunStore(openDatabase(`${temp.dir}/demo.db`));
});
afterAll(() => {
  store.db.close();
  temp.cleanup();
});

const deps = (): DemoDeps => ({
  store,
  score: scoreJourney,
  checkpointer: new MemorySaver(),
  set,
  options: { facility: 'tertiary', maxTurns: 20, maxReferrals: 1 },
  agentsFor: (models) => createHospitalAgents(models, set),
});

async function type(view: { stdin: { write(data: string): void } }, line: string): Promise<void> {
  view.stdin.write(line);
  await press(view, keys.enter);
}

describe('DemoApp', () => {
  it('lets a student play the doctor to the end and shows their scores next to the built-in doctor', async () => {
    const session = DemoSession.create(deps(), { scenarioId: set.scenarios[0].id, seed: 4, play: 'doctor', doctor: 'builtin' });
    const view = render(
      <DemoApp driver={session} play="doctor" resumeHint="hospital demo --resume x" paceMs={0} size={{ columns: 80, rows: 24 }} />,
    );
    const first = await waitForFrame(view, (frame) => frame.includes('You>'), 10_000);
    expect(first).toContain('you are the doctor');
    expect(first).toMatch(/Chart: \d+ facts/);
    await type(view, 'Do you have a fever?');
    await waitForFrame(view, (frame) => frame.includes('Do you have a fever?') && frame.includes('You>'), 10_000);
    await type(view, 'order full blood count');
    await waitForFrame(view, (frame) => /Full blood count|full blood count:/i.test(frame) && frame.includes('You>'), 10_000);
    await type(view, `dx ${session.patient.truth.diagnosis}`);
    await waitForFrame(view, (frame) => frame.includes('Confidence %'));
    await type(view, '80');
    await waitForFrame(view, (frame) => frame.includes('Differential:'));
    await type(view, 'something else 15');
    await waitForFrame(view, (frame) => frame.includes('Evidence:'));
    await type(view, '1 2');
    await waitForFrame(view, (frame) => frame.includes('Plan'));
    await type(view, 'Treat as usual.');
    const end = await waitForFrame(view, (frame) => frame.includes('built-in doctor'), 15_000);
    expect(end).toContain('True diagnosis');
    expect(end).toMatch(/Diagnosis \(top-1\)\s+✓/);
    expect(plainText(view.lastFrame()).split('\n').length).toBeLessThan(24);
    view.unmount();
  }, 60_000);
});
