import { dynamoCalls, type AwsCall } from '../../functions/src/platform/aws-calls';
import { compare, synthGrants, type Grant } from '../../infra/src/cdk/iam-check';

/**
 * The IAM check itself (scripts/check-iam.ts), on the real prod template: calls written by hand here,
 * the grants read from the synthesised roles. The recording side runs in the integration tests.
 */
describe('IAM versus recorded calls', () => {
  let grants: Map<string, Grant[]>;
  beforeAll(() => {
    grants = synthGrants();
  });

  const call = (fn: string, service: AwsCall['service'], action: string, resource: string): AwsCall => ({ function: fn, service, action, resource });
  /** The calls the grants refuse, each as "function action resource". */
  const deniedOf = (calls: AwsCall[]) => compare(calls, grants).denied.map((c) => `${c.function} ${c.action} ${c.resource}`);

  it('reads every function role: one per domain, one per job and the tile builder', () => {
    expect([...grants.keys()].sort()).toEqual(
      ['accounts', 'activity', 'board', 'confirmations', 'hardship', 'job-board-expiry', 'job-claim-expiry', 'job-outbox', 'job-retention', 'job-stale-digest', 'membership', 'stationBulk', 'stations', 'tiles', 'wishes'].sort(),
    );
  });

  it.each([
    {
      rule: 'grants the tile builder its reads of the nearby and district indexes and tiles/ only',
      calls: [
        call('tiles', 'dynamodb', 'Query', 'table/stations/index/byGeoCell'),
        call('tiles', 'dynamodb', 'Query', 'table/stations/index/byDistrict'),
        call('tiles', 's3', 'PutObject', 'photos/tiles/d/360428.0123456789ab.json'),
        call('tiles', 's3', 'GetObject', 'photos/tiles/manifest.json'),
        call('tiles', 's3', 'PutObject', 'photos/tiles/t/wtmkq.0123456789ab.json'),
        call('tiles', 'dynamodb', 'PutItem', 'table/stations'),
        call('tiles', 's3', 'PutObject', 'photos/stations/st_1/0123.jpg'),
        call('stations', 's3', 'PutObject', 'photos/tiles/manifest.json'),
      ],
      denied: ['tiles PutItem table/stations', 'tiles PutObject photos/stations/st_1/0123.jpg', 'stations PutObject photos/tiles/manifest.json'],
    },
    {
      rule: 'would have caught the wish photo grant: wishes/ is granted to wishes, stations/ is not',
      calls: [
        call('wishes', 's3', 'PutObject', 'photos/wishes/w_abcdef/0123.jpg'),
        call('wishes', 's3', 'PutObject', 'photos/stations/st_1/0123.jpg'),
        call('stations', 's3', 'PutObject', 'photos/wishes/w_abcdef/0123.jpg'),
      ],
      denied: ['wishes PutObject photos/stations/st_1/0123.jpg', 'stations PutObject photos/wishes/w_abcdef/0123.jpg'],
    },
    {
      rule: 'checks the action, the table and the index; Query on a table grants its indexes',
      calls: [
        call('job-claim-expiry', 'dynamodb', 'Query', 'table/wishes/index/byDue'),
        call('job-claim-expiry', 'dynamodb', 'DeleteItem', 'table/wishes'),
        call('job-claim-expiry', 'dynamodb', 'GetItem', 'table/users'),
        call('job-outbox', 'secretsmanager', 'GetSecretValue', 'secret/wechat'),
        call('job-outbox', 'secretsmanager', 'GetSecretValue', 'secret/tokenSigningKey'),
        call('job-outbox', 'kms', 'Decrypt', 'key/envelope'),
      ],
      denied: ['job-claim-expiry DeleteItem table/wishes', 'job-claim-expiry GetItem table/users', 'job-outbox GetSecretValue secret/tokenSigningKey', 'job-outbox Decrypt key/envelope'],
    },
  ])('$rule', ({ calls, denied }) => {
    expect(deniedOf(calls)).toEqual(denied);
  });

  it('lists a grant no call used, per action and table', () => {
    const { unused } = compare([call('job-outbox', 'dynamodb', 'Query', 'table/outbox')], grants);
    const outbox = unused.filter((u) => u.function === 'job-outbox').map((u) => `${u.action} ${u.resource}`);
    expect(outbox).toContain('dynamodb:UpdateItem table/outbox');
    expect(outbox).toContain('secretsmanager:GetSecretValue secret/wechat');
    expect(outbox).not.toContain('dynamodb:Query table/outbox');
  });

  it('names the item actions of batches and transactions as IAM authorises them', () => {
    expect(
      dynamoCalls('TransactWriteItemsCommand', {
        TransactItems: [{ Put: { TableName: 'p-wishes' } }, { ConditionCheck: { TableName: 'p-users' } }, { Delete: { TableName: 'p-x' } }],
      }),
    ).toEqual([
      { action: 'PutItem', table: 'p-wishes' },
      { action: 'ConditionCheckItem', table: 'p-users' },
      { action: 'DeleteItem', table: 'p-x' },
    ]);
    expect(dynamoCalls('BatchGetItemCommand', { RequestItems: { a: {}, b: {} } })).toEqual([
      { action: 'BatchGetItem', table: 'a' },
      { action: 'BatchGetItem', table: 'b' },
    ]);
    expect(dynamoCalls('QueryCommand', { TableName: 't', IndexName: 'byDue' })).toEqual([{ action: 'Query', table: 't', index: 'byDue' }]);
  });
});
