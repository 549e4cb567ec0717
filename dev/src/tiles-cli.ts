import path from 'node:path';
import { parseArgs } from 'node:util';
import { tileBuilder } from '@yz/functions/tiles';
import { connect } from './import-cli';

/**
 * `npm run tiles:build [-- --endpoint URL --prefix P | --aws]`: every station tile from scratch,
 * then the manifest (after a bulk load, or to recover the bucket). Reads the stations where the
 * import CLI writes them (dev/src/import-cli.ts `connect`); writes the tiles beside the local photos,
 * or to the stage's bucket with `--aws`.
 */
export async function runTilesCli(argv: string[], root: string, io = { out: console.log, err: console.error }): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: { endpoint: { type: 'string' }, prefix: { type: 'string' }, aws: { type: 'boolean', default: false } },
    }).values;
  } catch (error) {
    io.err(`${(error as Error).message}\n用法: npm run tiles:build [-- --endpoint URL --prefix P | --aws]`);
    return 2;
  }
  const target = await connect(root, values);
  try {
    const started = Date.now();
    io.out(`从 ${target.describe} 重建全部驿站瓦片……`);
    const report = await tileBuilder(target.platform).rebuildAll();
    const where = target.platform.config.photos.kind === 'disk' ? path.relative(root, path.join(target.platform.config.photos.dir, 'tiles')) : 's3 tiles/';
    io.out(`完成：${report.stations} 个驿站，${report.cells} 个网格，${report.tilesWritten} 个瓦片，${report.shardsWritten} 个清单分片，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒（${where}）`);
    return 0;
  } finally {
    await target.close();
  }
}
