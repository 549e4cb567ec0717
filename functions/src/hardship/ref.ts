import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { FileStatus, HardshipOccupation } from '@yz/shared';
import type { Db } from '../platform/db';

/**
 * What other domains may know of a hardship file without decrypting anything: its status, region,
 * the role shown on the wish wall, and whom it belongs to. The hardship domain keeps these attributes
 * plain on the file item (hardship-files table); the six parts stay encrypted. The wishes domain reads
 * this to decide whether a worker may post ("on file") and to label a wish ("环卫工人 · 北海").
 */
export interface FileRef {
  id: string;
  status: FileStatus;
  districtCode: string;
  cityCode: string;
  provinceCode: string;
  occupation: HardshipOccupation;
  /** The bound account, once the worker redeemed a binding code (or applied themselves). */
  userId: string | null;
  /** The paired helper's account, when staff named one. */
  helperUserId: string | null;
}

export async function getFileRef(db: Db, fileId: string): Promise<FileRef | null> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.table('hardshipFiles'),
      Key: { id: fileId },
      ProjectionExpression: 'id, #status, districtCode, cityCode, provinceCode, occupation, userId, helperUserId',
      ExpressionAttributeNames: { '#status': 'status' },
    }),
  );
  const item = out.Item;
  if (!item) return null;
  return {
    id: item.id as string,
    status: item.status as FileStatus,
    districtCode: item.districtCode as string,
    cityCode: item.cityCode as string,
    provinceCode: item.provinceCode as string,
    occupation: item.occupation as HardshipOccupation,
    userId: (item.userId as string | undefined) ?? null,
    helperUserId: (item.helperUserId as string | undefined) ?? null,
  };
}
