/**
 * P(finding present | disease) for every disease × finding, kept with its logarithms so that a
 * posterior update is a sum over one contiguous column. Cells a disease does not list hold the
 * finding's background rate. The table is mutable on purpose: a knowledge base may start partial
 * (only key findings) and learn its probabilities from experience through `set` and `learn`.
 *
 * Layout is finding-major: the cell (disease d, finding f) is at `f * diseaseCount + d`.
 */

/** Probabilities are kept away from 0 and 1 so one contradicting observation never zeroes a disease. */
export const minProbability = 0.005;
export const maxProbability = 0.995;

const clamp = (p: number): number => Math.min(maxProbability, Math.max(minProbability, p));

const binaryEntropy = (p: number): number => -(p * Math.log(p) + (1 - p) * Math.log(1 - p));

export class LikelihoodTable {
  /** P(present | disease), clamped. */
  readonly p: Float64Array;
  /** log P(present | disease). */
  readonly logPresent: Float64Array;
  /** log P(absent | disease). */
  readonly logAbsent: Float64Array;
  /** Binary entropy of each cell, in nats (for expected information gain). */
  readonly entropy: Float64Array;
  /** Pseudo-observation count behind each listed cell, for `learn`. */
  readonly weight: Float64Array;
  private readonly background: Float64Array;
  private readonly backgroundH: Float64Array;
  private readonly listedByDisease: Set<number>[];
  private readonly listedByFinding: Set<number>[];
  /** Bumped on every change, so callers can cache derived values. */
  version = 0;
  private readonly listedCache = new Map<number, number[]>();
  private listedCacheVersion = -1;

  constructor(
    readonly diseaseCount: number,
    readonly findingCount: number,
    background: ArrayLike<number>,
  ) {
    const size = diseaseCount * findingCount;
    this.p = new Float64Array(size);
    this.logPresent = new Float64Array(size);
    this.logAbsent = new Float64Array(size);
    this.entropy = new Float64Array(size);
    this.weight = new Float64Array(size);
    this.background = new Float64Array(findingCount);
    this.backgroundH = new Float64Array(findingCount);
    this.listedByDisease = Array.from({ length: diseaseCount }, () => new Set<number>());
    this.listedByFinding = Array.from({ length: findingCount }, () => new Set<number>());
    for (let f = 0; f < findingCount; f++) this.setBackground(f, background[f]);
  }

  /** P(finding present | disease). */
  get(disease: number, finding: number): number {
    return this.p[finding * this.diseaseCount + disease];
  }

  /** Whether the disease lists the finding (rather than falling back to the background rate). */
  isListed(disease: number, finding: number): boolean {
    return this.listedByDisease[disease].has(finding);
  }

  /** P(present) of a disease that does not list the finding (clamped like every cell). */
  backgroundOf(finding: number): number {
    return this.background[finding];
  }

  /** Binary entropy of the background rate, in nats. */
  backgroundEntropy(finding: number): number {
    return this.backgroundH[finding];
  }

  /** Findings the disease lists, in ascending index order (do not modify the array). */
  listedFindings(disease: number): readonly number[] {
    if (this.listedCacheVersion !== this.version) {
      this.listedCache.clear();
      this.listedCacheVersion = this.version;
    }
    let listed = this.listedCache.get(disease);
    if (!listed) {
      listed = [...this.listedByDisease[disease]].sort((a, b) => a - b);
      this.listedCache.set(disease, listed);
    }
    return listed;
  }

  /** Diseases that list the finding, in ascending index order. */
  listingDiseases(finding: number): number[] {
    return [...this.listedByFinding[finding]].sort((a, b) => a - b);
  }

  /** Set P(present | disease) for one cell and mark it listed; `weight` is how many observations it stands for. */
  set(disease: number, finding: number, probability: number, weight = 10): void {
    this.write(finding * this.diseaseCount + disease, probability);
    this.weight[finding * this.diseaseCount + disease] = weight;
    this.listedByDisease[disease].add(finding);
    this.listedByFinding[finding].add(disease);
    this.version++;
  }

  /** Forget a listed cell: it falls back to the finding's background rate. */
  unset(disease: number, finding: number): void {
    this.write(finding * this.diseaseCount + disease, this.background[finding]);
    this.weight[finding * this.diseaseCount + disease] = 0;
    this.listedByDisease[disease].delete(finding);
    this.listedByFinding[finding].delete(disease);
    this.version++;
  }

  /** Change a finding's background rate, and every cell that is not listed. */
  setBackground(finding: number, probability: number): void {
    this.background[finding] = clamp(probability);
    this.backgroundH[finding] = binaryEntropy(this.background[finding]);
    const base = finding * this.diseaseCount;
    for (let d = 0; d < this.diseaseCount; d++) {
      if (!this.listedByDisease[d].has(finding)) this.write(base + d, probability);
    }
    this.version++;
  }

  /**
   * Update one cell from an observed patient with a known disease: a running mean with the cell's
   * weight as its pseudo-count (a Beta posterior mean), so a partial table converges with experience.
   */
  learn(disease: number, finding: number, present: boolean, count = 1): void {
    const cell = finding * this.diseaseCount + disease;
    // An unlisted cell counts its background rate as one observation, so one patient cannot pin it to 0 or 1.
    const prior = Math.max(1, this.weight[cell]);
    const mean = (this.p[cell] * prior + (present ? count : 0)) / (prior + count);
    this.set(disease, finding, mean, prior + count);
  }

  private write(cell: number, probability: number): void {
    const p = clamp(probability);
    this.p[cell] = p;
    this.logPresent[cell] = Math.log(p);
    this.logAbsent[cell] = Math.log(1 - p);
    this.entropy[cell] = binaryEntropy(p);
  }
}
