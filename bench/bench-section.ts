/** Further benchmark sections (model throughput, replay, learning), each printing its figures. */
export interface BenchSection {
  title: string;
  run(dir: string): Promise<Record<string, number>>;
}
