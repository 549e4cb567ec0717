/**
 * The local HTTP server the benchmark measures, in its own process so that the load generator does not
 * share its event loop: every domain's real handler behind the same hono adapter `npm start` uses, on
 * a DynamoDB Local the parent started. Responses are not re-validated against the contract, as in a
 * deployed stack (validation is a development aid that AWS stages turn off). With YZ_BENCH_TILE_DIR it
 * also serves tiles at /tiles/ (bench:tiles).
 */
import { createHandlers, localConfig } from '../../dev/src/stack';
import { createLocalApp, listen } from '../../dev/src/server';
import { createDb } from '../../functions/src/platform/db';

async function main() {
  const endpoint = process.env.YZ_DYNAMODB_ENDPOINT;
  const tablePrefix = process.env.YZ_TABLE_PREFIX;
  if (!endpoint || !tablePrefix) throw new Error('YZ_DYNAMODB_ENDPOINT and YZ_TABLE_PREFIX are required');
  const config = {
    ...localConfig({ endpoint, tablePrefix, stage: 'test', devLogin: false, wechat: { url: 'http://127.0.0.1:9', appId: 'bench', secret: 'bench' } }),
    validateResponses: false,
  };
  const platform = { config, db: createDb(config) };
  const server = await listen(createLocalApp({ handlers: createHandlers(platform), tileDir: process.env.YZ_BENCH_TILE_DIR }), 0);
  console.log(`listening ${server.url}`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
