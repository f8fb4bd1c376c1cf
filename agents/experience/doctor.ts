import type { KnowledgeBase } from '../builtin/knowledge-base.js';
import type { HospitalAgents } from '../roles.js';
import type { DoctorExperience } from './experience.js';
import { distilLesson, type ExperienceDelta } from './learner.js';
import type { JourneyLesson } from './types.js';

/**
 * A doctor that learns between journeys. Its agents read the experience as it stands when a
 * journey runs; `learn` is the learning step, called only after a journey's last doctor call,
 * and is the one place that receives the true diagnosis.
 */
export interface LearningDoctor {
  readonly agents: HospitalAgents;
  readonly experience: DoctorExperience;
  learn(lesson: JourneyLesson): ExperienceDelta;
}

/**
 * The shared part of every learning doctor: distil the lesson against the finding vocabulary,
 * add it to the experience, then let the doctor update what it derives from it (`afterLearning`).
 */
export function learnInto(
  vocabulary: KnowledgeBase,
  experience: DoctorExperience,
  lesson: JourneyLesson,
  afterLearning?: (delta: ExperienceDelta) => void,
): ExperienceDelta {
  const delta = distilLesson(vocabulary, lesson, (key) => experience.rules.get(key));
  experience.apply(delta);
  afterLearning?.(delta);
  return delta;
}
