import { schemaTitles } from '../../agents/llm/schemas.js';
import type { ChatHandler, FakeChatCall } from './ollama-server.js';

/** A scripted doctor: ask once, then examine and X-ray, then diagnose citing what the chart shows. */
export function specialist(call: FakeChatCall) {
  const prompt = call.body.messages[1].content;
  const tokens = { promptTokens: 1200, evalTokens: 60 };
  if (!/^Doctor: /m.test(prompt)) {
    return { content: JSON.stringify({ action: 'ask', question: 'Have you been coughing anything up?' }), ...tokens };
  }
  if (prompt.includes('Tests ordered:\n- none yet')) {
    return {
      content: JSON.stringify({ action: 'order', tests: ['Physical examination', 'CXR'], reason: 'signs and consolidation' }),
      ...tokens,
    };
  }
  const cited = [...prompt.matchAll(/^- \[([^\]]+)\]/gm)].map((match) => match[1]).slice(0, 3);
  const report = {
    diagnosis: 'Community-acquired pneumonia',
    icd10: 'J18.9',
    confidence: 0.75,
    differential: [
      { name: 'Community-acquired pneumonia', p: 0.75 },
      { name: 'Acute bronchitis', p: 0.25 },
    ],
    evidence: cited.map((factId) => ({ factId, text: factId, supports: true })),
    reasoning: 'Cough and fever with focal signs.',
    plan: 'Severity assessment and antibiotics, for a physician to review and sign off.',
    escalated: [],
    disclaimer: 'Simulated assessment, not medical advice; a licensed physician must review it.',
  };
  return { content: JSON.stringify({ action: 'diagnose', report }), ...tokens };
}

/** A scripted patient: reveals the first fact it is told is true. */
export function patientReply(call: FakeChatCall) {
  const fact = /^- \[([^\]]+)\] YES/m.exec(call.body.messages[0].content);
  return {
    content: JSON.stringify({ answer: 'Yes, a fair bit.', factIds: fact ? [fact[1], 'not-a-fact'] : [] }),
    promptTokens: 400,
    evalTokens: 15,
  };
}

/** A scripted examiner: words every test it is given the same way. */
export function examinerReply(call: FakeChatCall) {
  const ids = [...call.body.messages[1].content.matchAll(/^Test id: (\S+)/gm)].map((match) => match[1]);
  return {
    content: JSON.stringify({ results: ids.map((test) => ({ test, report: `Reported: ${test}.` })) }),
    promptTokens: 200,
    evalTokens: 25,
  };
}

/** Handlers for every role's structured output: a small, well-behaved hospital of models. */
export function scriptedHospital(): Record<string, ChatHandler> {
  return {
    [schemaTitles.triage]: () => ({
      content: JSON.stringify({ department: 'respiratory', acuity: 3, rationale: 'Cough and fever.' }),
      promptTokens: 300,
      evalTokens: 20,
    }),
    [schemaTitles.specialist]: specialist,
    [schemaTitles.finalDiagnosis]: specialist,
    [schemaTitles.patient]: patientReply,
    [schemaTitles.examiner]: examinerReply,
    [schemaTitles.followUp]: () => ({
      content: JSON.stringify({ status: 'improving', action: 'discharge', note: 'Settling.' }),
      promptTokens: 800,
      evalTokens: 30,
    }),
  };
}
