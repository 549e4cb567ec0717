/** The errors every route may answer with, and their messages; no zod, no domain schemas. */

/** Codes shared by every route. Domain-specific codes live beside their schemas. */
export const CommonErrorCode = {
  INVALID_PARAMETER: 'INVALID_PARAMETER',
  MISSING_PARAMETER: 'MISSING_PARAMETER',
  INVALID_JSON: 'INVALID_JSON',
  UNKNOWN_FIELD: 'UNKNOWN_FIELD',
  NOT_FOUND: 'NOT_FOUND',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  INTERNAL: 'INTERNAL',
  NETWORK: 'NETWORK',
  INVALID_CURSOR: 'INVALID_CURSOR',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const;

export const commonMessages: Record<keyof typeof CommonErrorCode, string> = {
  INVALID_PARAMETER: '请求参数有误',
  MISSING_PARAMETER: '缺少必填参数',
  INVALID_JSON: '请求内容不是有效的 JSON',
  UNKNOWN_FIELD: '请求中包含无法识别的字段',
  NOT_FOUND: '没有找到要查看的内容',
  ROUTE_NOT_FOUND: '没有这个接口',
  INTERNAL: '服务器开小差了，请稍后再试',
  NETWORK: '网络不太好，请检查网络后重试',
  INVALID_CURSOR: '翻页参数无效，请从第一页重新查看',
  SERVICE_UNAVAILABLE: '服务暂时繁忙，请稍后再试',
};
