/**
 * `npm run import:stations -- FILE [--dry-run] [--district CODE]`: see dev/src/import-cli.ts.
 */
import path from 'node:path';
import { runImportCli } from '../dev/src/import-cli';

runImportCli(process.argv.slice(2), path.resolve(__dirname, '..'))
  .then((code) => process.exit(code))
  .catch((error: Error) => {
    console.error(`导入失败：${error.message}`);
    process.exit(1);
  });
