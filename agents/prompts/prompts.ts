import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../domain/paths.js';

/** One Markdown prompt per role, in agents/prompts/ of the package. */
export const promptNames = ['triage', 'specialist', 'follow-up', 'patient', 'examiner', 'consultant'] as const;
export type PromptName = (typeof promptNames)[number];

const loaded = new Map<PromptName, string>();

/**
 * A role's system prompt, read from the package root (found upward from this file), so it works
 * from the TypeScript sources and from the compiled dist/ alike. Read once per process.
 */
export function loadPrompt(name: PromptName): string {
  let text = loaded.get(name);
  if (text === undefined) {
    text = readFileSync(join(packageRoot(), 'agents', 'prompts', `${name}.md`), 'utf8').trim();
    loaded.set(name, text);
  }
  return text;
}
