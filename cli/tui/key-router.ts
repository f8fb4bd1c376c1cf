import type { Key } from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

/**
 * One `useInput` at the top of an app hands each key to the screen that has it. Screens put their
 * handler here while rendering, so a key that comes right after a screen appears is not lost to an
 * input subscription that React has not yet made.
 */
export interface KeyRouter {
  current: Record<string, KeyHandler | undefined>;
}
