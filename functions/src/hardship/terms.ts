import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { PiiCipher } from '../platform/crypto';
import type { Db } from '../platform/db';
import { secretContext, type FileSecret } from './store-port';

/**
 * The worker's own identifying data from their file (name, ID number, mobile, address), for the
 * wishes domain to keep off the public wall. Decrypted here and handed back in memory only: callers
 * compare and forget, and must never log, store or echo these.
 */
export interface PersonalTerms {
  name: string;
  idNumber: string;
  mobile: string;
  address: string;
}

export async function personalTermsOfFile(db: Db, cipher: PiiCipher, fileId: string): Promise<PersonalTerms | null> {
  const out = await db.doc.send(new GetCommand({ TableName: db.table('hardshipFiles'), Key: { id: fileId }, ProjectionExpression: 'id, secret' }));
  const secret = out.Item?.secret as string | undefined;
  if (!secret) return null;
  const { basic } = JSON.parse(await cipher.decrypt(secret, secretContext(fileId))) as FileSecret;
  return { name: basic.name, idNumber: basic.idNumber, mobile: basic.mobile, address: basic.address };
}
