import { LearningBuiltinDoctor } from '../builtin/learning-doctor.js';
import { KnowledgeBase } from '../builtin/knowledge-base.js';
import type { Chart } from '../../domain/chart.js';
import type { ScenarioSet } from '../../scenarios/loader.js';
import { LlmSpecialistAgent } from '../llm/specialist.js';
import type { HospitalAgents } from '../roles.js';
import { learnInto, type LearningDoctor } from './doctor.js';
import { chartQueryText, type Embedder } from './embeddings.js';
import type { DoctorExperience } from './experience.js';
import type { ExperienceDelta } from './learner.js';
import type { ProfileConfig } from './profile-format.js';
import { renderExperience, retrieveExperience, type RetrievalBudget } from './retrieval.js';
import type { JourneyLesson } from './types.js';

/**
 * A model-backed specialist that learns by retrieval: before each action it is shown the past
 * cases and rules most similar to the chart, within a budget. Its weights never change; only
 * the case base and experience base grow.
 */
export class RetrievingLlmDoctor implements LearningDoctor {
  readonly agents: HospitalAgents;
  private readonly vocabulary: KnowledgeBase;

  constructor(
    base: HospitalAgents,
    set: ScenarioSet,
    readonly experience: DoctorExperience,
    budget: RetrievalBudget,
    embedder?: Embedder,
  ) {
    this.vocabulary = KnowledgeBase.fromScenarios(set.scenarios, set.catalogue);
    this.agents = withRetrieval(base, experience, budget, embedder);
  }

  learn(lesson: JourneyLesson): ExperienceDelta {
    return learnInto(this.vocabulary, this.experience, lesson);
  }
}

/**
 * The agents with the specialist's context drawn from the experience (model specialists only);
 * with an embedder, the chart is embedded too and cases rank by overlap and cosine together.
 */
export function withRetrieval(
  agents: HospitalAgents,
  experience: DoctorExperience,
  budget: RetrievalBudget,
  embedder?: Embedder,
): HospitalAgents {
  if (!(agents.specialist instanceof LlmSpecialistAgent)) return agents;
  const context = embedder
    ? async (chart: Chart) => {
        const [query] = await embedder.embed([chartQueryText(chart)]);
        return renderExperience(retrieveExperience(experience, chart, budget, query), budget);
      }
    : (chart: Chart) => renderExperience(retrieveExperience(experience, chart, budget), budget);
  return { ...agents, specialist: agents.specialist.withContext(context) };
}

/**
 * The learning doctor a profile trains: the built-in doctors on the learning knowledge base when
 * the profile's doctor is `builtin`, else the given (model-backed) agents with retrieval.
 */
export function learningDoctorFor(
  config: ProfileConfig,
  set: ScenarioSet,
  experience: DoctorExperience,
  modelAgents?: HospitalAgents,
  embedder?: Embedder,
): LearningDoctor {
  if (config.doctor === 'builtin' || !modelAgents)
    return new LearningBuiltinDoctor(set, experience, { prior: { knownKeyFindings: config.knownKeyFindings } });
  return new RetrievingLlmDoctor(modelAgents, set, experience, config.retrieval, embedder);
}

/**
 * The agents of a run that uses a frozen profile: built-in triage and specialist take the
 * profile's learned knowledge; a model specialist gets retrieval from its case and experience
 * bases. The patient, the examiner and every other role stay as the run built them.
 */
export function agentsWithProfile(
  agents: HospitalAgents,
  set: ScenarioSet,
  config: ProfileConfig,
  experience: DoctorExperience,
  models: Record<string, string>,
  embedder?: Embedder,
): HospitalAgents {
  if (models.specialist === 'builtin') {
    const learned = new LearningBuiltinDoctor(set, experience, { prior: { knownKeyFindings: config.knownKeyFindings } }).agents;
    return { ...agents, specialist: learned.specialist, ...(models.triage === 'builtin' ? { triage: learned.triage } : {}) };
  }
  return withRetrieval(agents, experience, config.retrieval, embedder);
}
