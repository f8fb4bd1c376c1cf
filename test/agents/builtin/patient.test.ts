import { describe, expect, it } from 'vitest';
import { answerQuestion, BuiltinPatient, nothingLikeThat } from '../../../agents/builtin/patient.js';
import { generateCase, pickScenario } from '../../../scenarios/generator.js';
import { arrivalChart, contextFor } from './consultation-loop.js';
import { fixedCase, fixtureSet, scenarioOf } from './fixtures.js';
import { loadLibrary } from './library.js';

const set = fixtureSet();
const pneumonia = scenarioOf(set, 'fixture-pneumonia');
const patient = fixedCase(pneumonia, ['cough', 'fever', 'dyspnoea', 'focal-crackles', 'chest-xray:consolidation']);

describe('BuiltinPatient', () => {
  it('tells a present finding in its own words, with its fact id', async () => {
    const answer = await new BuiltinPatient().answer('Have you had a cough?', patient, arrivalChart(patient), contextFor(patient));
    expect(answer).toEqual({ text: 'Yes, I keep coughing.', factIds: ['cough'] });
  });

  it('matches whole words with plural and verb-ending tolerance, case-insensitively', () => {
    expect(answerQuestion('ARE YOU COUGHING?', patient).factIds).toEqual(['cough']);
    expect(answerQuestion('Any coughs lately?', patient).factIds).toEqual(['cough']);
    expect(answerQuestion('Have you been feeling breathless?', patient).factIds).toEqual(['dyspnoea']);
    // whole words only: a coughdrop is not a cough
    expect(answerQuestion('Did you take a coughdrop?', patient).factIds).toEqual([]);
  });

  it('denies an absent finding plainly, with its fact id', () => {
    const answer = answerQuestion('Do you smoke?', patient);
    expect(answer.factIds).toEqual(['smoker']);
    // The denial is in the case's own words (its label), never an echo of the question.
    expect(answer.text).toBe('No, not that I know of (smoker).');
    const fit = fixedCase(pneumonia, ['cough']);
    expect(answerQuestion('Have you had any fever?', fit)).toEqual({ text: "No, I haven't had any fever.", factIds: ['fever'] });
  });

  it('answers each finding a question covers', () => {
    const answer = answerQuestion('Have you had any fever, cough or smoking?', patient);
    expect(answer.factIds.sort()).toEqual(['cough', 'fever', 'smoker']);
    expect(answer.text).toContain('Yes, I keep coughing.');
    expect(answer.text).toContain("I've been hot and shivery.");
    expect(answer.text).toContain('No,');
  });

  it('says so plainly when nothing in the case matches', () => {
    expect(answerQuestion('Any rash on your skin?', patient)).toEqual({ text: nothingLikeThat, factIds: [] });
  });

  it('never reveals examination or test findings by talk', () => {
    expect(answerQuestion('Any crackles or consolidation?', patient).factIds).toEqual([]);
  });

  it('answers age and the complaint from the case', () => {
    expect(answerQuestion('How old are you?', patient).text).toBe(`I'm ${patient.demographics.age}.`);
    expect(answerQuestion('What brings you in today?', patient).text).toBe(patient.complaint.text);
  });

  it('speaks first person from the chart text when a finding has no words of its own', () => {
    const silent = { ...patient, facts: patient.facts.map((fact) => (fact.id === 'cough' ? { ...fact, says: undefined } : fact)) };
    expect(answerQuestion('Any cough?', silent).text).toBe('Yes, cough for five days.');
  });

  it('answers imported cases from their free-text history', () => {
    const imported = {
      ...patient,
      facts: [],
      freeText: { history: ['Three days of watery diarrhoea.', 'No recent travel.'], results: {} },
    };
    expect(answerQuestion('Any diarrhoea?', imported).text).toBe('Three days of watery diarrhoea.');
  });

  it('on the library, only reveals the case’s own patient facts and never the diagnosis', () => {
    const library = loadLibrary();
    const askWords = [...new Set(library.scenarios.flatMap((scenario) => scenario.facts.flatMap((fact) => fact.ask)))].slice(0, 300);
    for (let index = 0; index < 40; index++) {
      const drawn = generateCase(pickScenario(library.scenarios, 3, index), 3, index);
      const own = new Set(drawn.facts.filter((fact) => fact.source === 'patient').map((fact) => fact.id));
      for (let i = index; i < askWords.length; i += 40) {
        const answer = answerQuestion(`Have you had any ${askWords[i]}?`, drawn);
        for (const id of answer.factIds) expect(own.has(id)).toBe(true);
        expect(answer.text.toLowerCase()).not.toContain(drawn.truth.diagnosis.toLowerCase());
      }
    }
  });
});
