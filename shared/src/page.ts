import './zod-config';
import * as z from 'zod';
import { commonMessages } from './common-errors';

/** Longest cursor any page hands out: a table key and an index key, base64url JSON, with room to spare. */
export const PAGE_CURSOR_MAX = 1000;

/**
 * The `cursor` query parameter of every paged route. Opaque to the client; the server checks what it
 * stands for (functions/src/platform/cursor.ts). A cursor too long to be one of ours is refused here,
 * with the same code as one that does not decode.
 */
export const PageCursor = z.string().refine((s) => s.length <= PAGE_CURSOR_MAX, {
  error: commonMessages.INVALID_CURSOR,
  params: { apiCode: 'INVALID_CURSOR' },
});
