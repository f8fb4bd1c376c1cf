import { test } from 'vitest';
import { loadScenarioFiles } from '../../../scenarios/loader.js';
test('load', () => {
  const set = loadScenarioFiles();
  console.log(set.scenarios.length, set.scenarios.map(s => s.id).join(' '));
});
