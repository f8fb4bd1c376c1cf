import { testKey } from '../test-names.js';

/**
 * Vital signs of an imported record. A reading becomes the library's shared vital finding
 * (`pyrexia`, `tachycardia`, …) when it is abnormal, so the built-in doctors can use it; the
 * thresholds are adult ones, except fever and low oxygen, which count at any age.
 */

/** What one reading measured, by measure name (`celsius`, `systolic`, …). */
type Measures = Record<string, number | undefined>;

interface Threshold {
  /** The shared finding id an abnormal reading maps to. */
  id: string;
  measure: string;
  below?: number;
  atLeast?: number;
  above?: number;
}

interface VitalSign {
  name: string;
  /** How a field name says it holds this sign (tested on its key form). */
  field: RegExp;
  /** Whether the thresholds hold only for patients 16 and over. */
  adultsOnly: boolean;
  read: (text: string) => Measures;
  /** Tried in order; the first that the reading crosses names it. */
  thresholds: Threshold[];
  /** A reading with no number that says it in words ("febrile"). */
  words?: { id: string; pattern: RegExp; unless: RegExp };
}

const firstNumber =
  (pattern: RegExp) =>
  (text: string): number | undefined => {
    const match = pattern.exec(text);
    return match ? Number(match[1]) : undefined;
  };

function readCelsius(text: string): Measures {
  let celsius = firstNumber(/(\d{2}(?:\.\d+)?)\s*°?\s*c\b/i)(text);
  const fahrenheit = firstNumber(/(\d{2,3}(?:\.\d+)?)\s*°?\s*f\b/i)(text);
  if (celsius === undefined && fahrenheit !== undefined) celsius = ((fahrenheit - 32) * 5) / 9;
  if (celsius === undefined) {
    const bare = firstNumber(/(\d{2,3}(?:\.\d+)?)/)(text);
    if (bare !== undefined) celsius = bare > 50 ? ((bare - 32) * 5) / 9 : bare;
  }
  return { celsius };
}

function readPressure(text: string): Measures {
  const match = /(\d{2,3})\s*\/\s*(\d{2,3})/.exec(text);
  return match ? { systolic: Number(match[1]), diastolic: Number(match[2]) } : {};
}

export const vitalSigns: readonly VitalSign[] = [
  {
    name: 'temperature',
    field: /^(temp|temperature|body temperature)/,
    adultsOnly: false,
    read: readCelsius,
    thresholds: [{ id: 'pyrexia', measure: 'celsius', atLeast: 38 }],
    words: { id: 'pyrexia', pattern: /\b(febrile|fever|pyrexi\w*)\b/i, unless: /\bafebrile\b/i },
  },
  {
    name: 'blood pressure',
    field: /^(bp|blood pressure|blood pressure differential)/,
    adultsOnly: true,
    read: readPressure,
    thresholds: [
      { id: 'hypotension', measure: 'systolic', below: 90 },
      { id: 'hypertension', measure: 'systolic', atLeast: 140 },
      { id: 'hypertension', measure: 'diastolic', atLeast: 90 },
    ],
  },
  {
    name: 'heart rate',
    field: /^(hr|heart rate|pulse|pulse rate)/,
    adultsOnly: true,
    read: (text) => ({ rate: firstNumber(/(\d{2,3})/)(text) }),
    thresholds: [
      { id: 'tachycardia', measure: 'rate', above: 100 },
      { id: 'bradycardia', measure: 'rate', below: 50 },
    ],
  },
  {
    name: 'respiratory rate',
    field: /^(rr|respiratory rate|respiration|respirations|breathing rate)/,
    adultsOnly: true,
    read: (text) => ({ rate: firstNumber(/(\d{1,2})/)(text) }),
    thresholds: [{ id: 'tachypnoea', measure: 'rate', above: 20 }],
  },
  {
    name: 'oxygen saturation',
    field: /^(spo2|sao2|o2 sat|oxygen saturation|saturation|pulse oximetry)/,
    adultsOnly: false,
    read: (text) => ({ percent: firstNumber(/(\d{2,3})\s*%/)(text) ?? firstNumber(/(\d{2,3})/)(text) }),
    thresholds: [{ id: 'hypoxaemia', measure: 'percent', below: 94 }],
  },
];

/** The vital sign a field name holds ("BP" → "blood pressure"), if any. */
export function vitalNameOf(key: string): string | undefined {
  const k = testKey(key);
  return vitalSigns.find((sign) => sign.field.test(k))?.name;
}

const crosses = (value: number, threshold: Threshold): boolean =>
  (threshold.below !== undefined && value < threshold.below) ||
  (threshold.atLeast !== undefined && value >= threshold.atLeast) ||
  (threshold.above !== undefined && value > threshold.above);

/** The shared vital id a reading maps to when it is abnormal for the patient's age. */
export function classifyVital(name: string, text: string, age: number): string | undefined {
  const sign = vitalSigns.find((candidate) => candidate.name === name);
  if (!sign || (sign.adultsOnly && age < 16)) return undefined;
  const measures = sign.read(text);
  const measured = Object.values(measures).some((value) => value !== undefined);
  if (!measured && sign.words) return sign.words.pattern.test(text) && !sign.words.unless.test(text) ? sign.words.id : undefined;
  for (const threshold of sign.thresholds) {
    const value = measures[threshold.measure];
    if (value !== undefined && crosses(value, threshold)) return threshold.id;
  }
  return undefined;
}
