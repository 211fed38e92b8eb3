import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AqiRequest,
  AqiResponse,
  HJ212_MAX_PACKET_BYTES,
  Hj212DecodeRequest,
  Hj212DecodeResponse,
  UsccCheckRequest,
  UsccCheckResponse,
  UsccCheckResult,
  UsccParams,
  WaterClassRequest,
  WaterClassResponse,
} from '../../../contracts/standards';
import type { RouteRegistration } from '../../http/routes';
import { errors } from '../../platform/errors';
import { presentAqi, presentHj212Packet, presentUsccCheck, presentWaterClass } from './standards.presenter';

const ErrorResponse = Type.Ref('ErrorEnvelope');
const errorResponses = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 413: ErrorResponse };

/**
 * The standards calculator: HJ 212 decode, HJ 633 AQI, GB 3838 water class and GB 32100 USCC
 * check for any signed-in user. Stateless: no database, no audit. Each result is the object the
 * matching CLI command prints for the same input (the presenter is shared).
 */
export const registerStandardsRoutes: RouteRegistration = (api, ctx) => {
  const routes = api.withTypeProvider<TypeBoxTypeProvider>();

  routes.post(
    '/standards/hj212/decode',
    {
      schema: {
        tags: ['standards'],
        summary: 'Decode raw HJ 212 packets (length, CRC, header, CP) · HJ 212 报文解码',
        body: Hj212DecodeRequest,
        response: { 200: Hj212DecodeResponse, ...errorResponses },
      },
      config: { auth: 'authenticated' },
    },
    async (request) => {
      const { packets, crcTolerance, acceptLengthMismatch } = request.body;
      // The schema bounds characters; the limit is on UTF-8 bytes, as the length field counts them.
      const oversize = packets.findIndex((packet) => Buffer.byteLength(packet, 'utf8') > HJ212_MAX_PACKET_BYTES);
      if (oversize !== -1) {
        throw errors.validation(
          `Invalid request body: packets/${oversize} is longer than ${HJ212_MAX_PACKET_BYTES} bytes`,
          `第 ${oversize + 1} 个报文超过 ${HJ212_MAX_PACKET_BYTES} 字节`,
          [{ in: 'body', path: `/packets/${oversize}`, keyword: 'maxBytes', params: { limit: HJ212_MAX_PACKET_BYTES } }],
        );
      }
      const options = { crcTolerance: crcTolerance ?? 'strict', acceptLengthMismatch: acceptLengthMismatch ?? false } as const;
      return { results: packets.map((packet) => presentHj212Packet(packet, options)) };
    },
  );

  routes.post(
    '/standards/aqi',
    {
      schema: {
        tags: ['standards'],
        summary: 'Air quality index per HJ 633-2012 or HJ 633-2026 · 空气质量指数计算',
        body: AqiRequest,
        response: { 200: AqiResponse, ...errorResponses },
      },
      config: { auth: 'authenticated' },
    },
    async (request) => {
      const { standard, mode, items } = request.body;
      const now = ctx.clock.now();
      return { results: items.map((item) => presentAqi(item, { standard, mode, now })) };
    },
  );

  routes.post(
    '/standards/water-class',
    {
      schema: {
        tags: ['standards'],
        summary: 'Surface water class per GB 3838-2002 (single-factor) · 地表水水质类别评价',
        body: WaterClassRequest,
        response: { 200: WaterClassResponse, ...errorResponses },
      },
      config: { auth: 'authenticated' },
    },
    async (request) => {
      const { waterBody, includeReferenceItems, items } = request.body;
      return { results: items.map((item) => presentWaterClass(item, { waterBody, includeReferenceItems })) };
    },
  );

  routes.get(
    '/standards/uscc/:code',
    {
      schema: {
        tags: ['standards'],
        summary: 'Check one unified social credit code (GB 32100) · 统一社会信用代码校验',
        params: UsccParams,
        response: { 200: UsccCheckResult, ...errorResponses },
      },
      config: { auth: 'authenticated' },
    },
    async (request) => presentUsccCheck(request.params.code),
  );

  routes.post(
    '/standards/uscc/check',
    {
      schema: {
        tags: ['standards'],
        summary: 'Check many unified social credit codes (GB 32100) · 批量校验统一社会信用代码',
        body: UsccCheckRequest,
        response: { 200: UsccCheckResponse, ...errorResponses },
      },
      config: { auth: 'authenticated' },
    },
    async (request) => ({ results: request.body.codes.map(presentUsccCheck) }),
  );
};
