export { registerMetaRoutes } from './meta.routes';
