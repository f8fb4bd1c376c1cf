import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../domain/paths.js';

const sourceFolders = ['domain', 'scenarios', 'agents', 'environment', 'evaluation', 'cli', 'bench', 'test/fakes'];

/** Newest modification time of the sources the build compiles (and of its settings). */
function newestSource(root: string): number {
  let newest = Math.max(statSync(join(root, 'tsconfig.json')).mtimeMs, statSync(join(root, 'tsconfig.build.json')).mtimeMs);
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const folder of sourceFolders) if (existsSync(join(root, folder))) walk(join(root, folder));
  return newest;
}

/**
 * CLI tests run the compiled program: build it once before the suite, incrementally, and not at
 * all when dist/ is newer than every source (as right after `npm ci`). Type errors are left to
 * `npm run typecheck`; tsc still emits, and the CLI tests show what breaks.
 */
export default function setup(): void {
  const root = packageRoot();
  const stamp = join(root, 'dist', '.tsbuildinfo');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource(root)) return;
  const result = spawnSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0)
    process.stderr.write(
      `note: tsc reported errors while building dist/ for the CLI tests:\n${result.stdout.split('\n').slice(0, 5).join('\n')}\n`,
    );
}
