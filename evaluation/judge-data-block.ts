import { createHash } from 'node:crypto';

/**
 * How text from the system under test reaches a judge: as one JSON value inside a delimited data
 * block. The defence is structural, not a list of phrases:
 * - the value is JSON on a single line, so no raw line break can start a line of its own;
 * - `<` and `>` inside it are written as JSON escapes (`\u003c`, `\u003e`), so nothing in the
 *   data can look like a block's opening or closing tag;
 * - the block's id is a hash of its name and content: the same data always gives the same prompt
 *   (the model-call cache replays it), and text cannot name the id of the block that holds it.
 */
export interface DataBlock {
  name: string;
  id: string;
  /** The block as it appears in the prompt, opening and closing lines included. */
  text: string;
}

const escapedInData = /[<>\u2028\u2029]/g;

export function dataBlock(name: string, value: unknown): DataBlock {
  const json = JSON.stringify(value).replace(escapedInData, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const id = createHash('sha256').update(name).update('\u0000').update(json).digest('hex').slice(0, 16);
  return { name, id, text: `<data name="${name}" id="${id}">\n${json}\n</data id="${id}">` };
}

/** A block read back from a prompt. */
export interface ParsedDataBlock {
  name: string;
  id: string;
  value: unknown;
}

const blockPattern = /<data name="([A-Z]+)" id="([0-9a-f]{16})">\n([^\n]*)\n<\/data id="\2">/g;

/** Every well-formed block of a prompt, in order (the inverse of `dataBlock`). */
export function readDataBlocks(text: string): ParsedDataBlock[] {
  return [...text.matchAll(blockPattern)].map((found) => ({ name: found[1], id: found[2], value: JSON.parse(found[3]) as unknown }));
}

/** The prompt with every block replaced by `<data name="NAME">`: what a reader sees outside the data. */
export function textOutsideBlocks(text: string): string {
  return text.replace(blockPattern, (_block, name: string) => `<data name="${name}">`);
}

/** Cyrillic and Greek letters drawn like Latin ones (Unicode's confusables), by the Latin letter they imitate. */
const latinLookalikes: Record<string, string> = Object.fromEntries(
  [
    ['a', 'а'],
    ['c', 'с'],
    ['d', 'ԁ'],
    ['e', 'е'],
    ['h', 'һ'],
    ['i', 'іι'],
    ['j', 'ј'],
    ['k', 'κ'],
    ['l', 'ӏ'],
    ['o', 'оο'],
    ['p', 'р'],
    ['q', 'ԛ'],
    ['s', 'ѕ'],
    ['v', 'ν'],
    ['w', 'ԝ'],
    ['x', 'х'],
    ['y', 'у'],
    ['A', 'АΑ'],
    ['B', 'ВΒ'],
    ['C', 'С'],
    ['E', 'ЕΕ'],
    ['H', 'НΗ'],
    ['I', 'ІΙ'],
    ['J', 'Ј'],
    ['K', 'КΚ'],
    ['M', 'МΜ'],
    ['N', 'Ν'],
    ['O', 'ОΟ'],
    ['P', 'РΡ'],
    ['S', 'Ѕ'],
    ['T', 'ТΤ'],
    ['X', 'ХΧ'],
    ['Y', 'УΥ'],
    ['Z', 'Ζ'],
  ].flatMap(([latin, lookalikes]) => Array.from(lookalikes).map((char) => [char, latin])),
);
const lookalikePattern = new RegExp(`[${Object.keys(latinLookalikes).join('')}]`, 'gu');

/** A word that mixes Latin letters with look-alikes from another script is written in Latin letters; a word in one script is left alone. */
const foldMixedScript = (text: string): string =>
  text.replace(/[\p{L}\p{M}]+/gu, (word) =>
    /[A-Za-z]/.test(word) ? word.replace(lookalikePattern, (char) => latinLookalikes[char]) : word,
  );

/**
 * Text from outside made plain before it is quoted: compatibility forms folded (full-width
 * letters become ASCII), format characters removed (zero-width spaces and joiners, bidirectional
 * overrides, soft hyphens, byte-order marks, tag characters), look-alike letters inside Latin
 * words made Latin, control characters and line breaks made spaces, runs of white space
 * collapsed, and the length capped (at a character, never inside a pair).
 */
export function plainText(raw: string, maxChars: number): string {
  const text = foldMixedScript(
    raw
      .normalize('NFKC')
      .replace(/\p{Cf}/gu, '')
      .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  const chars = Array.from(text);
  return chars.length > maxChars ? `${chars.slice(0, maxChars).join('')}…` : text;
}

/** An ICD-10 code in its usual form ("i21.0", "I210" → "I21.0"), or null when the text is not one. */
export function icd10OrNull(code: string | undefined): string | null {
  if (!code) return null;
  const compact = plainText(code, 16).toUpperCase().replace(/[\s.]/g, '');
  if (!/^[A-Z]\d{2}[0-9A-Z]{0,4}$/.test(compact)) return null;
  return compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;
}
