// What Lambda code may import from infra: plain definitions, never aws-cdk-lib (the CDK app is in ./cdk).
export * from './tables';
export * from './secrets';
