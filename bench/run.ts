import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchBuiltinBatch, benchStarterAccuracy, benchSupersteps } from './batch.js';

/**
 * `npm run bench`: the figures the issues ask for, printed. Nothing here asserts; the numbers
 * are for people to read and compare across machines and commits.
 */

/** Twelve common scenarios over six departments: the starter set the built-in doctor is held to. */
export const starterSet = [
  'community-acquired-pneumonia',
  'acute-asthma-exacerbation',
  'st-elevation-myocardial-infarction',
  'acute-heart-failure',
  'acute-ischaemic-stroke',
  'migraine',
  'acute-appendicitis',
  'type-2-diabetes-mellitus',
  'diabetic-ketoacidosis',
  'acute-cystitis',
  'atopic-eczema',
  'acute-otitis-media',
];

const format = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1));

function print(title: string, figures: Record<string, number>): void {
  process.stdout.write(`\n${title}\n`);
  for (const [name, value] of Object.entries(figures)) process.stdout.write(`  ${name.padEnd(28)} ${format(value)}\n`);
}

async function main(): Promise<void> {
  const patients = Number(process.env.BENCH_PATIENTS ?? 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'hospital-bench-'));
  try {
    process.stdout.write(`Agent Hospital benchmark — node ${process.version}, ${patients} journeys\n`);
    print('Graph supersteps (in-process, 300 journeys)', await benchSupersteps(300));
    print(`Built-in batch of ${patients} journeys (worker threads, SQLite records)`, await benchBuiltinBatch(dir, patients));
    print('Built-in specialist on the starter set (2,000 patients)', await benchStarterAccuracy(dir, starterSet, 2000));
    const sections = await import('./sections.js');
    for (const section of sections.extraSections) print(section.title, await section.run(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
