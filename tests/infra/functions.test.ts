import { Aws } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMAINS } from '@yz/shared';
import { domainAccess, dynamodbActions, jobAccess, kmsActionsFor, type FunctionAccess } from '../../infra/src/cdk/access';
import { DEV_LOGIN_ENV, REPO_ROOT, type YizhanFunction } from '../../infra/src/cdk/functions';
import { JOB_NAMES, jobEntry } from '../../infra/src/cdk/jobs';
import { secrets } from '@yz/functions';
import { tables, type TableDef } from '@yz/functions';
import { logicalId, resources, roleStatements, sortedByJson, synthStack } from './synth';

/**
 * Every function: one per domain and one per job, on nodejs22.x / arm64, configured for a deployed
 * stage, and holding exactly the permissions its declaration in infra/src/cdk/access.ts lists.
 */

const dev = synthStack('dev');
const prod = synthStack('prod');

type Synth = ReturnType<typeof synthStack>;

function allFunctions(synth: Synth): [string, YizhanFunction, FunctionAccess][] {
  const { stack } = synth;
  return [
    ...Object.entries(stack.functions).map(([d, f]): [string, YizhanFunction, FunctionAccess] => [d, f, domainAccess[d as keyof typeof domainAccess]]),
    ...Object.entries(stack.jobs.functions).map(([j, f]): [string, YizhanFunction, FunctionAccess] => [`job-${j}`, f, jobAccess[j as keyof typeof jobAccess]]),
  ];
}

describe('declarations', () => {
  it('declares access for every domain of the contract and builds its function', () => {
    for (const domain of DOMAINS) {
      expect(domainAccess[domain]).toBeDefined();
      expect(dev.stack.functions[domain]).toBeDefined();
    }
    expect(Object.keys(dev.stack.functions).sort()).toEqual([...DOMAINS].sort());
  });

  it('refuses to build a stack when a domain has no access declaration', () => {
    expect(() => synthStack('dev', { definitions: { domainAccess: {} } })).toThrow(/domain stations has no access declaration/);
  });

  it('declares access for every job and builds its function', () => {
    for (const job of JOB_NAMES) {
      expect(jobAccess[job]).toBeDefined();
      expect(dev.stack.jobs.functions[job]).toBeDefined();
    }
  });

  it.each([...DOMAINS.map((d) => `functions/src/${d}/lambda.ts`), ...JOB_NAMES.map(jobEntry), 'functions/src/tiles/lambda.ts'])('%s exists and exports handler', (entry) => {
    const file = path.join(REPO_ROOT, entry);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/export const handler\b/);
  });

  it('only declares tables that exist', () => {
    for (const access of [...Object.values(domainAccess), ...Object.values(jobAccess)]) {
      for (const table of Object.keys(access.tables)) expect(Object.keys(tables)).toContain(table);
    }
  });
});

