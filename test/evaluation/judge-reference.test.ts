import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../domain/errors.js';
import { agreement, cohensKappaTable } from '../../evaluation/agreement.js';
import { matcherVerdict } from '../../evaluation/judge-check.js';
import { loadJudgeReference, referenceCaseKinds } from '../../evaluation/judge-reference.js';
import { builtinLibraryDir } from '../../domain/paths.js';
import { tempDir } from '../helpers/temp.js';

describe('the hand-labelled judge reference set', () => {
  const items = loadJudgeReference();

  it('holds at least 200 labelled diagnoses, every kind of hard case, all three verdicts', () => {
    expect(items.length).toBeGreaterThanOrEqual(200);
    const kinds = new Map<string, number>();
    for (const item of items) kinds.set(item.kind, (kinds.get(item.kind) ?? 0) + 1);
    for (const kind of referenceCaseKinds) expect({ kind, enough: (kinds.get(kind) ?? 0) >= 8 }).toEqual({ kind, enough: true });
    for (const verdict of ['correct', 'partial', 'wrong'] as const)
      expect(items.filter((item) => item.verdict === verdict).length).toBeGreaterThanOrEqual(30);
  });

  it('takes every reference from a library scenario, under that scenario’s diagnosis name', () => {
    // Each file's id and diagnosis name, read from its top-level lines: far cheaper than parsing the library.
    const library = new Map(
      readdirSync(builtinLibraryDir(), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.yaml'))
        .map((file) => readFileSync(join(builtinLibraryDir(), file), 'utf8'))
        .map((text) => {
          const id = /^id: *(.+)$/m.exec(text)?.[1].trim() ?? '';
          const name = /^diagnosis:\n(?: +.*\n)*? +name: *(.+)$/m.exec(text)?.[1].trim() ?? '';
          return [id, { id, diagnosis: { name: name.replace(/^(["'])(.*)\1$/, '$2') } }] as const;
        }),
    );
    for (const item of items) {
      const scenario = library.get(item.scenario);
      expect({ id: item.id, scenario: scenario?.id }).toEqual({ id: item.id, scenario: item.scenario });
      expect({ id: item.id, reference: item.reference.diagnosis }).toEqual({ id: item.id, reference: scenario?.diagnosis.name });
    }
  });

  it('refuses a bad line with the file, the line and the field', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'set.jsonl');
      writeFileSync(file, `${JSON.stringify({ ...items[0] })}\n${JSON.stringify({ ...items[1], verdict: 'match' })}\n`);
      expect(() => loadJudgeReference(file)).toThrow(InputError);
      expect(() => loadJudgeReference(file)).toThrow(`${file}:2: verdict:`);
      writeFileSync(file, 'not json\n');
      expect(() => loadJudgeReference(file)).toThrow(`${file}:1: (line): one JSON object`);
      expect(() => loadJudgeReference(dir)).toThrow('a JSONL file, not a directory');
    } finally {
      cleanup();
    }
  });

  it('the matcher is graded through its public API on every item', () => {
    const verdicts = items.map(matcherVerdict);
    expect(new Set(verdicts).size).toBeGreaterThan(1);
    for (const verdict of verdicts) expect(['correct', 'partial', 'wrong']).toContain(verdict);
  });
});

describe('agreement figures', () => {
  it('Cohen’s κ on a 3×3 table matches the hand computation', () => {
    // p_o = 0.65; p_e = 0.4·0.35 + 0.3·0.35 + 0.3·0.3 = 0.335; κ = (0.65 − 0.335) / (1 − 0.335).
    const kappa = cohensKappaTable([
      [25, 10, 5],
      [5, 20, 5],
      [5, 5, 20],
    ]);
    expect(kappa.agreement).toBeCloseTo(0.65, 10);
    const expected = 0.4 * 0.35 + 0.3 * 0.35 + 0.3 * 0.3;
    expect(kappa.value).toBeCloseTo((0.65 - expected) / (1 - expected), 10);
    expect(kappa.ci95[0]).toBeLessThan(kappa.value);
    expect(
      cohensKappaTable([
        [3, 0],
        [0, 2],
      ]).value,
    ).toBe(1);
  });

  it('counts unscored items against accuracy, outside κ, and in their own column', () => {
    const result = agreement(['correct', 'partial', 'wrong'] as const, [
      { reference: 'correct', rated: 'correct' },
      { reference: 'correct', rated: null },
      { reference: 'wrong', rated: 'wrong' },
      { reference: 'partial', rated: 'wrong' },
    ]);
    expect(result.accuracy.value).toBe(0.5);
    expect(result.unscored).toBe(1);
    expect(result.kappa.n).toBe(3);
    expect(result.confusion.counts).toEqual([
      [1, 0, 0, 1],
      [0, 0, 1, 0],
      [0, 0, 1, 0],
    ]);
    expect(result.kappaFirstVsRest.value).toBe(1);
  });
});
