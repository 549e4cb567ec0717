import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { App } from 'aws-cdk-lib';
import type { NearbyResponse, Station } from '@yz/shared';
import { cdkJsonContext } from '../../infra/src/cdk/context';
import { REPO_ROOT } from '../../infra/src/cdk/functions';
import { YizhanStack } from '../../infra/src/cdk/stack';
import { filledDeploySettings } from '../helpers/deploy-settings';
import { testEndpoint } from '../helpers/engine';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * The stations function exactly as the stack deploys it: the bundle CDK builds with the stack's own
 * esbuild options, run in a fresh Node process with the environment the template gives it, against
 * DynamoDB Local. Only the table prefix (this file's own tables) and the endpoint differ from AWS.
 */

interface CfnFunction {
  Type: string;
  Metadata?: Record<string, unknown>;
  Properties: { FunctionName?: string; Environment?: { Variables?: Record<string, unknown> } };
}

let outdir: string;
let bundle: string;
let lambdaEnv: Record<string, string>;
let stack: TestStack;

beforeAll(async () => {
  outdir = mkdtempSync(path.join(os.tmpdir(), 'yizhan-bundle-'));
  const app = new App({
    outdir,
    context: { ...cdkJsonContext(), 'aws:cdk:enable-asset-metadata': true },
    // Checked by the infra tests and by every synth; here only the bundle matters.
    builtinCloudFormationValidation: false,
  });
  const yizhan = new YizhanStack(app, 'Yizhan-dev', { stage: 'dev', deploySettings: filledDeploySettings() });
  const template = app.synth().getStackByName(yizhan.stackName).template as { Resources: Record<string, CfnFunction> };
  const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName === 'yizhan-dev-stations')!;
  bundle = path.join(outdir, fn.Metadata!['aws:asset:path'] as string, 'index.js');
  lambdaEnv = Object.fromEntries(Object.entries(fn.Properties.Environment!.Variables!).map(([k, v]) => [k, String(v)]));

  stack = await startTestStack();
  await putStations(stack, [
    makeStation({ id: 'bundle-near', name: '近站', location: { lat: 29.2731, lng: 116.1803 } }),
    makeStation({ id: 'bundle-far', name: '远站', location: { lat: 29.3, lng: 116.2 } }),
  ]);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

/** Cold-start the bundle in its own process and hand it the events, one after another. */
function invoke(events: Partial<APIGatewayProxyEventV2>[]): APIGatewayProxyStructuredResultV2[] {
  const driver = [
    'const { handler } = require(process.argv[1]);',
    '(async () => { const out = []; for (const e of JSON.parse(process.argv[2])) out.push(await handler(e));',
    'process.stdout.write(JSON.stringify(out)); })().catch((e) => { console.error(e); process.exit(1); });',
  ].join('\n');
  const full = events.map((e, i) => ({
    version: '2.0',
    rawPath: '/',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { requestId: `bundle-${i}`, http: { method: 'GET', path: '/', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' } },
    ...e,
  }));
  const out = spawnSync(process.execPath, ['-e', driver, bundle, JSON.stringify(full)], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      // Where the runtime's AWS SDK lives for the bundle, as /var/runtime/node_modules does in Lambda.
      NODE_PATH: path.join(REPO_ROOT, 'node_modules'),
      ...lambdaEnv,
      YZ_TABLE_PREFIX: stack.tablePrefix,
      YZ_DYNAMODB_ENDPOINT: testEndpoint(),
      AWS_REGION: 'cn-north-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      // The search's EMF metric lines go to stdout in Lambda; here stdout carries the driver's answer.
      POWERTOOLS_METRICS_DISABLED: 'true',
    },
  });
  if (out.status !== 0) throw new Error(`the bundle failed:\n${out.stderr}`);
  return JSON.parse(out.stdout) as APIGatewayProxyStructuredResultV2[];
}

const body = <T>(res: APIGatewayProxyStructuredResultV2 | undefined) => JSON.parse(String(res?.body)) as T;

describe('the deployed stations bundle', () => {
  it('runs as a deployed stage, with nothing local in its environment', () => {
    expect(lambdaEnv.YZ_STAGE).toBe('dev');
    expect(lambdaEnv).not.toHaveProperty('YZ_DYNAMODB_ENDPOINT');
    expect(lambdaEnv).not.toHaveProperty('YZ_DEV_LOGIN');
  });

  it('serves the contract routes from DynamoDB', () => {
    const [station, missing, nearby, unknown] = invoke([
      { routeKey: 'GET /stations/{id}', pathParameters: { id: 'bundle-near' } },
      { routeKey: 'GET /stations/{id}', pathParameters: { id: 'no-such-station' } },
      { routeKey: 'GET /stations/nearby', queryStringParameters: { lat: '29.2730', lng: '116.1800', radius: '10000', limit: '5' } },
      { routeKey: 'DELETE /stations/{id}', pathParameters: { id: 'bundle-near' } },
    ]);
    expect(station?.statusCode).toBe(200);
    expect(body<Station>(station)).toMatchObject({ id: 'bundle-near', name: '近站' });
    expect(missing?.statusCode).toBe(404);
    expect(body<{ code: string }>(missing).code).toBe('STATION_NOT_FOUND');
    expect(nearby?.statusCode).toBe(200);
    expect(body<NearbyResponse>(nearby).items.map((i) => i.id)).toEqual(['bundle-near', 'bundle-far']);
    expect(unknown?.statusCode).toBe(404);
  });

  it('carries its own code and none of the CDK; the AWS SDK comes from the runtime', () => {
    const sources = (JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as { sources: string[] }).sources;
    expect(sources.some((s) => s.includes('functions/src/stations/'))).toBe(true);
    expect(sources.filter((s) => /aws-cdk-lib|constructs|cdk-nag|infra\/src\/cdk\//.test(s))).toEqual([]);
    expect(sources.filter((s) => s.includes('node_modules/@aws-sdk/'))).toEqual([]);
    expect(readFileSync(bundle, 'utf8')).toContain('require("@aws-sdk/lib-dynamodb")');
  });
});
