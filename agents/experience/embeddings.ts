import { z } from 'zod';
import type { Chart } from '../../domain/chart.js';
import { HospitalError } from '../../domain/errors.js';

/** Turns texts into vectors for case retrieval. */
export interface Embedder {
  readonly spec: string;
  embed(texts: string[]): Promise<number[][]>;
}

const embedResponseSchema = z.object({ embeddings: z.array(z.array(z.number())) });

/**
 * Embeddings from an Ollama server's `/api/embed` (`{model, input: [...]}` → `{embeddings}`).
 * A failed call is an error of the training or run that asked for it, named with the endpoint.
 */
export class OllamaEmbedder implements Embedder {
  readonly spec: string;

  constructor(
    private readonly host: string,
    private readonly model: string,
    private readonly fetchFn: typeof fetch = fetch,
    private readonly timeoutMs = 60_000,
  ) {
    this.spec = `ollama:${model}`;
  }

  async embed(texts: string[]): Promise<number[][]> {
    const url = `${this.host.replace(/\/+$/, '')}/api/embed`;
    let response: Response;
    try {
      response = await this.fetchFn(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: this.model, input: texts }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new HospitalError(`embeddings: ${url} unreachable (${(error as Error).message})`, 3);
    }
    if (!response.ok)
      throw new HospitalError(
        `embeddings: ${url} answered ${response.status} for model ${this.model} (pull it with "ollama pull ${this.model}")`,
        3,
      );
    const parsed = embedResponseSchema.safeParse(await response.json());
    if (!parsed.success || parsed.data.embeddings.length !== texts.length)
      throw new HospitalError(`embeddings: ${url} did not return one embedding per input`, 3);
    return parsed.data.embeddings;
  }
}

/** `ollama:<model>` as an embedder on the given Ollama host. */
export function embedderFor(spec: string, host: string, fetchFn?: typeof fetch): Embedder {
  const match = /^ollama:(.+)$/.exec(spec.trim());
  if (!match) throw new HospitalError(`--embed: expected ollama:<model> (got "${spec}")`, 2);
  return new OllamaEmbedder(host, match[1], fetchFn);
}

/** What a chart is embedded as when it queries the case base: its complaint and present findings. */
export function chartQueryText(chart: Chart): string {
  const findings = chart.revealed.filter((fact) => fact.present).map((fact) => fact.text);
  return `${chart.demographics.age}-year-old ${chart.demographics.sex}, "${chart.complaint}". Findings: ${findings.join('; ') || 'none charted'}.`;
}
