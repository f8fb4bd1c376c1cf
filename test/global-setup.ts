import { spawnSync } from 'node:child_process';
import { packageRoot } from '../domain/paths.js';

/**
 * CLI tests run the compiled program: build it once before the suite. Type errors are left to
 * `npm run typecheck`; tsc still emits, and the CLI tests show what breaks.
 */
export default function setup(): void {
  const result = spawnSync(process.execPath, [`${packageRoot()}/node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'], {
    cwd: packageRoot(),
    encoding: 'utf8',
  });
  if (result.status !== 0)
    process.stderr.write(
      `note: tsc reported errors while building dist/ for the CLI tests:\n${result.stdout.split('\n').slice(0, 5).join('\n')}\n`,
    );
}
