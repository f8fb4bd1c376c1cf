import { join } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../../domain/paths.js';
import { departments, type Department } from '../../domain/vocabulary.js';
import { unifySpelling } from '../spelling.js';
import { readYamlFile } from '../yaml-file.js';

/** `departments.yaml` beside this module: ordered word lists, the first department whose word matches wins. */
const departmentRulesSchema = z.array(
  z.strictObject({
    department: z.enum(departments),
    words: z.array(z.string().min(1)).min(1),
  }),
);

export interface DepartmentRule {
  department: Department;
  pattern: RegExp;
}

const loaded = new Map<string, DepartmentRule[]>();

/** The department rules of a file (default: the built-in one), read and validated once per file. */
export function departmentRules(file = join(packageRoot(), 'scenarios', 'agentclinic', 'departments.yaml')): DepartmentRule[] {
  let rules = loaded.get(file);
  if (!rules) {
    rules = readYamlFile(file, departmentRulesSchema).map(({ department, words }) => ({
      department,
      pattern: new RegExp(`\\b(${words.join('|')})\\b`),
    }));
    loaded.set(file, rules);
  }
  return rules;
}

/** Department for a diagnosis the library lacks: organ and system words; children go to paediatrics. */
export function departmentFor(diagnosis: string, age: number, rules = departmentRules()): Department {
  if (age < 16) return 'paediatrics';
  const text = unifySpelling(diagnosis.toLowerCase())
    .replace(/[’']s\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ');
  for (const { pattern, department } of rules) if (pattern.test(text)) return department;
  return 'general-medicine';
}
