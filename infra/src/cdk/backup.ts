import { Duration, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import type { StageSettings } from './stage';

/**
 * Daily AWS Backup recovery points of the tables holding personal data, kept as long as the stage
 * settings say (`backupRetentionDays`), in a vault of their own in the same region: personal data
 * stays in the region the stage is deployed to. Point-in-time recovery (35 days) covers mistakes of
 * the last weeks; these cover longer and survive a deleted table.
 */
export class Backup extends Construct {
  readonly vault: BackupVault;
  readonly plan: BackupPlan;

  constructor(scope: Construct, id: string, props: { settings: StageSettings; tables: ITable[] }) {
    super(scope, id);
    const { settings } = props;
    this.vault = new BackupVault(this, 'Vault', {
      backupVaultName: `${settings.prefix}personal-data`,
      removalPolicy: settings.removalPolicy,
    });
    this.plan = new BackupPlan(this, 'Plan', {
      backupPlanName: `${settings.prefix}personal-data`,
      backupVault: this.vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'Daily',
          // 03:00 Asia/Shanghai, after the day's work and before the morning.
          scheduleExpression: Schedule.cron({ hour: '19', minute: '0' }),
          deleteAfter: Duration.days(settings.deploy.backupRetentionDays),
        }),
      ],
    });
    const selection = this.plan.addSelection('PersonalDataTables', {
      resources: props.tables.map((t) => BackupResource.fromDynamoDbTable(t)),
    });
    Validations.of(selection).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason: "AWS Backup's own service role policy (AWSBackupServiceRolePolicyForBackup) is what AWS Backup needs to snapshot the selected tables; the role is assumable by backup.amazonaws.com only.",
    });
  }
}
