import { SIGNED_IN } from '../access';
import { ConfirmationBody, ConfirmationReceipt } from '../confirmation';
import { StationParams } from '../station';
import { defineRoutes } from './core';

/** Workers confirm what they see at a station (师傅确认). */
export const confirmationRoutes = defineRoutes('confirmations', {
  confirmStation: {
    method: 'POST',
    path: '/stations/{id}/confirmations',
    domain: 'confirmations',
    summary:
      '在驿站现场一键确认：现在开着吗、有没有热水等（300 米内定位或 2 小时内扫过驿站二维码；同一人同一问题 2 小时一次；不显示是谁确认的）',
    params: StationParams,
    body: ConfirmationBody,
    response: ConfirmationReceipt,
    status: 201,
    access: SIGNED_IN,
    errors: ['STATION_NOT_FOUND', 'STATION_INACTIVE', 'NOT_AT_STATION', 'TOO_FAR_FROM_STATION', 'ALREADY_CONFIRMED', 'RATE_LIMITED'],
  },
});
