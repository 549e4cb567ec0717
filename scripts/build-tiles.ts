/**
 * `npm run tiles:build`: see dev/src/tiles-cli.ts.
 */
import path from 'node:path';
import { runTilesCli } from '../dev/src/tiles-cli';

runTilesCli(process.argv.slice(2), path.resolve(__dirname, '..'))
  .then((code) => process.exit(code))
  .catch((error: Error) => {
    console.error(`重建瓦片失败：${error.message}`);
    process.exit(1);
  });
