import { isContainerName, isReportPart, resolveTestName, specimenOf, testKey, type Specimen } from '../test-names.js';
import { addTestFact, addUnmappedResult, addVital, type Builder, leaves } from './builder.js';
import { humanise, isRecord, prose } from './text.js';
import { vitalNameOf } from './vitals.js';

const plainReportParts = /^(findings?|results?|report|value|level|readings?)$/;

/** Text of one result leaf: "WBC: 8.7 x10^3/μL", or "Chest X-ray: Normal" for a bare report. */
export function resultText(unitName: string, relative: readonly string[], text: string): string {
  const named = relative.filter((part) => !plainReportParts.test(testKey(part)));
  const label = named.length > 0 ? named.map(humanise).join(', ') : humanise(unitName);
  return `${label}: ${text}`;
}

/**
 * Walk a test group. A container ("Blood_Tests", "Imaging") holds tests; a test holds report
 * parts ("Findings") and analytes ("WBC"), each resolved on its own first, then by its test.
 */
export function walkTests(
  builder: Builder,
  name: string,
  value: unknown,
  path: string[],
  parentNames: string[],
  specimen: Specimen | undefined,
): void {
  const field = ['Test_Results', ...path].join('.');
  const key = testKey(name);
  const ownSpecimen = specimenOf(key) ?? specimen;
  if (!isRecord(value) && !(Array.isArray(value) && value.some(isRecord))) {
    const text = prose(value);
    if (!text || /^(n\/?a|not (provided|available|done|performed))\.?$/i.test(text)) return;
    if (vitalNameOf(name) && parentNames.length === 0) {
      addVital(builder, name, value, field);
      return;
    }
    const resolved =
      resolveTestName(name, builder.catalogue, ownSpecimen) ??
      (parentNames.length > 0 ? resolveTestName(`${parentNames.at(-1)} ${name}`, builder.catalogue, ownSpecimen) : undefined);
    if (resolved) addTestFact(builder, resolved.test.id, name, `${humanise(name)}: ${text}`, field);
    else addUnmappedResult(builder, name, [{ text: `${humanise(name)}: ${text}`, field }], field);
    return;
  }
  if (/^vital/i.test(key) && parentNames.length === 0) {
    for (const [inner, reading] of Object.entries(isRecord(value) ? value : {})) addVital(builder, inner, reading, `${field}.${inner}`);
    return;
  }
  const entries = isRecord(value) ? Object.entries(value) : (value as unknown[]).map((item, i) => [String(i), item] as const);
  if (isContainerName(name)) {
    for (const [inner, innerValue] of entries) walkTests(builder, inner, innerValue, [...path, inner], [...parentNames, name], ownSpecimen);
    return;
  }
  const resolved =
    resolveTestName(name, builder.catalogue, ownSpecimen) ??
    (parentNames.length > 0 ? resolveTestName(`${parentNames.at(-1)} ${name}`, builder.catalogue, ownSpecimen) : undefined);
  const unmapped: { text: string; field: string }[] = [];
  for (const [inner, innerValue] of entries) {
    if (isReportPart(inner)) {
      for (const leaf of leaves(innerValue, [inner])) {
        const text = resultText(name, leaf.path, leaf.text);
        const leafField = [field, ...leaf.path].join('.');
        if (resolved) addTestFact(builder, resolved.test.id, leaf.path.join(' '), text, leafField);
        else unmapped.push({ text, field: leafField });
      }
      continue;
    }
    // An analyte or a sub-test: on its own if the catalogue knows it, else under this test.
    const own = isRecord(innerValue) ? undefined : resolveTestName(inner, builder.catalogue, ownSpecimen);
    if (own && (!resolved || own.via !== 'fuzzy')) {
      walkTests(builder, inner, innerValue, [...path, inner], [...parentNames, name], ownSpecimen);
      continue;
    }
    if (isRecord(innerValue) && !Object.keys(innerValue).every((key) => isReportPart(key))) {
      walkTests(builder, inner, innerValue, [...path, inner], [...parentNames, name], ownSpecimen);
      continue;
    }
    if (isRecord(innerValue)) {
      const sub =
        resolveTestName(inner, builder.catalogue, ownSpecimen) ?? resolveTestName(`${name} ${inner}`, builder.catalogue, ownSpecimen);
      if (sub && sub.test.id !== resolved?.test.id) {
        walkTests(builder, inner, innerValue, [...path, inner], [...parentNames, name], ownSpecimen);
        continue;
      }
    }
    for (const leaf of leaves(innerValue, [inner])) {
      const text = resultText(name, leaf.path, leaf.text);
      const leafField = [field, ...leaf.path].join('.');
      if (resolved) addTestFact(builder, resolved.test.id, leaf.path.join(' '), text, leafField);
      else unmapped.push({ text, field: leafField });
    }
  }
  addUnmappedResult(builder, name, unmapped, field);
}
