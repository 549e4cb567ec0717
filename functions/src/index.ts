// What code outside the Lambda functions (the CDK app, the local stack, tests) reads from them: the
// tables, secrets and AWS needs the domains declare. Nothing here pulls in an AWS SDK client.
export { tables, physicalTableName, type TableName } from './tables';
export type { AttributeType, IndexDef, KeyDef, TableDef } from './platform/table-def';
export * from './platform/secret-defs';
export { READ_ACTIONS, combineNeeds, type AwsNeeds, type ResolvedNeeds, type TableAction } from './platform/aws-access';
export { domainAccess, jobAccess, tileBuilderAccess } from './access';
export { RECORD_AWS_CALLS_VARIABLE, type AwsCall, type AwsService } from './platform/aws-calls';
