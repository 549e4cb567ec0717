/** Stages that run in AWS, for callers holding an unparsed value (apart from config.ts, which reads secrets). */
export const isDeployedStage = (stage: string | undefined): boolean => stage === 'dev' || stage === 'prod';
