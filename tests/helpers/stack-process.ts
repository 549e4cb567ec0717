import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Station } from '@yz/shared';
import { ENDPOINT_VARIABLE, testEndpoint } from './engine';

/**
 * A test stack (startTestStack + putStations, as in the integration tests) run in a Node process of
 * its own. For tests whose own realm is not Node's: the `miniprogram` project runs in jsdom, where the
 * server's fetch, Request and Response do not exist; the pages there reach this stack over real HTTP,
 * as a phone would. Needs the run's DynamoDB Local (the integration globalSetup).
 */
export interface StackProcess {
  /** Base URL of the local API, e.g. http://127.0.0.1:41234. */
  url: string;
  stop(): Promise<void>;
}

const MAIN = path.join(__dirname, 'stack-process-main.ts');

export async function startStackProcess(opts: { stations?: Station[] } = {}): Promise<StackProcess> {
  const endpoint = testEndpoint();
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, [ENDPOINT_VARIABLE]: endpoint, POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`the test stack process did not start in 30 s:\n${output}`)), 30_000);
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      const match = /^ready (\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the test stack process exited with ${code} before it was ready:\n${output}`));
    });
    // The server answers browsers from its own origin only: a jsdom page (http://localhost in jest)
    // is another origin, so the stack is told to allow the page's own.
    const allowedOrigins = typeof window === 'undefined' ? [] : [window.location.origin];
    child.stdin.write(`${JSON.stringify({ stations: opts.stations ?? [], allowedOrigins })}\n`);
  });

  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`the test stack process exited with ${code}:\n${output}`);
    },
  };
}
