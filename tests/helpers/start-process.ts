import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs `npm start`'s script as a user would (its own process, its own DynamoDB Local, data on disk)
 * and waits for the URL it prints. Used by the browser tests, which test the whole local stack.
 */
export interface StartedApp {
  url: string;
  output: () => string;
  stop: () => Promise<number | null>;
  dataDir: string;
}

const ROOT = path.resolve(__dirname, '../..');

export async function startApp(opts: { dataDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<StartedApp> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'yz-e2e-data-'));
  const child: ChildProcess = spawn(process.execPath, [require.resolve('tsx/cli'), 'scripts/start.ts', '--no-build'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', YZ_DATA_DIR: dataDir, POWERTOOLS_LOG_LEVEL: 'ERROR', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not become ready in 60 s:\n${output}`)), 60_000);
    const check = () => {
      const match = /running: (http:\/\/[^\s/]+)\//.exec(output);
      if (match && /ready in/.test(output)) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });

  return {
    url,
    dataDir,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGINT');
      }),
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
