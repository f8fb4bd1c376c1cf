import type { Command } from 'commander';
import { embedderFor } from '../../agents/experience/embeddings.js';
import { learningDoctorFor } from '../../agents/experience/profile-doctor.js';
import { resolveOllamaHosts } from '../../agents/models/hosts.js';
import { defaultRetrievalBudget } from '../../agents/experience/retrieval.js';
import type { ProfileConfig } from '../../agents/experience/profile-format.js';
import { allBuiltin, createHospitalAgents, usesModels } from '../../agents/index.js';
import { HospitalError, InputError } from '../../domain/errors.js';
import { defaultDbPath, openDatabase } from '../../environment/records/database.js';
import { ProfileStore } from '../../environment/records/profiles.js';
import { RunStore } from '../../environment/records/run-store.js';
import { trainProfile } from '../../environment/training.js';
import { learningCurveOf, learningCurveText } from '../../evaluation/learning-curve.js';
import { loadScenarios } from '../scenario-sources.js';
import { addModelOptions, modelRuntimeFor, roleModels, type ModelCliFlags } from '../model-flags.js';
import { collect, facilityOption, integerOption } from '../options.js';
import { scoreJourney } from '../../evaluation/scorers.js';

interface TrainFlags extends ModelCliFlags {
  profile: string;
  patients: number;
  scenarios?: string[];
  seed: number;
  heldOut: number;
  heldOutSeed?: number;
  window: number;
  knownKeyFindings: number | 'all';
  facility: 'village' | 'county' | 'tertiary';
  maxTurns: number;
  db: string;
  json?: boolean;
  quiet?: boolean;
  embed?: string;
}

/** Flags that define a profile; a profile that exists keeps its own, and giving another value is an error. */
const definingFlags: [keyof TrainFlags, keyof ProfileConfig][] = [
  ['seed', 'seed'],
  ['heldOut', 'heldOutPatients'],
  ['heldOutSeed', 'heldOutSeed'],
  ['window', 'window'],
  ['knownKeyFindings', 'knownKeyFindings'],
  ['facility', 'facility'],
  ['maxTurns', 'maxTurns'],
];

const keyFindingsOption = (raw: string): number | 'all' =>
  raw === 'all' ? 'all' : integerOption('--known-key-findings', { min: 0, max: 100 })(raw);

