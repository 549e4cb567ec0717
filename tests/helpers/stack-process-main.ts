/**
 * The child side of startStackProcess (stack-process.ts): a test stack (startTestStack) on the run's
 * DynamoDB Local, loaded with the stations read as JSON from stdin (with the page origins it answers). Prints `ready <url>` once it
 * answers, and stops when stdin closes: when the parent says so, or when the parent dies.
 */
import type { Station } from '@yz/shared';
import { putStations, startTestStack } from './stack';

/** The first line on stdin; stdin stays open afterwards, its end is the signal to stop. */
function readLine(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: string) => {
      text += chunk;
      const end = text.indexOf('\n');
      if (end >= 0) {
        process.stdin.off('data', onData);
        process.stdin.off('end', onEnd);
        resolve(text.slice(0, end));
      }
    };
    const onEnd = () => reject(new Error('stdin closed before the stations were sent'));
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', onData);
    process.stdin.once('end', onEnd);
  });
}

async function main(): Promise<void> {
  const { stations, allowedOrigins } = JSON.parse(await readLine()) as { stations: Station[]; allowedOrigins: string[] };
  const stack = await startTestStack({ allowedOrigins, tiles: true });
  await putStations(stack, stations);
  // The finder searches on tiles: they hold every station written before the page opens.
  await stack.tiles?.settle();
  process.stdout.write(`ready ${stack.url}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    process.exit(0);
  };
  process.stdin.once('end', () => void stop());
  process.once('SIGTERM', () => void stop());
  process.stdin.resume();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
