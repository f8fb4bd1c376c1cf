/**
 * What a learning doctor has counted from its past patients, by true disease: how many patients,
 * their sex and age, and per finding how often it was observed present or absent on the chart.
 * Integers only, so a profile rebuilt from its stored counts is exactly the profile that wrote them.
 */

/** Age bins of ten years; the last one is open (90 and over). */
export const ageBins = 10;
export const ageBinOf = (age: number): number => Math.min(ageBins - 1, Math.max(0, Math.floor(age / 10)));

/** A count row as stored: `feature` is a finding id or one of the `@` pseudo-features below. */
export interface CountRow {
  disease: string;
  feature: string;
  present: number;
  absent: number;
}

/** Patients with the disease (`present`). */
export const patientsFeature = '@patients';
/** Sex of those patients: `present` female, `absent` male. */
export const sexFeature = '@sex';
/** Patients in age bin k (`present`). */
export const ageFeature = (bin: number): string => `@age:${bin}`;

export const isPseudoFeature = (feature: string): boolean => feature.startsWith('@');

/** Counts as a sorted-key map: `disease\u0000feature` → [present, absent]. */
export class ExperienceCounts {
  private readonly cells = new Map<string, [number, number]>();

  static fromRows(rows: Iterable<CountRow>): ExperienceCounts {
    const counts = new ExperienceCounts();
    for (const row of rows) counts.add(row.disease, row.feature, row.present, row.absent);
    return counts;
  }

  get(disease: string, feature: string): readonly [number, number] {
    return this.cells.get(key(disease, feature)) ?? zero;
  }

  add(disease: string, feature: string, present: number, absent: number): void {
    const cell = this.cells.get(key(disease, feature));
    if (cell) {
      cell[0] += present;
      cell[1] += absent;
    } else this.cells.set(key(disease, feature), [present, absent]);
  }

  /** Every cell, in (disease, feature) order. */
  rows(): CountRow[] {
    return [...this.cells.entries()]
      .map(([k, [present, absent]]) => {
        const [disease, feature] = k.split('\u0000');
        return { disease, feature, present, absent };
      })
      .sort((a, b) => compare(a.disease, b.disease) || compare(a.feature, b.feature));
  }

  /** Findings (not pseudo-features) counted for one disease. */
  findingsOf(disease: string): { feature: string; present: number; absent: number }[] {
    const prefix = `${disease}\u0000`;
    const out: { feature: string; present: number; absent: number }[] = [];
    for (const [k, [present, absent]] of this.cells) {
      if (!k.startsWith(prefix)) continue;
      const feature = k.slice(prefix.length);
      if (!isPseudoFeature(feature)) out.push({ feature, present, absent });
    }
    return out.sort((a, b) => compare(a.feature, b.feature));
  }

  get size(): number {
    return this.cells.size;
  }
}

const zero: readonly [number, number] = [0, 0];
const key = (disease: string, feature: string): string => `${disease}\u0000${feature}`;
export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
