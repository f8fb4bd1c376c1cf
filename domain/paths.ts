import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The folder holding package.json, found upward from this file (works from source and dist/). */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}

export const builtinLibraryDir = (): string => join(packageRoot(), 'scenarios', 'library');
export const builtinCatalogueDir = (): string => join(packageRoot(), 'scenarios', 'catalogue');
/** How free test names map to catalogue tests (scenarios/test-names.ts reads it). */
export const builtinTestNamesFile = (): string => join(packageRoot(), 'scenarios', 'test-names.yaml');
export const builtinPopulationsFile = (): string => join(packageRoot(), 'scenarios', 'populations.yaml');
