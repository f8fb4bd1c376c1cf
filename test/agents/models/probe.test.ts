import { afterEach, describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { probeOllamaHosts, formatProbeReport } from '../../../agents/models/probe.js';
import { registerModelsCommand, runModelsCommand } from '../../../cli/commands/models.js';
import { startFakeOllama, type FakeOllamaServer } from '../../fakes/ollama-server.js';
import { closedPortUrl } from './helpers.js';

const servers: FakeOllamaServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text), env: {} } };
}

describe('probeOllamaHosts', () => {
  it('reports version and installed models with size, parameters and quantisation', async () => {
    const server = await startFakeOllama({ version: '0.12.6' });
    servers.push(server);
    const [probe] = await probeOllamaHosts([server.url]);
    expect(probe).toMatchObject({ host: server.url, reachable: true, version: '0.12.6' });
    expect(probe.models.map((model) => model.name)).toEqual(['llama3.1:8b', 'qwen2.5:7b-instruct']);
    expect(probe.models[1]).toMatchObject({ size: 4_683_087_332, parameterSize: '7.6B', quantization: 'Q4_K_M', family: 'qwen2' });
    const lines = formatProbeReport([probe]);
    expect(lines[0]).toBe(`${server.url}: Ollama 0.12.6, 2 models installed`);
    expect(lines[2]).toMatch(/^ {2}ollama:qwen2\.5:7b-instruct {2}4\.7 GB {2}7\.6B {2}Q4_K_M$/);
  });

  it('marks a host that refuses connections as unreachable', async () => {
    const down = await closedPortUrl();
    const [probe] = await probeOllamaHosts([down]);
    expect(probe.reachable).toBe(false);
    expect(probe.error).toMatch(/cannot reach Ollama at/);
  });
});

describe('hospital models', () => {
  it('prints the models of a running server and exits 0', async () => {
    const server = await startFakeOllama();
    servers.push(server);
    const { out, err, io } = capture();
    const code = await runModelsCommand({ ollamaHost: server.host }, io);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out.join('')).toContain('ollama:llama3.1:8b');
  });

  it('when the server is down, prints one line saying where it looked and how to start Ollama, exit 3', async () => {
    const down = await closedPortUrl();
    const { out, err, io } = capture();
    const code = await runModelsCommand({ ollamaHost: down }, io);
    expect(code).toBe(3);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0].trimEnd().split('\n')).toHaveLength(1);
    expect(err[0]).toContain(down);
    expect(err[0]).toContain('ollama serve');
    expect(err[0]).toContain('ollama pull qwen2.5:7b-instruct');
  });

  it('looks at OLLAMA_HOST when no flag is given, and prints JSON with --json', async () => {
    const server = await startFakeOllama();
    servers.push(server);
    const down = await closedPortUrl();
    const { out, io } = capture();
    const code = await runModelsCommand({ json: true }, { ...io, env: { OLLAMA_HOST: `${server.host},${down}` } });
    expect(code).toBe(3);
    const parsed = JSON.parse(out.join('')) as { hosts: { host: string; reachable: boolean }[] };
    expect(parsed.hosts.map((host) => host.reachable)).toEqual([true, false]);
  });

  it('registers on a commander program and parses its options', async () => {
    const server = await startFakeOllama();
    servers.push(server);
    const { out, io } = capture();
    const program = new Command().exitOverride();
    registerModelsCommand(program, io);
    await program.parseAsync(['node', 'hospital', 'models', '--ollama-host', server.host, '--json']);
    expect(JSON.parse(out.join('')).hosts[0].models).toHaveLength(2);
    process.exitCode = undefined;
  });
});
