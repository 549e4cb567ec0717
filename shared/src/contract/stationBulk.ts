import { anyOf } from '../access';
import { ExportQuery, FileResponse, IMPORT_MAX_BYTES, ImportQuery, ImportReport } from '../station-import';
import { defineRoutes } from './core';

/** Bulk import and export of stations (批量导入导出). */
export const stationBulkRoutes = defineRoutes('stationBulk', {
  importStations: {
    method: 'POST',
    path: '/stations/import',
    domain: 'stationBulk',
    summary: '批量导入驿站名单（CSV，UTF-8 或 GBK，中文或英文列名）',
    query: ImportQuery,
    bodyKind: 'file',
    response: ImportReport,
    access: anyOf(['staff', 'admin'], { type: 'region', from: 'query', field: 'regionCode' }),
    maxBodyBytes: IMPORT_MAX_BYTES,
    errors: ['IMPORT_UNREADABLE', 'IMPORT_NO_NAME_COLUMN', 'IMPORT_TOO_MANY_ROWS', 'PAYLOAD_TOO_LARGE'],
  },
  exportStations: {
    method: 'GET',
    path: '/stations/export',
    domain: 'stationBulk',
    summary: '导出本地区驿站（CSV 与导入格式相同；GeoJSON 坐标为 GCJ-02）',
    query: ExportQuery,
    response: FileResponse,
    responseKind: 'file',
    access: anyOf(['staff', 'admin'], { type: 'region', from: 'query', field: 'regionCode' }),
  },
});