describe.each([
  ['dev', dev],
  ['prod', prod],
])('functions in %s', (stage, synth) => {
  // CDK's own handler that copies the H5 build into the site bucket at deploy time (edge.ts).
  const deploymentHandler = () => logicalId(synth.stack.edge.deployment.handlerRole.node.scope as IConstruct);
  const cfnFunctions = () => {
    const all = { ...resources(synth.template, 'AWS::Lambda::Function') };
    delete all[deploymentHandler()];
    return all;
  };

  it("are the domain and job functions and the tile builder, and besides them only CDK's H5 deployment handler", () => {
    const names = Object.values(cfnFunctions()).map((f) => f.Properties.FunctionName);
    expect(names.sort()).toEqual([...DOMAINS.map((d) => `yizhan-${stage}-${d}`), ...JOB_NAMES.map((j) => `yizhan-${stage}-job-${j}`), `yizhan-${stage}-tiles`].sort());
    expect(Object.keys(resources(synth.template, 'AWS::Lambda::Function'))).toHaveLength(names.length + 1);
  });

  it('run nodejs22.x on arm64 with JSON logs', () => {
    for (const fn of Object.values(cfnFunctions())) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Handler).toBe('index.handler');
      expect(fn.Properties.LoggingConfig).toMatchObject({ LogFormat: 'JSON' });
    }
  });

  it(`run as stage ${stage} with the stage's table prefix, and never with the development sign-in`, () => {
    for (const fn of Object.values(cfnFunctions())) {
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.YZ_STAGE).toBe(stage);
      expect(['dev', 'prod']).toContain(env.YZ_STAGE);
      expect(env.YZ_TABLE_PREFIX).toBe(`yizhan-${stage}-`);
      expect(env).not.toHaveProperty(DEV_LOGIN_ENV);
      expect(env).not.toHaveProperty('YZ_DYNAMODB_ENDPOINT');
      expect(Object.keys(env).filter((k) => /DEV_?LOGIN/i.test(k))).toEqual([]);
    }
    // Nowhere else in the template either (a stage variable, a parameter...).
    expect(JSON.stringify(synth.template.toJSON())).not.toContain(DEV_LOGIN_ENV);
  });

  it(`keep their logs in their own log group for ${stage === 'prod' ? 90 : 14} days`, () => {
    for (const [, f] of allFunctions(synth)) {
      const group = resources(synth.template, 'AWS::Logs::LogGroup')[logicalId(f.logGroup)]!;
      expect(group.Properties.LogGroupName).toBe(`/aws/lambda/${f.functionName}`);
      expect(group.Properties.RetentionInDays).toBe(stage === 'prod' ? 90 : 14);
      const fn = cfnFunctions()[logicalId(f.fn)]!;
      expect(fn.Properties.LoggingConfig).toMatchObject({ LogGroup: { Ref: logicalId(f.logGroup) } });
    }
  });

  it('each has its own role, with no managed policy, that only Lambda can assume', () => {
    const roles = new Set<string>();
    for (const [, f] of allFunctions(synth)) {
      const roleId = logicalId(f.role);
      roles.add(roleId);
      const role = resources(synth.template, 'AWS::IAM::Role')[roleId]!;
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.AssumeRolePolicyDocument).toEqual({
        Version: '2012-10-17',
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
      });
      expect(cfnFunctions()[logicalId(f.fn)]!.Properties.Role).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    }
    expect(roles.size).toBe(allFunctions(synth).length);
  });

  it('hold exactly the declared table actions on their tables and indexes, and nothing more', () => {
    const { stack, template } = synth;
    // Compared as (action, condition) → resources, so that CDK's merging of statements does not matter.
    type Grants = Record<string, string[]>;
    const add = (grants: Grants, actions: string[], resourcesOf: unknown[], condition?: unknown) => {
      for (const action of actions) {
        const key = `${action}${condition ? ` if ${JSON.stringify(condition)}` : ''}`;
        grants[key] = [...new Set([...(grants[key] ?? []), ...resourcesOf.map((r) => JSON.stringify(r))])].sort();
      }
    };
    for (const [name, f, access] of allFunctions(synth)) {
      const expected: Grants = {};
      add(expected, ['logs:CreateLogStream', 'logs:PutLogEvents'], [{ 'Fn::GetAtt': [logicalId(f.logGroup), 'Arn'] }]);
      for (const [table, actions] of Object.entries(access.tables)) {
        if (!actions?.length) continue;
        const def: TableDef = tables[table as keyof typeof tables];
        const arn = stack.storage.table(table).tableArn;
        const indexArns = actions.includes('Query') ? def.indexes.map((i) => `${arn}/index/${i.name}`) : [];
        add(expected, dynamodbActions(actions), stack.resolve([arn, ...indexArns]) as unknown[]);
        if (def.personalData) {
          // The table key, only through DynamoDB.
          const key = stack.storage.personalDataKey!;
          add(expected, kmsActionsFor(actions), [{ 'Fn::GetAtt': [logicalId(key), 'Arn'] }], {
            StringEquals: { 'kms:ViaService': stack.resolve(`dynamodb.${Aws.REGION}.${Aws.URL_SUFFIX}`) },
          });
        }
      }
      for (const secret of access.secrets) add(expected, ['secretsmanager:GetSecretValue'], [{ Ref: logicalId(stack.secrets.secrets[secret]) }]);
      for (const [prefix, actions] of Object.entries(access.photos ?? {})) {
        add(expected, (actions ?? []).map((a) => `s3:${a}`), [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(stack.photos.bucket), 'Arn'] }, `/${prefix}*`]] }]);
      }
      if (access.envelopeKey) add(expected, ['kms:Decrypt', 'kms:GenerateDataKey'], [{ 'Fn::GetAtt': [logicalId(stack.storage.envelopeKey), 'Arn'] }]);
      if (name.startsWith('job-')) {
        // The on-failure destination of a job's asynchronous runs.
        add(expected, ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], [{ 'Fn::GetAtt': [logicalId(stack.jobs.deadLetters), 'Arn'] }]);
      }
      const actual: Grants = {};
      for (const st of roleStatements(template, logicalId(f.role))) add(actual, st.actions, st.resources, st.condition);
      expect({ name, grants: actual }).toEqual({ name, grants: expected });
    }
  });

  it('give the stations function no Scan, and its station writes only on the station tables', () => {
    const statements = roleStatements(synth.template, logicalId(synth.stack.functions.stations!.role));
    const actions = new Set(statements.flatMap((s) => s.actions).filter((a) => a.startsWith('dynamodb:')));
    expect(actions.has('dynamodb:Scan')).toBe(false);
    const writeTables = ['stations', 'stationKeys', 'stationHistory', 'geoDensity', 'searchCounts', 'rateLimits'].map((t) =>
      JSON.stringify(synth.stack.resolve(synth.stack.storage.table(t).tableArn)),
    );
    for (const s of statements.filter((st) => st.actions.some((a) => ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'].includes(a)))) {
      // (A statement that also queries lists the table's indexes too; nothing can be written to an index.)
      for (const r of s.resources) if (!JSON.stringify(r).includes('/index/')) expect(writeTables).toContain(JSON.stringify(r));
    }
    // The table and each of its indexes by name: no `index/*`.
    const queries = JSON.stringify(statements.filter((s) => s.actions.includes('dynamodb:Query')).map((s) => s.resources));
    expect(queries).toContain('/index/byGeoCell');
    expect(queries).toContain('/index/byDistrict');
  });

  it('no function policy has a wildcard action, nor a wildcard resource but its own photo prefix', () => {
    const prefix = (p: string) => JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(synth.stack.photos.bucket), 'Arn'] }, `/${p}*`]] });
    for (const [, f, access] of allFunctions(synth)) {
      const own = Object.keys(access.photos ?? {}).map(prefix);
      for (const s of roleStatements(synth.template, logicalId(f.role))) {
        expect(s.actions.filter((a) => a.includes('*'))).toEqual([]);
        for (const r of s.resources) if (!own.includes(JSON.stringify(r))) expect(JSON.stringify(r)).not.toContain('*');
      }
    }
  });

  it('grant each photo prefix to the function whose code writes it: stations under stations/, wish delivery photos under wishes/', () => {
    // Written by hand from the code, not derived from access.ts: stations/station-writes.ts puts (and on a
    // failed write deletes) stations/<id>/…; wishes/service.ts uploadPhoto puts (and deletes) wishes/<id>/…,
    // read back through presigned GET URLs; accounts/index.ts deleting an account releases its claims
    // and deletes their delivery photos (wishes/release.ts).
    const s3 = (name: string) =>
      roleStatements(synth.template, logicalId(allFunctions(synth).find(([n]) => n === name)![1].role))
        .filter((s) => s.actions.some((a) => a.startsWith('s3:')))
        .map((s) => ({ actions: s.actions, prefix: JSON.stringify(s.resources).match(/"\/([a-z]+\/)\*"/)?.[1] }));
    expect(s3('stations')).toEqual([{ actions: ['s3:DeleteObject', 's3:PutObject'], prefix: 'stations/' }]);
    expect(s3('wishes')).toEqual([{ actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], prefix: 'wishes/' }]);
    expect(s3('accounts')).toEqual([{ actions: ['s3:DeleteObject'], prefix: 'wishes/' }]);
    for (const [name] of allFunctions(synth)) if (!['stations', 'wishes', 'accounts'].includes(name)) expect(s3(name)).toEqual([]);
  });

  it('give every function the subscribe-message template ids, the edge address and the member card key of the stage settings', () => {
    for (const fn of Object.values(cfnFunctions())) {
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env).toMatchObject({
        YZ_WECHAT_TEMPLATE_MEMBERSHIP: 'example-membership-result-template-id',
        YZ_WECHAT_TEMPLATE_WISH_PROGRESS: 'example-wish-progress-template-id',
        YZ_WECHAT_TEMPLATE_WISH_CLAIM: 'example-wish-claim-template-id',
        YZ_WECHAT_TEMPLATE_BOARD_POST: 'example-board-post-template-id',
        YZ_PHOTO_BASE_URL: 'https://m.yizhan.example.cn/',
        YZ_MEMBER_PASS_PUBLIC_KEY: 'IOxWNQlYKrGCkNoXtY4hvskxchsNi9Ii-A_WZnFx4gU',
      });
      expect(JSON.stringify(env)).not.toMatch(/local-tmpl/);
    }
  });

  it('reserve concurrency for the jobs and the station bulk import only', () => {
    const reserved = Object.fromEntries(
      allFunctions(synth).map(([name, f]) => [name, cfnFunctions()[logicalId(f.fn)]!.Properties.ReservedConcurrentExecutions]),
    );
    expect(Object.fromEntries(Object.entries(reserved).filter(([, v]) => v !== undefined))).toEqual({ stationBulk: 2, 'job-board-expiry': 1, 'job-claim-expiry': 1, 'job-outbox': 1, 'job-retention': 1, 'job-stale-digest': 1 });
  });

  it('give no function a secret it does not declare', () => {
    for (const [, f, access] of allFunctions(synth)) {
      const env = (cfnFunctions()[logicalId(f.fn)]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      for (const [name, def] of Object.entries(secrets)) {
        if (!access.secrets.includes(name as keyof typeof secrets)) expect(env).not.toHaveProperty(def.arnEnv);
      }
    }
  });
});

