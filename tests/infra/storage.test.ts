import { createTableInput } from '../../functions/src/local/tables';
import { physicalTableName, tables, type TableDef, type TableName } from '@yz/functions';
import { logicalId, resources, synthStack } from './synth';

/**
 * The deployed tables are the local ones: keys, attribute types, indexes and projections equal what
 * the local stack's CreateTable sends (functions/src/local/tables.ts), from the same definitions.
 */

const dev = synthStack('dev');
const prod = synthStack('prod');

/** A table that holds personal data and expires items: a path the current data model does not take yet. */
const members: TableDef = {
  name: 'members',
  partitionKey: { name: 'id', type: 'S' },
  sortKey: { name: 'version', type: 'N' },
  indexes: [{ name: 'byOpenid', partitionKey: { name: 'openid', type: 'S' }, projection: 'KEYS_ONLY' }],
  ttlAttribute: 'expiresAt',
  personalData: true,
};
const withPersonalData = synthStack('prod', { definitions: { tables: { ...tables, members } } });

const byName = (list: { AttributeName?: string }[] | undefined) =>
  [...(list ?? [])].sort((a, b) => String(a.AttributeName).localeCompare(String(b.AttributeName)));

function cfnTable(t: typeof dev, name: string) {
  const found = Object.values(resources(t.template, 'AWS::DynamoDB::Table')).filter((r) => r.Properties.TableName === name);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe.each([
  ['dev', dev],
  ['prod', prod],
])('tables in %s', (stage, synth) => {
  it('are exactly the tables of functions/src/tables.ts, named with the stage prefix', () => {
    const names = Object.values(resources(synth.template, 'AWS::DynamoDB::Table')).map((r) => r.Properties.TableName);
    const expected = (Object.keys(tables) as TableName[]).map((t) => physicalTableName(`yizhan-${stage}-`, t));
    expect(names.sort()).toEqual(expected.sort());
  });

  it.each(Object.keys(tables) as TableName[])('%s has the keys and indexes the local stack creates', (key) => {
    const def: TableDef = tables[key];
    const local = createTableInput(def, physicalTableName(`yizhan-${stage}-`, key));
    const table = cfnTable(synth, local.TableName!);
    expect(table.Properties.KeySchema).toEqual(local.KeySchema);
    expect(byName(table.Properties.AttributeDefinitions as { AttributeName: string }[])).toEqual(byName(local.AttributeDefinitions));
    const indexes = (table.Properties.GlobalSecondaryIndexes ?? []) as { IndexName: string }[];
    expect(indexes.map((i) => ({ ...i })).sort((a, b) => a.IndexName.localeCompare(b.IndexName))).toEqual(
      [...(local.GlobalSecondaryIndexes ?? [])].sort((a, b) => String(a.IndexName).localeCompare(String(b.IndexName))),
    );
  });

  it('bills on demand and keeps point-in-time recovery on', () => {
    for (const table of Object.values(resources(synth.template, 'AWS::DynamoDB::Table'))) {
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.Properties.ProvisionedThroughput).toBeUndefined();
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    }
  });
});

describe('stage differences', () => {
  it('protects production tables from deletion, by the API and by CloudFormation', () => {
    for (const table of Object.values(resources(prod.template, 'AWS::DynamoDB::Table'))) {
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.UpdateReplacePolicy).toBe('Retain');
    }
    expect(prod.stack.terminationProtection).toBe(true);
  });

  it('lets a dev stack be torn down', () => {
    for (const table of Object.values(resources(dev.template, 'AWS::DynamoDB::Table'))) {
      expect(table.Properties.DeletionProtectionEnabled).toBe(false);
      expect(table.DeletionPolicy).toBe('Delete');
    }
    expect(dev.stack.terminationProtection).toBe(false);
  });
});

describe('encryption and expiry', () => {
  it('encrypts exactly the personal-data tables with the customer-managed key', () => {
    const key = dev.stack.storage.personalDataKey!;
    expect(key).toBeDefined();
    // The table key and the envelope key of personal fields, both rotating.
    dev.template.resourceCountIs('AWS::KMS::Key', 2);
    dev.template.allResourcesProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    for (const [name, def] of Object.entries(tables) as [TableName, TableDef][]) {
      const sse = cfnTable(dev, physicalTableName('yizhan-dev-', name)).Properties.SSESpecification;
      // SSEEnabled false is DynamoDB's own (AWS-owned) key: still encrypted at rest, no KMS charge.
      expect(sse).toEqual(def.personalData ? { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(key), 'Arn'] } } : { SSEEnabled: false });
    }
  });

  it('encrypts a personal-data table with the rotating customer-managed key, and only that table', () => {
    const key = withPersonalData.stack.storage.personalDataKey!;
    expect(key).toBeDefined();
    const keyId = logicalId(key);
    withPersonalData.template.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
    expect(cfnTable(withPersonalData, 'yizhan-prod-members').Properties.SSESpecification).toEqual({
      SSEEnabled: true,
      SSEType: 'KMS',
      KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    expect(cfnTable(withPersonalData, 'yizhan-prod-stations').Properties.SSESpecification).toEqual({ SSEEnabled: false });
  });

  it('turns on TTL on the attribute the definition names', () => {
    expect(cfnTable(withPersonalData, 'yizhan-prod-members').Properties.TimeToLiveSpecification).toEqual({
      AttributeName: 'expiresAt',
      Enabled: true,
    });
    expect(cfnTable(withPersonalData, 'yizhan-prod-stations').Properties.TimeToLiveSpecification).toBeUndefined();
  });

  it('builds a table with a sort key and a keys-only index as the local stack would', () => {
    const local = createTableInput(members, 'yizhan-prod-members');
    const table = cfnTable(withPersonalData, 'yizhan-prod-members');
    expect(table.Properties.KeySchema).toEqual(local.KeySchema);
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect(byName(table.Properties.AttributeDefinitions as { AttributeName: string }[])).toEqual(byName(local.AttributeDefinitions));
  });
});
