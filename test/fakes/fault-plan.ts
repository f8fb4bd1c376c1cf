import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Rng } from '../../domain/random.js';

/** Faults a fake model server can inject, as the real servers (or the network) produce them. */
export type FaultKind =
  /** HTTP 500 with a JSON error body. */
  | 'http-500'
  /** HTTP 200 whose body is `{"error": ...}` (Ollama does this, also mid-stream). */
  | 'error-body'
  /** Accept the request and never answer. */
  | 'hang'
  /** HTTP 200 with a body that is not JSON. */
  | 'invalid-json'
  /** Drop the connection without an answer. */
  | 'disconnect'
  /** Start answering (headers and a first chunk), then never finish. */
  | 'stall';

export type Fault =
  | { fault: FaultKind; message?: string }
  /** Any HTTP status with an error message (e.g. 404 model not found, 401, 400). */
  | { fault: 'http'; status: number; message: string };

export interface ModelReply {
  content: string;
  promptTokens?: number;
  evalTokens?: number;
  doneReason?: string;
  /** Wait this long before answering (a slow model or a cold load). */
  delayMs?: number;
}

export type FakeReply = ModelReply | Fault;

export const isFault = (reply: FakeReply): reply is Fault => 'fault' in reply;

/** Random faults at given rates, drawn from a seeded generator (deterministic per call order). */
export interface FaultRates {
  rng: Rng;
  rates: Partial<Record<FaultKind, number>>;
}

export function drawFault(plan: FaultRates | undefined): Fault | undefined {
  if (!plan) return undefined;
  const roll = plan.rng.next();
  let cumulative = 0;
  for (const [fault, rate] of Object.entries(plan.rates) as [FaultKind, number][]) {
    cumulative += rate;
    if (roll < cumulative) return { fault };
  }
  return undefined;
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A rough token count, so usage numbers look like a real server's (about 4 characters a token). */
export const tokensOf = (text: string): number => Math.max(1, Math.ceil(text.length / 4));
