/**
 * `npm run check:data`: the data invariants of dev/src/check-data.ts over one stage's tables; exits 1
 * on any violation, 2 when it could not read. Reads only (Query, and paged Scans of the small tables;
 * never a Scan of stations). Against a deployed stage set YZ_TABLE_PREFIX (e.g. `yizhan-prod-`) and
 * AWS_REGION, with the usual AWS credentials; YZ_DYNAMODB_ENDPOINT points at another endpoint. Without
 * either it checks the running `npm start` stack (its endpoint is in .data/local-stack.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createDb } from '@yz/functions/platform/db';
import { checkData, formatReport } from '../dev/src/check-data';
import { LOCAL_STACK_FILE } from '../dev/src/import-cli';

function target(): { tablePrefix: string; endpoint?: string } {
  const { YZ_TABLE_PREFIX: tablePrefix, YZ_DYNAMODB_ENDPOINT: endpoint } = process.env;
  if (tablePrefix || endpoint) return { tablePrefix: tablePrefix ?? 'yz-local-', endpoint };
  const stackFile = path.resolve(__dirname, '..', LOCAL_STACK_FILE);
  if (!existsSync(stackFile)) throw new Error('没有正在运行的本地环境：先运行 npm start，或设置 YZ_TABLE_PREFIX（和 AWS_REGION）检查已部署的环境');
  return JSON.parse(readFileSync(stackFile, 'utf8')) as { tablePrefix: string; endpoint: string };
}

async function main(): Promise<number> {
  const { tablePrefix, endpoint } = target();
  // A checker may wait for an answer: it is not holding up a user.
  const db = createDb({ region: process.env.AWS_REGION ?? 'cn-north-1', tablePrefix, dynamodbEndpoint: endpoint }, { requestTimeoutMs: 10_000, maxAttempts: 4 });
  console.log(`checking ${endpoint ?? `DynamoDB in ${process.env.AWS_REGION ?? 'cn-north-1'}`}, tables ${tablePrefix}*`);
  const report = await checkData(db);
  console.log(formatReport(report));
  return report.violations.length === 0 ? 0 : 1;
}

main()
  .then((code) => process.exit(code))
  .catch((error: Error) => {
    console.error(`检查失败：${error.message}`);
    process.exit(2);
  });
