import { EXAMPLE_SETTINGS_FILE, loadDeploySettings, type DeploySettings } from '../../infra/src/cdk/settings';

/**
 * Stage settings without placeholders, for tests that start a function with the environment the
 * template gives it: with infra/stages/example.json's values the function refuses to start, as it
 * must in AWS (functions/src/platform/config.ts).
 */
export function filledDeploySettings(): DeploySettings {
  const example = loadDeploySettings('example', EXAMPLE_SETTINGS_FILE);
  return {
    ...example,
    wechatAppId: 'wx1a2b3c4d5e6f7a8b',
    templates: { membershipResult: 'tmpl-membership-2f9c', wishProgress: 'tmpl-wish-progress-81d0', wishClaim: 'tmpl-wish-claim-c4e7', boardPost: 'tmpl-board-post-5a1e', staleDigest: 'tmpl-stale-digest-5a1b' },
    domains: { api: 'api.yizhan-test.cn', web: 'm.yizhan-test.cn' },
  };
}

/** The variables a deployed function gets from the stack, filled in (as CDK would from filled settings). */
export function deployedEnv(stage: 'dev' | 'prod'): Record<string, string> {
  const s = filledDeploySettings();
  return {
    YZ_STAGE: stage,
    YZ_TABLE_PREFIX: `yizhan-${stage}-`,
    YZ_WECHAT_TEMPLATE_MEMBERSHIP: s.templates.membershipResult,
    YZ_WECHAT_TEMPLATE_WISH_PROGRESS: s.templates.wishProgress,
    YZ_WECHAT_TEMPLATE_WISH_CLAIM: s.templates.wishClaim,
    YZ_WECHAT_TEMPLATE_BOARD_POST: s.templates.boardPost,
    YZ_WECHAT_TEMPLATE_STALE_DIGEST: s.templates.staleDigest,
    YZ_PHOTO_BASE_URL: `https://${s.domains.web}/`,
    YZ_MEMBER_PASS_PUBLIC_KEY: s.memberPassPublicKey,
  };
}
