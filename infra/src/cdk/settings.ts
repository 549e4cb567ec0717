import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { LOCAL_MEMBER_PASS_PUBLIC_KEY } from '@yz/shared';

/**
 * What an operator decides per deployed stage, in one typed file: `infra/stages/<stage>.json`
 * (`-c settings=FILE` for another). Validated at synth, so a missing template id or certificate fails
 * `cdk synth` naming the field, not a user's first notification. The shape is fixed here; the values
 * are the operator's (infra/stages/example.json shows every field).
 */

/** The WeChat console's subscribe-message template ids (订阅消息 → 我的模板), by what they announce. */
const TemplateId = z.string().trim().min(1).max(64);

const Hostname = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a lower-case host name such as api.example.cn');

const AcmCertificate = z.object({
  acmCertificateArn: z.string().regex(/^arn:aws(-cn)?:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/, 'an ACM certificate ARN'),
});
/** CloudFront in the China regions takes only certificates uploaded to IAM (no ACM there for CloudFront). */
const IamCertificate = z.object({
  iamServerCertificateId: z.string().regex(/^[A-Z0-9]{10,32}$/, "an IAM server certificate id (the ServerCertificateId of `aws iam upload-server-certificate`)"),
});

export const DeploySettingsSchema = z.strictObject({
  /** The mini-program's AppID (微信公众平台 → 开发管理 → 开发设置). Its secret goes to Secrets Manager, never here. */
  wechatAppId: z.string().regex(/^wx[0-9a-z]{16}$/, 'wx followed by 16 letters or digits'),
  templates: z.strictObject({
    /** 入会审核结果通知 */
    membershipResult: TemplateId,
    /** 心愿进展通知, to the worker */
    wishProgress: TemplateId,
    /** 认领到期提醒, to the volunteer */
    wishClaim: TemplateId,
    /** 关注驿站的新活动、新招聘通知, to the station's followers */
    boardPost: TemplateId,
    /** 驿站信息待核实提醒, the weekly stale digest to district staff */
    staleDigest: TemplateId,
  }),
  domains: z.strictObject({
    /** The API's custom domain: WeChat's request合法域名. */
    api: Hostname,
    /** The edge: the H5 app, public station photos and tiles; WeChat's downloadFile合法域名. */
    web: Hostname,
  }),
  certificates: z.strictObject({
    /** For the API's domain: an ACM certificate in the stack's own region. */
    api: AcmCertificate,
    /** For CloudFront: ACM in us-east-1, or (China regions) an IAM server certificate id. */
    web: z.union([AcmCertificate, IamCertificate]),
  }),
  /**
   * `aws-cn` for the China regions (cn-north-1, cn-northwest-1): CloudFront there reads the buckets
   * through an origin access identity, as origin access control is not offered in that partition.
   */
  partition: z.enum(['aws', 'aws-cn']).default('aws'),
  /**
   * The member card's Ed25519 public key (base64url, 43 characters), built into the mini-program so
   * hosts check cards offline; its private half goes to Secrets Manager (`npm run member-pass-key`
   * makes the pair). The development key is refused.
   */
  memberPassPublicKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'an Ed25519 public key in base64url (43 characters), from npm run member-pass-key')
    .refine((key) => key !== LOCAL_MEMBER_PASS_PUBLIC_KEY, 'the development key: make a pair for this stage with npm run member-pass-key'),
  alarmEmail: z.email(),
  /** How long AWS Backup keeps each daily recovery point of the tables holding personal data. */
  backupRetentionDays: z.number().int().min(7).max(3650),
});

export type DeploySettings = z.infer<typeof DeploySettingsSchema>;

/** What only the China partition accepts: CloudFront there takes IAM server certificates, not ACM. */
function chinaProblems(settings: DeploySettings): string[] {
  const web = 'iamServerCertificateId' in settings.certificates.web;
  if (settings.partition === 'aws-cn' && !web) return ['  certificates.web: CloudFront in the China regions takes only an IAM server certificate (iamServerCertificateId)'];
  if (settings.partition === 'aws' && web) return ['  certificates.web: an IAM server certificate is for the China regions: set "partition": "aws-cn", or give an ACM certificate'];
  return [];
}

export const STAGES_DIR = path.resolve(__dirname, '../../stages');
export const EXAMPLE_SETTINGS_FILE = path.join(STAGES_DIR, 'example.json');

/** Parses settings, throwing one message that names every missing or malformed field. */
export function parseDeploySettings(value: unknown, source: string): DeploySettings {
  const parsed = DeploySettingsSchema.safeParse(value);
  const problems = parsed.success ? chinaProblems(parsed.data) : parsed.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`);
  if (parsed.success && problems.length === 0) return parsed.data;
  throw new Error(`stage settings ${source} are incomplete or wrong:\n${problems.join('\n')}\n(infra/stages/example.json shows every field)`);
}

/**
 * The settings file of a stage: `file` if given (relative to where npm was run, else to the
 * repository), otherwise infra/stages/<stage>.json. A deployed stage without one is refused.
 */
export function loadDeploySettings(stage: string, file?: string): DeploySettings {
  const candidates = file
    ? [path.resolve(process.env.INIT_CWD ?? process.cwd(), file), path.resolve(STAGES_DIR, '../..', file)]
    : [path.join(STAGES_DIR, `${stage}.json`)];
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    const required = Object.entries(DeploySettingsSchema.shape)
      .filter(([, field]) => !field.safeParse(undefined).success)
      .map(([key]) => key)
      .join(', ');
    throw new Error(
      `no stage settings for ${stage}: ${file ? `${file} does not exist` : `create infra/stages/${stage}.json`} ` +
        `(copy infra/stages/example.json) or pass -c settings=FILE. It must set: ${required}.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(found, 'utf8'));
  } catch (error) {
    throw new Error(`stage settings ${found} are not valid JSON: ${(error as Error).message}`);
  }
  return parseDeploySettings(json, path.relative(process.cwd(), found) || found);
}
