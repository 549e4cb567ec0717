import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { maskIdNumber } from '@yz/shared';
import type { Db } from '../platform/db';
import type { FileItem } from './store-port';

/**
 * What 导出我的数据 (GET /me/data) shows of a worker's hardship file, and what deleting the account
 * does to it. Kept apart from the service so the accounts function reads it without the encryption SDK:
 * the export shows what the file holds about the person as masked and plain facts (status, region,
 * occupation, masked numbers, assistance received, the timeline); the six parts stay with the union.
 */
export async function hardshipRecords(db: Db, fileId: string | undefined, userId: string): Promise<Record<string, unknown[]>> {
  if (!fileId) return { hardshipFile: [] };
  const out = await db.doc.send(new GetCommand({ TableName: db.table('hardshipFiles'), Key: { id: fileId } }));
  const file = out.Item as FileItem | undefined;
  if (!file || file.userId !== userId) return { hardshipFile: [] };
  return {
    hardshipFile: [
      {
        id: file.id,
        status: file.status,
        source: file.source,
        districtCode: file.districtCode,
        occupation: file.occupation,
        nameMasked: file.nameMasked,
        idNumberMasked: maskIdNumber(file.idMasked),
        mobileMasked: file.mobileMasked,
        assistance: file.assistance,
        assistanceTotalFen: file.assistanceTotalFen,
        timeline: file.timeline,
        consentVersion: file.consentVersion,
        consentAt: file.consentAt,
        createdAt: file.createdAt,
        updatedAt: file.updatedAt,
      },
    ],
  };
}

/** A deleted account lets go of its file: the file stays with the union, unbound (a new code binds it again). */
export async function unbindHardshipFile(db: Db, fileId: string | undefined, userId: string): Promise<void> {
  if (!fileId) return;
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table('hardshipFiles'),
        Key: { id: fileId },
        UpdateExpression: 'REMOVE userId',
        ConditionExpression: 'userId = :u',
        ExpressionAttributeValues: { ':u': userId },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