describe('a function that reads a secret and writes a personal-data table', () => {
  const members: TableDef = {
    name: 'members',
    partitionKey: { name: 'id', type: 'S' },
    indexes: [{ name: 'byOpenid', partitionKey: { name: 'openid', type: 'S' }, projection: 'KEYS_ONLY' }],
    personalData: true,
  };
  const access: FunctionAccess = { tables: { stations: ['GetItem'], members: ['GetItem', 'PutItem'] }, secrets: ['wechat'] };
  const synth = synthStack('prod', { definitions: { tables: { ...tables, members }, domainAccess: { ...domainAccess, stations: access } } });
  const f = synth.stack.functions.stations!;
  const statements = roleStatements(synth.template, logicalId(f.role));
  const env = (resources(synth.template, 'AWS::Lambda::Function')[logicalId(f.fn)]!.Properties.Environment as { Variables: Record<string, unknown> })
    .Variables;

  it('gets the secret ARN in its environment and may read that secret only', () => {
    const wechat = logicalId(synth.stack.secrets.secrets.wechat);
    expect(env[secrets.wechat.arnEnv]).toEqual({ Ref: wechat });
    expect(env).not.toHaveProperty(secrets.tokenSigningKey.arnEnv);
    expect(statements.filter((s) => s.actions.some((a) => a.startsWith('secretsmanager:')))).toEqual([
      { actions: ['secretsmanager:GetSecretValue'], resources: [{ Ref: wechat }] },
    ]);
  });

  it('gets no index when it does not query, and the table key only through DynamoDB', () => {
    const members = synth.stack.storage.table('members');
    expect(statements).toContainEqual({
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      resources: [synth.stack.resolve(members.tableArn)],
    });
    const key = logicalId(synth.stack.storage.personalDataKey!);
    expect(statements).toContainEqual({
      actions: kmsActionsFor(['GetItem', 'PutItem']).sort(),
      resources: [{ 'Fn::GetAtt': [key, 'Arn'] }],
      condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['dynamodb.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] } } },
    });
    // Reads of the public table need no key.
    expect(statements.filter((s) => s.actions.some((a) => a.startsWith('kms:')))).toHaveLength(1);
  });
});
