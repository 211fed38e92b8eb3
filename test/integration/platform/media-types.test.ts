import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../../../src/contracts/errors';
import type { UploadList } from '../../../src/contracts/releases';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { datasetBody } from '../catalog/catalog-fixtures';
import { goodSections, makeReleaseWorld, postFile, type ReleaseWorld } from '../releases/releases-fixtures';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UPLOAD_TYPES = ['application/json', 'text/csv', XLSX];
const SECTIONS_CSV = `section_code,section_name,division_code\r\n${goodSections.map((s) => `${s.section_code},${s.section_name},${s.division_code}`).join('\r\n')}\r\n`;

/**
 * A 415 tells the client which media types the route takes: the file-upload route lists JSON,
 * CSV and XLSX; JSON routes (in the same scope, with its file parsers, and elsewhere) say JSON.
 */
describe.each(testDialects())('415 names the media types of the route (%s)', (dialect) => {
  let t: TestApp;
  let world: ReleaseWorld;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { env: IDENTITY_TEST_ENV });
    world = await makeReleaseWorld(t.app, t.ctx);
  });
  afterAll(async () => t?.close());

  const uploadsOf = async () => (await t.app.inject({ method: 'GET', url: `/api/v1/datasets/${world.dataset.id}/uploads`, headers: world.jiangsu.steward.headers() })).json<UploadList>().total;

  it('the upload route names JSON, CSV and XLSX, in English and Chinese, and stores nothing', async () => {
    const before = await uploadsOf();
    const response = await postFile(t.app, world.jiangsu.steward, world.dataset.id, 'text/plain', SECTIONS_CSV, 'mode=append&table=sections');
    expect(response.statusCode).toBe(415);
    const { error } = response.json<ErrorEnvelope>();
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toBe(`Unsupported content type; this endpoint accepts application/json, text/csv, ${XLSX}`);
    expect(error.messageZh).toBe(`不支持的内容类型，此接口只接受：application/json, text/csv, ${XLSX}`);
    expect(error.details).toEqual({ accepted: UPLOAD_TYPES });
    expect(await uploadsOf()).toBe(before);
  });

  it('refuses a type another route of the scope parses (octet-stream is for attachments), and takes CSV with a charset', async () => {
    const octets = await postFile(t.app, world.jiangsu.steward, world.dataset.id, 'application/octet-stream', SECTIONS_CSV, 'mode=append&table=sections');
    expect(octets.statusCode).toBe(415);
    expect(octets.json<ErrorEnvelope>().error.details).toEqual({ accepted: UPLOAD_TYPES });

    const csv = await postFile(t.app, world.jiangsu.steward, world.dataset.id, 'text/csv; charset=utf-8', SECTIONS_CSV, 'mode=append&table=sections');
    expect(csv.statusCode, csv.body).toBe(201);
  });

  it('a JSON route says JSON, also inside the scope that parses files', async () => {
    const release = await t.app.inject({
      method: 'POST',
      url: `/api/v1/datasets/${world.dataset.id}/releases`,
      headers: { ...world.jiangsu.steward.headers(true), 'content-type': 'text/plain' },
      payload: 'note',
    });
    expect(release.statusCode).toBe(415);
    expect(release.json<ErrorEnvelope>().error).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Unsupported content type; this endpoint accepts application/json',
      messageZh: '不支持的内容类型，此接口只接受：application/json',
      details: { accepted: ['application/json'] },
    });

    const dataset = await t.app.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      headers: { ...world.jiangsu.steward.headers(true), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ titleZh: datasetBody({ ownerOrganisationId: world.jiangsu.organisation.id }).titleZh }).toString(),
    });
    expect(dataset.statusCode).toBe(415);
    expect(dataset.json<ErrorEnvelope>().error.details).toEqual({ accepted: ['application/json'] });
  });

  it('identifies the caller before looking at the body type', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: `/api/v1/datasets/${world.dataset.id}/uploads?mode=append&table=sections`, headers: { 'content-type': 'text/plain' }, payload: SECTIONS_CSV });
    expect(anonymous.statusCode).toBe(401);
  });
});
