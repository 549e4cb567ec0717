import { anyOf, PUBLIC, SIGNED_IN, type Access } from './access';
import {
  AuditPage,
  AuditQuery,
  BindingCode,
  BindingCodeBody,
  BindingRedeemBody,
  DevLoginBody,
  HostParams,
  Me,
  MyData,
  NoContent,
  PersonaList,
  Session,
  StaffGrantBody,
  StaffList,
  StaffMember,
  StaffRevokeParams,
  WechatLoginBody,
} from './account';
import {
  Application,
  ApplicationBody,
  ApplicationParams,
  BatchApproveBody,
  BatchResult,
  DecisionBody,
  ExportBody,
  MemberExport,
  MyMembership,
  QueuePage,
  QueueQuery,
  ResubmitBody,
  RevealBody,
  Revealed,
  SubscriptionGrants,
  SubscriptionsBody,
} from './membership';
import {
  CoverageQuery,
  CoverageReport,
  ProblemReport,
  ReportParams,
  ReportReplyBody,
  RegionReportsQuery,
  RegionVisits,
  RegionVisitsQuery,
  ReportBody,
  ReportPage,
  StationQrCode,
  StationReportsQuery,
  StationVisits,
  StationVisitsQuery,
  VisitResult,
} from './activity';
import {
  AssistanceBody,
  CardAdmin,
  CardScanBody,
  FileCreateBody,
  FileListPage,
  FileListQuery,
  FileParams,
  FileStatusBody,
  FileUpdateBody,
  HardshipApplyBody,
  HardshipFile,
  HardshipRevealBody,
  HardshipRevealed,
  MyHardship,
} from './hardship';
import { RegionList, RegionsQuery } from './region';
import {
  ClaimantContact,
  CloseWishBody,
  DeliverBody,
  HandoverBody,
  HostWish,
  HostWishes,
  ModerationBody,
  MyClaims,
  MyVolunteer,
  MyWish,
  MyWishes,
  StaffWish,
  StaffWishPage,
  StaffWishQuery,
  ThanksBody,
  VolunteerBody,
  VolunteerProfile,
  WallCities,
  WallPage,
  WallQuery,
  WallWish,
  WishBody,
  WishEditBody,
  WishParams,
  WishStats,
  WishStatsQuery,
  WishVersionBody,
  ClaimedWish,
} from './wishes';
import { DistrictStationsPage, DistrictStationsQuery, NearbyQuery, NearbyResponse, Station, StationParams } from './station';
import {
  AmenitiesBody,
  ClosureBody,
  DeactivateBody,
  HistoryQuery,
  HoursBody,
  NoticeBody,
  PhonesBody,
  StationCreateBody,
  StationHistoryPage,
  StationHosts,
  StationListQuery,
  StationPage,
  StationProfileBody,
  VersionBody,
  VersionQuery,
} from './station-admin';
import { ExportQuery, FileResponse, IMPORT_MAX_BYTES, ImportQuery, ImportReport } from './station-import';
import './z';
import * as z from 'zod';

/**
 * The route table: every HTTP route the system has, declared once. The mini-program's client, the
 * Lambda routing, the local server, the CDK routes and the OpenAPI document are all derived from it.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Each domain is one Lambda function in AWS. */
export const DOMAINS = ['stations', 'stationBulk', 'accounts', 'membership', 'activity', 'hardship', 'wishes'] as const;
export type Domain = (typeof DOMAINS)[number];

