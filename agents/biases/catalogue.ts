import { InputError } from '../../domain/errors.js';

/**
 * The cognitive and implicit biases a doctor can be given, and the behaviours a patient can act
 * out. Each has one description (for help and reports) and one instruction for LLM roles; the
 * built-in agents act them out in agents/biases/doctor-biases.ts and patient-behaviours.ts.
 */
export const doctorBiasNames = [
  'anchoring',
  'confirmation',
  'recency',
  'availability',
  'premature-closure',
  'overconfidence',
  'base-rate-neglect',
  'gender',
] as const;
export type DoctorBias = (typeof doctorBiasNames)[number];

export const patientBehaviourNames = ['withholding', 'exaggerating', 'minimising', 'anxious', 'low-literacy', 'relative'] as const;
export type PatientBehaviour = (typeof patientBehaviourNames)[number];

interface BiasDefinition {
  /** What the bias is, in one line (help text, reports). */
  description: string;
  /** Appended to an LLM role's system prompt. */
  instruction: string;
}

export const doctorBiasDefinitions: Record<DoctorBias, BiasDefinition> = {
  anchoring: {
    description: 'over-weights the first finding (3×) and adjusts too little from it (every later finding counts half)',
    instruction:
      'You anchor on first impressions: the first finding you learned shapes your working diagnosis, and you give later findings less weight than they deserve.',
  },
  confirmation: {
    description: 'discounts findings that speak against the leading diagnosis',
    instruction:
      'Once you have a leading diagnosis you look for findings that confirm it and tend to explain away or discount findings that argue against it.',
  },
  recency: {
    description: 'over-weights the findings learned last',
    instruction: 'You give the most weight to whatever you learned last in the consultation, more than to earlier findings.',
  },
  availability: {
    description: 'favours diseases diagnosed recently on the ward (the previous patients of the run)',
    instruction: 'Diagnoses you have made recently come to mind first: you consider them more likely than their true frequency warrants.',
  },
  'premature-closure': {
    description: 'diagnoses as soon as one diagnosis reaches a low confidence, without checking its key findings',
    instruction:
      'You settle on a diagnosis early: as soon as one diagnosis seems plausible you stop asking questions and ordering tests and commit to it.',
  },
  overconfidence: {
    description: 'states more confidence than the evidence supports (a sharpened differential)',
    instruction:
      'You are overconfident: you state a higher confidence in your diagnosis than the evidence supports and keep your differential short.',
  },
  'base-rate-neglect': {
    description: 'ignores how common each disease is and judges by fit alone',
    instruction:
      'You ignore how common or rare a disease is and judge only by how well the findings fit, so rare diseases seem as likely as common ones.',
  },
  gender: {
    description: 'implicit bias: in women, under-weights cardiac disease and attributes symptoms to benign causes',
    instruction:
      'Like many clinicians, you implicitly take symptoms in women less seriously: you are slower to consider heart disease in a woman and more ready to attribute her symptoms to benign causes.',
  },
};

export const patientBehaviourDefinitions: Record<PatientBehaviour, BiasDefinition> = {
  withholding: {
    description: 'holds some facts back: a withheld fact is told only when asked about a second time',
    instruction:
      'You are reluctant to share some things: the first time the doctor asks about something embarrassing or that you would rather not discuss, say no or change the subject; only if the doctor asks about it again do you admit it.',
  },
  exaggerating: {
    description: 'reports symptoms as more severe, and sometimes claims minor symptoms they do not have',
    instruction:
      'You exaggerate: describe your symptoms as much worse than they are ("the worst pain of my life"), and sometimes say yes to a minor symptom you do not really have.',
  },
  minimising: {
    description: 'denies mild symptoms at first and downplays the rest',
    instruction:
      'You play things down: the first time you are asked about a minor symptom you deny it ("not really"); you only admit it when asked again, and you describe your main symptoms as mild.',
  },
  anxious: {
    description: 'worried talk and volunteers extra symptoms unasked',
    instruction:
      'You are very anxious: you say how worried you are, ask whether it is serious, and mention other symptoms you have even when the doctor did not ask about them.',
  },
  'low-literacy': {
    description: 'lay wording; does not recognise medical terms (e.g. "dyspnoea") but answers to plain words',
    instruction:
      'You have low health literacy: you use only plain everyday words and you do not understand medical terms; when the doctor uses one (for example "dyspnoea", "haematuria", "syncope"), say you do not know what it means instead of answering.',
  },
  relative: {
    description: 'a relative speaks for the patient: third person, and private history is not known',
    instruction:
      'You are not the patient but a close relative speaking for them: talk about the patient in the third person ("she has…"), and say you do not know about private matters such as alcohol, drugs, smoking, sexual or mental-health history.',
  },
};

function parseList<T extends string>(text: string | undefined, valid: readonly T[], flag: string): T[] {
  if (text === undefined) return [];
  const names = text
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && name !== 'none');
  for (const name of names) {
    if (!(valid as readonly string[]).includes(name))
      throw new InputError(flag, name, `unknown; expected one or more of: ${valid.join(', ')}`);
  }
  return [...new Set(names as T[])].sort((a, b) => valid.indexOf(a) - valid.indexOf(b));
}

/** `--doctor-bias anchoring,confirmation`: the named biases in catalogue order, or one-line InputError. */
export const parseDoctorBiases = (text: string | undefined): DoctorBias[] => parseList(text, doctorBiasNames, '--doctor-bias');

/** `--patient-bias withholding,anxious`. */
export const parsePatientBehaviours = (text: string | undefined): PatientBehaviour[] =>
  parseList(text, patientBehaviourNames, '--patient-bias');

/** The instructions an LLM role gets for its biases, as one system-prompt section (empty when none). */
export function biasInstructions(names: readonly (DoctorBias | PatientBehaviour)[]): string {
  if (names.length === 0) return '';
  const lines = names.map((name) =>
    name in doctorBiasDefinitions
      ? doctorBiasDefinitions[name as DoctorBias].instruction
      : patientBehaviourDefinitions[name as PatientBehaviour].instruction,
  );
  return [
    '',
    'Role-play these traits consistently (they are part of the simulation, not errors to correct):',
    ...lines.map((line) => `- ${line}`),
  ].join('\n');
}

/** What a run stores about its biases (RunConfig fields `doctorBiases`, `patientBehaviours`). */
export interface BiasSettings {
  doctorBiases: DoctorBias[];
  patientBehaviours: PatientBehaviour[];
}

/** Read the settings back from a stored run config (absent: none). */
export function biasSettingsOf(config: Readonly<Record<string, unknown>>): BiasSettings {
  const list = (value: unknown): string => (Array.isArray(value) ? value.join(',') : '');
  return {
    doctorBiases: parseDoctorBiases(list(config.doctorBiases)),
    patientBehaviours: parsePatientBehaviours(list(config.patientBehaviours)),
  };
}
