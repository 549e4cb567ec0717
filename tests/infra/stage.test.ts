import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOCAL_MEMBER_PASS_PUBLIC_KEY } from '@yz/shared';
import { App, RemovalPolicy } from 'aws-cdk-lib';
import { loadDeploySettings, parseDeploySettings } from '../../infra/src/cdk/settings';
import { YizhanStack } from '../../infra/src/cdk/stack';
import { stageSettings } from '../../infra/src/cdk/stage';
import { exampleSettings } from './synth';

describe('stages', () => {
  it.each(['local', 'test', 'production', '', undefined])('refuses %p: only dev and prod are deployed', (stage) => {
    expect(() => stageSettings(stage, exampleSettings())).toThrow(/stage must be one of dev, prod/);
    expect(() => new YizhanStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Yizhan', { stage, deploySettings: exampleSettings() })).toThrow(
      /stage must be one of/,
    );
  });

  it('names every stage-owned resource with its own prefix', () => {
    expect(stageSettings('dev', exampleSettings()).prefix).toBe('yizhan-dev-');
    expect(stageSettings('prod', exampleSettings()).prefix).toBe('yizhan-prod-');
  });

  it('retains in production except when a first create fails (RetainExceptOnCreate), destroys in dev', () => {
    expect(stageSettings('prod', exampleSettings()).removalPolicy).toBe(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);
    expect(stageSettings('dev', exampleSettings()).removalPolicy).toBe(RemovalPolicy.DESTROY);
  });
});

describe('stage settings files', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'yz-stage-settings-'));
  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  };

  it('ships infra/stages/example.json, complete', () => {
    expect(exampleSettings().templates.membershipResult).toMatch(/example/);
  });

  it('refuses a deployed stage without a settings file, naming the file and every field it needs', () => {
    expect(() => loadDeploySettings('prod')).toThrow(/no stage settings for prod: create infra\/stages\/prod\.json.*wechatAppId, templates, domains, certificates, memberPassPublicKey, alarmEmail, backupRetentionDays/s);
    expect(() => loadDeploySettings('prod', path.join(dir, 'nope.json'))).toThrow(/nope\.json does not exist/);
  });

  it('names each missing or malformed field', () => {
    const { templates, ...rest } = exampleSettings();
    const file = write('missing.json', { ...rest, templates: { membershipResult: templates.membershipResult }, alarmEmail: 'not-an-address' });
    const error = (() => {
      try {
        loadDeploySettings('prod', file);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(error).toMatch(/templates\.wishProgress/);
    expect(error).toMatch(/templates\.wishClaim/);
    expect(error).toMatch(/templates\.boardPost/);
    expect(error).toMatch(/alarmEmail/);
    expect(error).not.toMatch(/domains/);
  });

  it("refuses the member card's development public key and anything that is not an Ed25519 key", () => {
    expect(() => parseDeploySettings({ ...exampleSettings(), memberPassPublicKey: LOCAL_MEMBER_PASS_PUBLIC_KEY }, 'dev key')).toThrow(/memberPassPublicKey: the development key/);
    expect(() => parseDeploySettings({ ...exampleSettings(), memberPassPublicKey: 'TODO' }, 'todo')).toThrow(/memberPassPublicKey: an Ed25519 public key/);
  });

  it('refuses unknown fields (a typo is not silently ignored) and bad JSON', () => {
    expect(() => parseDeploySettings({ ...exampleSettings(), alarmEmial: 'x@y.cn' }, 'typo')).toThrow(/alarmEmial/);
    expect(() => loadDeploySettings('prod', write('bad.json', '{ "wechatAppId": '))).toThrow(/not valid JSON/);
  });

  it('takes either an ACM certificate or (China regions) an IAM server certificate for the web domain, but only ACM for the API', () => {
    const s = exampleSettings();
    expect(parseDeploySettings({ ...s, partition: 'aws-cn', certificates: { ...s.certificates, web: { iamServerCertificateId: 'ASCAEXAMPLE123456789' } } }, 'iam').certificates.web).toEqual({
      iamServerCertificateId: 'ASCAEXAMPLE123456789',
    });
    expect(() => parseDeploySettings({ ...s, certificates: { ...s.certificates, api: { iamServerCertificateId: 'ASCAEXAMPLE123456789' } } }, 'iam')).toThrow(
      /certificates\.api/,
    );
  });

  it('ties the IAM server certificate to the China partition, and ACM for CloudFront to the others', () => {
    const s = exampleSettings();
    expect(s.partition).toBe('aws');
    const iam = { ...s.certificates, web: { iamServerCertificateId: 'ASCAEXAMPLE123456789' } };
    expect(() => parseDeploySettings({ ...s, certificates: iam }, 'iam')).toThrow(/certificates\.web: an IAM server certificate is for the China regions/);
    expect(() => parseDeploySettings({ ...s, partition: 'aws-cn' }, 'acm')).toThrow(/certificates\.web: CloudFront in the China regions takes only an IAM server certificate/);
    expect(() => parseDeploySettings({ ...s, partition: 'cn' }, 'typo')).toThrow(/partition/);
  });
});
