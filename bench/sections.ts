import type { BenchSection } from './bench-section.js';
import { benchModels } from './models.js';
import { evaluationSection } from './evaluation.js';
import { learningSection } from './learning.js';
import { benchReplay } from './replay.js';

export const extraSections: BenchSection[] = [
  {
    title: 'Model-backed runs against the test Ollama server (latency 250 ms, 8 slots; engine share at 500 ms, sequential)',
    run: benchModels,
  },
  evaluationSection,
  {
    title: 'Terminal replay of a 10,000-journey run (first frame, memory)',
    run: async () => {
      const { journeys, firstFrameMs, rssMb, rssGrowthMb } = await benchReplay(10_000, () => undefined);
      return { journeys, firstFrameMs, rssMb, rssGrowthMbToOpen: rssGrowthMb };
    },
  },
  learningSection,
];
