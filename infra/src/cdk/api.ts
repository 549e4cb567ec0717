import { Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { contract, routeKey, routeNames, type RouteDef } from '@yz/shared';
import type { StageSettings } from './stage';

/**
 * The HTTP API, routed from the contract: one API route per contract route (`GET /stations/{id}`),
 * integrated with its domain's function. The function's own router (functions/src/platform/http.ts)
 * matches the same route key, so a route exists in both or in neither.
 */

/**
 * Access log fields: what happened to a request, never who made it. No source IP, no user agent, no
 * query string (a nearby search's query is someone's location).
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
};

export interface ApiProps {
  settings: StageSettings;
  /** Each domain's function. */
  functions: Readonly<Record<string, IFunction>>;
}

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly routes: HttpRoute[] = [];
  /** `<api-id>.execute-api.<region>.<suffix>`: the request domain to register in the WeChat console. */
  readonly host: string;
  /** `https://<host>`: the base URL the mini-program is built with. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { settings } = props;

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `${settings.prefix}api`,
      description: `Yizhan ${settings.stage}: the routes of shared/src/contract/`,
      createDefaultStage: false,
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/${settings.prefix}api`,
      retention: settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: settings.apiThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const name of routeNames) {
      const route = contract[name] as RouteDef;
      const fn = props.functions[route.domain];
      if (!fn) throw new Error(`route ${routeKey(route)} belongs to domain ${route.domain}, which has no function`);
      let integration = integrations.get(route.domain);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${route.domain}Integration`, fn);
        integrations.set(route.domain, integration);
      }
      const httpRoute = new HttpRoute(this, `Route-${name}`, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration,
      });
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          route.access.kind === 'public'
            ? `${routeKey(route)} is public in the contract: anyone may call it, signed in or not, so there is nothing for an authorizer to check.`
            : `${routeKey(route)} is for ${route.access.kind === 'roles' ? route.access.roles.join(' | ') : 'signed-in users'}: the function's contract router checks Yizhan's own session tokens (issued after WeChat login) against the route's declared access; API Gateway has no authorizer for them.`,
      });
      this.routes.push(httpRoute);
    }

    this.host = `${this.httpApi.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;
    this.url = `https://${this.host}`;
  }
}