export interface RouteDef {
  method: HttpMethod;
  /** API Gateway style: `/stations/{id}`. */
  path: string;
  domain: Domain;
  /** One line for people reading the API docs (Chinese, as the users see the product). */
  summary: string;
  params?: z.ZodType<Record<string, unknown>>;
  query?: z.ZodType<Record<string, unknown>>;
  body?: z.ZodType;
  response: z.ZodType;
  /** Status of a successful answer; 200 unless stated. */
  status?: 200 | 201 | 204;
  access: Access;
  /** Error codes this route may answer with, beyond the common ones. */
  errors?: readonly string[];
  /**
   * Exists only on a server started with the development flag (local runs and tests). Never routed
   * in a deployed stack.
   */
  devOnly?: boolean;
  /**
   * Which rate limit applies: `login` (per client address), `write` (per user and per address), or
   * `none`. Absent: `write` for every method but GET, `none` for GET.
   */
  rateLimit?: 'login' | 'write' | 'none';
  /** Largest accepted request body in bytes; 64 KiB unless stated. */
  maxBodyBytes?: number;
  /**
   * `file`: the request body is a file (its raw bytes, or a multipart form with one file part, as
   * wx.uploadFile sends it), handed to the implementation as `file`; `body` is then not declared.
   */
  bodyKind?: 'json' | 'file';
  /** `file`: the implementation answers a FileResponse, sent as the file itself (CSV, GeoJSON). */
  responseKind?: 'json' | 'file';
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Hosts change their own stations; staff and admins change any station in their region. */
const STATION_KEEPERS = anyOf(['host', 'staff', 'admin'], { type: 'station', from: 'params', field: 'id' });
/** Staff (in the station's region) and admins only. */
const STATION_STAFF = anyOf(['staff', 'admin'], { type: 'station', from: 'params', field: 'id' });
const STATION_WRITE_ERRORS = ['STATION_NOT_FOUND', 'STATION_VERSION_CONFLICT'] as const;
/** A hardship file: staff of its region (district, city or province) and admins. */
const FILE_STAFF = anyOf(['staff', 'admin'], { type: 'hardshipFile', from: 'params', field: 'id' });
const FILE_WRITE_ERRORS = ['HARDSHIP_FILE_NOT_FOUND', 'FILE_CHANGED'] as const;
/** A wish's own worker (the hardship worker who posted it). */
const WISH_OWNER = anyOf(['hardship'], { type: 'wish', from: 'params', field: 'id' });
/** Staff of the wish's region and admins. */
const WISH_STAFF = anyOf(['staff', 'admin'], { type: 'wish', from: 'params', field: 'id' });
/** The volunteer holding the claim (checked against the wish by the service). */
const WISH_VOLUNTEER = anyOf(['volunteer']);
const WISH_MOVE_ERRORS = ['INVALID_TRANSITION', 'WISH_CHANGED'] as const;

export function rateLimitOf(route: Pick<RouteDef, 'method' | 'rateLimit'>): 'login' | 'write' | 'none' {
  return route.rateLimit ?? (route.method === 'GET' ? 'none' : 'write');
}

function defineRoutes<const T extends Record<string, RouteDef>>(routes: T): T {
  return routes;
}

export const contract = defineRoutes({
  nearbyStations: {
    method: 'GET',
    path: '/stations/nearby',
    domain: 'stations',
    summary: '查找附近的驿站，按距离由近到远排列',
    query: NearbyQuery,
    response: NearbyResponse,
    access: PUBLIC,
  },
  getStation: {
    method: 'GET',
    path: '/stations/{id}',
    domain: 'stations',
    summary: '驿站详情',
    params: StationParams,
    response: Station,
    access: PUBLIC,
    errors: ['STATION_NOT_FOUND'],
  },
  districtStations: {
    method: 'GET',
    path: '/stations',
    domain: 'stations',
    summary: '按区县浏览驿站（按名称排序，可加关键词与筛选条件）',
    query: DistrictStationsQuery,
    response: DistrictStationsPage,
    access: PUBLIC,
  },
  listRegions: {
    method: 'GET',
    path: '/regions',
    domain: 'stations',
    summary: '行政区划：省、市、区县（GB/T 2260）',
    query: RegionsQuery,
    response: RegionList,
    access: PUBLIC,
    errors: ['REGION_NOT_FOUND'],
  },

  // Activity around stations (问题反馈、到访、二维码、覆盖) ------------------------------------------
  reportProblem: {
    method: 'POST',
    path: '/stations/{id}/reports',
    domain: 'activity',
    summary: '反馈驿站的问题（时间不对、关门、设施缺失等），送达驿站负责人和区县工作人员',
    params: StationParams,
    body: ReportBody,
    response: ProblemReport,
    status: 201,
    access: SIGNED_IN,
    errors: ['STATION_NOT_FOUND', 'RATE_LIMITED'],
  },
  stationReports: {
    method: 'GET',
    path: '/stations/{id}/reports',
    domain: 'activity',
    summary: '某个驿站收到的问题反馈（最新在前）',
    params: StationParams,
    query: StationReportsQuery,
    response: ReportPage,
    access: anyOf(['host', 'staff', 'admin'], { type: 'station', from: 'params', field: 'id' }),
  },  replyToReport: {
    method: 'POST',
    path: '/stations/{id}/reports/{reportId}/reply',
    domain: 'activity',
    summary: '回复问题反馈，并可标记为已处理（驿站负责人、工作人员）',
    params: ReportParams,
    body: ReportReplyBody,
    response: ProblemReport,
    access: anyOf(['host', 'staff', 'admin'], { type: 'station', from: 'params', field: 'id' }),
    errors: ['REPORT_NOT_FOUND'],
  },
  myReports: {
    method: 'GET',
    path: '/me/reports',
    domain: 'activity',
    summary: '我提交的问题反馈和回复',
    response: ReportPage,
    access: SIGNED_IN,
  },

  regionReports: {
    method: 'GET',
    path: '/reports',
    domain: 'activity',
    summary: '本地区驿站收到的问题反馈（最新在前）',
    query: RegionReportsQuery,
    response: ReportPage,
    access: anyOf(['staff', 'admin'], { type: 'region', from: 'query', field: 'regionCode' }),
  },
  recordVisit: {
    method: 'POST',
    path: '/stations/{id}/visits',
    domain: 'activity',
    summary: '扫驿站二维码到访：同一人同一驿站 4 小时内只计一次',
    params: StationParams,
    response: VisitResult,
    access: SIGNED_IN,
    errors: ['STATION_NOT_FOUND', 'RATE_LIMITED'],
  },
  stationVisits: {
    method: 'GET',
    path: '/stations/{id}/visits',
    domain: 'activity',
    summary: '某个驿站每天的到访人次',
    params: StationParams,
    query: StationVisitsQuery,
    response: StationVisits,
    access: anyOf(['host', 'staff', 'admin'], { type: 'station', from: 'params', field: 'id' }),
  },
  regionVisits: {
    method: 'GET',
    path: '/visits',
    domain: 'activity',
    summary: '本地区驿站每天的到访人次',
    query: RegionVisitsQuery,
    response: RegionVisits,
    access: anyOf(['staff', 'admin'], { type: 'region', from: 'query', field: 'regionCode' }),
  },
  stationQrCode: {
    method: 'GET',
    path: '/stations/{id}/qrcode',
    domain: 'activity',
    summary: '驿站的小程序码（微信生成，扫码打开驿站并计入到访）',
    params: StationParams,
    response: StationQrCode,
    access: anyOf(['host', 'staff', 'admin'], { type: 'station', from: 'params', field: 'id' }),
    errors: ['QR_SCENE_TOO_LONG', 'WECHAT_UNAVAILABLE', 'WECHAT_QUOTA_EXCEEDED'],
  },
  coverageGaps: {
    method: 'GET',
    path: '/coverage',
    domain: 'activity',
    summary: '覆盖缺口：有人搜索、但步行 15 分钟（约 1.2 公里）内没有开放驿站的地方',
    query: CoverageQuery,
    response: CoverageReport,
    access: anyOf(['staff', 'admin'], { type: 'region', from: 'query', field: 'regionCode' }),
  },

  // Station keeping (驿站维护): hosts on their stations, staff in their region -------------------------
  updateStationHours: {
    method: 'PUT',
    path: '/stations/{id}/hours',
    domain: 'stations',
    summary: '修改开放时间（每周时段与特殊日期）',
    params: StationParams,
    body: HoursBody,
    response: Station,
    access: STATION_KEEPERS,
    errors: STATION_WRITE_ERRORS,
  },
  closeStation: {
    method: 'POST',
    path: '/stations/{id}/closure',
    domain: 'stations',
    summary: '临时暂停开放（原因与预计恢复时间）',
    params: StationParams,
    body: ClosureBody,
    response: Station,
    access: STATION_KEEPERS,
    errors: [...STATION_WRITE_ERRORS, 'CLOSURE_UNTIL_PAST'],
  },
  reopenStation: {
    method: 'POST',
    path: '/stations/{id}/reopen',
    domain: 'stations',
    summary: '结束临时暂停，恢复开放',
    params: StationParams,
    body: VersionBody,
    response: Station,
    access: STATION_KEEPERS,
    errors: [...STATION_WRITE_ERRORS, 'NOT_CLOSED'],
  },
  updateStationNotice: {
    method: 'PUT',
    path: '/stations/{id}/notice',
    domain: 'stations',
    summary: '修改公告',
    params: StationParams,
    body: NoticeBody,
    response: Station,
    access: STATION_KEEPERS,
    errors: STATION_WRITE_ERRORS,
  },
  updateStationAmenities: {
    method: 'PUT',
    path: '/stations/{id}/amenities',
    domain: 'stations',
    summary: '修改服务设施（有 / 没有 / 不确定）',
    params: StationParams,
    body: AmenitiesBody,
    response: Station,
    access: STATION_KEEPERS,
    errors: STATION_WRITE_ERRORS,
  },
  updateStationPhones: {
    method: 'PUT',
    path: '/stations/{id}/phones',
    domain: 'stations',
    summary: '修改联系电话',
    params: StationParams,
    body: PhonesBody,
    response: Station,
    access: STATION_KEEPERS,
    errors: STATION_WRITE_ERRORS,
  },
  uploadStationPhoto: {
    method: 'POST',
    path: '/stations/{id}/photo',
    domain: 'stations',
    summary: '上传驿站照片（JPEG、PNG 或 WebP，不超过 2 MB）',
    params: StationParams,
    query: VersionQuery,
    bodyKind: 'file',
    response: Station,
    access: STATION_KEEPERS,
    maxBodyBytes: 2 * 1024 * 1024 + 64 * 1024,
    errors: [...STATION_WRITE_ERRORS, 'PHOTO_TYPE_UNSUPPORTED', 'PHOTO_TOO_LARGE', 'PAYLOAD_TOO_LARGE'],
  },
  removeStationPhoto: {
    method: 'DELETE',
    path: '/stations/{id}/photo',
    domain: 'stations',
    summary: '删除驿站照片',
    params: StationParams,
    query: VersionQuery,
    response: Station,
    access: STATION_KEEPERS,
    errors: STATION_WRITE_ERRORS,
  },
  verifyStation: {
    method: 'POST',
    path: '/stations/{id}/verify',
    domain: 'stations',
    summary: '确认驿站信息无误（更新“核实时间”）',
    params: StationParams,
    body: VersionBody,
    response: Station,
    access: STATION_KEEPERS,
    errors: STATION_WRITE_ERRORS,
  },
  stationHistory: {
    method: 'GET',
    path: '/stations/{id}/history',
    domain: 'stations',
    summary: '驿站修改记录（谁、何时、改前、改后）',
    params: StationParams,
    query: HistoryQuery,
    response: StationHistoryPage,
    access: STATION_KEEPERS,
    errors: ['STATION_NOT_FOUND'],
  },

  // Station management (驿站管理): staff in their region ---------------------------------------------
  listStations: {
    method: 'GET',
    path: '/admin/stations',
    domain: 'stations',
    summary: '本地区的驿站（含停用和待定位的）',
    query: StationListQuery,
    response: StationPage,
    access: anyOf(['staff', 'admin'], { type: 'region', from: 'query', field: 'regionCode' }),
  },
  createStation: {
    method: 'POST',
    path: '/stations',
    domain: 'stations',
    summary: '新建驿站',
    body: StationCreateBody,
    response: Station,
    status: 201,
    access: anyOf(['staff', 'admin'], { type: 'region', from: 'body', field: 'districtCode' }),
    errors: ['DISTRICT_UNKNOWN', 'STATION_DUPLICATE'],
  },
  updateStationProfile: {
    method: 'PUT',
    path: '/stations/{id}/profile',
    domain: 'stations',
    summary: '修改驿站基本信息（名称、地址、区县、位置、类型、主办单位）',
    params: StationParams,
    body: StationProfileBody,
    response: Station,
    access: STATION_STAFF,
    errors: [...STATION_WRITE_ERRORS, 'DISTRICT_UNKNOWN', 'STATION_DUPLICATE'],
  },
  deactivateStation: {
    method: 'POST',
    path: '/stations/{id}/deactivate',
    domain: 'stations',
    summary: '停用驿站（从地图上撤下，保留修改记录）',
    params: StationParams,
    body: DeactivateBody,
    response: Station,
    access: STATION_STAFF,
    errors: [...STATION_WRITE_ERRORS, 'ALREADY_INACTIVE'],
  },
  activateStation: {
    method: 'POST',
    path: '/stations/{id}/activate',
    domain: 'stations',
    summary: '重新启用停用的驿站',
    params: StationParams,
    body: VersionBody,
    response: Station,
    access: STATION_STAFF,
    errors: [...STATION_WRITE_ERRORS, 'NOT_INACTIVE'],
  },
  listStationHosts: {
    method: 'GET',
    path: '/stations/{id}/hosts',
    domain: 'stations',
    summary: '驿站的负责人',
    params: StationParams,
    response: StationHosts,
    access: STATION_STAFF,
    errors: ['STATION_NOT_FOUND'],
  },

  // Bulk import and export (批量导入导出) -----------------------------------------------------------
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

  // Accounts (登录与权限) ------------------------------------------------------------------------
  loginWechat: {
    method: 'POST',
    path: '/auth/wechat',
    domain: 'accounts',
    summary: '微信登录：用 wx.login 的 code 换取会话',
    body: WechatLoginBody,
    response: Session,
    access: PUBLIC,
    rateLimit: 'login',
    errors: ['WECHAT_CODE_INVALID', 'WECHAT_CODE_USED', 'WECHAT_RATE_LIMITED', 'WECHAT_RISKY_USER', 'WECHAT_UNAVAILABLE', 'RATE_LIMITED'],
  },
  loginDev: {
    method: 'POST',
    path: '/auth/dev',
    domain: 'accounts',
    summary: '开发登录：以演示身份登录（仅本地开发）',
    body: DevLoginBody,
    response: Session,
    access: PUBLIC,
    rateLimit: 'login',
    devOnly: true,
  },
  listPersonas: {
    method: 'GET',
    path: '/auth/dev/personas',
    domain: 'accounts',
    summary: '开发登录可用的演示身份（仅本地开发）',
    response: PersonaList,
    access: PUBLIC,
    devOnly: true,
  },
  logout: {
    method: 'POST',
    path: '/auth/logout',
    domain: 'accounts',
    summary: '退出登录',
    response: NoContent,
    status: 204,
    access: SIGNED_IN,
  },
  getMe: {
    method: 'GET',
    path: '/me',
    domain: 'accounts',
    summary: '我的身份与绑定',
    response: Me,
    access: SIGNED_IN,
  },
  exportMyData: {
    method: 'GET',
    path: '/me/data',
    domain: 'accounts',
    summary: '导出我在平台上的全部个人信息',
    response: MyData,
    access: SIGNED_IN,
  },
  deleteMe: {
    method: 'DELETE',
    path: '/me',
    domain: 'accounts',
    summary: '注销账号并删除个人信息',
    response: NoContent,
    status: 204,
    access: SIGNED_IN,
  },
  listStaff: {
    method: 'GET',
    path: '/admin/staff',
    domain: 'accounts',
    summary: '工会工作人员名单',
    response: StaffList,
    access: anyOf(['admin']),
  },
  grantStaff: {
    method: 'POST',
    path: '/admin/staff',
    domain: 'accounts',
    summary: '授予某人某地区的工作人员权限',
    body: StaffGrantBody,
    response: StaffMember,
    access: anyOf(['admin']),
    errors: ['USER_NOT_FOUND'],
  },
  revokeStaff: {
    method: 'DELETE',
    path: '/admin/staff/{userId}/{regionCode}',
    domain: 'accounts',
    summary: '收回某人某地区的工作人员权限',
    params: StaffRevokeParams,
    response: NoContent,
    status: 204,
    access: anyOf(['admin']),
    errors: ['USER_NOT_FOUND'],
  },
  issueBindingCode: {
    method: 'POST',
    path: '/binding-codes',
    domain: 'accounts',
    summary: '生成一次性绑定码（如把驿站负责人绑定到驿站）',
    body: BindingCodeBody,
    response: BindingCode,
    status: 201,
    access: anyOf(['staff', 'admin'], { type: 'station', from: 'body', field: 'stationId' }),
  },
  redeemBindingCode: {
    method: 'POST',
    path: '/bindings',
    domain: 'accounts',
    summary: '输入绑定码完成绑定',
    body: BindingRedeemBody,
    response: Me,
    access: SIGNED_IN,
    errors: ['BINDING_CODE_INVALID', 'BINDING_CODE_USED', 'BINDING_CODE_EXPIRED', 'HARDSHIP_FILE_BOUND', 'HARDSHIP_FILE_EXISTS'],
  },
  unbindHost: {
    method: 'DELETE',
    path: '/stations/{id}/hosts/{userId}',
    domain: 'accounts',
    summary: '解除驿站负责人的绑定',
    params: HostParams,
    response: NoContent,
    status: 204,
    access: anyOf(['staff', 'admin'], { type: 'station', from: 'params', field: 'id' }),
    errors: ['USER_NOT_FOUND', 'NOT_A_HOST'],
  },
  listAudit: {
    method: 'GET',
    path: '/audit',
    domain: 'accounts',
    summary: '操作审计记录（授权、绑定、敏感信息查看）',
    query: AuditQuery,
    response: AuditPage,
    access: anyOf(['staff', 'admin'], { type: 'region', from: 'query', field: 'regionCode' }),
  },

  // Joining the union (网上入会) ---------------------------------------------------------------------
  submitApplication: {
    method: 'POST',
    path: '/membership/applications',
    domain: 'membership',
    summary: '提交入会申请',
    body: ApplicationBody,
    response: Application,
    status: 201,
    access: SIGNED_IN,
    errors: ['APPLICATION_EXISTS', 'ALREADY_MEMBER', 'ID_NUMBER_UNAVAILABLE', 'CONSENT_OUTDATED', 'RATE_LIMITED'],
  },
  getMyMembership: {
    method: 'GET',
    path: '/membership/me',
    domain: 'membership',
    summary: '我的入会申请与电子会员证',
    response: MyMembership,
    access: SIGNED_IN,
  },
  recordSubscriptions: {
    method: 'POST',
    path: '/membership/subscriptions',
    domain: 'membership',
    summary: '记录用户同意接收的订阅消息（每次同意可发送一条）',
    body: SubscriptionsBody,
    response: SubscriptionGrants,
    access: SIGNED_IN,
  },
  getApplication: {
    method: 'GET',
    path: '/membership/applications/{id}',
    domain: 'membership',
    summary: '入会申请详情（证件号、手机号已隐去部分数字）',
    params: ApplicationParams,
    response: Application,
    access: anyOf(['worker', 'staff', 'admin'], { type: 'application', from: 'params', field: 'id' }),
  },
  resubmitApplication: {
    method: 'PUT',
    path: '/membership/applications/{id}',
    domain: 'membership',
    summary: '修改被退回的入会申请并重新提交',
    params: ApplicationParams,
    body: ResubmitBody,
    response: Application,
    access: anyOf(['worker'], { type: 'application', from: 'params', field: 'id' }),
    errors: ['INVALID_TRANSITION', 'APPLICATION_CHANGED', 'APPLICATION_EXISTS', 'ALREADY_MEMBER', 'ID_NUMBER_UNAVAILABLE', 'CONSENT_OUTDATED', 'RATE_LIMITED'],
  },
  decideApplication: {
    method: 'POST',
    path: '/membership/applications/{id}/decision',
    domain: 'membership',
    summary: '审核入会申请：批准、不予通过或退回修改',
    params: ApplicationParams,
    body: DecisionBody,
    response: Application,
    access: anyOf(['staff', 'admin'], { type: 'application', from: 'params', field: 'id' }),
    errors: ['INVALID_TRANSITION', 'APPLICATION_CHANGED'],
  },
  revealApplicationPii: {
    method: 'POST',
    path: '/membership/applications/{id}/reveal',
    domain: 'membership',
    summary: '查看申请人的完整身份证号或手机号（记入审计）',
    params: ApplicationParams,
    body: RevealBody,
    response: Revealed,
    access: anyOf(['staff', 'admin'], { type: 'application', from: 'params', field: 'id' }),
  },
  batchApproveApplications: {
    method: 'POST',
    path: '/membership/applications/batch-approve',
    domain: 'membership',
    summary: '批量批准入会申请（逐份检查权限与状态）',
    body: BatchApproveBody,
    response: BatchResult,
    access: anyOf(['staff', 'admin']),
  },
  listApplicationQueue: {
    method: 'GET',
    path: '/membership/queue',
    domain: 'membership',
    summary: '本地区的入会申请（按状态、职业、日期筛选）',
    query: QueueQuery,
    response: QueuePage,
    access: anyOf(['staff', 'admin'], { type: 'region', from: 'query', field: 'regionCode' }),
  },
  exportMembers: {
    method: 'POST',
    path: '/membership/exports',
    domain: 'membership',
    summary: '导出本地区会员名册（CSV；完整证件号需明确要求，记入审计）',
    body: ExportBody,
    response: MemberExport,
    access: anyOf(['staff', 'admin'], { type: 'region', from: 'body', field: 'regionCode' }),
    maxBodyBytes: 1024,
  },
  // Hardship files and the QR card (困难职工档案、二维码) -------------------------------------------
  applyHardship: {
    method: 'POST',
    path: '/hardship/applications',
    domain: 'hardship',
    summary: '困难职工自主申请建档（由所在地工会核实）',
    body: HardshipApplyBody,
    response: MyHardship,
    status: 201,
    access: SIGNED_IN,
    errors: ['HARDSHIP_FILE_EXISTS', 'ID_NUMBER_UNAVAILABLE', 'CONSENT_OUTDATED', 'RATE_LIMITED'],
  },
  getMyHardship: {
    method: 'GET',
    path: '/hardship/me',
    domain: 'hardship',
    summary: '我的困难职工档案状态、帮扶记录和二维码卡片',
    response: MyHardship,
    access: SIGNED_IN,
  },
  createHardshipFile: {
    method: 'POST',
    path: '/hardship/files',
    domain: 'hardship',
    summary: '为困难职工建档（六项信息）',
    body: FileCreateBody,
    response: HardshipFile,
    status: 201,
    access: anyOf(['staff', 'admin'], { type: 'region', from: 'body', field: 'districtCode' }),
    errors: ['HARDSHIP_FILE_EXISTS', 'ID_NUMBER_UNAVAILABLE'],
  },
  listHardshipFiles: {
    method: 'GET',
    path: '/hardship/files',
    domain: 'hardship',
    summary: '本地区的困难职工档案（姓名已隐去部分）',
    query: FileListQuery,
    response: FileListPage,
    access: anyOf(['staff', 'admin'], { type: 'region', from: 'query', field: 'regionCode' }),
  },
  getHardshipFile: {
    method: 'GET',
    path: '/hardship/files/{id}',
    domain: 'hardship',
    summary: '查看困难职工档案（每次查看记入审计）',
    params: FileParams,
    response: HardshipFile,
    access: FILE_STAFF,
  },
  updateHardshipFile: {
    method: 'PUT',
    path: '/hardship/files/{id}',
    domain: 'hardship',
    summary: '修改困难职工档案的六项信息',
    params: FileParams,
    body: FileUpdateBody,
    response: HardshipFile,
    access: FILE_STAFF,
    errors: [...FILE_WRITE_ERRORS, 'HARDSHIP_FILE_EXISTS', 'ID_NUMBER_UNAVAILABLE'],
  },
  changeHardshipStatus: {
    method: 'POST',
    path: '/hardship/files/{id}/status',
    domain: 'hardship',
    summary: '核实建档、解困、销档或重新建档',
    params: FileParams,
    body: FileStatusBody,
    response: HardshipFile,
    access: FILE_STAFF,
    errors: [...FILE_WRITE_ERRORS, 'INVALID_TRANSITION'],
  },
  addHardshipAssistance: {
    method: 'POST',
    path: '/hardship/files/{id}/assistance',
    domain: 'hardship',
    summary: '记录一次帮扶（日期、类型、金额、说明）',
    params: FileParams,
    body: AssistanceBody,
    response: HardshipFile,
    access: FILE_STAFF,
    errors: FILE_WRITE_ERRORS,
  },
  revealHardshipPii: {
    method: 'POST',
    path: '/hardship/files/{id}/reveal',
    domain: 'hardship',
    summary: '查看完整身份证号或手机号（记入审计）',
    params: FileParams,
    body: HardshipRevealBody,
    response: HardshipRevealed,
    access: FILE_STAFF,
  },
  issueHardshipBindingCode: {
    method: 'POST',
    path: '/hardship/files/{id}/binding-code',
    domain: 'hardship',
    summary: '生成一次性绑定码，困难职工输入后即可查看自己的档案和二维码卡片',
    params: FileParams,
    response: BindingCode,
    status: 201,
    access: FILE_STAFF,
    errors: ['INVALID_TRANSITION'],
  },
  reissueHardshipCard: {
    method: 'POST',
    path: '/hardship/files/{id}/card',
    domain: 'hardship',
    summary: '重新生成二维码卡片（旧卡立即失效）',
    params: FileParams,
    response: CardAdmin,
    access: FILE_STAFF,
    errors: ['INVALID_TRANSITION'],
  },
  revokeHardshipCard: {
    method: 'DELETE',
    path: '/hardship/files/{id}/card',
    domain: 'hardship',
    summary: '停用二维码卡片（如卡片遗失）',
    params: FileParams,
    response: CardAdmin,
    access: FILE_STAFF,
  },
  scanHardshipCard: {
    method: 'POST',
    path: '/hardship/card-scans',
    domain: 'hardship',
    summary: '扫描困难职工的二维码卡片：所在地区工作人员和结对帮扶责任人可打开档案（记入审计）',
    body: CardScanBody,
    response: HardshipFile,
    access: SIGNED_IN,
    errors: ['CARD_NOT_FOUND'],
  },

  // Micro-wishes (微心愿) -----------------------------------------------------------------------------
  wishWall: {
    method: 'GET',
    path: '/wishes',
    domain: 'wishes',
    summary: '心愿墙：可按类别和城市筛选（不显示姓名、电话和住址）',
    query: WallQuery,
    response: WallPage,
    access: PUBLIC,
  },
  wishCities: {
    method: 'GET',
    path: '/wishes/cities',
    domain: 'wishes',
    summary: '心愿墙上有心愿的城市',
    response: WallCities,
    access: PUBLIC,
  },
  getWish: {
    method: 'GET',
    path: '/wishes/{id}',
    domain: 'wishes',
    summary: '心愿墙上的一个心愿',
    params: WishParams,
    response: WallWish,
    access: PUBLIC,
    errors: ['WISH_NOT_FOUND'],
  },
  postWish: {
    method: 'POST',
    path: '/wishes',
    domain: 'wishes',
    summary: '许一个微心愿（在档困难职工；同时最多 2 个未完成的心愿）',
    body: WishBody,
    response: MyWish,
    status: 201,
    access: anyOf(['hardship']),
    errors: ['HARDSHIP_NOT_ON_FILE', 'WISH_LIMIT_REACHED', 'WISH_VALUE_TOO_HIGH', 'WISH_CONTAINS_PERSONAL_DATA', 'STATION_NOT_FOUND'],
  },
  myWishes: {
    method: 'GET',
    path: '/wishes/mine',
    domain: 'wishes',
    summary: '我的心愿',
    response: MyWishes,
    access: SIGNED_IN,
  },
  editWish: {
    method: 'PUT',
    path: '/wishes/{id}',
    domain: 'wishes',
    summary: '修改被退回的心愿并重新提交审核',
    params: WishParams,
    body: WishEditBody,
    response: MyWish,
    access: WISH_OWNER,
    errors: [...WISH_MOVE_ERRORS, 'WISH_VALUE_TOO_HIGH', 'WISH_CONTAINS_PERSONAL_DATA', 'STATION_NOT_FOUND'],
  },
  withdrawWish: {
    method: 'POST',
    path: '/wishes/{id}/withdraw',
    domain: 'wishes',
    summary: '撤回心愿（被认领之前）',
    params: WishParams,
    body: WishVersionBody,
    response: MyWish,
    access: WISH_OWNER,
    errors: WISH_MOVE_ERRORS,
  },
  confirmWishReceived: {
    method: 'POST',
    path: '/wishes/{id}/received',
    domain: 'wishes',
    summary: '确认已收到心愿物品（本人或工作人员）',
    params: WishParams,
    body: WishVersionBody,
    response: MyWish,
    access: anyOf(['hardship', 'staff', 'admin'], { type: 'wish', from: 'params', field: 'id' }),
    errors: WISH_MOVE_ERRORS,
  },
  thankWish: {
    method: 'POST',
    path: '/wishes/{id}/thanks',
    domain: 'wishes',
    summary: '写一句感谢的话（显示在心愿墙上）',
    params: WishParams,
    body: ThanksBody,
    response: MyWish,
    access: WISH_OWNER,
    errors: [...WISH_MOVE_ERRORS, 'WISH_CONTAINS_PERSONAL_DATA'],
  },
  recordWishSubscriptions: {
    method: 'POST',
    path: '/wishes/subscriptions',
    domain: 'wishes',
    summary: '记录用户同意接收的心愿进度订阅消息',
    body: SubscriptionsBody,
    response: SubscriptionGrants,
    access: SIGNED_IN,
  },
  registerVolunteer: {
    method: 'POST',
    path: '/volunteers',
    domain: 'wishes',
    summary: '爱心志愿者实名登记（姓名、手机号、同意告知）',
    body: VolunteerBody,
    response: VolunteerProfile,
    access: SIGNED_IN,
    errors: ['CONSENT_OUTDATED'],
  },
  getMyVolunteer: {
    method: 'GET',
    path: '/volunteers/me',
    domain: 'wishes',
    summary: '我的志愿者登记信息（已隐去部分）',
    response: MyVolunteer,
    access: SIGNED_IN,
  },
  claimWish: {
    method: 'POST',
    path: '/wishes/{id}/claim',
    domain: 'wishes',
    summary: '认领心愿：同一个心愿只能有一人认领成功',
    params: WishParams,
    response: ClaimedWish,
    access: WISH_VOLUNTEER,
    errors: ['WISH_NOT_FOUND', 'WISH_ALREADY_CLAIMED', 'INVALID_TRANSITION', 'VOLUNTEER_NOT_REGISTERED', 'OWN_WISH'],
  },
  cancelClaim: {
    method: 'POST',
    path: '/wishes/{id}/claim/cancel',
    domain: 'wishes',
    summary: '取消认领（心愿重新开放认领）',
    params: WishParams,
    body: WishVersionBody,
    response: ClaimedWish,
    access: WISH_VOLUNTEER,
    errors: ['WISH_NOT_FOUND', ...WISH_MOVE_ERRORS],
  },
  deliverWish: {
    method: 'POST',
    path: '/wishes/{id}/delivered',
    domain: 'wishes',
    summary: '标记已送达（送到驿站或交给工会工作人员）',
    params: WishParams,
    body: DeliverBody,
    response: ClaimedWish,
    access: WISH_VOLUNTEER,
    errors: ['WISH_NOT_FOUND', ...WISH_MOVE_ERRORS],
  },
  uploadDeliveryPhoto: {
    method: 'POST',
    path: '/wishes/{id}/photo',
    domain: 'wishes',
    summary: '上传送达照片（可选；JPEG、PNG 或 WebP，不超过 2 MB，只给本人和工作人员看）',
    params: WishParams,
    bodyKind: 'file',
    response: ClaimedWish,
    access: WISH_VOLUNTEER,
    maxBodyBytes: 2 * 1024 * 1024 + 64 * 1024,
    errors: ['WISH_NOT_FOUND', ...WISH_MOVE_ERRORS, 'PHOTO_TYPE_UNSUPPORTED', 'PHOTO_TOO_LARGE', 'PAYLOAD_TOO_LARGE'],
  },
  myClaims: {
    method: 'GET',
    path: '/wishes/claimed',
    domain: 'wishes',
    summary: '我认领的心愿',
    response: MyClaims,
    access: SIGNED_IN,
  },
  listRegionWishes: {
    method: 'GET',
    path: '/admin/wishes',
    domain: 'wishes',
    summary: '本地区的心愿：待审核、进行中或全部',
    query: StaffWishQuery,
    response: StaffWishPage,
    access: anyOf(['staff', 'admin'], { type: 'region', from: 'query', field: 'regionCode' }),
  },
  moderateWish: {
    method: 'POST',
    path: '/wishes/{id}/moderation',
    domain: 'wishes',
    summary: '审核心愿：通过（上墙）或退回修改',
    params: WishParams,
    body: ModerationBody,
    response: StaffWish,
    access: WISH_STAFF,
    errors: WISH_MOVE_ERRORS,
  },
  closeWish: {
    method: 'POST',
    path: '/wishes/{id}/close',
    domain: 'wishes',
    summary: '关闭心愿（写明原因）',
    params: WishParams,
    body: CloseWishBody,
    response: StaffWish,
    access: WISH_STAFF,
    errors: WISH_MOVE_ERRORS,
  },
  revealClaimantContact: {
    method: 'POST',
    path: '/wishes/{id}/claimant/reveal',
    domain: 'wishes',
    summary: '查看认领人的姓名和手机号，以便安排交接（记入审计）',
    params: WishParams,
    response: ClaimantContact,
    access: WISH_STAFF,
    errors: ['INVALID_TRANSITION'],
  },
  wishStats: {
    method: 'GET',
    path: '/wishes/stats',
    domain: 'wishes',
    summary: '本地区心愿数字：发布、认领、实现、过期，以及从发布到实现的天数中位数',
    query: WishStatsQuery,
    response: WishStats,
    access: anyOf(['staff', 'admin'], { type: 'region', from: 'query', field: 'regionCode' }),
  },
  stationWishes: {
    method: 'GET',
    path: '/stations/{id}/wishes',
    domain: 'wishes',
    summary: '在本驿站交接的心愿（取件码，不含心愿故事和姓名）',
    params: StationParams,
    response: HostWishes,
    access: anyOf(['host', 'staff', 'admin'], { type: 'station', from: 'params', field: 'id' }),
  },
  stationHandover: {
    method: 'POST',
    path: '/stations/{id}/wish-handovers',
    domain: 'wishes',
    summary: '凭取件码把心愿物品交给本人（确认收到）',
    params: StationParams,
    body: HandoverBody,
    response: HostWish,
    access: anyOf(['host', 'staff', 'admin'], { type: 'station', from: 'params', field: 'id' }),
    errors: ['PICKUP_CODE_INVALID', 'INVALID_TRANSITION'],
  },
});

export type Contract = typeof contract;
export type RouteName = keyof Contract;

type PartName = 'params' | 'query' | 'body';
/** The schema a route declares for a part of the request, or never. */
type Part<R, K extends PartName> = R extends { [P in K]: infer S } ? (S extends z.ZodType ? S : never) : never;

/** What a caller passes: params, query and body as the route declares them. */
export type RouteInput<N extends RouteName> = {
  [K in PartName as [Part<Contract[N], K>] extends [never] ? never : K]: z.input<Part<Contract[N], K>>;
};
/** What a caller gets back. */
export type RouteOutput<N extends RouteName> = z.output<Contract[N]['response']>;
/** A file sent as a request body (routes with `bodyKind: 'file'`). */
export interface UploadedFile {
  bytes: Uint8Array;
  /** As the client declared it; the implementation checks the bytes themselves. */
  contentType: string;
  filename: string | null;
}

/** What a handler receives after parsing. */
export type ParsedInput<N extends RouteName> = {
  [K in PartName as [Part<Contract[N], K>] extends [never] ? never : K]: z.output<Part<Contract[N], K>>;
} & (Contract[N] extends { bodyKind: 'file' } ? { file: UploadedFile } : unknown);

export const routeNames = Object.keys(contract) as RouteName[];

/** `GET /stations/{id}`: the API Gateway route key. */
export function routeKey(route: Pick<RouteDef, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

/** Fill `{name}` placeholders from params, URL-encoding each value. */
export function buildPath(path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}
