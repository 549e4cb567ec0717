import { Duration } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption, type Attribute } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { KeyDef, TableDef } from '@yz/functions';
import type { StageSettings } from './stage';

/**
 * The DynamoDB tables, built from the same definitions (each domain's tables.ts, composed in
 * functions/src/tables.ts) the local stack creates with CreateTable: same keys, same indexes, same
 * projections. AWS::DynamoDB::Table (not TableV2's
 * GlobalTable): one region carries a province, and the plain table is the same shape as locally.
 */

const attribute = (key: KeyDef): Attribute => ({
  name: key.name,
  type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

export interface StorageProps {
  settings: StageSettings;
  tables: Readonly<Record<string, TableDef>>;
}

export class Storage extends Construct {
  readonly tables: Record<string, Table> = {};
  readonly definitions: Readonly<Record<string, TableDef>>;
  /** The customer-managed key of tables holding personal data; made only when one does. */
  readonly personalDataKey?: Key;
  /**
   * The key functions use for envelope encryption of personal fields (ID numbers, mobiles) before
   * they are written: a table key protects the table, this one the field, so a table read alone
   * (a backup, an export, a console query) shows only ciphertext.
   */
  readonly envelopeKey: Key;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const { settings } = props;
    this.definitions = props.tables;

    if (Object.values(props.tables).some((def) => def.personalData)) {
      this.personalDataKey = new Key(this, 'PersonalDataKey', {
        alias: `alias/${settings.prefix}personal-data`,
        description: `Yizhan ${settings.stage}: encrypts the tables that hold personal data`,
        enableKeyRotation: true,
        removalPolicy: settings.removalPolicy,
        pendingWindow: Duration.days(30),
      });
    }

    this.envelopeKey = new Key(this, 'EnvelopeKey', {
      alias: `alias/${settings.prefix}personal-fields`,
      description: `Yizhan ${settings.stage}: envelope encryption of personal fields (ID numbers, mobiles)`,
      enableKeyRotation: true,
      removalPolicy: settings.removalPolicy,
      pendingWindow: Duration.days(30),
    });

    for (const [key, def] of Object.entries(props.tables)) {
      const table = new Table(this, `${pascal(key)}Table`, {
        tableName: `${settings.prefix}${def.name}`,
        partitionKey: attribute(def.partitionKey),
        ...(def.sortKey ? { sortKey: attribute(def.sortKey) } : {}),
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: settings.production,
        removalPolicy: settings.removalPolicy,
        ...(def.ttlAttribute ? { timeToLiveAttribute: def.ttlAttribute } : {}),
        ...(def.stream ? { stream: StreamViewType[def.stream] } : {}),
        ...(def.personalData
          ? { encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey: this.personalDataKey }
          : // Public data (station listings): DynamoDB's own key, still encrypted at rest.
            { encryption: TableEncryption.DEFAULT }),
      });
      for (const index of def.indexes) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: attribute(index.partitionKey),
          ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
          projectionType: ProjectionType[index.projection],
          ...(index.projection === 'INCLUDE' ? { nonKeyAttributes: [...(index.nonKeyAttributes ?? [])] } : {}),
        });
      }
      this.tables[key] = table;
    }
  }

  table(key: string): Table {
    const table = this.tables[key];
    if (!table) throw new Error(`no table ${key} in functions/src/tables.ts`);
    return table;
  }
}

export const pascal = (name: string): string => name.replace(/(^|[-_])(\w)/g, (_, __, c: string) => c.toUpperCase());
