import { parentPort, workerData } from 'node:worker_threads';
import { JourneyEngine } from './engine.js';
import type { RunConfig } from './records/run-store.js';
import { engineSetupFor } from './run-setup.js';

/** Messages between the batch runner and its worker threads. */
export type ToWorker = { type: 'run'; index: number; sample: number } | { type: 'stop' };

/**
 * A worker thread of the batch runner: it rebuilds the run's engine from the stored config and
 * runs the journeys it is sent; the main thread alone writes the records.
 */
if (parentPort) {
  const port = parentPort;
  const { config } = workerData as { config: RunConfig };
  const engine = new JourneyEngine(engineSetupFor(config));
  port.on('message', (message: ToWorker) => {
    if (message.type === 'stop') {
      port.close();
      return;
    }
    void engine.run(message.index, message.sample).then((finished) => port.postMessage({ type: 'done', finished }));
  });
  port.postMessage({ type: 'ready' });
}
