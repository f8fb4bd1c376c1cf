/**
 * The hospital's shared vocabulary: departments, facility levels and the kinds of finding, used by
 * every layer (scenario files, charts, journeys, reports).
 */
export const facilityLevels = ['village', 'county', 'tertiary'] as const;
export type FacilityLevel = (typeof facilityLevels)[number];

export const departments = [
  'emergency',
  'cardiology',
  'respiratory',
  'gastroenterology',
  'hepatology',
  'neurology',
  'endocrinology',
  'nephrology',
  'urology',
  'infectious-disease',
  'haematology',
  'oncology',
  'rheumatology',
  'dermatology',
  'ophthalmology',
  'ent',
  'obstetrics-gynaecology',
  'paediatrics',
  'psychiatry',
  'orthopaedics',
  'rare-diseases',
  'general-medicine',
] as const;
export type Department = (typeof departments)[number];

export const findingKinds = ['symptom', 'history', 'sign', 'vital'] as const;
export type FindingKind = (typeof findingKinds)[number];
