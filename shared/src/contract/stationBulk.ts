import { anyOf } from '../access';
import { DataHealth, DataHealthQuery } from '../data-health';
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
  dataHealth: {
    method: 'GET',
    path: '/admin/data-health',
    domain: 'stationBulk',
    summary: '数据质量：本地区驿站有无开放时间、电话、负责人，核实是否及时，最需要处理的驿站',
    query: DataHealthQuery,
    response: DataHealth,
    access: anyOf(['staff', 'admin'], { type: 'region', from: 'query', field: 'regionCode' }),
  },
  exportDataHealth: {
    method: 'GET',
    path: '/admin/data-health/export',
    domain: 'stationBulk',
    summary: '导出数据质量明细（CSV，每个驿站一行）',
    query: DataHealthQuery,
    response: FileResponse,
    responseKind: 'file',
    access: anyOf(['staff', 'admin'], { type: 'region', from: 'query', field: 'regionCode' }),
  },
});
