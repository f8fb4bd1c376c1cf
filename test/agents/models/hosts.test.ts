import { describe, expect, it } from 'vitest';
import { EndpointPool, parseOllamaHost, resolveOllamaHosts } from '../../../agents/models/hosts.js';

describe('resolveOllamaHosts', () => {
  it('prefers the flag, then OLLAMA_HOST, then the default', () => {
    expect(resolveOllamaHosts('gpu1:11434,gpu2', { OLLAMA_HOST: 'other' })).toEqual(['http://gpu1:11434', 'http://gpu2:11434']);
    expect(resolveOllamaHosts(undefined, { OLLAMA_HOST: '10.0.0.5' })).toEqual(['http://10.0.0.5:11434']);
    expect(resolveOllamaHosts(undefined, {})).toEqual(['http://127.0.0.1:11434']);
    expect(resolveOllamaHosts('', { OLLAMA_HOST: ' ' })).toEqual(['http://127.0.0.1:11434']);
  });

  it('reads entries the way the Ollama CLI reads OLLAMA_HOST', () => {
    expect(parseOllamaHost('localhost')).toBe('http://localhost:11434');
    expect(parseOllamaHost(':8080')).toBe('http://127.0.0.1:8080');
    expect(parseOllamaHost('0.0.0.0:11434')).toBe('http://0.0.0.0:11434');
    expect(parseOllamaHost('https://ollama.example.org')).toBe('https://ollama.example.org:443');
    expect(parseOllamaHost('http://box')).toBe('http://box:80');
    expect(parseOllamaHost('http://box:9000/proxy/')).toBe('http://box:9000/proxy');
    expect(parseOllamaHost('[::1]:11434')).toBe('http://[::1]:11434');
  });

  it('drops duplicates and rejects a bad entry naming where it came from', () => {
    expect(resolveOllamaHosts('a,a:11434, a ')).toEqual(['http://a:11434']);
    expect(() => resolveOllamaHosts('gpu1:notaport')).toThrow(/^--ollama-host: port of "gpu1:notaport"/);
    expect(() => resolveOllamaHosts(undefined, { OLLAMA_HOST: 'ftp://x' })).toThrow(/^OLLAMA_HOST: /);
  });
});

describe('EndpointPool', () => {
  it('sends each call to the least busy endpoint and caps concurrency per endpoint', async () => {
    const pool = new EndpointPool(['http://a', 'http://b'], 2);
    const used: string[] = [];
    const releases: (() => void)[] = [];
    let running = 0;
    let peak = 0;
    const calls = Array.from({ length: 6 }, () =>
      pool.run(async (url) => {
        used.push(url);
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(pool.load().map((endpoint) => endpoint.busy)).toEqual([3, 3]);
    expect(running).toBe(4);
    while (used.length < 6 || releases.length) {
      releases.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(calls);
    expect(peak).toBe(4);
    expect(used.filter((url) => url === 'http://a')).toHaveLength(3);
  });

  it('skips endpoints a call should avoid while another is available', async () => {
    const pool = new EndpointPool(['http://a', 'http://b'], 1);
    expect(await pool.run(async (url) => url, new Set(['http://a']))).toBe('http://b');
    expect(await pool.run(async (url) => url, new Set(['http://a', 'http://b']))).toBe('http://a');
  });
});
