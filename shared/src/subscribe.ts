import { tokenField } from './fields';
import './zod-config';
import * as z from 'zod';

/**
 * What wx.requestSubscribeMessage answered, per template id: only 'accept' becomes a grant (one message).
 * Its own small module so a page that records consent does not load the forms that ask for it.
 */
export const SubscribeResults = z.record(tokenField('模板编号', 64), z.enum(['accept', 'reject', 'ban', 'filter']));
