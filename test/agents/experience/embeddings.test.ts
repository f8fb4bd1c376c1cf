import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chartQueryText, OllamaEmbedder } from '../../../agents/experience/embeddings.js';
import { DoctorExperience } from '../../../agents/experience/experience.js';
import { ExperienceCounts } from '../../../agents/experience/counts.js';
import { learningDoctorFor } from '../../../agents/experience/profile-doctor.js';
import type { ProfileConfig } from '../../../agents/experience/profile-format.js';
import { retrieveExperience } from '../../../agents/experience/retrieval.js';
import type { CaseSummary } from '../../../agents/experience/types.js';
import { newChart } from '../../../domain/chart.js';
import { builtinLibraryDir } from '../../../domain/paths.js';
import { openDatabase } from '../../../environment/records/database.js';
import { ProfileStore } from '../../../environment/records/profiles.js';
import { RunStore } from '../../../environment/records/run-store.js';
import { trainProfile } from '../../../environment/training.js';
import { loadScenarioSources } from '../../../scenarios/sources.js';
import { tempDir } from '../../helpers/temp.js';
import { scoreJourney } from '../../../evaluation/scorers.js';

/** A real HTTP server speaking Ollama's /api/embed: a text's vector counts the letters a–e. */
async function startEmbedServer(): Promise<{ url: string; inputs: string[][]; server: Server }> {
  const inputs: string[][] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url !== '/api/embed') {
        response.writeHead(404).end('{"error":"not found"}');
        return;
      }
      const { model, input } = JSON.parse(body) as { model: string; input: string[] };
      if (model !== 'nomic-embed-text') {
        response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `model "${model}" not found` }));
        return;
      }
      inputs.push(input);
      const embeddings = input.map((text) => [...'abcde'].map((letter) => text.split(letter).length - 1));
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ model, embeddings }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, inputs, server };
}

const servers: Server[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  cleanups.splice(0).forEach((cleanup) => cleanup());
});

describe('embeddings for case retrieval', () => {
  it('calls /api/embed and reports a missing model as a model error', async () => {
    const { url, inputs, server } = await startEmbedServer();
    servers.push(server);
    expect(await new OllamaEmbedder(url, 'nomic-embed-text').embed(['abba', 'cde'])).toEqual([
      [2, 2, 0, 0, 0],
      [0, 0, 1, 1, 1],
    ]);
    expect(inputs).toEqual([['abba', 'cde']]);
    await expect(new OllamaEmbedder(url, 'other-model').embed(['x'])).rejects.toMatchObject({
      exitCode: 3,
      message: expect.stringMatching(/\/api\/embed answered 404/),
    });
  });

  it('breaks finding-overlap ties by cosine similarity', () => {
    const summary = (seq: number, embedding: number[]): CaseSummary => ({
      seq,
      age: 40,
      sex: 'male',
      complaint: 'pain',
      findings: [{ id: 'a', text: 'a' }],
      helpfulTests: [],
      diagnosis: `D${seq}`,
      icd10: 'R52',
      department: 'general-medicine',
      turns: 1,
      embedding,
    });
    const experience = new DoctorExperience(new ExperienceCounts(), [summary(0, [1, 0]), summary(1, [0, 1])]);
    const chart = newChart({ caseId: 'c', facility: 'tertiary', demographics: { age: 40, sex: 'male' }, complaint: 'pain', maxTurns: 5 });
    chart.revealed.push({ factId: 'a', text: 'a', present: true, source: 'patient', t: 0 });
    expect(retrieveExperience(experience, chart).cases.map((entry) => entry.summary.seq)).toEqual([0, 1]);
    expect(retrieveExperience(experience, chart, undefined, [0, 1]).cases.map((entry) => entry.summary.seq)).toEqual([1, 0]);
    expect(chartQueryText(chart)).toBe('40-year-old male, "pain". Findings: a.');
  });

  it('stores an embedding with every case learned, and keeps it through export and import', async () => {
    const { url, server } = await startEmbedServer();
    servers.push(server);
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const set = loadScenarioSources(
      ['acute-heart-failure', 'atrial-fibrillation'].map((id) => join(builtinLibraryDir(), 'cardiology', `${id}.yaml`)),
    );
    const db = openDatabase(join(dir, 'h.db'));
    const profiles = new ProfileStore(db);
    const config: ProfileConfig = {
      doctor: 'builtin',
      scenarios: set.sources,
      scenarioHash: set.hash,
      scenarioCount: set.scenarios.length,
      seed: 2,
      heldOutSeed: 1_000_002,
      heldOutPatients: 0,
      window: 5,
      facility: 'tertiary',
      maxTurns: 20,
      maxReferrals: 1,
      knownKeyFindings: 'all',
      retrieval: { cases: 3, rules: 3, chars: 1800 },
      embed: 'ollama:nomic-embed-text',
    };
    profiles.create('embedded', config);
    const doctor = learningDoctorFor(config, set, profiles.loadExperience('embedded'));
    await trainProfile({
      score: scoreJourney,
      profiles,
      runs: new RunStore(db),
      profile: 'embedded',
      target: 6,
      set,
      doctor,
      embedder: new OllamaEmbedder(url, 'nomic-embed-text'),
    });
    const cases = profiles.loadExperience('embedded').cases;
    expect(cases.length).toBeGreaterThan(0);
    for (const summary of cases) expect(summary.embedding).toHaveLength(5);
    const text = profiles.exportText('embedded');
    profiles.delete('embedded');
    profiles.importText(text, 'embedded.json');
    expect(profiles.exportText('embedded')).toBe(text);
    db.close();
  }, 60_000);
});
