import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { packageRoot } from '../../domain/paths.js';
import { matchRules, verdicts } from '../../scenarios/diagnosis-match/index.js';

const caseSchema = z
  .object({
    scenario: z.string(),
    given: z.string(),
    icd10: z.string().optional(),
    verdict: z.enum(verdicts),
    rule: z.string().refine((rule) => rule in matchRules, 'a rule id of the matcher'),
    why: z.string().min(1),
  })
  .strict();

export type MatchCase = z.infer<typeof caseSchema>;

/** The diagnosis matcher's table of cases (test/scenarios/diagnosis-match-cases.yaml). */
export function loadMatchCases(): MatchCase[] {
  const file = join(packageRoot(), 'test', 'scenarios', 'diagnosis-match-cases.yaml');
  return z.array(caseSchema).parse(parse(readFileSync(file, 'utf8')));
}
