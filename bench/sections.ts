/** Further benchmark sections (model throughput, replay, learning), each printing its figures. */
export interface BenchSection {
  title: string;
  run(dir: string): Promise<Record<string, number>>;
}

import { benchModels } from './models.js';
import { evaluationSection } from './evaluation.js';
import { learningSection } from './learning.js';

export const extraSections: BenchSection[] = [
  { title: 'Model-backed runs against the test Ollama server (latency 100 ms, 8 slots; engine share at 500 ms, sequential)', run: benchModels },
  evaluationSection,
  learningSection,
];
