import { contract, routeKey, routeNames, type RouteDef } from '@yz/shared';
import { logicalId, resources, synthStack } from './synth';

/** The HTTP API is the contract: every deployed route once, no other, each to its domain's function. */

const { stack, template } = synthStack('prod');
// Development-only routes (the demo sign-in) are never routed in a deployed stage (edge.test.ts).
const contractRoutes = routeNames.map((name) => contract[name] as RouteDef).filter((r) => !r.devOnly);

describe('HTTP API', () => {
  const routes = Object.values(resources(template, 'AWS::ApiGatewayV2::Route'));

  it('has exactly the route keys of the contract, each once', () => {
    const keys = routes.map((r) => r.Properties.RouteKey as string);
    expect(keys.sort()).toEqual(contractRoutes.map(routeKey).sort());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('has no catch-all or default route', () => {
    for (const r of routes) expect(r.Properties.RouteKey).not.toMatch(/\$default|ANY |\{proxy\+\}/);
  });

  it('sends each route to the function of its domain', () => {
    const integrations = resources(template, 'AWS::ApiGatewayV2::Integration');
    for (const route of contractRoutes) {
      const cfnRoute = routes.find((r) => r.Properties.RouteKey === routeKey(route))!;
      const target = cfnRoute.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
      const integrationId = target['Fn::Join'][1][1].Ref;
      const integration = integrations[integrationId]!;
      expect(integration.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [logicalId(stack.functions[route.domain]!.fn), 'Arn'] },
      });
      // API Gateway is the one caller allowed to invoke it for this route.
      const permissions = Object.values(resources(template, 'AWS::Lambda::Permission')).filter(
        (p) => JSON.stringify(p.Properties.SourceArn).includes(route.path) && p.Properties.Principal === 'apigateway.amazonaws.com',
      );
      expect(permissions.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('has no authorizer in API Gateway: access is checked in the function against the contract', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
    for (const r of routes) expect(r.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
  });

  it('serves one auto-deployed $default stage with throttling and a JSON access log without personal data', () => {
    const stages = Object.values(resources(template, 'AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    const stage = stages[0]!.Properties as {
      StageName: string;
      AutoDeploy: boolean;
      DefaultRouteSettings: { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
      AccessLogSettings: { DestinationArn: unknown; Format: string };
    };
    expect(stage.StageName).toBe('$default');
    expect(stage.AutoDeploy).toBe(true);
    expect(stage.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    const format = JSON.parse(stage.AccessLogSettings.Format) as Record<string, string>;
    expect(format.requestId).toBe('$context.requestId');
    expect(format.status).toBe('$context.status');
    // Who asked and from where stays out of the access log; so does the query (a nearby search's query is a location).
    expect(Object.values(format).join(' ')).not.toMatch(/sourceIp|userAgent|identity|querystring|path\b/i);
  });
});
