/** The subscription plan catalogue: every plan an org may name, with the limits it grants. */
export interface PlanLimits {
  /** User seats in the CloudAct console. */
  readonly seats: number;
  /** Provider integrations (cloud billing accounts, GenAI providers, SaaS vendors). */
  readonly integrations: number;
  readonly dailyPipelineRuns: number;
  readonly monthlyPipelineRuns: number;
}

export const PLANS = {
  starter: { seats: 5, integrations: 3, dailyPipelineRuns: 10, monthlyPipelineRuns: 300 },
  professional: { seats: 25, integrations: 10, dailyPipelineRuns: 50, monthlyPipelineRuns: 1_500 },
  scale: { seats: 100, integrations: 30, dailyPipelineRuns: 200, monthlyPipelineRuns: 6_000 },
  enterprise: { seats: 1_000, integrations: 100, dailyPipelineRuns: 1_000, monthlyPipelineRuns: 30_000 },
} as const satisfies Record<string, PlanLimits>;

export type PlanName = keyof typeof PLANS;
export const PLAN_NAMES = Object.keys(PLANS) as PlanName[];