export function registerTrainCommand(program: Command): void {
  const command = program
    .command('train')
    .description('train a doctor profile: patients one after another, the doctor learning after each journey ends (resumable)')
    .requiredOption('--profile <name>', 'the profile to create or continue')
    .option(
      '--patients <n>',
      'train until the profile has learned from this many patients in total',
      integerOption('--patients', { min: 0 }),
      1000,
    )
    .option('--scenarios <path>', 'scenario file or folder (repeatable; default: the built-in library)', collect)
    .option('--seed <s>', 'training patients are (seed, 0…patients-1)', integerOption('--seed', { min: 0 }), 1)
    .option('--held-out <n>', 'held-out patients evaluated at every window (0: none)', integerOption('--held-out', { min: 0 }), 300)
    .option(
      '--held-out-seed <s>',
      'seed of the held-out patients, never used for training (default: seed + 1000000)',
      integerOption('--held-out-seed', { min: 0 }),
    )
    .option('--window <w>', 'training patients per point of the learning curve', integerOption('--window', { min: 1 }), 250)
    .option(
      '--known-key-findings <k>',
      'built-in doctor: key findings per disease it starts knowing, "all" or a number',
      keyFindingsOption,
      1,
    )
    .option('--facility <level>', 'tertiary, county or village', facilityOption, 'tertiary')
    .option(
      '--max-turns <t>',
      'consultation turns before the specialist must diagnose',
      integerOption('--max-turns', { min: 1, max: 200 }),
      20,
    )
    .option('--embed <spec>', 'also retrieve past cases by embeddings from an Ollama model (ollama:<model>, via /api/embed)');
  addModelOptions(command, { roles: false })
    .option(
      '--doctor <spec>',
      'the specialist this profile trains: builtin (default), ollama:<model> or openai:<base-url>#<model>; other roles stay built-in',
    )
    .option('--db <file>', 'records file (default: $HOSPITAL_DB or ./hospital.db)', defaultDbPath())
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'print only the result')
    .action(async (flags: TrainFlags, cmd: Command) => {
      const db = openDatabase(flags.db);
      const profiles = new ProfileStore(db);
      const runs = new RunStore(db);
      const models = roleModels(flags);
      const existing = profiles.find(flags.profile);
      const set = loadScenarios(existing && !flags.scenarios ? existing.config.scenarios : (flags.scenarios ?? []));
      const config = existing
        ? checkSameProfile(existing.config, flags, cmd, models.specialist, set.hash)
        : newProfileConfig(flags, models.specialist, set);
      if (!existing) profiles.create(flags.profile, config);
      // Only the specialist is the profile's doctor; the other roles stay built-in so every resume trains alike.
      const trainModels = { ...allBuiltin, specialist: config.doctor };
      const runtime = await modelRuntimeFor(trainModels, flags, db, config.seed);
      const modelAgents = usesModels(trainModels) ? createHospitalAgents(trainModels, set, runtime) : undefined;
      const embedder = config.embed ? embedderFor(config.embed, resolveOllamaHosts(flags.ollamaHost)[0]) : undefined;
      const doctor = learningDoctorFor(config, set, profiles.loadExperience(flags.profile), modelAgents, embedder);

      const controller = new AbortController();
      const onSigint = (): void => {
        process.stderr.write(
          `\nStopping after this patient; continue with the same command (hospital train --profile ${flags.profile} --patients ${flags.patients}).\n`,
        );
        controller.abort();
      };
      process.on('SIGINT', onSigint);
      const say = (text: string): void => {
        if (!flags.quiet && !flags.json) process.stderr.write(text);
      };
      const start = profiles.get(flags.profile).trained;
      say(
        `Training profile ${flags.profile} (${config.doctor}) from patient ${start} to ${flags.patients}; held-out: ${config.heldOutPatients} patients of seed ${config.heldOutSeed}\n`,
      );
      let windowCorrect = 0;
      let windowSeen = 0;
      const outcome = await trainProfile({
        score: scoreJourney,
        profiles,
        runs,
        profile: flags.profile,
        target: flags.patients,
        set,
        doctor,
        embedder,
        hooks: {
          signal: controller.signal,
          onPatient: (index, correct, progress) => {
            windowSeen++;
            if (correct) windowCorrect++;
            if ((index + 1) % config.window === 0 || progress.trained === progress.target) {
              say(
                `  trained ${String(progress.trained).padStart(6)}/${progress.target}  training accuracy ${((windowCorrect / windowSeen) * 100).toFixed(1)} % over the last ${windowSeen}\n`,
              );
              windowCorrect = windowSeen = 0;
            }
          },
          onCurvePoint: (point) =>
            say(
              `  held-out after ${point.trained} patients: ${((point.correct / Math.max(1, point.patients)) * 100).toFixed(1)} % top-1\n`,
            ),
        },
      });
      process.off('SIGINT', onSigint);
      const curve = learningCurveOf(profiles, flags.profile);
      const profile = profiles.get(flags.profile);
      db.close();
      if (flags.json) {
        process.stdout.write(
          `${JSON.stringify({ profile: profile.name, version: profile.version, trained: profile.trained, status: outcome.status, runId: profile.runId, curve }, null, 2)}\n`,
        );
      } else {
        process.stdout.write(learningCurveText(curve));
        process.stdout.write(
          `Profile ${profile.name}: version ${profile.version}, ${profile.trained} patients learned from (${outcome.status}); journeys recorded in run ${profile.runId}\n`,
        );
      }
      if (outcome.status === 'interrupted') process.exitCode = 130;
    });
}

function newProfileConfig(flags: TrainFlags, doctor: string, set: ReturnType<typeof loadScenarios>): ProfileConfig {
  const heldOutSeed = flags.heldOutSeed ?? flags.seed + 1_000_000;
  if (heldOutSeed === flags.seed)
    throw new InputError('--held-out-seed', 'value', 'a seed other than --seed: held-out patients must never be trained on');
  return {
    doctor,
    scenarios: set.sources,
    scenarioHash: set.hash,
    scenarioCount: set.scenarios.length,
    seed: flags.seed,
    heldOutSeed,
    heldOutPatients: flags.heldOut,
    window: flags.window,
    facility: flags.facility,
    maxTurns: flags.maxTurns,
    maxReferrals: 1,
    knownKeyFindings: flags.knownKeyFindings,
    retrieval: { ...defaultRetrievalBudget },
    ...(flags.embed ? { embed: flags.embed } : {}),
  };
}

/** An existing profile continues only with the settings it was started with. */
function checkSameProfile(config: ProfileConfig, flags: TrainFlags, cmd: Command, doctor: string, scenarioHash: string): ProfileConfig {
  for (const [flag, field] of definingFlags) {
    if (cmd.getOptionValueSource(flag) !== 'cli') continue;
    if (flags[flag] !== config[field]) {
      const name = `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      throw new InputError(
        name,
        'value',
        `${String(config[field])}, as the profile was started with (got ${String(flags[flag])}); train a new profile to change it`,
      );
    }
  }
  if (cmd.getOptionValueSource('embed') === 'cli' && flags.embed !== config.embed)
    throw new InputError('--embed', 'value', `${config.embed ?? 'none'}, as the profile was started with (got ${flags.embed})`);
  if (cmd.getOptionValueSource('doctor') === 'cli' && doctor !== config.doctor)
    throw new InputError('--doctor', 'value', `${config.doctor}, the doctor this profile trains (got ${doctor})`);
  if (scenarioHash !== config.scenarioHash) {
    throw new HospitalError(
      `the scenarios of profile have changed since it started training (hash ${config.scenarioHash.slice(0, 12)} → ${scenarioHash.slice(0, 12)}); train a new profile`,
      2,
    );
  }
  return config;
}
