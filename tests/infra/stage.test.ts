import { App } from 'aws-cdk-lib';
import { YizhanStack } from '../../infra/src/cdk/stack';
import { stageSettings } from '../../infra/src/cdk/stage';

describe('stages', () => {
  it.each(['local', 'test', 'production', '', undefined])('refuses %p: only dev and prod are deployed', (stage) => {
    expect(() => stageSettings(stage)).toThrow(/stage must be one of dev, prod/);
    expect(() => new YizhanStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Yizhan', { stage })).toThrow(/stage must be one of/);
  });

  it('names every stage-owned resource with its own prefix', () => {
    expect(stageSettings('dev').prefix).toBe('yizhan-dev-');
    expect(stageSettings('prod').prefix).toBe('yizhan-prod-');
  });
});
