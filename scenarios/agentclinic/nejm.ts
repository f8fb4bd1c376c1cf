import type { Catalogue } from '../catalogue.js';
import type { LoadedScenario } from '../loader.js';
import type { ScenarioFile } from '../schema.js';
import { resolveTestName } from '../test-names.js';
import { assemble, type Draft, requireDemographics } from './assemble.js';
import { addTestFact, addUnmappedResult, type Builder, newBuilder, uniqueId } from './builder.js';
import { RecordError } from './records.js';
import { addSymptom, complaintParts } from './symptoms.js';
import { capitalise, isRecord, prose, sentences } from './text.js';

/**
 * An NEJM image challenge (`agentclinic_nejm.jsonl`, `..._nejm_extended.jsonl`):
 * `{ image_url, question, patient_info, physical_exams, answers: [{ text, correct }] }`.
 */

/** Boilerplate of NEJM patient prompts that is about role play, not the patient. */
const roleplayPattern =
  /\b(your role|patient actor|as a patient|remember,|you are not aware|you don't know|you do not know|not aware of|haven't been told|not been informed|haven't seen any|you haven't seen|the details|test readings|which you're not aware|you should be aware|to convey)\b/i;

export function nejmScenario(
  record: Record<string, unknown>,
  variant: string,
  line: number,
  catalogue: Catalogue,
  library: readonly LoadedScenario[],
): { scenario: ScenarioFile; draft: Draft; builder: Builder } {
  const answers = record.answers;
  if (!Array.isArray(answers)) throw new RecordError('answers', 'a list of answers like [{"text": "…", "correct": true}]');
  const correct = answers.find((answer) => isRecord(answer) && answer.correct === true);
  if (!isRecord(correct) || typeof correct.text !== 'string' || !correct.text.trim())
    throw new RecordError('answers', 'one answer with "correct": true and a non-empty "text"');
  const question = prose(record.question);
  const patientInfo = prose(record.patient_info);
  if (!question && !patientInfo) throw new RecordError('question', 'the case text (question or patient_info)');
  const demographics = requireDemographics(question, patientInfo, 'question');
  const builder = newBuilder(variant, line, catalogue, demographics.age);

  const opening = sentences(question)[0] ?? '';
  const presenting =
    /\bwith (?:an? )?(?:[\w-]+[- ](?:day|week|month|year)s?[- ]history of |history of )?(.+?)(?:\.|$)/i.exec(opening)?.[1] ?? '';
  const patientSentences = patientInfo
    .replace(/\*\*/g, '')
    .split(/(?:^|\s)-\s+|(?:^|\s)\d+\.\s+(?=[A-Z])/)
    .flatMap((segment) => sentences(segment))
    .map((sentence) => sentence.replace(/^[^:]{1,40}:\s*(?=[A-Z]|$)/, '').trim())
    .filter((sentence) => sentence.length > 0)
    .filter((sentence) => !roleplayPattern.test(sentence));
  const complaintSource = presenting || patientSentences[0] || opening;
  if (!complaintSource) throw new RecordError('question', 'a presenting complaint ("presented with …")');
  const complaintField = presenting ? 'question' : 'patient_info';
  const complaintIds = complaintParts(complaintSource)
    .map((part) => addSymptom(builder, part, complaintField, library))
    .filter((id): id is string => id !== undefined);
  for (const sentence of patientSentences) {
    const i = builder.history.length;
    builder.history.push(sentence);
    builder.fields[`history.${i}`] = 'patient_info';
  }
  for (const sentence of sentences(question)) {
    if (
      /\b(physical examination|on examination|examination (showed|revealed)|exam(ination)? was notable|auscultation)\b/i.test(sentence) &&
      !/\?$/.test(sentence)
    ) {
      const text = sentence.replace(/^On (physical )?examination,?\s*/i, '');
      const id = uniqueId(builder, `ac-examination-${builder.findings.filter((f) => f.kind === 'sign').length + 1}`);
      builder.findings.push({ id, kind: 'sign', text: `Examination: ${text}`, p: 1, ask: [], key: false });
      builder.fields[`findings.${id}`] = 'question';
    }
  }
  const exams = prose(record.physical_exams).replace(/^(The )?(information|following)[^:]{0,120}:\s*/i, '');
  const refusal =
    /\b(does not (include|contain|mention|provide)|no (specific )?(instrument readings|numerical|test results) (to report|are)|cannot generate|there are no instrument)\b/i;
  if (exams && !refusal.test(exams)) {
    const items = exams
      .split(/(?:^|\s)(?:\d+\.|-)\s+(?=[A-Z])|(?<=\.)\s+(?=[A-Z][^:.]{2,60}:\s)/)
      .map((item) => item.trim())
      .filter(Boolean);
    const pending = new Map<string, string[]>();
    let group = '';
    const split: string[] = [];
    for (const item of items) {
      // "… (Reference range: <20) Biopsy findings include:" ends one item and opens a group.
      const header = item.endsWith(':') ? /^(.*?)\s+([A-Z][a-z][^:]*)$/.exec(item.slice(0, -1)) : null;
      if (
        header &&
        (header[1].includes(':') || /\b(findings|results|studies|tests|testing|include|includes|indicated|showed)\b/i.test(header[2]))
      )
        split.push(header[1], `${header[2]}:`);
      else split.push(item);
    }
    for (const item of split) {
      const colon = item.indexOf(':');
      const name =
        colon > 0 && colon <= 80
          ? item
              .slice(0, colon)
              .replace(/\b(findings|results|include|includes|indicated|showed|are as follows|of the lesions)\b/gi, '')
              .replace(/\s+/g, ' ')
              .trim()
          : '';
      const text = colon > 0 && colon <= 80 ? item.slice(colon + 1).trim() : item;
      if (name && !text) {
        group = name;
        continue;
      }
      const testName = name || group;
      const resolved = testName
        ? (resolveTestName(testName, catalogue) ?? (group && name ? resolveTestName(`${group} ${name}`, catalogue) : undefined))
        : undefined;
      const line = name ? `${capitalise(name)}: ${text}` : capitalise(text);
      if (resolved) addTestFact(builder, resolved.test.id, testName, line, 'physical_exams');
      else pending.set(testName || 'Findings', [...(pending.get(testName || 'Findings') ?? []), line]);
    }
    for (const [name, lines] of pending)
      addUnmappedResult(
        builder,
        name,
        lines.map((text) => ({ text, field: 'physical_exams' })),
        'physical_exams',
      );
  }
  const nearMisses = answers
    .filter((answer) => isRecord(answer) && answer.correct !== true && typeof answer.text === 'string')
    .map((answer) => String((answer as Record<string, unknown>).text).trim());
  const draft: Draft = { diagnosis: correct.text.trim(), demographicsText: opening, historyText: patientInfo, nearMisses };
  const scenario = assemble(builder, draft, demographics, capitalise(complaintSource), complaintField, complaintIds, library);
  return { scenario, draft, builder };
}
