import { readDataBlocks, type ParsedDataBlock } from '../../evaluation/judge-data-block.js';
import type { VerdictInputs } from '../../evaluation/judge-prompt.js';
import type { ChatHandler, FakeChatCall } from './ollama-server.js';

/**
 * Scripted judges for the fake model servers: they read the data blocks of the prompt they are
 * sent, as a model would, and reply in the judge's schema (or, for the failure cases, do not).
 */
export const userText = (call: FakeChatCall): string =>
  call.body.messages
    .filter((message) => message.role === 'user')
    .map((message) => message.content)
    .join('\n');

export function blocksOf(call: FakeChatCall): Map<string, ParsedDataBlock> {
  return new Map(readDataBlocks(userText(call)).map((block) => [block.name, block]));
}

/** The fields the verdict question compares, as the model received them. */
export function verdictInputsOf(call: FakeChatCall): VerdictInputs & { candidateId: string } {
  const blocks = blocksOf(call);
  const reference = blocks.get('REFERENCE');
  const candidate = blocks.get('CANDIDATE');
  if (!reference || !candidate) throw new Error('the verdict prompt lacks a REFERENCE or CANDIDATE block');
  return {
    reference: reference.value as VerdictInputs['reference'],
    candidate: candidate.value as VerdictInputs['candidate'],
    candidateId: candidate.id,
  };
}

export type Verdict = 'correct' | 'partial' | 'wrong';

/** A judge whose verdict is a function of the structured fields it was sent; it replies in the schema. */
export function scriptedVerdictJudge(decide: (inputs: VerdictInputs) => Verdict): ChatHandler {
  return (call) => {
    const inputs = verdictInputsOf(call);
    return { content: JSON.stringify({ block: inputs.candidateId, reason: 'scripted', verdict: decide(inputs) }) };
  };
}

/** Lower-case words only: how the scripted judges compare names. */
export const plainName = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** An honest literal judge: correct when the candidate field is a reference name exactly, else wrong. */
export const literalJudge = scriptedVerdictJudge(({ reference, candidate }) => {
  const names = [reference.diagnosis, ...reference.synonyms, ...reference.acceptable].map(plainName);
  return names.includes(plainName(candidate.diagnosis)) ? 'correct' : 'wrong';
});
