import { RegionCode } from './region';
import './zod-config';
import * as z from 'zod';

/**
 * Bulk import (批量导入) of real station lists and export for map platforms. The import reads CSV in
 * UTF-8 or GBK with Chinese or English column names; the report says, row by row, what happened and why.
 */

/**
 * A row's fate: what was stored, and nothing else. A row stored with something a person should look
 * at (no location, hours kept as a note…) still counts as imported or updated; its `warnings` say what.
 * So the totals always equal the rows written, and a report never says "0 new" beside stations on the map.
 */
export const IMPORT_OUTCOMES = ['imported', 'updated', 'unchanged', 'rejected'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

export const IMPORT_OUTCOME_LABELS: Record<ImportOutcome, string> = {
  imported: '新增',
  updated: '更新',
  unchanged: '无变化',
  rejected: '未导入',
};

export const ImportRow = z.object({
  /** The row number as a spreadsheet shows it: the header is row 1, the first station row 2. */
  row: z.number().int().min(2),
  outcome: z.enum(IMPORT_OUTCOMES),
  /** What was written: a new station, an update of an existing one, or nothing. */
  change: z.enum(['created', 'updated', 'none']),
  /** Why, in Chinese: what was updated, or why the row was refused. */
  reasons: z.array(z.string()),
  /** What a person should look at in a row that was stored (or would be, in a dry run). */
  warnings: z.array(z.string()),
  stationId: z.string().nullable(),
  name: z.string().nullable(),
});
export type ImportRow = z.infer<typeof ImportRow>;

export const ImportReport = z.object({
  dryRun: z.boolean(),
  /** How the file was read: 'utf-8' or 'gb18030' (GBK's superset). */
  encoding: z.string(),
  /** Columns understood (their header as written → the field) and columns ignored. */
  columns: z.object({ recognised: z.record(z.string(), z.string()), ignored: z.array(z.string()) }),
  totals: z.object(Object.fromEntries(IMPORT_OUTCOMES.map((o) => [o, z.number().int().min(0)])) as Record<ImportOutcome, z.ZodNumber>),
  /** Stored rows (imported, updated or unchanged) that carry warnings: a part of those totals, not beside them. */
  withWarnings: z.number().int().min(0),
  rows: z.array(ImportRow),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** Files larger than this go through the command-line importer (Lambda takes at most 6 MB per request, base64 included). */
export const IMPORT_MAX_BYTES = 4 * 1024 * 1024;
/**
 * Rows per API request. API Gateway gives a request 30 s; an import writes each changed row in its own
 * transaction, a few at a time, and this many rows stay well inside that (see README, "Importing").
 */
export const IMPORT_MAX_ROWS = 3000;

const flag = z.preprocess(
  (v) => (v === '1' || v === 'true' ? true : v === '0' || v === 'false' ? false : v),
  z.boolean({ error: 'dryRun 应为 1 或 0' }),
);

export const ImportQuery = z.object({
  /** The region the list covers: every row must fall inside it. A district code also fills rows without a district. */
  regionCode: RegionCode,
  /** Report what would happen without writing anything. */
  dryRun: flag.optional().default(false),
});

export const EXPORT_FORMATS = ['csv', 'geojson'] as const;
export const ExportQuery = z.object({
  regionCode: RegionCode,
  format: z.enum(EXPORT_FORMATS, { error: '导出格式应为 csv 或 geojson' }).optional().default('csv'),
});

/** A route that answers with a file rather than JSON: the router sends `body` as is. */
export const FileResponse = z.object({ contentType: z.string(), filename: z.string(), body: z.string() });
export type FileResponse = z.infer<typeof FileResponse>;

export const StationImportErrorCode = {
  IMPORT_UNREADABLE: 'IMPORT_UNREADABLE',
  IMPORT_NO_NAME_COLUMN: 'IMPORT_NO_NAME_COLUMN',
  IMPORT_TOO_MANY_ROWS: 'IMPORT_TOO_MANY_ROWS',
} as const;
