/**
 * Small text helpers for imported free text: JSON values to prose, sentence splitting, slugs,
 * labels from field names, and the demographics phrase ("35-year-old female").
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "Past_Medical_History" → "Past medical history"; keeps abbreviations ("CT_Chest" → "CT chest"). */
export function humanise(key: string): string {
  const words = key
    .replace(/_/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .map((word, i) =>
      /^[A-Z0-9-]{2,}$/.test(word) || /\d/.test(word) || /[A-Z].*[A-Z]/.test(word) ? word : i === 0 ? word : word.toLowerCase(),
    );
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A lower-case slug of at most `max` characters, cut at a word boundary. */
export function slugify(text: string, max = 48): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const dash = cut.lastIndexOf('-');
  return (dash > 8 ? cut.slice(0, dash) : cut).replace(/-+$/, '');
}

/** A scalar or nested JSON value as one line of prose. Empty values give ''. */
export function prose(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(prose).filter(Boolean).join('; ');
  if (isRecord(value)) {
    return Object.entries(value)
      .map(([key, inner]) => {
        const text = prose(inner);
        return text ? `${humanise(key)}: ${text}` : '';
      })
      .filter(Boolean)
      .join('; ');
  }
  return '';
}

const abbreviations = /\b(?:e\.g|i\.e|vs|approx|Dr|Mr|Mrs|Ms|St|No|Fig|etc)\.$/i;

/** Split prose into sentences, keeping decimals ("5.4 kg") and common abbreviations whole. */
export function sentences(text: string): string[] {
  const parts = text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])\s+(?=["'(]?[A-Z0-9])/);
  const merged: string[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (last !== undefined && abbreviations.test(last)) merged[merged.length - 1] = `${last} ${part}`;
    else merged.push(part);
  }
  return merged.map((sentence) => sentence.trim()).filter((sentence) => /[A-Za-z0-9]/.test(sentence));
}

export function capitalise(text: string): string {
  const trimmed = text.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

export function asSentence(text: string): string {
  const capital = capitalise(text);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

export interface ParsedDemographics {
  age?: number;
  sex?: 'female' | 'male';
}

/**
 * Age and sex from a phrase like "35-year-old female", "8-month-old boy", "Newborn, female",
 * "1100-g (2-lb 7-oz) newborn, 31 weeks' gestation", "A 55-year-old woman presented ...".
 */
export function parseDemographics(text: string): ParsedDemographics {
  const lower = text.toLowerCase();
  let age: number | undefined;
  const years =
    /(\d{1,3})\s*(?:-|\s)?\s*(?:years?|yrs?|yo\b|y\/o)(?:\s*(?:-|\s)?\s*old)?/.exec(lower) ?? /\baged?\s+(\d{1,3})\b/.exec(lower);
  const months = /(\d{1,3})\s*(?:-|\s)?\s*months?(?:\s*(?:-|\s)?\s*old)/.exec(lower);
  const younger = /(\d{1,3})\s*(?:-|\s)?\s*(?:weeks?|days?|hours?)(?:\s*(?:-|\s)?\s*old)/.exec(lower);
  if (years && (!months || years.index < months.index)) age = Number(years[1]);
  else if (months) age = Math.floor(Number(months[1]) / 12);
  else if (younger || /\b(newborn|neonate|neo-nate|infant|baby)\b/.test(lower)) age = 0;
  if (age !== undefined && (age < 0 || age > 110)) age = undefined;
  let sex: 'female' | 'male' | undefined;
  if (/\b(female|woman|women|girl|lady|gravida|primigravida|multigravida|pregnant|nulliparous|multiparous|mother)\b/.test(lower))
    sex = 'female';
  else if (/\b(male|man|men|boy|gentleman)\b/.test(lower)) sex = 'male';
  return { age, sex };
}

/** Sex from pronouns in a history, when the demographics line does not say. */
export function sexFromPronouns(text: string): 'female' | 'male' | undefined {
  const lower = ` ${text.toLowerCase()} `;
  const she = (lower.match(/\b(she|her|hers|herself)\b/g) ?? []).length;
  const he = (lower.match(/\b(he|him|his|himself)\b/g) ?? []).length;
  if (she > he) return 'female';
  if (he > she) return 'male';
  return undefined;
}
