import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { cdkJsonContext } from '../../infra/src/cdk/context';
import { EXAMPLE_SETTINGS_FILE, loadDeploySettings, type DeploySettings } from '../../infra/src/cdk/settings';
import { YizhanStack, type YizhanStackProps } from '../../infra/src/cdk/stack';

/**
 * A stack synthesized the way the CLI does (the context of infra/cdk.json: feature flags) but without
 * bundling (the template is the same, only the code asset is a placeholder), so it takes a moment.
 */
/** The shipped infra/stages/example.json: a complete set of settings, every value a placeholder. */
export const exampleSettings = (): DeploySettings => loadDeploySettings('example', EXAMPLE_SETTINGS_FILE);

export function synthStack(
  stage: string,
  props: Partial<Omit<YizhanStackProps, 'stage'>> = {},
): { app: App; stack: YizhanStack; template: Template } {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const stack = new YizhanStack(app, `Yizhan-${stage}`, { stage, deploySettings: exampleSettings(), ...props });
  return { app, stack, template: Template.fromStack(stack) };
}

/** The logical id of a construct's CloudFormation resource, as the template names it. */
export function logicalId(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  const stack = Stack.of(construct);
  return stack.resolve(stack.getLogicalId(element)) as string;
}

export type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

export function resources(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

export const sortedByJson = (xs: unknown[]) => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/**
 * Every statement of every inline policy attached to a role, actions and resources as sorted arrays
 * (CDK's policy minimisation may reorder or merge them; only the sets matter).
 */
export function roleStatements(template: Template, roleLogicalId: string): { actions: string[]; resources: unknown[]; condition?: unknown }[] {
  const out: { actions: string[]; resources: unknown[]; condition?: unknown }[] = [];
  for (const policy of Object.values(resources(template, 'AWS::IAM::Policy'))) {
    const roles = policy.Properties.Roles as { Ref: string }[];
    if (!roles.some((r) => r.Ref === roleLogicalId)) continue;
    const doc = policy.Properties.PolicyDocument as { Statement: Statement[] };
    for (const s of doc.Statement) {
      expect(s.Effect).toBe('Allow');
      out.push({
        actions: [s.Action].flat().sort(),
        resources: sortedByJson(Array.isArray(s.Resource) ? s.Resource : [s.Resource]),
        ...(s.Condition ? { condition: s.Condition } : {}),
      });
    }
  }
  return out;
}
