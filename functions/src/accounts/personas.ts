import type { Persona, PersonaId } from '@yz/shared';
import { effectiveRoles } from '@yz/shared';

/**
 * Demo people for the development login. Their stations and regions match the demo data: Duchang
 * county (都昌县 360428, in 九江市 3604), Langya district (琅琊区 341102, in 滁州市 3411) and, for the
 * demo hardship file and wishes, Haicheng district (海城区 450502, in 北海市 4505).
 */
type PersonaSeed = Omit<Persona, 'roles'> & { member?: boolean; volunteer?: boolean; hardship?: boolean; isAdmin?: boolean };

const SEEDS: PersonaSeed[] = [
  { id: 'worker', userId: 'demo-worker', label: '快递员小王', description: '普通劳动者：找驿站、申请入会', staffScopes: [], hostStations: [] },
  { id: 'member', userId: 'demo-member', label: '外卖骑手老李（会员）', description: '已入会的工会会员', staffScopes: [], hostStations: [], member: true },
  { id: 'volunteer', userId: 'demo-volunteer', label: '爱心人士陈女士', description: '认领并送达微心愿的志愿者', staffScopes: [], hostStations: [], volunteer: true },
  { id: 'hardship', userId: 'demo-hardship', label: '环卫工人刘阿姨（在档）', description: '在档困难职工：查看档案、许微心愿', staffScopes: [], hostStations: [], hardship: true },
  {
    id: 'host',
    userId: 'demo-host',
    label: '驿站负责人周师傅',
    description: '都昌县智能化工会户外劳动者驿站的负责人',
    staffScopes: [],
    hostStations: ['amap-B0J3R71OZC'],
  },
  {
    id: 'host-other',
    userId: 'demo-host-other',
    label: '驿站负责人吴女士',
    description: '滁州琅琊大道工会户外劳动者服务站的负责人',
    staffScopes: [],
    hostStations: ['demo-341102-01'],
  },
  { id: 'district-staff', userId: 'demo-staff-duchang', label: '都昌县总工会 张干事', description: '区县工作人员（都昌县）', staffScopes: ['360428'], hostStations: [] },
  {
    id: 'district-staff-other',
    userId: 'demo-staff-langya',
    label: '琅琊区总工会 孙干事',
    description: '区县工作人员（滁州市琅琊区）',
    staffScopes: ['341102'],
    hostStations: [],
  },
  {
    id: 'district-staff-beihai',
    userId: 'demo-staff-haicheng',
    label: '海城区总工会 黄干事',
    description: '区县工作人员（北海市海城区）：困难职工档案、心愿审核',
    staffScopes: ['450502'],
    hostStations: [],
  },
  { id: 'city-staff', userId: 'demo-staff-jiujiang', label: '九江市总工会 赵科长', description: '市级工作人员（九江市）', staffScopes: ['3604'], hostStations: [] },
  { id: 'admin', userId: 'demo-admin', label: '平台管理员', description: '授予和收回工作人员权限', staffScopes: [], hostStations: [], isAdmin: true },
];

export const PERSONAS: (Persona & { seed: PersonaSeed })[] = SEEDS.map((seed) => ({
  id: seed.id,
  userId: seed.userId,
  label: seed.label,
  description: seed.description,
  staffScopes: seed.staffScopes,
  hostStations: seed.hostStations,
  roles: effectiveRoles({ ...seed, isAdmin: seed.isAdmin === true }),
  seed,
}));

export function personaById(id: PersonaId) {
  const persona = PERSONAS.find((p) => p.id === id);
  if (!persona) throw new Error(`unknown persona ${id}`);
  return persona;
}
