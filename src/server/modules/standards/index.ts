/** The standards module's public surface: the calculator routes and the presenters the CLI shares. */
export { registerStandardsRoutes } from './standards.routes';
export {
  presentAqi,
  presentHj212Packet,
  presentUsccCheck,
  presentWaterClass,
  type AqiPresentOptions,
  type Hj212DecodeOptions,
  type WaterClassPresentOptions,
} from './standards.presenter';
