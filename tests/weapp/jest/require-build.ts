import { existsSync } from 'node:fs';
import { DIST, missingBuildMessage } from '../weapp';

// The weapp tests load the built mini-program: without a build they fail here, saying what to run.
if (!existsSync(`${DIST}/app.js`) || !existsSync(`${DIST}/app.json`)) {
  throw new Error(missingBuildMessage());
}
