import type { ScenarioSet } from '../../scenarios/loader.js';
import type { LearningDoctor } from '../experience/doctor.js';
import { learnInto } from '../experience/doctor.js';
import { DoctorExperience } from '../experience/experience.js';
import type { HospitalAgents } from '../roles.js';
import { BuiltinExaminer } from './examiner.js';
import { BuiltinFollowUp } from './follow-up.js';
import { LearningKnowledgeBase, type LearningPrior } from './learning-knowledge-base.js';
import { BuiltinPatient } from './patient.js';
import { BuiltinSpecialist, type SpecialistOptions } from './specialist.js';
import { BuiltinTriage } from './triage.js';

export interface LearningBuiltinOptions {
  prior?: Partial<LearningPrior>;
  specialist?: Partial<SpecialistOptions>;
}

/** The built-in doctors on a partial knowledge base that learns its probabilities from experience. */
export class LearningBuiltinDoctor implements LearningDoctor {
  readonly kb: LearningKnowledgeBase;
  readonly agents: HospitalAgents;

  constructor(
    set: ScenarioSet,
    readonly experience: DoctorExperience = new DoctorExperience(),
    options: LearningBuiltinOptions = {},
  ) {
    this.kb = LearningKnowledgeBase.partial(set.scenarios, set.catalogue, {}, options.prior);
    this.kb.applyCounts(experience.counts);
    this.agents = {
      triage: new BuiltinTriage(this.kb),
      specialist: new BuiltinSpecialist(this.kb, options.specialist),
      followUp: new BuiltinFollowUp(),
      patient: new BuiltinPatient(),
      examiner: new BuiltinExaminer(set.catalogue),
    };
  }

  learn(lesson: Parameters<LearningDoctor['learn']>[0]): ReturnType<LearningDoctor['learn']> {
    return learnInto(this.kb, this.experience, lesson, () => {
      this.kb.refreshPriors(this.experience.counts);
      const d = this.kb.diseaseIndex.get(lesson.truth.scenarioId);
      if (d !== undefined) this.kb.refreshDisease(this.experience.counts, d);
    });
  }
}
