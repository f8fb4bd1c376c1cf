/** "i21.0", "I210", " I21.0 " → "I21.0"; undefined when it is not an ICD-10 code. */
export function normaliseIcd10(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const compact = code.trim().toUpperCase().replace(/[\s.]/g, '');
  if (!/^[A-Z]\d{2}[0-9A-Z]{0,4}$/.test(compact)) return undefined;
  return compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;
}

/** The given code is the reference's, or a finer code within it (I21.4 within I21.4, E75.21 within E75.2). */
export function codeWithin(given: string | undefined, reference: string | undefined): boolean {
  const [a, b] = [normaliseIcd10(given), normaliseIcd10(reference)];
  if (!a || !b) return false;
  return a.replace('.', '').startsWith(b.replace('.', ''));
}

/** The first three characters: the ICD-10 category. */
export const icd10Category = (code: string | undefined): string | undefined => normaliseIcd10(code)?.slice(0, 3);
